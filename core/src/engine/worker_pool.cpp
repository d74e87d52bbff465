#include "tsnn/engine/worker_pool.h"

#include <algorithm>
#include <chrono>
#include <system_error>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace tsnn {

namespace {

// How long a helper spins for the next task before it sleeps: above the gap between two tasks of a busy run (the
// calling thread's own part of a step), so that a run's steps pay no wake-ups; short, so that a helper whose slots
// the others took (its core was busy with another process) gives its core back soon. Two threads on 2 cores
// beside a busy process, COBA's steady state per biological s: 120-171 ms with 2 ms, 88-153 with 200 us (one
// thread: 94-101). The clock is read once every kSpinsPerClockRead spins (in WebAssembly, a call out to
// JavaScript).
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(200);
constexpr uint32_t kSpinsPerClockRead = 4096;

// A short pause at first; later a yield, so that more threads than cores (a test, a busy machine) still progress.
// Not in WebAssembly: there sched_yield does nothing but costs a call out to JavaScript (emscripten wraps it for
// its JavaScript exceptions), and the engine never starts more threads than cores.
inline void relax(uint32_t spins) {
#if defined(__EMSCRIPTEN__)
  (void)spins;
#else
  if (spins > 1000) {
    std::this_thread::yield();
    return;
  }
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
#endif
}

}  // namespace

uint32_t WorkerPool::threadsAvailable() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return 1;
#else
  return std::max(1u, std::thread::hardware_concurrency());
#endif
}

WorkerPool::WorkerPool(uint32_t threads) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  threads = 1;
#endif
  const uint32_t count = std::max(1u, threads);
  slotClaims_.reset(new SlotClaim[count]);
  helpers_.reserve(count - 1);
  for (uint32_t w = 1; w < count; ++w) {
    // A thread the system refuses (the WebAssembly build's worker pool is full) only means fewer helpers.
    try {
      helpers_.emplace_back([this, w] { helperLoop(w); });
    } catch (const std::system_error&) {
      break;
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_.store(true);
  }
  wake_.notify_all();
  for (auto& helper : helpers_) helper.join();
}

void WorkerPool::run(const std::function<void(uint32_t)>& task) {
  if (helpers_.empty()) {
    task(0);
    return;
  }
  task_ = &task;
  unfinished_.store(size() - 1);
  const uint64_t generation = generation_.fetch_add(1) + 1;  // publishes task_ and unfinished_ (seq_cst)
  if (sleepers_.load() != 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_.notify_all();
  }
  runCaught(task, 0);
  // The helpers' slots no helper has claimed yet, then those still running, which read task_ until they are
  // done: an exception leaves only after them. Where every helper is done already, no claim is read.
  if (unfinished_.load() != 0) runHelperSlots(generation, 1);
  for (uint32_t spins = 0; unfinished_.load() != 0; ++spins) relax(spins);
  // A helper's slot sets failed_ before its unfinished_ decrement: read after the last, failed_ is final.
  if (!failed_.load()) return;
  std::exception_ptr failure;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(failure, failure_);
    failed_.store(false);
  }
  std::rethrow_exception(failure);
}

void WorkerPool::runHelperSlots(uint64_t generation, uint32_t first) {
  const uint32_t helpers = size() - 1;
  for (uint32_t k = 0; k < helpers; ++k) {
    const uint32_t slot = 1 + (first - 1 + k) % helpers;
    if (!claim(slot, generation)) continue;
    runCaught(*task_, slot);
    unfinished_.fetch_sub(1);
  }
}

// A slot is claimed once per task: its claim moves from an earlier generation to this one. A helper that read a
// generation and was held up until the caller had finished that task alone finds every slot claimed for it (a
// task ends only when all its slots are done), so it never runs a later task's slot under an older number.
bool WorkerPool::claim(uint32_t slot, uint64_t generation) {
  std::atomic<uint64_t>& claims = slotClaims_[slot].generation;
  uint64_t claimed = claims.load();
  while (claimed < generation)
    if (claims.compare_exchange_weak(claimed, generation)) return true;
  return false;
}

void WorkerPool::runCaught(const std::function<void(uint32_t)>& task, uint32_t slot) {
  try {
    task(slot);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
    failed_.store(true);
  }
}

void WorkerPool::helperLoop(uint32_t worker) {
  uint64_t seen = 0;
  for (;;) {
    uint32_t spins = 0;
    auto spinningSince = std::chrono::steady_clock::now();
    while (generation_.load() == seen && !stopping_.load()) {
      if (++spins % kSpinsPerClockRead != 0 || std::chrono::steady_clock::now() - spinningSince < kSpinBeforeSleep) {
        relax(spins);
        continue;
      }
      // sleepers_ is raised before generation_ is read again under the lock, and run() reads sleepers_ after
      // bumping generation_: one of the two sees the other, so no wake-up is lost.
      std::unique_lock<std::mutex> lock(mutex_);
      sleepers_.fetch_add(1);
      wake_.wait(lock, [&] { return generation_.load() != seen || stopping_.load(); });
      sleepers_.fetch_sub(1);
      spins = 0;
      spinningSince = std::chrono::steady_clock::now();
    }
    if (stopping_.load()) return;
    seen = generation_.load();
    runHelperSlots(seen, worker);
  }
}

}  // namespace tsnn
