#include "emldirectorysink.h"

#include "filenamesanitizer.h"
#include "maildirsink.h"
#include "posixfs.h"
#include "sinkdevice.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

EmlDirectorySink::EmlDirectorySink(QString directory)
    : MessageSink(std::move(directory))
{ }

EmlDirectorySink::~EmlDirectorySink()
{
    rollback();
    PosixFs::closeFd(m_dirFd);
}

ExportResult EmlDirectorySink::doOpen()
{
    if (const int error = PosixFs::makePath(targetPath()))
        return ExportResult::fromErrno(
                error, QStringLiteral("Cannot create the directory %1").arg(targetPath()));
    const int fd = PosixFs::openDirectory(targetPath());
    if (fd < 0)
        return ExportResult::fromErrno(
                -fd, QStringLiteral("Cannot open the directory %1").arg(targetPath()));
    m_dirFd = fd;
    return ExportResult::success(targetPath());
}

ExportResult EmlDirectorySink::doBegin(const ExportMessageInfo &info)
{
    m_info = info;
    // Hidden, and unique by the same recipe as Maildir, so a crash leaves an
    // obviously temporary file that is never mistaken for a message.
    m_tmpName = ".mailpeek-" + MaildirSink::uniqueName() + ".tmp";
    const int fd = PosixFs::openAt(m_dirFd, m_tmpName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW);
    if (fd < 0) {
        m_tmpName.clear();
        return ExportResult::fromErrno(
                -fd, QStringLiteral("Cannot create a file in %1").arg(targetPath()));
    }
    m_fd = fd;
    setDevice(std::make_unique<SinkDevice>(m_fd, StreamConverter::Mode::Raw,
                                           targetPath() + QLatin1Char('/') +
                                                   QFile::decodeName(m_tmpName)));
    return ExportResult::success();
}

ExportResult EmlDirectorySink::doCommit()
{
    const QString tmpPath = targetPath() + QLatin1Char('/') + QFile::decodeName(m_tmpName);
    if (const int error = PosixFs::syncFd(m_fd))
        return ExportResult::fromErrno(error, QStringLiteral("Cannot sync %1").arg(tmpPath));
    // close() can report a deferred write error (NFS); the data is not safe then.
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 && errno != EINTR)
        return ExportResult::fromErrno(errno, QStringLiteral("Cannot write %1").arg(tmpPath));

    // Collisions are settled by the rename itself, which never replaces: no
    // window between "does it exist?" and "create it".
    constexpr int MaxAttempts = 1000;
    for (int attempt = 1; attempt <= MaxAttempts; ++attempt) {
        const QString name = FileNameSanitizer::emlFileName(m_info, attempt);
        const int error =
                PosixFs::renameNoReplace(m_dirFd, m_tmpName, m_dirFd, QFile::encodeName(name));
        if (error == EEXIST)
            continue;
        const QString path = targetPath() + QLatin1Char('/') + name;
        if (error)
            return ExportResult::fromErrno(
                    error, QStringLiteral("Cannot rename %1 to %2").arg(tmpPath, path));
        m_tmpName.clear();
        if (const int syncError = PosixFs::syncFd(m_dirFd)) {
            // The file is complete but its name may not survive a crash:
            // take it back so that it is not counted, and not left half-known.
            (void)::unlinkat(m_dirFd, QFile::encodeName(name).constData(), 0);
            return ExportResult::fromErrno(
                    syncError, QStringLiteral("Cannot sync the directory %1").arg(targetPath()));
        }
        return ExportResult::success(path);
    }
    return ExportResult(
            ExportResult::Kind::Io,
            QStringLiteral("Cannot find a free file name in %1 for \"%2\" after %3 attempts")
                    .arg(targetPath(), FileNameSanitizer::emlFileName(m_info))
                    .arg(MaxAttempts));
}

void EmlDirectorySink::doRollback()
{
    PosixFs::closeFd(m_fd);
    if (!m_tmpName.isEmpty()) {
        (void)::unlinkat(m_dirFd, m_tmpName.constData(), 0);
        m_tmpName.clear();
    }
}
