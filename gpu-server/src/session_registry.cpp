#include "session_registry.h"

#include "tsnn/error.h"

namespace tsnn::server {

std::string randomSessionId(std::random_device& entropy) {
  static const char hex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  // std::random_device yields 32 bits per call: four calls make the 128 bits.
  for (int word = 0; word < 4; ++word) {
    uint32_t bits = entropy();
    for (int nibble = 0; nibble < 8; ++nibble, bits >>= 4) id.push_back(hex[bits & 15u]);
  }
  return id;
}

SessionRegistry::SessionRegistry(uint32_t maxSessions, uint64_t maxMemory) : maxSessions_(maxSessions), maxMemory_(maxMemory) {}

void SessionRegistry::reserve(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (slotsTaken_ >= maxSessions_) {
    throw tsnn::Error(tsnn::ErrorCode::ResourceExhausted, "",
                      "the server already holds " + std::to_string(slotsTaken_) + " sessions, the most --max-sessions allows (" +
                          std::to_string(maxSessions_) + "); close one first");
  }
  if (bytes > maxMemory_ - bytesTaken_) {
    throw tsnn::Error(tsnn::ErrorCode::ResourceExhausted, "network",
                      "needs about " + std::to_string(bytes) + " bytes of engine memory, but only " +
                          std::to_string(maxMemory_ - bytesTaken_) + " of the server's " + std::to_string(maxMemory_) +
                          " bytes (--max-memory) are free");
  }
  ++slotsTaken_;
  bytesTaken_ += bytes;
}

void SessionRegistry::release(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  --slotsTaken_;
  bytesTaken_ -= bytes;
}

void SessionRegistry::rebook(uint64_t reserved, uint64_t actual) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (actual > reserved && actual - reserved > maxMemory_ - bytesTaken_) {
    throw tsnn::Error(tsnn::ErrorCode::ResourceExhausted, "network",
                      "the built network holds " + std::to_string(actual) + " bytes of engine memory, more than the " +
                          std::to_string(maxMemory_ - bytesTaken_ + reserved) + " bytes left of --max-memory (" +
                          std::to_string(maxMemory_) + ")");
  }
  bytesTaken_ = bytesTaken_ - reserved + actual;
}

std::string SessionRegistry::freshId() {
  for (;;) {
    std::string id = randomSessionId(entropy_);
    if (sessions_.count(id) == 0) return id;
  }
}

std::string SessionRegistry::add(const std::shared_ptr<SessionEntry>& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  entry->id = freshId();
  sessions_[entry->id] = entry;
  return entry->id;
}

std::shared_ptr<SessionEntry> SessionRegistry::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
}

std::shared_ptr<SessionEntry> SessionRegistry::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return nullptr;
  std::shared_ptr<SessionEntry> entry = it->second;
  sessions_.erase(it);
  entry->closing = true;  // a running call stops at its next piece; SimulatorService ends one blocked in a write
  --slotsTaken_;
  bytesTaken_ -= entry->memoryBytes;
  return entry;
}

void SessionRegistry::closeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& item : sessions_) {
    item.second->closing = true;
    item.second->cancelIfBlocked();
  }
}

void SessionRegistry::forEach(const std::function<void(SessionEntry&)>& visit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& item : sessions_) visit(*item.second);
}

void SessionEntry::setCancel(std::function<void()> cancel) {
  std::lock_guard<std::mutex> lock(cancelMutex_);
  cancel_ = std::move(cancel);
}

void SessionEntry::cancelIfBlocked() {
  if (writeBlockedSince != 0) cancelCall();
}

void SessionEntry::cancelCall() {
  std::lock_guard<std::mutex> lock(cancelMutex_);
  if (cancel_) cancel_();
}

uint32_t SessionRegistry::activeSessions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<uint32_t>(sessions_.size());
}

uint64_t SessionRegistry::usedMemory() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytesTaken_;
}

}  // namespace tsnn::server
