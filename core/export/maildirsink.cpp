#include "maildirsink.h"

#include "posixfs.h"
#include "sinkdevice.h"

#include <QCoreApplication>
#include <QFile>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <pthread.h>
#include <sys/time.h>
#include <unistd.h>
#include <utility>

MaildirSink::MaildirSink(QString directory)
    : MessageSink(std::move(directory))
{ }

MaildirSink::~MaildirSink()
{
    rollbackBatch();
    PosixFs::closeFd(m_tmpDirFd);
    PosixFs::closeFd(m_newDirFd);
}

namespace {

// The host part of a unique name, escaped as the Maildir specification asks.
QByteArray escapedHostName()
{
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        qstrcpy(host, "localhost");
    QByteArray escaped;
    for (const char *p = host; *p; ++p) {
        if (*p == '/')
            escaped += "\\057";
        else if (*p == ':')
            escaped += "\\072";
        else
            escaped += *p;
    }
    return escaped;
}

// getpid() and gethostname() are system calls; an export names one file a
// message, so both are asked once. A forked child gets its own pid again
// (the pid is what keeps names unique between processes).
std::atomic<qint64> g_cachedPid{0};

qint64 currentPid()
{
    static const bool resetInChild = [] {
        ::pthread_atfork(nullptr, nullptr, [] { g_cachedPid.store(0); });
        return true;
    }();
    Q_UNUSED(resetInChild)
    qint64 pid = g_cachedPid.load(std::memory_order_relaxed);
    if (pid == 0) {
        pid = qint64(::getpid());
        g_cachedPid.store(pid, std::memory_order_relaxed);
    }
    return pid;
}

} // namespace

QByteArray MaildirSink::uniqueName()
{
    static std::atomic<quint64> counter{0};
    static const QByteArray host = escapedHostName();
    timeval now{};
    ::gettimeofday(&now, nullptr);
    return QByteArray::number(qint64(now.tv_sec)) + ".M" + QByteArray::number(qint64(now.tv_usec)) +
            'P' + QByteArray::number(currentPid()) + 'Q' + QByteArray::number(++counter) + '.' +
            host;
}

ExportResult MaildirSink::doOpen()
{
    for (const char *sub : {"", "/tmp", "/new", "/cur"}) {
        const QString path = targetPath() + QLatin1String(sub);
        if (const int error = PosixFs::makePath(path))
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink",
                                                "Cannot create the Maildir directory %1")
                            .arg(path));
    }
    const int tmpFd = PosixFs::openDirectory(targetPath() + QLatin1String("/tmp"));
    if (tmpFd < 0)
        return ExportResult::fromErrno(
                -tmpFd,
                QCoreApplication::translate("MessageSink", "Cannot open %1/tmp").arg(targetPath()));
    m_tmpDirFd = tmpFd;
    const int newFd = PosixFs::openDirectory(targetPath() + QLatin1String("/new"));
    if (newFd < 0)
        return ExportResult::fromErrno(
                -newFd,
                QCoreApplication::translate("MessageSink", "Cannot open %1/new").arg(targetPath()));
    m_newDirFd = newFd;
    // Make the freshly created directories themselves durable.
    const int rootFd = PosixFs::openDirectory(targetPath());
    if (rootFd >= 0) {
        int fd = rootFd;
        const int error = PosixFs::syncFd(fd);
        PosixFs::closeFd(fd);
        if (error)
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot sync %1").arg(targetPath()));
    }
    return ExportResult::success(targetPath());
}

ExportResult MaildirSink::doBegin(const ExportMessageInfo &info)
{
    Q_UNUSED(info)
    m_tmpName = uniqueName();
    const int fd = PosixFs::openAt(m_tmpDirFd, m_tmpName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW);
    if (fd < 0) {
        m_tmpName.clear();
        return ExportResult::fromErrno(
                -fd,
                QCoreApplication::translate("MessageSink", "Cannot create a file in %1/tmp")
                        .arg(targetPath()));
    }
    m_fd = fd;
    setDevice(std::make_unique<SinkDevice>(m_fd, StreamConverter::Mode::Lf,
                                           targetPath() + QLatin1String("/tmp/") +
                                                   QFile::decodeName(m_tmpName)));
    return ExportResult::success();
}

ExportResult MaildirSink::doStage(qint64 *dataOffset)
{
    *dataOffset = 0;
    const qint64 size = device()->storedBytes();
    const qint64 virtualSize = size + device()->storedLineFeeds();
    Staged staged;
    staged.fd = std::exchange(m_fd, -1);
    // The batch's sync then finds most of the data written already: the
    // disk works while the next messages arrive instead of after the last.
    PosixFs::startWriteback(staged.fd);
    staged.tmpName = std::exchange(m_tmpName, {});
    staged.finalName = staged.tmpName + ",S=" + QByteArray::number(size) +
            ",W=" + QByteArray::number(virtualSize);
    m_staged.append(staged);
    return ExportResult::success();
}

bool MaildirSink::batchSyncCovers(const QString &path) const
{
    // Must match doCommitBatch(): a batch of one is fsync'd alone.
    return m_staged.size() > 1 && PosixFs::onFileSystemOf(m_tmpDirFd, path);
}

ExportResult MaildirSink::doCommitBatch(QStringList *paths)
{
    const QString tmpDir = targetPath() + QLatin1String("/tmp/");
    // The data first, so that no name in new/ can ever point at bytes that
    // a power cut could still take away.
    if (m_staged.size() == 1) {
        const Staged &only = m_staged.constFirst();
        if (const int error = PosixFs::syncFd(only.fd))
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot sync %1")
                            .arg(tmpDir + QFile::decodeName(only.tmpName)));
    } else if (const int error = PosixFs::syncFileSystem(m_tmpDirFd)) {
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot sync the file system of %1")
                        .arg(targetPath()));
    }
    for (Staged &staged : m_staged) {
        // close() can report a deferred write error (NFS); the data is not safe then.
        const int fd = std::exchange(staged.fd, -1);
        if (::close(fd) != 0 && errno != EINTR)
            return ExportResult::fromErrno(
                    errno,
                    QCoreApplication::translate("MessageSink", "Cannot write %1")
                            .arg(tmpDir + QFile::decodeName(staged.tmpName)));
    }
    for (Staged &staged : m_staged) {
        if (const int error = PosixFs::renameNoReplace(m_tmpDirFd, staged.tmpName, m_newDirFd,
                                                       staged.finalName))
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot move %1 to %2/new")
                            .arg(tmpDir + QFile::decodeName(staged.tmpName), targetPath()));
        staged.published = true;
    }
    if (const int error = PosixFs::syncFd(m_newDirFd))
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot sync %1/new").arg(targetPath()));
    for (const Staged &staged : std::as_const(m_staged))
        paths->append(targetPath() + QLatin1String("/new/") + QFile::decodeName(staged.finalName));
    m_staged.clear();
    return ExportResult::success(targetPath());
}

void MaildirSink::doRollback()
{
    PosixFs::closeFd(m_fd);
    if (!m_tmpName.isEmpty()) {
        (void)::unlinkat(m_tmpDirFd, m_tmpName.constData(), 0);
        m_tmpName.clear();
    }
}

void MaildirSink::doRollbackBatch()
{
    // A name already in new/ whose directory sync failed may or may not
    // survive a crash; it is not counted as exported, so it goes.
    for (Staged &staged : m_staged) {
        PosixFs::closeFd(staged.fd);
        if (staged.published)
            (void)::unlinkat(m_newDirFd, staged.finalName.constData(), 0);
        else
            (void)::unlinkat(m_tmpDirFd, staged.tmpName.constData(), 0);
    }
    m_staged.clear();
}
