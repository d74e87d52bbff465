// The open sessions: unguessable ids, the --max-sessions and --max-memory budgets, and one lock per session so
// that calls on one session run one at a time while other sessions carry on.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "accelerated_engine.h"
#include "tsnn/session/session.h"

namespace tsnn::server {

struct SessionEntry {
  std::string id;
  std::string client;                       // the header's free text, for the log
  std::timed_mutex callMutex;               // held for the whole of every call on this session
  std::unique_ptr<tsnn::Session> session;   // guarded by callMutex
  // The CUDA engine running this session's step loop (null: the CPU engine); also held by the Simulation.
  std::shared_ptr<tsnn::accel::AcceleratedEngine> engine;
  uint64_t memoryBytes = 0;                 // what this session holds of --max-memory
  std::atomic<bool> closing{false};         // set by CloseSession / shutdown: a run in progress stops at its next piece
  // When a write to the client of the call holding callMutex began and has not returned (steady-clock ns since
  // its epoch; 0: none): a client that stops reading blocks that write, and the watchdog cancels the call.
  std::atomic<int64_t> writeBlockedSince{0};
  // When the last call on it ended (steady-clock ns; set at creation too) and whether one is running: a session
  // nobody calls for --session-idle-seconds is closed (a client that vanished without CloseSession).
  std::atomic<int64_t> lastUsed{0};
  std::atomic<bool> inCall{false};

  // The call holding callMutex registers how to cancel it (grpc::ServerContext::TryCancel), so that closing the
  // session, shutting down or the watchdog can end a call blocked on a client that stopped reading.
  void setCancel(std::function<void()> cancel);
  void cancelCall();
  // After `closing` is set: cancels the call only if it is blocked in a write (a call that is not ends at its
  // next piece with its own message; one that starts a write later sees `closing`).
  void cancelIfBlocked();

 private:
  std::mutex cancelMutex_;
  std::function<void()> cancel_;            // guarded by cancelMutex_
};

class SessionRegistry {
 public:
  SessionRegistry(uint32_t maxSessions, uint64_t maxMemory);

  // Claims a session slot and `bytes` of the memory budget for a session about to be built. Throws tsnn::Error
  // RESOURCE_EXHAUSTED naming the limit. Every successful reserve is followed by exactly one add() or release().
  void reserve(uint64_t bytes);
  void release(uint64_t bytes);
  // Re-books a reservation to the size actually built; throws RESOURCE_EXHAUSTED (and keeps the old booking)
  // when the difference no longer fits.
  void rebook(uint64_t reserved, uint64_t actual);

  // Registers a built session under a fresh random id (its memoryBytes already reserved) and returns the id.
  std::string add(const std::shared_ptr<SessionEntry>& entry);
  // nullptr when unknown.
  std::shared_ptr<SessionEntry> find(const std::string& id) const;
  // Removes and returns the session (nullptr when unknown), freeing its slot and memory, and marks it closing.
  std::shared_ptr<SessionEntry> remove(const std::string& id);
  // Marks every session closing (runs stop at their next piece) and cancels their calls.
  void closeAll();
  // Calls `visit` on every open session (under the registry's lock: `visit` must not call back into it).
  void forEach(const std::function<void(SessionEntry&)>& visit) const;

  uint32_t maxSessions() const { return maxSessions_; }
  uint64_t maxMemory() const { return maxMemory_; }
  uint32_t activeSessions() const;
  uint64_t usedMemory() const;

 private:
  std::string freshId();

  const uint32_t maxSessions_;
  const uint64_t maxMemory_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<SessionEntry>> sessions_;
  uint32_t slotsTaken_ = 0;   // open sessions plus those being built
  uint64_t bytesTaken_ = 0;
  std::random_device entropy_;
};

// 32 lowercase hex digits from 128 bits of std::random_device.
std::string randomSessionId(std::random_device& entropy);

}  // namespace tsnn::server
