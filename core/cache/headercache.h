#pragma once

#include "mime/headersummary.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QSqlQuery;

// The header previews (TOP n 0, parsed) of mailboxes already seen, so that
// reopening a mailbox shows its rows at once and asks the server only for
// messages it has not seen before. Rows are keyed by server, port, user and
// unique-id (UIDL): a message number means nothing from one session to the
// next, a unique-id does (RFC 1939 section 7).
//
// SQLite through QtSql, one connection per instance (its own connection
// name), used only from the thread that created it. A cache is a
// convenience: every failure leaves a readable errorString() and the caller
// simply goes on without it; nothing here ever blocks on the network.
class HeaderCache
{
public:
    struct Account
    {
        QString host; // compared case-insensitively
        quint16 port = 0;
        QString user;
    };

    struct Entry
    {
        qint64 octets = 0; // the LIST size it was stored with
        HeaderSummary headers;
    };

    struct Row
    {
        QByteArray uid;
        Entry entry;
    };

    // $XDG_CACHE_HOME/mailpeek/headers.sqlite (QStandardPaths::GenericCacheLocation).
    [[nodiscard]] static QString defaultPath();

    explicit HeaderCache(QString path = defaultPath());
    ~HeaderCache();
    HeaderCache(const HeaderCache &) = delete;
    HeaderCache &operator=(const HeaderCache &) = delete;

    // Creates the directory and the schema. False (with errorString()) when
    // the file cannot be created, is not a SQLite database, or is read-only.
    [[nodiscard]] bool open();
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] QString path() const { return m_path; }
    // The last thing that went wrong; empty when nothing did.
    [[nodiscard]] QString errorString() const { return m_errorString; }

    // Every entry of the account, by unique-id. Entries not yet flushed are
    // included.
    [[nodiscard]] QHash<QByteArray, Entry> load(const Account &account);
    // The same entries, handed to `sink` in batches of at most batchSize rows
    // as the query walks them, so a caller never holds all of them at once
    // (100,000 header summaries are about 100 MB). `sink` returns false to
    // stop early. Entries not yet flushed come last. False on a read error.
    bool loadInBatches(const Account &account, int batchSize,
                       const std::function<bool(QList<Row> &&rows)> &sink);
    // Only these unique-ids (the rows on screen): one primary-key lookup each.
    [[nodiscard]] QList<Row> lookup(const Account &account, const QList<QByteArray> &uids);
    // Queued; written with the next flush(), which happens by itself every
    // batchSize() entries. One transaction a batch: a commit per row would
    // cost an fsync per message.
    void store(const Account &account, const QByteArray &uid, qint64 octets,
               const HeaderSummary &headers);
    bool flush();
    [[nodiscard]] int pendingCount() const { return int(m_pending.size()); }
    void setBatchSize(int entries) { m_batchSize = qMax(1, entries); }
    [[nodiscard]] int batchSize() const { return m_batchSize; }
    // Removes the account's entries whose unique-id is not in liveUids (the
    // messages that left the server). Flushes first.
    bool prune(const Account &account, const QSet<QByteArray> &liveUids);

private:
    struct Pending
    {
        Account account;
        QByteArray uid;
        Entry entry;
    };

    bool fail(const QString &what, const QString &detail);
    // The end of a write transaction run with `query`: after a failed
    // exec(), roll back and report; otherwise commit (rolling back if that
    // fails). Both return what the writer returns.
    bool abandonWrite(QSqlQuery &query);
    bool commitWrite(QSqlQuery &query);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    QString m_errorString;
    QList<Pending> m_pending;
    int m_batchSize = 256;
};
