#include "exportstatestore.h"

#include "exportlog.h"
#include "posixfs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr char Version[] = "v1";
// Far above any real record (host, user and a 70-octet UIDL, percent-encoded).
constexpr qint64 MaxLineLength = qint64(64) * 1024;

QByteArray checksum(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16);
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
    m_keys.clear();
    m_skippedLines = 0;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (const int error = PosixFs::makePath(dir)) {
        m_errorString = QStringLiteral("Cannot create %1: %2").arg(dir, errnoText(error));
        return false;
    }
    const int fd = PosixFs::openAt(AT_FDCWD, QFile::encodeName(m_path),
                                   O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW);
    if (fd < 0) {
        m_errorString = QStringLiteral("Cannot open %1: %2").arg(m_path, errnoText(-fd));
        return false;
    }

    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        m_errorString = QStringLiteral("Cannot read %1: %2").arg(m_path, file.errorString());
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
        // "v1 TAB checksum TAB key-fields"
        const qsizetype first = line.indexOf('\t');
        const qsizetype second = first < 0 ? -1 : line.indexOf('\t', first + 1);
        const QByteArrayView body =
                second < 0 ? QByteArrayView() : QByteArrayView(line).sliced(second + 1);
        const ExportKey key = second < 0 || line.left(first) != Version ||
                        line.mid(first + 1, second - first - 1) != checksum(body)
                ? ExportKey()
                : ExportKey::deserialize(body);
        if (!key.isValid()) {
            ++m_skippedLines;
            qCWarning(lcExport, "%s:%d: skipping a corrupt line in the export state journal",
                      qUtf8Printable(m_path), lineNumber);
            continue;
        }
        m_keys.insert(body.toByteArray());
    }
    if (file.error() != QFileDevice::NoError) {
        m_errorString = QStringLiteral("Cannot read %1: %2").arg(m_path, file.errorString());
        int doomed = fd;
        PosixFs::closeFd(doomed);
        m_keys.clear();
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

bool ExportStateStore::isExported(const ExportKey &key) const
{
    return key.isValid() && m_keys.contains(key.serialize());
}

bool ExportStateStore::markExported(const ExportKey &key)
{
    return markExported(QList<ExportKey>{key});
}

bool ExportStateStore::markExported(const QList<ExportKey> &keys)
{
    if (!isOpen()) {
        m_errorString = QStringLiteral("The export state store %1 is not open").arg(m_path);
        return false;
    }
    QByteArray lines;
    QList<QByteArray> bodies;
    for (const ExportKey &key : keys) {
        if (!key.isValid()) {
            m_errorString = QStringLiteral("The message has neither a UIDL nor a Message-ID to "
                                           "remember it by");
            return false;
        }
        QByteArray body = key.serialize();
        if (m_keys.contains(body) || bodies.contains(body))
            continue;
        lines += QByteArray(Version) + '\t' + checksum(body) + '\t' + body + '\n';
        bodies.append(std::move(body));
    }
    if (bodies.isEmpty())
        return true;
    if (const int error = PosixFs::writeAll(m_fd, lines.constData(), lines.size())) {
        m_errorString = QStringLiteral("Cannot write %1: %2").arg(m_path, errnoText(error));
        return false;
    }
    if (const int error = PosixFs::syncFd(m_fd)) {
        m_errorString = QStringLiteral("Cannot sync %1: %2").arg(m_path, errnoText(error));
        return false;
    }
    for (QByteArray &body : bodies)
        m_keys.insert(std::move(body));
    return true;
}
