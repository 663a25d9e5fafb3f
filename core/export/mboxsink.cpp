#include "mboxsink.h"

#include "posixfs.h"
#include "sinkdevice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// Between lock attempts. Short, because holders are mail readers that keep
// the lock for milliseconds; the total wait is bounded by lockTimeout().
constexpr auto RetryInterval = std::chrono::milliseconds(50);

QByteArray asctime(const QDateTime &utc)
{
    // Spelt out by hand: QDateTime's format strings are localised.
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate d = utc.date();
    const QTime t = utc.time();
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s %s %2d %02d:%02d:%02d %04d", days[d.dayOfWeek() - 1],
                  months[d.month() - 1], d.day(), t.hour(), t.minute(), t.second(), d.year());
    return {buffer};
}

QByteArray envelopeToken(const QString &address)
{
    QString text = address.trimmed();
    if (text.startsWith(QLatin1Char('<')) && text.endsWith(QLatin1Char('>')))
        text = text.mid(1, text.size() - 2).trimmed();
    QByteArray token = text.toUtf8();
    // The separator line is split on spaces by readers: the sender must be one token.
    for (char &c : token) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F)
            c = '_';
    }
    return token;
}

} // namespace

MboxSink::MboxSink(QString file)
    : MessageSink(std::move(file))
{ }

MboxSink::~MboxSink()
{
    rollbackBatch();
    PosixFs::closeFd(m_dirFd);
}

QByteArray MboxSink::separatorLine(const ExportMessageInfo &info, const QDateTime &now)
{
    QByteArray sender = envelopeToken(info.envelopeSender);
    if (sender.isEmpty())
        sender = envelopeToken(info.fromAddress);
    if (sender.isEmpty())
        sender = "MAILER-DAEMON";
    QDateTime date = info.date.isValid() ? info.date.toUTC() : now.toUTC();
    if (date.date().year() < 1970 || date.date().year() > 9999)
        date = now.toUTC();
    return "From " + sender + ' ' + asctime(date) + '\n';
}

ExportResult MboxSink::doOpen()
{
    const QFileInfo info(targetPath());
    const QString dir = info.absolutePath();
    if (const int error = PosixFs::makePath(dir))
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot create the directory %1")
                        .arg(dir));
    const int dirFd = PosixFs::openDirectory(dir);
    if (dirFd < 0)
        return ExportResult::fromErrno(
                -dirFd,
                QCoreApplication::translate("MessageSink", "Cannot open the directory %1")
                        .arg(dir));
    m_dirFd = dirFd;
    m_encodedPath = QFile::encodeName(info.fileName());
    m_lockName = m_encodedPath + ".lock";
    if (info.fileName().isEmpty())
        return {ExportResult::Kind::InvalidTarget,
                QCoreApplication::translate("MessageSink", "The mbox path %1 names no file")
                        .arg(targetPath())};
    struct stat st
    { };
    if (::fstatat(m_dirFd, m_encodedPath.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode))
            return {ExportResult::Kind::InvalidTarget,
                    QStringLiteral("%1 is a symbolic link; give the path of the mbox file itself")
                            .arg(targetPath())};
        if (!S_ISREG(st.st_mode))
            return {ExportResult::Kind::InvalidTarget,
                    QStringLiteral("%1 is not a regular file").arg(targetPath())};
    }
    return ExportResult::success(targetPath());
}

ExportResult MboxSink::takeDotlock()
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        int fd = PosixFs::openAt(m_dirFd, m_lockName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
                                 0644);
        if (fd >= 0) {
            const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
            (void)PosixFs::writeAll(fd, pid.constData(), pid.size());
            PosixFs::closeFd(fd);
            m_haveDotlock = true;
            return ExportResult::success();
        }
        if (-fd != EEXIST)
            return ExportResult::fromErrno(
                    -fd,
                    QCoreApplication::translate("MessageSink",
                                                "Cannot create the lock file %1.lock")
                            .arg(targetPath()));
        struct stat st
        { };
        if (::fstatat(m_dirFd, m_lockName.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            ::time(nullptr) - st.st_mtime > m_staleLockAgeSecs) {
            // Older than any reader holds a lock: left by a crash. Another
            // writer may remove it at the same moment; O_EXCL above still
            // lets only one of us create the next one.
            (void)::unlinkat(m_dirFd, m_lockName.constData(), 0);
            continue;
        }
        if (timer.elapsed() >= m_lockTimeoutMs) {
            return {ExportResult::Kind::Locked,
                    QStringLiteral(
                            "%1 is locked by another program (%1.lock exists); gave up after %2 ms")
                            .arg(targetPath())
                            .arg(timer.elapsed())};
        }
        std::this_thread::sleep_for(RetryInterval);
    }
}

ExportResult MboxSink::takeFcntlLock()
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        struct flock lock
        { };
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        // Open-file-description locks belong to this descriptor, so closing
        // some other descriptor of the same file in this process cannot drop
        // them (the classic POSIX lock trap), yet they conflict with POSIX locks.
        int result = ::fcntl(m_fd, F_OFD_SETLK, &lock);
        if (result != 0 && errno == EINVAL)
            result = ::fcntl(m_fd, F_SETLK, &lock);
        if (result == 0) {
            m_haveFcntlLock = true;
            return ExportResult::success();
        }
        if (errno != EAGAIN && errno != EACCES && errno != EINTR)
            return ExportResult::fromErrno(
                    errno,
                    QCoreApplication::translate("MessageSink", "Cannot lock %1").arg(targetPath()));
        if (timer.elapsed() >= m_lockTimeoutMs) {
            return {ExportResult::Kind::Locked,
                    QStringLiteral(
                            "%1 is locked by another program (fcntl lock); gave up after %2 ms")
                            .arg(targetPath())
                            .arg(timer.elapsed())};
        }
        std::this_thread::sleep_for(RetryInterval);
    }
}

ExportResult MboxSink::doBegin(const ExportMessageInfo &info)
{
    if (m_batchStart < 0) {
        if (ExportResult result = takeDotlock(); result.isError())
            return result;
        // Opened per batch, after the dotlock: a reader that rewrote the mbox
        // in the meantime (new inode) is then seen, not written past.
        const int fd =
                PosixFs::openAt(m_dirFd, m_encodedPath, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW);
        if (fd < 0) {
            if (-fd == ELOOP)
                return {ExportResult::Kind::InvalidTarget,
                        QStringLiteral("%1 is a symbolic link; give the path of the "
                                       "mbox file itself")
                                .arg(targetPath())};
            return ExportResult::fromErrno(
                    -fd,
                    QCoreApplication::translate("MessageSink", "Cannot open %1").arg(targetPath()));
        }
        m_fd = fd;
        if (ExportResult result = takeFcntlLock(); result.isError())
            return result;
    }
    struct stat st
    { };
    if (::fstat(m_fd, &st) != 0)
        return ExportResult::fromErrno(
                errno,
                QCoreApplication::translate("MessageSink", "Cannot read the size of %1")
                        .arg(targetPath()));
    if (!S_ISREG(st.st_mode))
        return {ExportResult::Kind::InvalidTarget,
                QStringLiteral("%1 is not a regular file").arg(targetPath())};
    m_messageStart = st.st_size;
    if (m_batchStart < 0)
        m_batchStart = m_messageStart;

    auto device = std::make_unique<SinkDevice>(m_fd, StreamConverter::Mode::Mboxrd, targetPath());
    // A previous writer that died mid-line must not glue our "From " line
    // to its last line; readers only split at "\nFrom ".
    QByteArray lead;
    if (m_messageStart > 0) {
        char last[2] = {};
        const qint64 want = std::min<qint64>(m_messageStart, 2);
        int readFd = PosixFs::openAt(m_dirFd, m_encodedPath, O_RDONLY | O_NOFOLLOW);
        if (readFd >= 0) {
            const ssize_t got =
                    ::pread(readFd, last, static_cast<size_t>(want), m_messageStart - want);
            PosixFs::closeFd(readFd);
            if (got == want) {
                if (last[want - 1] != '\n')
                    lead = "\n\n";
                else if (want == 2 && last[0] != '\n')
                    lead = "\n";
            }
        }
    }
    const QByteArray separator = lead + separatorLine(info);
    m_dataOffset = m_messageStart + separator.size();
    if (!device->writeVerbatim(separator)) {
        ExportResult error = device->error();
        setDevice(std::move(device));
        return error;
    }
    setDevice(std::move(device));
    return ExportResult::success();
}

ExportResult MboxSink::doStage(qint64 *dataOffset)
{
    SinkDevice *out = device();
    // mboxrd: the message ends with a newline, and a blank line separates it
    // from the next "From " line.
    QByteArray tail = out->lastStoredByte() == '\n' ? QByteArray("\n") : QByteArray("\n\n");
    if (!out->writeVerbatim(tail))
        return out->error();
    if (ExportResult result = out->finish(); result.isError())
        return result;
    *dataOffset = m_dataOffset;
    m_messageStart = -1;
    ++m_stagedCount;
    return ExportResult::success(targetPath());
}

ExportResult MboxSink::doCommitBatch(QStringList *paths)
{
    if (const int error = PosixFs::syncFd(m_fd))
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot sync %1").arg(targetPath()));
    if (m_batchStart == 0) {
        // The file may be new: its directory entry must be durable too.
        if (const int error = PosixFs::syncFd(m_dirFd))
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot sync the directory of %1")
                            .arg(targetPath()));
    }
    for (int i = 0; i < m_stagedCount; ++i)
        paths->append(targetPath());
    releaseLocks();
    m_batchStart = -1;
    m_stagedCount = 0;
    return ExportResult::success(targetPath());
}

void MboxSink::doRollback()
{
    if (m_fd >= 0 && m_messageStart >= 0) {
        // Back to exactly where the message started; the truncation is
        // fsync'd so a crash right after cannot resurrect half a message.
        if (::ftruncate(m_fd, m_messageStart) == 0)
            (void)PosixFs::syncFd(m_fd);
    }
    m_messageStart = -1;
    if (m_stagedCount == 0) {
        releaseLocks();
        m_batchStart = -1;
    }
}

void MboxSink::doRollbackBatch()
{
    if (m_fd >= 0 && m_batchStart >= 0) {
        if (::ftruncate(m_fd, m_batchStart) == 0)
            (void)PosixFs::syncFd(m_fd);
    }
    m_messageStart = -1;
    m_stagedCount = 0;
    m_batchStart = -1;
    releaseLocks();
}

void MboxSink::releaseLocks()
{
    // Closing the descriptor drops the fcntl lock; the dotlock goes last so
    // that nobody who trusts only dotlocks writes while the fcntl lock is held.
    PosixFs::closeFd(m_fd);
    m_haveFcntlLock = false;
    if (m_haveDotlock) {
        (void)::unlinkat(m_dirFd, m_lockName.constData(), 0);
        m_haveDotlock = false;
    }
}
