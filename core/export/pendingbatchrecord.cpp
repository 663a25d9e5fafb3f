#include "pendingbatchrecord.h"

#include "contentdigest.h"
#include "exporttarget.h"
#include "posixfs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMultiHash>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace {

// SHA-256 of `length` bytes of a file from `offset`, hex; empty on error.
QByteArray hashFileRange(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    ContentDigest hash;
    qint64 left = length;
    while (left > 0) {
        const QByteArray chunk = file.read(std::min<qint64>(left, 1 << 16));
        if (chunk.isEmpty())
            return {};
        hash.addData(chunk);
        left -= chunk.size();
    }
    return hash.hexResult();
}

} // namespace

PendingBatchRecord::PendingBatchRecord(QString path, MessageSink::Format format, QString targetPath,
                                       QString destination)
    : m_path(std::move(path))
    , m_format(format)
    , m_targetPath(std::move(targetPath))
    , m_destination(std::move(destination))
{ }

QString PendingBatchRecord::pathFor(const QString &journalPath, const QString &destination)
{
    return journalPath + QLatin1String(".pending-") +
            QString::fromLatin1(
                    QCryptographicHash::hash(destination.toUtf8(), QCryptographicHash::Sha256)
                            .toHex()
                            .left(16));
}

QString PendingBatchRecord::legacyPathFor(const QString &journalPath)
{
    return journalPath + QLatin1String(".pending");
}

ExportResult PendingBatchRecord::write(const QList<Entry> &entries, Sync sync) const
{
    const QByteArray prefix = "v3\t" + QByteArray::number(int(m_format)) + '\t' +
            QFile::encodeName(m_targetPath).toPercentEncoding() + '\t';
    QByteArray lines;
    for (const Entry &entry : entries) {
        const qint64 offset = m_format == MessageSink::Format::Mbox ? entry.offset : 0;
        lines += prefix + QByteArray::number(offset) + '\t' + QByteArray::number(entry.size) +
                '\t' + entry.hash + '\t' + QByteArray::number(entry.octets) + '\t' +
                entry.key.serialize() + '\n';
    }
    int fd = PosixFs::openAt(AT_FDCWD, QFile::encodeName(m_path),
                             O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return ExportResult::fromErrno(-fd, tr("Cannot write %1").arg(m_path));
    int error = PosixFs::writeAll(fd, lines.constData(), lines.size());
    if (error == 0 && sync == Sync::Now)
        error = PosixFs::syncFd(fd);
    // Without the fsync, close() is where a deferred write error (NFS) shows.
    if (::close(std::exchange(fd, -1)) != 0 && error == 0 && errno != EINTR)
        error = errno;
    if (error != 0)
        return ExportResult::fromErrno(error, tr("Cannot write %1").arg(m_path));
    return ExportResult::success();
}

PendingBatchRecord::Contents PendingBatchRecord::read() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr int MaxLines = 100000; // far above any batch; a damaged file cannot make us spin
    Contents contents;
    contents.status = Status::Read;
    for (int n = 0; n < MaxLines && !file.atEnd(); ++n) {
        const QByteArray raw = file.readLine(qint64(64) * 1024);
        // Every version ends each line with LF: a last line without it was
        // torn by a crash in the middle of write(), and its key may be cut
        // short into another valid-looking key.
        if (!raw.endsWith('\n'))
            return {Status::Unreadable, {}};
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        const QByteArray version = fields.value(0);
        const bool v3 = version == "v3";
        const bool v2 = v3 || version == "v2"; // has the offset
        const qsizetype keyField = v3 ? 7 : v2 ? 6 : 5;
        if (fields.size() <= keyField || (!v2 && version != "v1"))
            return {Status::Unreadable, {}};
        const int format = fields.at(1).toInt();
        const QString target = QFile::decodeName(QByteArray::fromPercentEncoding(fields.at(2)));
        // A record for another destination says nothing about this one;
        // keep it for the run that exports there again. Compared in
        // canonical form: the same place spelt another way is the same.
        if (format != int(m_format) ||
            ExportTarget::destinationOf(m_format, target) != m_destination)
            return {Status::OtherDestination, {}};
        Entry entry;
        entry.offset = v2 ? fields.at(3).toLongLong() : -1;
        const qsizetype sizeField = v2 ? 4 : 3;
        entry.size = fields.at(sizeField).toLongLong();
        entry.hash = fields.at(sizeField + 1);
        // Older records have no LIST size: the journal gets a record
        // without one, trusted by key alone as records of those versions are.
        bool octetsOk = true;
        entry.octets = v3 ? fields.at(6).toLongLong(&octetsOk) : -1;
        entry.key = ExportKey::deserialize(fields.mid(keyField).join('\t'));
        if (!entry.key.isValid() || !octetsOk || (v3 && entry.octets < 0))
            return {Status::Unreadable, {}};
        contents.entries.append(entry);
    }
    return contents;
}

void PendingBatchRecord::clear() const
{
    QFile::resize(m_path, 0);
}

QList<bool> PendingBatchRecord::findInTarget(const QList<Entry> &entries) const
{
    QList<bool> found(entries.size(), false);
    if (entries.isEmpty())
        return found;
    if (m_format == MessageSink::Format::Mbox) {
        const qint64 fileSize = QFileInfo(m_targetPath).size();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const Entry &entry = entries.at(i);
            // v1 named no offset: the interrupted message can only be the
            // last one, its stored form followed by the blank line that ends it.
            const qint64 offset = entry.offset >= 0 ? entry.offset : fileSize - entry.size - 1;
            found[i] = offset >= 0 && offset + entry.size <= fileSize &&
                    hashFileRange(m_targetPath, offset, entry.size) == entry.hash;
        }
        return found;
    }
    QStringList dirs{m_targetPath};
    if (m_format == MessageSink::Format::Maildir) {
        // A mail reader may have moved them from new/ to cur/ meanwhile.
        dirs = {m_targetPath + QLatin1String("/new"), m_targetPath + QLatin1String("/cur")};
    }
    // One listing for the whole batch; only files of exactly the right
    // size are read, so this costs reading each message about once.
    QMultiHash<qint64, QString> bySize;
    for (const QString &dir : std::as_const(dirs)) {
        const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::NoSymLinks);
        for (const QFileInfo &info : files)
            bySize.insert(info.size(), info.filePath());
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &entry = entries.at(i);
        for (auto it = bySize.constFind(entry.size); it != bySize.cend() && it.key() == entry.size;
             ++it) {
            if (hashFileRange(it.value(), 0, entry.size) == entry.hash) {
                found[i] = true;
                break;
            }
        }
    }
    return found;
}
