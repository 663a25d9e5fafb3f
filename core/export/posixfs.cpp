#include "posixfs.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PosixFs {

namespace {
std::atomic<int> g_syncCalls{0};
} // namespace

int syncCalls()
{
    return g_syncCalls.load(std::memory_order_relaxed);
}

int writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, static_cast<size_t>(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (written == 0)
            return EIO; // a regular file never does this; do not spin
        data += written;
        size -= written;
    }
    return 0;
}

int openAt(int dirFd, const QByteArray &name, int flags, mode_t mode)
{
    for (;;) {
        const int fd = ::openat(dirFd, name.constData(), flags | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
        if (errno != EINTR)
            return -errno;
    }
}

int openDirectory(const QString &path)
{
    return openAt(AT_FDCWD, QFile::encodeName(path), O_RDONLY | O_DIRECTORY);
}

int syncFd(int fd)
{
    g_syncCalls.fetch_add(1, std::memory_order_relaxed);
    while (::fsync(fd) != 0) {
        if (errno != EINTR)
            return errno;
    }
    return 0;
}

int syncFileSystem(int fd)
{
    g_syncCalls.fetch_add(1, std::memory_order_relaxed);
    while (::syncfs(fd) != 0) {
        if (errno != EINTR)
            return errno;
    }
    return 0;
}

bool onFileSystemOf(int fd, const QString &path)
{
    struct stat ofFd
    { };
    struct stat ofPath
    { };
    if (fd < 0 || ::fstat(fd, &ofFd) != 0)
        return false;
    if (::stat(QFile::encodeName(path).constData(), &ofPath) != 0) {
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        if (slash <= 0 || ::stat(QFile::encodeName(path.left(slash)).constData(), &ofPath) != 0)
            return false;
    }
    return ofFd.st_dev == ofPath.st_dev;
}

void startWriteback(int fd)
{
    // Errors are not lost: the sync that follows reports them.
    (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

int renameNoReplace(int fromDir, const QByteArray &from, int toDir, const QByteArray &to)
{
    if (::renameat2(fromDir, from.constData(), toDir, to.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    // The file system cannot do RENAME_NOREPLACE: link() refuses to replace
    // too, and the Maildir specification describes exactly this pair.
    if (::linkat(fromDir, from.constData(), toDir, to.constData(), 0) != 0)
        return errno;
    if (::unlinkat(fromDir, from.constData(), 0) != 0)
        return errno;
    return 0;
}

int makePath(const QString &path)
{
    const QByteArray encoded = QFile::encodeName(path);
    struct stat st
    { };
    if (::stat(encoded.constData(), &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash > 0) {
        if (const int error = makePath(path.left(slash)))
            return error;
    }
    if (::mkdir(encoded.constData(), 0700) != 0 && errno != EEXIST)
        return errno;
    return 0;
}

void closeFd(int &fd)
{
    if (fd >= 0) {
        // close() must not be retried on EINTR on Linux: the fd is gone anyway.
        ::close(fd);
        fd = -1;
    }
}

} // namespace PosixFs
