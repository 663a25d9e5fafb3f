#pragma once

#include <QString>

#include <sys/types.h>

// Holds a classic POSIX fcntl write lock on a file from a child process, as
// mutt or Dovecot would, until release() or destruction. A child, because
// fcntl locks are per process: one this process took would not block its
// own sinks.
class ForeignLockHolder
{
public:
    explicit ForeignLockHolder(const QString &path);
    ~ForeignLockHolder() { release(); }
    ForeignLockHolder(const ForeignLockHolder &) = delete;
    ForeignLockHolder &operator=(const ForeignLockHolder &) = delete;

    // Whether the child got the lock.
    [[nodiscard]] bool isLocked() const { return m_locked; }
    // Lets the child drop the lock and end; waits for it.
    void release();

private:
    pid_t m_pid = -1;
    int m_releaseFd = -1;
    bool m_locked = false;
};
