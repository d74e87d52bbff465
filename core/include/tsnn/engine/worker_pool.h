// A fixed set of threads that run one task together, many times a second: the step loop hands every step's neuron
// updates to it (Simulation::setThreads). A step of a small network takes microseconds, so the helpers spin
// between tasks instead of sleeping (a futex wake-up costs tens of microseconds); after 200 us without work
// (between runs, or while others did their work) they sleep on a condition variable and cost nothing.
//
// A task has one slot per thread, and a helper's slot is work, not a thread: each thread runs its own slot first,
// then any helper's slot no thread has claimed yet (slot 0 is always the caller's). The slots a helper has not
// reached (it lost its core to another process or to a JIT compiler's thread, or it is still waking up) are run by
// the others, so the step goes on instead of waiting whole time slices of the system's scheduler for it
// (docs/architecture.md, Threads).
//
// Threads change where work runs, never what it computes: each cell is updated by exactly one thread with the same
// operations, and everything order-dependent stays on the calling thread, so any thread count gives the same bits.
//
// The single-threaded WebAssembly build (no -pthread) has no threads: there the pool always has size 1.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tsnn {

class WorkerPool {
 public:
  // `threads` workers in all, counting the caller (>= 1; 1 in a build without threads). More than the cores work
  // but only slowly: callers cap at threadsAvailable().
  explicit WorkerPool(uint32_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  uint32_t size() const { return static_cast<uint32_t>(helpers_.size()) + 1; }
  // Runs task(slot) once for every slot in [0, size()): slot 0 on the calling thread, slot k on helper k or on
  // whichever thread claims it first. Returns when all are done; then rethrows the first exception a slot's task
  // threw (the others' are dropped). Not reentrant.
  void run(const std::function<void(uint32_t)>& task);

  // How many threads this build can use at most (1 without thread support; else the hardware's count).
  static uint32_t threadsAvailable();

 private:
  void helperLoop(uint32_t worker);
  // Runs every helper's slot (1 to size() - 1) of task `generation` this thread can still claim, `first` first.
  void runHelperSlots(uint64_t generation, uint32_t first);
  bool claim(uint32_t slot, uint64_t generation);
  void runCaught(const std::function<void(uint32_t)>& task, uint32_t slot);

  std::vector<std::thread> helpers_;
  const std::function<void(uint32_t)>* task_ = nullptr;
  std::atomic<uint64_t> generation_{0};  // bumped once per task
  // Per slot: the last generation a thread claimed it for, a cache line each (the threads claim their own at once).
  struct alignas(64) SlotClaim {
    std::atomic<uint64_t> generation{0};
  };
  std::unique_ptr<SlotClaim[]> slotClaims_;
  std::atomic<uint32_t> unfinished_{0};  // helpers' slots of the current task not yet done
  std::atomic<uint32_t> sleepers_{0};
  std::atomic<bool> stopping_{false};
  std::exception_ptr failure_;  // the first exception of the current task's workers, under mutex_
  std::atomic<bool> failed_{false};  // failure_ is set: run() takes the lock only then
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace tsnn
