#include "headercache.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <utility>

namespace {

// Bumped whenever the table changes. Version 1 (no has_attachments) is
// migrated by adding the column: its rows stay (a rebuild would cost a TOP
// for every message), without the paperclip until the message is opened. Any other version is
// rebuilt: everything in it can be fetched again.
constexpr int SchemaVersion = 2;

QString tr(const char *text)
{
    return QCoreApplication::translate("HeaderCache", text);
}

QString hostKey(const HeaderCache::Account &account)
{
    return account.host.toLower();
}

bool sameAccount(const HeaderCache::Account &a, const HeaderCache::Account &b)
{
    return a.port == b.port && a.user == b.user && hostKey(a) == hostKey(b);
}

void bindAccount(QSqlQuery &query, const HeaderCache::Account &account)
{
    query.bindValue(QStringLiteral(":host"), hostKey(account));
    query.bindValue(QStringLiteral(":port"), int(account.port));
    query.bindValue(QStringLiteral(":user"), account.user);
}

} // namespace

QString HeaderCache::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
            QStringLiteral("/mailpeek/headers.sqlite");
}

HeaderCache::HeaderCache(QString path)
    : m_path(std::move(path))
{
    // QSqlDatabase connections are global by name: two caches (two windows,
    // a test and the app) must never share or close each other's.
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("mailpeek-headercache-%1").arg(counter.fetchAndAddRelaxed(1));
}

HeaderCache::~HeaderCache()
{
    flush();
    if (m_db.isValid())
        m_db.close();
    // removeDatabase() warns while a handle is alive; drop ours first.
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool HeaderCache::fail(const QString &what, const QString &detail)
{
    m_errorString =
            tr("Header cache %1: %2: %3").arg(QDir::toNativeSeparators(m_path), what, detail);
    return false;
}

bool HeaderCache::abandonWrite(QSqlQuery &query)
{
    const QString error = query.lastError().text();
    query.finish();
    m_db.rollback();
    return fail(tr("cannot write"), error);
}

bool HeaderCache::commitWrite(QSqlQuery &query)
{
    query.finish();
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return fail(tr("cannot write"), error);
    }
    return true;
}

bool HeaderCache::open()
{
    if (m_open)
        return true;
    if (m_path.isEmpty())
        return fail(tr("cannot open"), tr("no path given"));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("cannot create the folder"), QDir::toNativeSeparators(info.absolutePath()));

    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        return fail(tr("cannot open"), tr("the Qt SQLite driver is not available"));
    m_db.setDatabaseName(m_path);
    // Another process holding the write lock (a second window) makes us wait
    // this long at most instead of failing at once.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=200"));
    if (!m_db.open())
        return fail(tr("cannot open"), m_db.lastError().text());

    QSqlQuery query(m_db);
    const auto run = [&query](const QString &sql) {
        return query.exec(sql);
    };
    // SQLite opens anything lazily; the first statement is what finds out
    // that the file is not a database or cannot be written.
    if (!run(QStringLiteral("PRAGMA user_version"))) {
        const QString error = query.lastError().text();
        m_db.close();
        return fail(tr("cannot read"), error);
    }
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    // WAL: readers (load) never wait for the batch being written; NORMAL
    // sync is crash-safe in WAL mode and may only lose the latest batches,
    // which a cache can fetch again.
    bool ok = run(QStringLiteral("PRAGMA journal_mode=WAL")) &&
            run(QStringLiteral("PRAGMA synchronous=NORMAL"));
    query.finish();
    if (ok && version == 1) {
        ok = run(QStringLiteral("ALTER TABLE headers ADD COLUMN has_attachments INTEGER")) &&
                run(QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion));
    } else if (ok && version != SchemaVersion) {
        ok = run(QStringLiteral("DROP TABLE IF EXISTS headers")) &&
                run(QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion));
    }
    ok = ok &&
            run(QStringLiteral("CREATE TABLE IF NOT EXISTS headers ("
                               " host TEXT NOT NULL, port INTEGER NOT NULL, user TEXT NOT NULL,"
                               " uid BLOB NOT NULL, octets INTEGER NOT NULL,"
                               " from_text TEXT, from_name TEXT, from_address TEXT, subject TEXT,"
                               " to_text TEXT, date TEXT, raw_date BLOB, message_id TEXT,"
                               " envelope_sender TEXT, has_attachments INTEGER,"
                               " PRIMARY KEY (host, port, user, uid)) WITHOUT ROWID"));
    if (!ok) {
        const QString error = query.lastError().text();
        query.finish();
        m_db.close();
        return fail(tr("cannot prepare"), error);
    }
    m_open = true;
    m_errorString.clear();
    return true;
}

namespace {

const QString SelectColumns = QStringLiteral(
        "SELECT uid, octets, from_text, from_name, from_address, subject, to_text, date,"
        " raw_date, message_id, envelope_sender, has_attachments FROM headers"
        " WHERE host = :host AND port = :port AND user = :user");

HeaderCache::Row rowFromQuery(const QSqlQuery &query)
{
    HeaderCache::Row row;
    row.uid = query.value(0).toByteArray();
    row.entry.octets = query.value(1).toLongLong();
    HeaderSummary &h = row.entry.headers;
    h.from = query.value(2).toString();
    h.fromName = query.value(3).toString();
    h.fromAddress = query.value(4).toString();
    h.subject = query.value(5).toString();
    h.to = query.value(6).toString();
    const QString date = query.value(7).toString();
    if (!date.isEmpty())
        h.date = QDateTime::fromString(date, Qt::ISODate);
    h.rawDate = query.value(8).toByteArray();
    h.messageId = query.value(9).toString();
    h.envelopeSender = query.value(10).toString();
    h.hasAttachments = query.value(11).toInt() != 0; // NULL in rows from version 1
    return row;
}

} // namespace

QHash<QByteArray, HeaderCache::Entry> HeaderCache::load(const Account &account)
{
    QHash<QByteArray, Entry> entries;
    loadInBatches(account, 1024, [&entries](QList<Row> &&rows) {
        for (Row &row : rows)
            entries.insert(row.uid, row.entry); // QHash::insert copies anyway
        return true;
    });
    return entries;
}

bool HeaderCache::loadInBatches(const Account &account, int batchSize,
                                const std::function<bool(QList<Row> &&rows)> &sink)
{
    if (!m_open)
        return false;
    batchSize = qMax(1, batchSize);
    QList<Row> batch;
    batch.reserve(batchSize);
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(SelectColumns);
        bindAccount(query, account);
        if (!query.exec())
            return fail(tr("cannot read"), query.lastError().text());
        while (query.next()) {
            batch.append(rowFromQuery(query));
            if (batch.size() >= batchSize) {
                if (!sink(std::exchange(batch, {})))
                    return true;
                batch.reserve(batchSize);
            }
        }
    }
    for (const Pending &pending : std::as_const(m_pending)) {
        if (!sameAccount(pending.account, account))
            continue;
        batch.append({pending.uid, pending.entry});
        if (batch.size() >= batchSize) {
            if (!sink(std::exchange(batch, {})))
                return true;
        }
    }
    if (!batch.isEmpty())
        sink(std::move(batch));
    return true;
}

QList<HeaderCache::Row> HeaderCache::lookup(const Account &account, const QList<QByteArray> &uids)
{
    QList<Row> rows;
    if (!m_open || uids.isEmpty())
        return rows;
    for (const QByteArray &uid : uids) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(SelectColumns + QStringLiteral(" AND uid = :uid"));
        bindAccount(query, account);
        query.bindValue(QStringLiteral(":uid"), uid);
        if (!query.exec()) {
            fail(tr("cannot read"), query.lastError().text());
            return rows;
        }
        if (query.next())
            rows.append(rowFromQuery(query));
    }
    // Not yet flushed: newer than what the file holds.
    for (const Pending &pending : std::as_const(m_pending)) {
        if (sameAccount(pending.account, account) && uids.contains(pending.uid))
            rows.append({pending.uid, pending.entry});
    }
    return rows;
}

void HeaderCache::store(const Account &account, const QByteArray &uid, qint64 octets,
                        const HeaderSummary &headers)
{
    if (!m_open || uid.isEmpty())
        return;
    m_pending.append({account, uid, {octets, headers}});
    if (m_pending.size() >= m_batchSize)
        flush();
}

bool HeaderCache::flush()
{
    if (!m_open || m_pending.isEmpty())
        return true;
    const QList<Pending> pending = std::exchange(m_pending, {});
    if (!m_db.transaction())
        return fail(tr("cannot write"), m_db.lastError().text());
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO headers (host, port, user, uid, octets, from_text,"
            " from_name, from_address, subject, to_text, date, raw_date, message_id,"
            " envelope_sender, has_attachments) VALUES (:host, :port, :user, :uid, :octets,"
            " :from_text, :from_name, :from_address, :subject, :to_text, :date, :raw_date,"
            " :message_id, :envelope_sender, :has_attachments)"));
    for (const Pending &item : pending) {
        const HeaderSummary &h = item.entry.headers;
        bindAccount(query, item.account);
        query.bindValue(QStringLiteral(":uid"), item.uid);
        query.bindValue(QStringLiteral(":octets"), item.entry.octets);
        query.bindValue(QStringLiteral(":from_text"), h.from);
        query.bindValue(QStringLiteral(":from_name"), h.fromName);
        query.bindValue(QStringLiteral(":from_address"), h.fromAddress);
        query.bindValue(QStringLiteral(":subject"), h.subject);
        query.bindValue(QStringLiteral(":to_text"), h.to);
        // With the message's own offset, so the list shows the sender's time.
        query.bindValue(QStringLiteral(":date"), h.dateForScan());
        query.bindValue(QStringLiteral(":raw_date"), h.rawDate);
        query.bindValue(QStringLiteral(":message_id"), h.messageId);
        query.bindValue(QStringLiteral(":has_attachments"), h.hasAttachments ? 1 : 0);
        query.bindValue(QStringLiteral(":envelope_sender"), h.envelopeSender);
        if (!query.exec())
            return abandonWrite(query);
    }
    return commitWrite(query);
}

bool HeaderCache::prune(const Account &account, const QSet<QByteArray> &liveUids)
{
    if (!m_open)
        return false;
    if (!flush())
        return false;
    QList<QByteArray> vanished;
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral(
                "SELECT uid FROM headers WHERE host = :host AND port = :port AND user = :user"));
        bindAccount(query, account);
        if (!query.exec())
            return fail(tr("cannot read"), query.lastError().text());
        while (query.next()) {
            QByteArray uid = query.value(0).toByteArray();
            if (!liveUids.contains(uid))
                vanished.append(std::move(uid));
        }
    }
    if (vanished.isEmpty())
        return true;
    if (!m_db.transaction())
        return fail(tr("cannot write"), m_db.lastError().text());
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM headers"
                                 " WHERE host = :host AND port = :port AND user = :user"
                                 " AND uid = :uid"));
    for (const QByteArray &uid : std::as_const(vanished)) {
        bindAccount(query, account);
        query.bindValue(QStringLiteral(":uid"), uid);
        if (!query.exec())
            return abandonWrite(query);
    }
    return commitWrite(query);
}
