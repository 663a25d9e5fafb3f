#include "exportstatestore.h"

#include "exportlog.h"
#include "posixfs.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// v1: no size, v2: with the size (both written by older versions, still
// read); v3: size and destination.
constexpr char VersionUnsized[] = "v1";
constexpr char VersionSized[] = "v2";
constexpr char VersionWithDestination[] = "v3";
// Far above any real record (host, user and a 70-octet UIDL, percent-encoded).
constexpr qint64 MaxLineLength = qint64(64) * 1024;

QByteArray checksum(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16);
}

// The size field of a v2 or v3 line: a decimal number in canonical form
// (what QByteArray::number() writes), at least `lowest`; nullopt otherwise.
std::optional<qint64> parseOctets(QByteArrayView field, qint64 lowest)
{
    bool ok = false;
    const qint64 octets = field.toLongLong(&ok);
    if (!ok || octets < lowest || QByteArray::number(octets) != field)
        return std::nullopt;
    return octets;
}

// A line's body after "version TAB checksum TAB", checksum verified.
struct ParsedLine
{
    ExportKey key;
    qint64 octets = -1;
    QString destination;
};

std::optional<ParsedLine> parseBody(QByteArrayView version, QByteArrayView body)
{
    ParsedLine parsed;
    if (version == VersionUnsized) {
        parsed.key = ExportKey::deserialize(body);
    } else if (version == VersionSized) {
        const qsizetype tab = body.indexOf('\t');
        const std::optional<qint64> octets =
                tab < 0 ? std::nullopt : parseOctets(body.first(tab), 0);
        if (!octets)
            return std::nullopt;
        parsed.octets = *octets;
        parsed.key = ExportKey::deserialize(body.sliced(tab + 1));
    } else if (version == VersionWithDestination) {
        const qsizetype first = body.indexOf('\t');
        const qsizetype second = first < 0 ? -1 : body.indexOf('\t', first + 1);
        const std::optional<qint64> octets =
                second < 0 ? std::nullopt : parseOctets(body.first(first), -1);
        if (!octets)
            return std::nullopt;
        const QByteArrayView destination = body.sliced(first + 1, second - first - 1);
        parsed.octets = *octets;
        parsed.destination =
                QString::fromUtf8(QByteArray::fromPercentEncoding(destination.toByteArray()));
        // Canonical form only, as for the key: what markExported() would write.
        if (parsed.destination.isEmpty() ||
            parsed.destination.toUtf8().toPercentEncoding() != destination)
            return std::nullopt;
        parsed.key = ExportKey::deserialize(body.sliced(second + 1));
    }
    if (!parsed.key.isValid())
        return std::nullopt;
    return parsed;
}

QString errnoText(int error)
{
    const char *reason = strerrordesc_np(error);
    return reason ? QString::fromLocal8Bit(reason) : QStringLiteral("error %1").arg(error);
}

} // namespace

ExportKey ExportKey::fromUidl(const QString &server, quint16 port, const QString &user,
                              const QString &uidl)
{
    ExportKey key;
    key.m_server = server.toLower();
    key.m_port = port;
    key.m_user = user;
    key.m_id = uidl;
    return key;
}

ExportKey ExportKey::fromMessageId(const QString &server, quint16 port, const QString &user,
                                   const QString &messageId, qint64 size)
{
    ExportKey key;
    key.m_server = server.toLower();
    key.m_port = port;
    key.m_user = user;
    key.m_id = messageId;
    key.m_size = size;
    key.m_fallback = true;
    return key;
}

QByteArray ExportKey::serialize() const
{
    // Percent-encoding keeps TAB, LF and NUL in a user name or UID from
    // breaking the line structure.
    return m_server.toUtf8().toPercentEncoding() + '\t' + QByteArray::number(m_port) + '\t' +
            m_user.toUtf8().toPercentEncoding() + '\t' + (m_fallback ? "m" : "u") + '\t' +
            m_id.toUtf8().toPercentEncoding() + '\t' + QByteArray::number(m_size);
}

ExportKey ExportKey::deserialize(QByteArrayView line)
{
    const QList<QByteArray> fields = line.toByteArray().split('\t');
    if (fields.size() != 6)
        return {};
    bool portOk = false;
    bool sizeOk = false;
    const uint port = fields.at(1).toUInt(&portOk);
    const qint64 size = fields.at(5).toLongLong(&sizeOk);
    if (!portOk || port > 65535 || !sizeOk)
        return {};
    const QString server = QString::fromUtf8(QByteArray::fromPercentEncoding(fields.at(0)));
    const QString user = QString::fromUtf8(QByteArray::fromPercentEncoding(fields.at(2)));
    const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(fields.at(4)));
    ExportKey key;
    if (fields.at(3) == "u" && size == -1)
        key = fromUidl(server, static_cast<quint16>(port), user, id);
    else if (fields.at(3) == "m" && size >= 0)
        key = fromMessageId(server, static_cast<quint16>(port), user, id, size);
    else
        return {};
    // Only what serialize() would write back is accepted (canonical form).
    return key.isValid() && key.serialize() == line ? key : ExportKey();
}

ExportStateStore::ExportStateStore(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{ }

ExportStateStore::~ExportStateStore()
{
    PosixFs::closeFd(m_fd);
}

QString ExportStateStore::defaultPath()
{
    // One journal for the desktop app and mailpeek-cli: their application
    // names differ, so AppDataLocation would give each its own and the CLI
    // would export again what the GUI already saved.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
            QLatin1String("/mailpeek/export-state.journal");
}

bool ExportStateStore::open()
{
    if (isOpen())
        return true;
    m_records.clear();
    m_skippedLines = 0;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (const int error = PosixFs::makePath(dir)) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot create %1: %2")
                                .arg(dir, errnoText(error));
        return false;
    }
    const int fd = PosixFs::openAt(AT_FDCWD, QFile::encodeName(m_path),
                                   O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW);
    if (fd < 0) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot open %1: %2")
                                .arg(m_path, errnoText(-fd));
        return false;
    }

    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot read %1: %2")
                                .arg(m_path, file.errorString());
        int doomed = fd;
        PosixFs::closeFd(doomed);
        return false;
    }
    int lineNumber = 0;
    bool endsWithNewline = true;
    while (!file.atEnd()) {
        // Capped so a damaged journal cannot make us allocate without
        // bound; a longer line comes out in pieces, each one rejected.
        const QByteArray raw = file.readLine(MaxLineLength);
        ++lineNumber;
        endsWithNewline = raw.endsWith('\n');
        const QByteArray line = endsWithNewline ? raw.chopped(1) : raw;
        if (line.isEmpty())
            continue;
        // "version TAB checksum TAB body" (see the class comment)
        std::optional<ParsedLine> parsed;
        const qsizetype first = line.indexOf('\t');
        const qsizetype second = first < 0 ? -1 : line.indexOf('\t', first + 1);
        if (second >= 0) {
            const QByteArrayView version = QByteArrayView(line).first(first);
            const QByteArrayView sum = QByteArrayView(line).sliced(first + 1, second - first - 1);
            const QByteArrayView body = QByteArrayView(line).sliced(second + 1);
            if (sum == checksum(body))
                parsed = parseBody(version, body);
        }
        if (!parsed) {
            ++m_skippedLines;
            qCWarning(lcExport, "%s:%d: skipping a corrupt line in the export state journal",
                      qUtf8Printable(m_path), lineNumber);
            continue;
        }
        const QByteArray serialized = parsed->key.serialize();
        const Entry entry{parsed->octets, std::move(parsed->destination)};
        if (!m_records.contains(serialized, entry))
            m_records.insert(serialized, entry); // QMultiHash::insert only copies
    }
    if (file.error() != QFileDevice::NoError) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot read %1: %2")
                                .arg(m_path, file.errorString());
        int doomed = fd;
        PosixFs::closeFd(doomed);
        m_records.clear();
        return false;
    }
    file.close();
    m_fd = fd;
    if (!endsWithNewline) {
        // A crash tore the last line; end it so the next record starts on
        // a line of its own instead of being glued to the torn one.
        if (PosixFs::writeAll(m_fd, "\n", 1) != 0 || PosixFs::syncFd(m_fd) != 0)
            qCWarning(lcExport, "%s: cannot terminate a torn last line", qUtf8Printable(m_path));
    }
    // The file (and its directory entry) may be new.
    if (PosixFs::syncFd(m_fd) == 0) {
        int dirFd = PosixFs::openDirectory(dir);
        if (dirFd >= 0) {
            (void)PosixFs::syncFd(dirFd);
            PosixFs::closeFd(dirFd);
        }
    }
    return true;
}

ExportStateStore::Lookup ExportStateStore::lookup(const ExportKey &key, qint64 octets,
                                                  const QString &destination) const
{
    Lookup result;
    if (!key.isValid())
        return result;
    bool legacy = false;
    bool elsewhere = false;
    const QByteArray serialized = key.serialize();
    for (auto it = m_records.constFind(serialized);
         it != m_records.cend() && it.key() == serialized; ++it) {
        const Entry &entry = it.value();
        // -1 on either side: a record without a size, or a caller that
        // does not know it; the key alone decides, as before sizes were kept.
        if (entry.octets < 0 || octets < 0 || entry.octets == octets) {
            if (entry.destination == destination)
                return {Recorded::Here, entry.octets};
            (entry.destination.isEmpty() ? legacy : elsewhere) = true;
            continue;
        }
        // QMultiHash yields the latest insertion first.
        if (result.recorded == Recorded::No)
            result = {Recorded::OtherSize, entry.octets};
    }
    if (legacy)
        return {Recorded::Legacy, -1};
    if (elsewhere)
        return {Recorded::Elsewhere, -1};
    return result;
}

bool ExportStateStore::markExported(const ExportKey &key, qint64 octets, const QString &destination)
{
    return markExported(QList<ExportRecord>{{key, octets, destination}});
}

bool ExportStateStore::markExported(const QList<ExportRecord> &records)
{
    if (!isOpen()) {
        m_errorString = QCoreApplication::translate("ExportStateStore",
                                                    "The export state store %1 is not open")
                                .arg(m_path);
        return false;
    }
    QByteArray lines;
    QList<std::pair<QByteArray, Entry>> added;
    for (const ExportRecord &record : records) {
        if (!record.key.isValid()) {
            m_errorString = QCoreApplication::translate(
                    "ExportStateStore",
                    "The message has neither a UIDL nor a Message-ID to "
                    "remember it by");
            return false;
        }
        if (record.destination.isEmpty()) {
            m_errorString = QCoreApplication::translate(
                    "ExportStateStore", "An export record must say where the message went");
            return false;
        }
        Entry entry{std::max<qint64>(record.octets, -1), record.destination};
        QByteArray serialized = record.key.serialize();
        if (lookup(record.key, entry.octets, entry.destination).recorded == Recorded::Here ||
            added.contains(std::pair(serialized, entry)))
            continue;
        const QByteArray body = QByteArray::number(entry.octets) + '\t' +
                entry.destination.toUtf8().toPercentEncoding() + '\t' + serialized;
        lines += QByteArray(VersionWithDestination) + '\t' + checksum(body) + '\t' + body + '\n';
        added.append({std::move(serialized), std::move(entry)});
    }
    if (added.isEmpty())
        return true;
    if (const int error = PosixFs::writeAll(m_fd, lines.constData(), lines.size())) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot write %1: %2")
                                .arg(m_path, errnoText(error));
        return false;
    }
    if (const int error = PosixFs::syncFd(m_fd)) {
        m_errorString = QCoreApplication::translate("ExportStateStore", "Cannot sync %1: %2")
                                .arg(m_path, errnoText(error));
        return false;
    }
    for (const auto &[serialized, entry] : added)
        m_records.insert(serialized, entry);
    return true;
}
