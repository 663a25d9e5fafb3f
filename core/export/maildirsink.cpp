#include "maildirsink.h"

#include "posixfs.h"
#include "sinkdevice.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

MaildirSink::MaildirSink(QString directory)
    : MessageSink(std::move(directory))
{ }

MaildirSink::~MaildirSink()
{
    rollback();
    PosixFs::closeFd(m_tmpDirFd);
    PosixFs::closeFd(m_newDirFd);
}

QByteArray MaildirSink::uniqueName()
{
    static std::atomic<quint64> counter{0};
    timeval now{};
    ::gettimeofday(&now, nullptr);
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        qstrcpy(host, "localhost");
    QByteArray escapedHost;
    for (const char *p = host; *p; ++p) {
        if (*p == '/')
            escapedHost += "\\057";
        else if (*p == ':')
            escapedHost += "\\072";
        else
            escapedHost += *p;
    }
    return QByteArray::number(qint64(now.tv_sec)) + ".M" + QByteArray::number(qint64(now.tv_usec)) +
            'P' + QByteArray::number(qint64(::getpid())) + 'Q' + QByteArray::number(++counter) +
            '.' + escapedHost;
}

ExportResult MaildirSink::doOpen()
{
    for (const char *sub : {"", "/tmp", "/new", "/cur"}) {
        const QString path = targetPath() + QLatin1String(sub);
        if (const int error = PosixFs::makePath(path))
            return ExportResult::fromErrno(
                    error, QStringLiteral("Cannot create the Maildir directory %1").arg(path));
    }
    const int tmpFd = PosixFs::openDirectory(targetPath() + QLatin1String("/tmp"));
    if (tmpFd < 0)
        return ExportResult::fromErrno(-tmpFd,
                                       QStringLiteral("Cannot open %1/tmp").arg(targetPath()));
    m_tmpDirFd = tmpFd;
    const int newFd = PosixFs::openDirectory(targetPath() + QLatin1String("/new"));
    if (newFd < 0)
        return ExportResult::fromErrno(-newFd,
                                       QStringLiteral("Cannot open %1/new").arg(targetPath()));
    m_newDirFd = newFd;
    // Make the freshly created directories themselves durable.
    const int rootFd = PosixFs::openDirectory(targetPath());
    if (rootFd >= 0) {
        int fd = rootFd;
        const int error = PosixFs::syncFd(fd);
        PosixFs::closeFd(fd);
        if (error)
            return ExportResult::fromErrno(error,
                                           QStringLiteral("Cannot sync %1").arg(targetPath()));
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
                -fd, QStringLiteral("Cannot create a file in %1/tmp").arg(targetPath()));
    }
    m_fd = fd;
    setDevice(std::make_unique<SinkDevice>(m_fd, StreamConverter::Mode::Lf,
                                           targetPath() + QLatin1String("/tmp/") +
                                                   QFile::decodeName(m_tmpName)));
    return ExportResult::success();
}

ExportResult MaildirSink::doCommit()
{
    const QString tmpPath = targetPath() + QLatin1String("/tmp/") + QFile::decodeName(m_tmpName);
    if (const int error = PosixFs::syncFd(m_fd))
        return ExportResult::fromErrno(error, QStringLiteral("Cannot sync %1").arg(tmpPath));
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 && errno != EINTR)
        return ExportResult::fromErrno(errno, QStringLiteral("Cannot write %1").arg(tmpPath));

    const qint64 size = device()->storedBytes();
    const qint64 virtualSize = size + device()->storedLineFeeds();
    const QByteArray finalName =
            m_tmpName + ",S=" + QByteArray::number(size) + ",W=" + QByteArray::number(virtualSize);
    const QString finalPath = targetPath() + QLatin1String("/new/") + QFile::decodeName(finalName);
    if (const int error = PosixFs::renameNoReplace(m_tmpDirFd, m_tmpName, m_newDirFd, finalName))
        return ExportResult::fromErrno(
                error, QStringLiteral("Cannot move %1 to %2").arg(tmpPath, finalPath));
    m_tmpName.clear();
    if (const int error = PosixFs::syncFd(m_newDirFd)) {
        (void)::unlinkat(m_newDirFd, finalName.constData(), 0);
        return ExportResult::fromErrno(error,
                                       QStringLiteral("Cannot sync %1/new").arg(targetPath()));
    }
    return ExportResult::success(finalPath);
}

void MaildirSink::doRollback()
{
    PosixFs::closeFd(m_fd);
    if (!m_tmpName.isEmpty()) {
        (void)::unlinkat(m_tmpDirFd, m_tmpName.constData(), 0);
        m_tmpName.clear();
    }
}
