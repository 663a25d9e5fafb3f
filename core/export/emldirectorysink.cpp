#include "emldirectorysink.h"

#include "filenamesanitizer.h"
#include "maildirsink.h"
#include "posixfs.h"
#include "sinkdevice.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

EmlDirectorySink::EmlDirectorySink(QString directory)
    : MessageSink(std::move(directory))
{ }

EmlDirectorySink::~EmlDirectorySink()
{
    rollbackBatch();
    PosixFs::closeFd(m_dirFd);
}

ExportResult EmlDirectorySink::doOpen()
{
    if (const int error = PosixFs::makePath(targetPath()))
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot create the directory %1")
                        .arg(targetPath()));
    const int fd = PosixFs::openDirectory(targetPath());
    if (fd < 0)
        return ExportResult::fromErrno(
                -fd,
                QCoreApplication::translate("MessageSink", "Cannot open the directory %1")
                        .arg(targetPath()));
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
                -fd,
                QCoreApplication::translate("MessageSink", "Cannot create a file in %1")
                        .arg(targetPath()));
    }
    m_fd = fd;
    setDevice(std::make_unique<SinkDevice>(m_fd, StreamConverter::Mode::Raw,
                                           targetPath() + QLatin1Char('/') +
                                                   QFile::decodeName(m_tmpName)));
    return ExportResult::success();
}

ExportResult EmlDirectorySink::doStage(qint64 *dataOffset)
{
    *dataOffset = 0;
    Staged staged;
    staged.fd = std::exchange(m_fd, -1);
    staged.tmpName = std::exchange(m_tmpName, {});
    staged.info = m_info;
    m_staged.append(staged);
    return ExportResult::success();
}

bool EmlDirectorySink::batchSyncCovers(const QString &path) const
{
    // Must match doCommitBatch(): a batch of one is fsync'd alone.
    return m_staged.size() > 1 && PosixFs::onFileSystemOf(m_dirFd, path);
}

ExportResult EmlDirectorySink::doCommitBatch(QStringList *paths)
{
    // The data first, so that no final name can point at bytes a power cut
    // could still take away.
    if (m_staged.size() == 1) {
        const Staged &only = m_staged.constFirst();
        if (const int error = PosixFs::syncFd(only.fd))
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot sync %1")
                            .arg(targetPath() + QLatin1Char('/') +
                                 QFile::decodeName(only.tmpName)));
    } else if (const int error = PosixFs::syncFileSystem(m_dirFd)) {
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
                            .arg(targetPath() + QLatin1Char('/') +
                                 QFile::decodeName(staged.tmpName)));
    }
    QStringList published;
    for (Staged &staged : m_staged) {
        QString path;
        if (ExportResult result = publish(staged, &path); result.isError())
            return result;
        published.append(path);
    }
    if (const int error = PosixFs::syncFd(m_dirFd))
        return ExportResult::fromErrno(
                error,
                QCoreApplication::translate("MessageSink", "Cannot sync the directory %1")
                        .arg(targetPath()));
    *paths = published;
    m_staged.clear();
    return ExportResult::success(targetPath());
}

ExportResult EmlDirectorySink::publish(Staged &staged, QString *path)
{
    const QString tmpPath = targetPath() + QLatin1Char('/') + QFile::decodeName(staged.tmpName);
    // Collisions are settled by the rename itself, which never replaces: no
    // window between "does it exist?" and "create it".
    constexpr int MaxAttempts = 1000;
    for (int attempt = 1; attempt <= MaxAttempts; ++attempt) {
        const QString name = FileNameSanitizer::emlFileName(staged.info, attempt);
        const QByteArray encoded = QFile::encodeName(name);
        const int error = PosixFs::renameNoReplace(m_dirFd, staged.tmpName, m_dirFd, encoded);
        if (error == EEXIST)
            continue;
        *path = targetPath() + QLatin1Char('/') + name;
        if (error)
            return ExportResult::fromErrno(
                    error,
                    QCoreApplication::translate("MessageSink", "Cannot rename %1 to %2")
                            .arg(tmpPath, *path));
        staged.finalName = encoded;
        return ExportResult::success(*path);
    }
    return {ExportResult::Kind::Io,
            QCoreApplication::translate(
                    "MessageSink",
                    "Cannot find a free file name in %1 for \"%2\" after %3 attempts")
                    .arg(targetPath(), FileNameSanitizer::emlFileName(staged.info))
                    .arg(MaxAttempts)};
}

void EmlDirectorySink::doRollback()
{
    PosixFs::closeFd(m_fd);
    if (!m_tmpName.isEmpty()) {
        (void)::unlinkat(m_dirFd, m_tmpName.constData(), 0);
        m_tmpName.clear();
    }
}

void EmlDirectorySink::doRollbackBatch()
{
    // A final name whose directory sync failed may or may not survive a
    // crash; the message is not counted as exported, so it goes.
    for (Staged &staged : m_staged) {
        PosixFs::closeFd(staged.fd);
        const QByteArray &name = staged.finalName.isEmpty() ? staged.tmpName : staged.finalName;
        (void)::unlinkat(m_dirFd, name.constData(), 0);
    }
    m_staged.clear();
}
