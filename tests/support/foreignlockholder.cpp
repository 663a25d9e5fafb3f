#include "foreignlockholder.h"

#include <QFile>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

ForeignLockHolder::ForeignLockHolder(const QString &path)
{
    int ready[2];
    int release[2];
    if (::pipe(ready) != 0)
        return;
    if (::pipe(release) != 0) {
        ::close(ready[0]);
        ::close(ready[1]);
        return;
    }
    const QByteArray name = QFile::encodeName(path);
    m_pid = ::fork();
    if (m_pid == 0) {
        // Only async-signal-safe calls between fork and _exit.
        ::close(ready[0]);
        ::close(release[1]);
        const int fd = ::open(name.constData(), O_RDWR);
        struct flock lock
        { };
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        const char status = (fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0) ? 'L' : 'E';
        (void)!::write(ready[1], &status, 1);
        char byte;
        (void)!::read(release[0], &byte, 1); // returns when the parent closes its end
        ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    m_releaseFd = release[1];
    char status = 0;
    m_locked = ::read(ready[0], &status, 1) == 1 && status == 'L';
    ::close(ready[0]);
}

void ForeignLockHolder::release()
{
    if (m_releaseFd >= 0) {
        ::close(m_releaseFd);
        m_releaseFd = -1;
    }
    if (m_pid > 0) {
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
}
