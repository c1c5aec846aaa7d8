#include "web/http/connection_deadlines.h"

#include <sys/socket.h>

#include <utility>
#include <vector>

namespace tellal::web {

ConnectionDeadlines::ConnectionDeadlines(ExpiredLog log) : log_(std::move(log)), watchdog_([this] { Run(); }) {}

ConnectionDeadlines::~ConnectionDeadlines() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

void ConnectionDeadlines::Open(const void* key, int fd, std::string peer, Clock::time_point deadline) {
  {
    std::lock_guard lock(mu_);
    entries_[key] = Entry{fd, std::move(peer), true, deadline};
  }
  wake_.notify_all();
}

void ConnectionDeadlines::Arm(const void* key, Clock::time_point deadline) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    it->second.armed = true;
    it->second.deadline = deadline;
  }
  wake_.notify_all();
}

void ConnectionDeadlines::Disarm(const void* key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) it->second.armed = false;
}

void ConnectionDeadlines::Close(const void* key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

int ConnectionDeadlines::expired_count() const {
  std::lock_guard lock(mu_);
  return expired_;
}

void ConnectionDeadlines::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const Clock::time_point now = Clock::now();
    std::vector<std::string> cut;
    bool any_armed = false;
    Clock::time_point next = Clock::time_point::max();
    for (auto& [key, entry] : entries_) {
      if (!entry.armed) continue;
      if (entry.deadline <= now) {
        // Under the lock, so Close() cannot let the descriptor be closed and
        // reused while this runs.
        ::shutdown(entry.fd, SHUT_RDWR);
        entry.armed = false;
        ++expired_;
        cut.push_back(entry.peer);
        continue;
      }
      any_armed = true;
      if (entry.deadline < next) next = entry.deadline;
    }
    if (!cut.empty()) {
      lock.unlock();
      for (const std::string& peer : cut) log_(peer);
      lock.lock();
      continue;  // entries may have changed while unlocked
    }
    if (any_armed) {
      wake_.wait_until(lock, next);
    } else {
      wake_.wait(lock);
    }
  }
}

}  // namespace tellal::web
