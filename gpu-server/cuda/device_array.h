// A typed array in a StepBackend's memory, freed with its owner; sized and filled from host vectors.
#pragma once

#include <cstddef>
#include <vector>

#include "step_backend.h"

namespace tsnn {
namespace accel {

template <typename T>
class DeviceArray {
 public:
  DeviceArray() = default;
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;
  ~DeviceArray() { free(); }

  // Allocates `count` zeroed elements (keeps the memory when the size is unchanged, zeroing it).
  void resize(StepBackend& backend, size_t count) {
    if (backend_ == &backend && count_ == count && data_ != nullptr) {
      backend.zero(data_, bytes());
      return;
    }
    free();
    backend_ = &backend;
    count_ = count;
    data_ = static_cast<T*>(backend.allocate(bytes()));
  }
  // Allocates `count` zeroed elements the host may read in place (StepBackend::allocateShared): hostData() is
  // then non-null where the device shares the host's memory.
  void resizeShared(StepBackend& backend, size_t count) {
    free();
    backend_ = &backend;
    count_ = count;
    void* host = nullptr;
    data_ = static_cast<T*>(backend.allocateShared(bytes(), &host));
    host_ = static_cast<T*>(host);
  }
  // Sizes to `host` and copies it up.
  void assign(StepBackend& backend, const std::vector<T>& host) { assign(backend, host.data(), host.size()); }
  // Sizes to `count` elements and copies them up from `host`.
  void assign(StepBackend& backend, const T* host, size_t count) {
    if (backend_ != &backend || count_ != count || data_ == nullptr) {
      free();
      backend_ = &backend;
      count_ = count;
      data_ = static_cast<T*>(backend.allocate(bytes()));
    }
    backend.upload(data_, host, bytes());
  }
  // Copies `count` elements to positions [offset, offset + count) (the array already sized).
  void uploadAt(size_t offset, const T* host, size_t count) {
    if (count != 0) backend_->upload(data_ + offset, host, count * sizeof(T));
  }
  void copyTo(std::vector<T>& host) const {
    host.resize(count_);
    if (backend_ != nullptr) backend_->download(host.data(), data_, bytes());
  }
  void zero() {
    if (backend_ != nullptr) backend_->zero(data_, bytes());
  }

  T* data() const { return data_; }
  // The host's address of resizeShared memory the host reads in place, or null (read it with copyTo / download).
  const T* hostData() const { return host_; }
  size_t size() const { return count_; }
  size_t bytes() const { return count_ * sizeof(T); }

 private:
  void free() {
    if (backend_ != nullptr && data_ != nullptr) backend_->release(data_);
    data_ = nullptr;
    host_ = nullptr;
    count_ = 0;
  }

  StepBackend* backend_ = nullptr;
  T* data_ = nullptr;
  T* host_ = nullptr;
  size_t count_ = 0;
};

}  // namespace accel
}  // namespace tsnn
