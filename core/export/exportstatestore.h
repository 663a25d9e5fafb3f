#pragma once

#include <QByteArray>
#include <QList>
#include <QMultiHash>
#include <QString>

// Identifies one message on one mailbox across sessions. The normal key is
// the UIDL (RFC 1939: unique and persistent per mailbox). A server without
// UIDL gets the fallback key Message-ID + size, which two different
// messages can share (a resent copy) and which a message without a
// Message-ID does not have at all: isFallback() lets the caller tell the
// user, and isValid() is false when there is nothing to key on.
class ExportKey
{
public:
    ExportKey() = default;
    [[nodiscard]] static ExportKey fromUidl(const QString &server, quint16 port,
                                            const QString &user, const QString &uidl);
    [[nodiscard]] static ExportKey fromMessageId(const QString &server, quint16 port,
                                                 const QString &user, const QString &messageId,
                                                 qint64 size);

    [[nodiscard]] bool isValid() const { return !m_id.isEmpty() && !m_server.isEmpty(); }
    [[nodiscard]] bool isFallback() const { return m_fallback; }
    [[nodiscard]] QString server() const { return m_server; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString user() const { return m_user; }
    // The UIDL, or the Message-ID for a fallback key.
    [[nodiscard]] QString id() const { return m_id; }
    // The size for a fallback key, -1 otherwise.
    [[nodiscard]] qint64 size() const { return m_size; }

    // The key's fields as one journal line body (percent-encoded, tab-separated).
    [[nodiscard]] QByteArray serialize() const;
    [[nodiscard]] static ExportKey deserialize(QByteArrayView line);

    friend bool operator==(const ExportKey &, const ExportKey &) = default;

private:
    QString m_server; // lower-cased: host names are case-insensitive
    quint16 m_port = 0;
    QString m_user;
    QString m_id;
    qint64 m_size = -1;
    bool m_fallback = false;
};

// Which mailbox a key belongs to: the host as typed, the port actually
// used (ConnectionSettings::effectivePort(), never 0) and the user name.
// The CLI and the GUI build it the same way (session/exportaccount.h), so
// each recognises the other's records.
struct ExportAccount
{
    QString host;
    quint16 port = 0;
    QString user;
};

// One journal record: a message's key, its size (LIST octets) when it was
// exported (-1 when unknown), and where it was exported to
// (ExportTarget::destinationOf(): "maildir:/home/u/Mail"). Records of older
// versions have no destination (empty).
struct ExportRecord
{
    ExportKey key;
    qint64 octets = -1;
    QString destination;
};

// Remembers which messages were exported where, for "--only-new" and for
// the exactly-once guarantee of export-then-delete.
//
// Storage is an append-only journal, one line per exported message, written
// with a single O_APPEND write() (one per batch of messages) and fsync'd
// before markExported() returns.
// Chosen over SQLite because the only operations are "append one record
// durably" and "read everything at start": a journal needs no schema, no
// connection per thread, stays readable with a text editor, and two runs
// appending at once cannot corrupt each other's lines (each line is one
// write). Each line carries a checksum; a line torn by a crash or edited
// by hand fails it and is skipped with a warning, never trusted, never fatal.
//
// Each record keeps the message's size. RFC 1939 forbids reusing a UIDL
// only while its message exists: once it is deleted, a server may give a
// new message the same UIDL (some number them per session, or from 1 again
// once the mailbox is empty). A key is taken as exported only when a record
// for it has the size the server reports now; another size means another
// message (lookup() says OtherSize). Records without a size (v1 lines) are
// trusted by key alone.
//
// Each record also keeps the destination (issue 11): "exported before"
// means "exported to this destination". A message copied once to a scratch
// folder is not in ~/Mail, so an export to ~/Mail must not skip it, and
// above all must not delete it from the server. lookup() tells Here (this
// destination) from Elsewhere (only other destinations) and Legacy.
//
// Legacy: v1 and v2 lines, written before destinations were recorded. They
// stay loadable and mean "exported somewhere, nobody knows where". What the
// export makes of that is ExportJob's decision (it never deletes on the
// strength of such a line alone); the store only reports it.
//
// Line formats (checksum: the first 16 hex digits of the SHA-256 of
// everything after the second TAB):
//   v1 TAB checksum TAB key-fields                                (read only)
//   v2 TAB checksum TAB octets TAB key-fields                     (read only)
//   v3 TAB checksum TAB octets TAB destination TAB key-fields
// In v3, octets is -1 when the size is unknown (a record recovered from a
// pending record of an older version) and the destination is
// percent-encoded UTF-8.
class ExportStateStore
{
public:
    enum class Recorded {
        No, // no record for the key
        Here, // a record with this size (or none) for this destination
        // No Here record, but one with this size (or none) and no
        // destination: written by a version that did not record it.
        Legacy,
        // Records with this size (or none) for other destinations only.
        Elsewhere,
        OtherSize, // records for the key, none with this size: another message
    };
    struct Lookup
    {
        Recorded recorded = Recorded::No;
        qint64 recordedOctets = -1; // OtherSize: the size last recorded for the key
    };

    // An empty path means $XDG_DATA_HOME/mailpeek/export-state.journal,
    // shared by the desktop app and mailpeek-cli.
    explicit ExportStateStore(QString path = {});
    ~ExportStateStore();
    ExportStateStore(const ExportStateStore &) = delete;
    ExportStateStore &operator=(const ExportStateStore &) = delete;

    // Loads the journal (creating directory and file if needed). On false,
    // errorString() says why and the store stays empty and closed.
    [[nodiscard]] bool open();
    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }

    // What the journal knows about the message with this key and size
    // (LIST octets) with respect to this destination. octets < 0 means
    // "any size".
    [[nodiscard]] Lookup lookup(const ExportKey &key, qint64 octets,
                                const QString &destination) const;
    // True when the message is recorded as exported to this destination.
    [[nodiscard]] bool isExported(const ExportKey &key, qint64 octets,
                                  const QString &destination) const
    {
        return lookup(key, octets, destination).recorded == Recorded::Here;
    }
    // Records the key, size and destination durably (a v3 line); true only
    // once it is fsync'd. A record that lookup() already answers Here for
    // succeeds without writing. A record without a destination is refused:
    // every new line says where its message went.
    [[nodiscard]] bool markExported(const ExportKey &key, qint64 octets,
                                    const QString &destination);
    // Records several messages with one write() and one fsync (group
    // commit); true only once all of them are durable. A crash mid-write can
    // leave some of the lines and a torn last one, which open() skips.
    [[nodiscard]] bool markExported(const QList<ExportRecord> &records);

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString errorString() const { return m_errorString; }
    // Records held (a key exported at two sizes, or to two destinations,
    // counts twice).
    [[nodiscard]] qsizetype count() const { return m_records.size(); }
    // Lines that open() skipped as corrupt.
    [[nodiscard]] int skippedLines() const { return m_skippedLines; }

    [[nodiscard]] static QString defaultPath();

private:
    QString m_path;
    QString m_errorString;
    struct Entry
    {
        qint64 octets = -1; // -1: no size recorded
        QString destination; // empty: a line of an older version
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    // Serialized key -> what was recorded for it.
    QMultiHash<QByteArray, Entry> m_records;
    int m_fd = -1;
    int m_skippedLines = 0;
};
