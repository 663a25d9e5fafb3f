#include "cache/asyncheadercache.h"
#include "cache/headercache.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

HeaderCache::Account account(const QString &user = QStringLiteral("bob"), quint16 port = 995)
{
    return {QStringLiteral("pop.example.org"), port, user};
}

HeaderSummary summary(const QString &subject)
{
    HeaderSummary h;
    h.from = QStringLiteral("홍길동 <hong@example.kr>");
    h.fromName = QStringLiteral("홍길동");
    h.fromAddress = QStringLiteral("hong@example.kr");
    h.subject = subject;
    h.to = QStringLiteral("Bob <bob@example.org>, 김철수 <kim@example.kr>");
    h.date = QDateTime(QDate(2024, 1, 3), QTime(19, 30, 5), Qt::OffsetFromUTC, 9 * 3600);
    h.rawDate = "Wed, 03 Jan 2024 19:30:05 +0900";
    h.messageId = QStringLiteral("abc.123@example.kr");
    h.envelopeSender = QStringLiteral("bounce@example.kr");
    return h;
}

void compareSummary(const HeaderSummary &got, const HeaderSummary &expected)
{
    QCOMPARE(got.from, expected.from);
    QCOMPARE(got.fromName, expected.fromName);
    QCOMPARE(got.fromAddress, expected.fromAddress);
    QCOMPARE(got.subject, expected.subject);
    QCOMPARE(got.to, expected.to);
    QCOMPARE(got.date, expected.date);
    // The instant and the sender's own offset, which the list shows.
    QCOMPARE(got.date.offsetFromUtc(), expected.date.offsetFromUtc());
    QCOMPARE(got.dateForScan(), expected.dateForScan());
    QCOMPARE(got.rawDate, expected.rawDate);
    QCOMPARE(got.messageId, expected.messageId);
    QCOMPARE(got.envelopeSender, expected.envelopeSender);
    QCOMPARE(got.hasAttachments, expected.hasAttachments);
}

} // namespace

class tst_HeaderCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultPathIsInTheCacheDir();
    void roundTripKeepsEveryField();
    void invalidDateStaysInvalid();
    // A file written before the paperclip (schema 1) keeps its rows.
    void versionOneFileKeepsItsRows();
    void batchesAreWrittenAtBatchSize();
    void pruneRemovesVanishedUids();
    void accountsAreIsolated();
    void largeMailbox();
    void corruptFileIsAClearError();
    void unwritablePathIsAClearError();
    void sessionWorksWithoutCache();
    void asyncLoadStreamsEveryRowInBatches();
    void asyncLoadCanBeCancelled();
    void cachedHeadersFillOnlyPendingMatchingRows();

private:
    QTemporaryDir m_dir;
};

void tst_HeaderCache::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_HeaderCache::defaultPathIsInTheCacheDir()
{
    QVERIFY(HeaderCache::defaultPath().endsWith(QLatin1String("/mailpeek/headers.sqlite")));
}

void tst_HeaderCache::roundTripKeepsEveryField()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip/headers.sqlite"));
    const HeaderSummary korean = summary(QStringLiteral("회의 안내: 다음 주 월요일"));
    HeaderSummary emoji = summary(QStringLiteral("Party 🎉🍕 tonight 👍🏽"));
    emoji.hasAttachments = true;
    {
        HeaderCache cache(path);
        QVERIFY2(cache.open(), qPrintable(cache.errorString()));
        cache.store(account(), "uid-ko", 1234, korean);
        cache.store(account(), QByteArray("uid-\xf0\x9f\x8e\x89", 8), 5678, emoji);
        // Not flushed yet, and still seen by load().
        QCOMPARE(cache.pendingCount(), 2);
        QCOMPARE(cache.load(account()).size(), 2);
        QVERIFY2(cache.flush(), qPrintable(cache.errorString()));
        QCOMPARE(cache.pendingCount(), 0);
    }
    // Another instance on the same file: what a restart of the app sees.
    HeaderCache cache(path);
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    const QHash<QByteArray, HeaderCache::Entry> entries = cache.load(account());
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.value("uid-ko").octets, qint64(1234));
    compareSummary(entries.value("uid-ko").headers, korean);
    const QByteArray emojiUid("uid-\xf0\x9f\x8e\x89", 8);
    QVERIFY(entries.contains(emojiUid));
    QCOMPARE(entries.value(emojiUid).octets, qint64(5678));
    compareSummary(entries.value(emojiUid).headers, emoji);
}

void tst_HeaderCache::versionOneFileKeepsItsRows()
{
    const QString path = m_dir.filePath(QStringLiteral("version1/headers.sqlite"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        // The table as version 1 created it, with one row.
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("version1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
                "CREATE TABLE headers (host TEXT NOT NULL, port INTEGER NOT NULL,"
                " user TEXT NOT NULL, uid BLOB NOT NULL, octets INTEGER NOT NULL,"
                " from_text TEXT, from_name TEXT, from_address TEXT, subject TEXT,"
                " to_text TEXT, date TEXT, raw_date BLOB, message_id TEXT,"
                " envelope_sender TEXT, PRIMARY KEY (host, port, user, uid)) WITHOUT ROWID")));
        QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO headers VALUES ('pop.example.org', 995, 'bob', 'uid-old', 42,"
                " 'Ann <ann@example.com>', 'Ann', 'ann@example.com', 'Old subject', '', '',"
                " '', '', '')")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=1")));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("version1"));

    HeaderCache cache(path);
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    QHash<QByteArray, HeaderCache::Entry> entries = cache.load(account());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.value("uid-old").headers.subject, QStringLiteral("Old subject"));
    QCOMPARE(entries.value("uid-old").headers.hasAttachments, false);

    HeaderSummary withFiles = summary(QStringLiteral("New"));
    withFiles.hasAttachments = true;
    cache.store(account(), "uid-new", 7, withFiles);
    QVERIFY2(cache.flush(), qPrintable(cache.errorString()));
    HeaderCache reopened(path);
    QVERIFY2(reopened.open(), qPrintable(reopened.errorString()));
    entries = reopened.load(account());
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.value("uid-new").headers.hasAttachments, true);
    QCOMPARE(entries.value("uid-old").headers.subject, QStringLiteral("Old subject"));
}

void tst_HeaderCache::invalidDateStaysInvalid()
{
    HeaderCache cache(m_dir.filePath(QStringLiteral("nodate.sqlite")));
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    HeaderSummary h;
    h.subject = QStringLiteral("no date");
    cache.store(account(), "u1", 10, h);
    QVERIFY(cache.flush());
    const HeaderSummary got = cache.load(account()).value("u1").headers;
    QCOMPARE(got.subject, h.subject);
    QVERIFY(!got.date.isValid());
    QVERIFY(got.from.isEmpty());
}

void tst_HeaderCache::batchesAreWrittenAtBatchSize()
{
    const QString path = m_dir.filePath(QStringLiteral("batch.sqlite"));
    HeaderCache cache(path);
    QVERIFY(cache.open());
    cache.setBatchSize(3);
    for (int i = 1; i <= 4; ++i)
        cache.store(account(), "u" + QByteArray::number(i), i, summary(QStringLiteral("s")));
    // The first three went out in one transaction; the fourth waits.
    QCOMPARE(cache.pendingCount(), 1);
    HeaderCache reader(path);
    QVERIFY(reader.open());
    QCOMPARE(reader.load(account()).size(), 3);
}

void tst_HeaderCache::pruneRemovesVanishedUids()
{
    HeaderCache cache(m_dir.filePath(QStringLiteral("prune.sqlite")));
    QVERIFY(cache.open());
    for (int i = 1; i <= 5; ++i)
        cache.store(account(), "u" + QByteArray::number(i), i, summary(QStringLiteral("s")));
    // Pending entries count too: prune flushes first.
    QVERIFY2(cache.prune(account(), {"u2", "u4", "u9"}), qPrintable(cache.errorString()));
    const auto entries = cache.load(account());
    QCOMPARE(QSet<QByteArray>(entries.keyBegin(), entries.keyEnd()),
             (QSet<QByteArray>{"u2", "u4"}));
    QVERIFY(cache.prune(account(), {}));
    QVERIFY(cache.load(account()).isEmpty());
}

void tst_HeaderCache::accountsAreIsolated()
{
    HeaderCache cache(m_dir.filePath(QStringLiteral("accounts.sqlite")));
    QVERIFY(cache.open());
    const HeaderCache::Account alice = account(QStringLiteral("alice"));
    const HeaderCache::Account bob = account(QStringLiteral("bob"));
    const HeaderCache::Account bobOtherPort = account(QStringLiteral("bob"), 110);
    HeaderCache::Account bobUpperHost = bob;
    bobUpperHost.host = QStringLiteral("POP.Example.ORG");
    // The same unique-id on two accounts names two different messages.
    cache.store(alice, "same", 1, summary(QStringLiteral("for alice")));
    cache.store(bob, "same", 2, summary(QStringLiteral("for bob")));
    cache.store(bobOtherPort, "other", 3, summary(QStringLiteral("bob on 110")));
    QVERIFY(cache.flush());

    QCOMPARE(cache.load(alice).value("same").headers.subject, QStringLiteral("for alice"));
    QCOMPARE(cache.load(bob).value("same").headers.subject, QStringLiteral("for bob"));
    QCOMPARE(cache.load(bob).size(), 1);
    QCOMPARE(cache.load(bobOtherPort).size(), 1);
    // Host names are not case-sensitive.
    QCOMPARE(cache.load(bobUpperHost).size(), 1);

    // Pruning one account leaves the others alone.
    QVERIFY(cache.prune(bob, {}));
    QVERIFY(cache.load(bob).isEmpty());
    QCOMPARE(cache.load(alice).size(), 1);
    QCOMPARE(cache.load(bobOtherPort).size(), 1);
}

void tst_HeaderCache::largeMailbox()
{
    // Reopening a big mailbox reads the whole account at once: printed so a
    // slowdown shows up in the log (no time limit here: CI machines vary).
    constexpr int count = 20000;
    const QString path = m_dir.filePath(QStringLiteral("large.sqlite"));
    QElapsedTimer timer;
    timer.start();
    {
        HeaderCache cache(path);
        QVERIFY(cache.open());
        const HeaderSummary h = summary(QStringLiteral("Weekly newsletter, issue 42"));
        for (int i = 0; i < count; ++i)
            cache.store(account(), "uid-" + QByteArray::number(i), 4000 + i, h);
        QVERIFY2(cache.flush(), qPrintable(cache.errorString()));
    }
    const qint64 storeMs = timer.restart();
    HeaderCache cache(path);
    QVERIFY(cache.open());
    const auto entries = cache.load(account());
    const qint64 loadMs = timer.restart();
    QCOMPARE(entries.size(), count);
    QCOMPARE(entries.value("uid-19999").octets, qint64(4000 + 19999));
    QSet<QByteArray> live;
    for (int i = 0; i < count; i += 2)
        live.insert("uid-" + QByteArray::number(i));
    QVERIFY(cache.prune(account(), live));
    const qint64 pruneMs = timer.elapsed();
    QCOMPARE(cache.load(account()).size(), count / 2);
    qInfo("%d entries: stored in %lld ms, loaded in %lld ms, half pruned in %lld ms", count,
          storeMs, loadMs, pruneMs);
}

void tst_HeaderCache::corruptFileIsAClearError()
{
    const QString path = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray junk(8192, 'x');
        junk.prepend("this is not a database\n");
        file.write(junk);
    }
    HeaderCache cache(path);
    QVERIFY(!cache.open());
    QVERIFY(!cache.isOpen());
    QVERIFY2(cache.errorString().contains(path), qPrintable(cache.errorString()));
    // A closed cache is inert: nothing stored, nothing loaded, no crash.
    cache.store(account(), "u1", 1, summary(QStringLiteral("s")));
    QCOMPARE(cache.pendingCount(), 0);
    QVERIFY(cache.load(account()).isEmpty());
    // And the user's file is left as it was.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("this is not a database"));
}

void tst_HeaderCache::unwritablePathIsAClearError()
{
    // A file where the folder should be: fails for root too.
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    HeaderCache cache(blocker + QStringLiteral("/mailpeek/headers.sqlite"));
    QVERIFY(!cache.open());
    QVERIFY2(cache.errorString().contains(blocker), qPrintable(cache.errorString()));

    HeaderCache empty(QString{});
    QVERIFY(!empty.open());
    QVERIFY(!empty.errorString().isEmpty());
}

void tst_HeaderCache::sessionWorksWithoutCache()
{
    const QString path = m_dir.filePath(QStringLiteral("session-corrupt.sqlite"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, '\x01'));
    }
    FakePop3Server server;
    const QList<QByteArray> capa = {"S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: ."};
    QList<QByteArray> script = {"S: +OK POP3 ready", "C: CAPA"};
    script += capa;
    script += {"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK", "C: CAPA"};
    script += capa;
    script += {"C: STAT",
               "S: +OK 1 100",
               "C: LIST",
               "S: +OK",
               "S: 1 100",
               "S: .",
               "C: UIDL",
               "S: +OK",
               "S: 1 uid-1",
               "S: .",
               "C: TOP 1 0",
               "S: +OK",
               FakePop3Server::multiline("From: A <a@example.org>\r\nSubject: hello\r\n\r\n"),
               "C: QUIT",
               "S: +OK"};
    server.addScenario(script);

    MailboxSession session;
    session.setHeaderCachePath(path);
    QVERIFY(!session.headerCacheError().isEmpty());
    QVERIFY(session.headerCachePath().isEmpty());

    const ConnectionSettings settings = TestSupport::settingsFor(server);
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settings);
    QVERIFY(finished.wait(5000));
    QCOMPARE(session.model()->loadState(1), MessageListModel::LoadState::Loaded);
    QCOMPARE(session.model()->index(0, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("hello"));
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
}

void tst_HeaderCache::asyncLoadStreamsEveryRowInBatches()
{
    const QString path = m_dir.filePath(QStringLiteral("async.sqlite"));
    constexpr int Count = 5000;
    {
        AsyncHeaderCache cache(path);
        QVERIFY2(cache.open(), qPrintable(cache.errorString()));
        for (int i = 1; i <= Count; ++i)
            cache.store(account(), "uid-" + QByteArray::number(i), i,
                        summary(QStringLiteral("subject %1").arg(i)));
        // The destructor writes what is still queued.
    }
    AsyncHeaderCache cache(path);
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    cache.setLoadBatchSize(700);
    QList<QList<QByteArray>> batches;
    QList<bool> firstFlags;
    QHash<QByteArray, HeaderCache::Entry> all;
    bool onOwnThread = true;
    connect(&cache, &AsyncHeaderCache::rowsLoaded, this,
            [&](quint64, const QList<HeaderCache::Row> &rows, bool first) {
                onOwnThread = onOwnThread && QThread::currentThread() == thread();
                QList<QByteArray> uids;
                for (const HeaderCache::Row &row : rows) {
                    uids.append(row.uid);
                    all.insert(row.uid, row.entry);
                }
                batches.append(uids);
                firstFlags.append(first);
            });
    QSignalSpy finished(&cache, &AsyncHeaderCache::loadFinished);
    const quint64 id = cache.load(account(), {"uid-4999", "uid-7", "uid-none"});
    QVERIFY(cache.isLoading());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).value<quint64>(), id);
    QVERIFY(finished.at(0).at(1).toBool());
    QVERIFY(!cache.isLoading());
    QVERIFY(onOwnThread);
    // The rows asked for by name come first, alone; the rest in batches.
    QVERIFY(!batches.isEmpty());
    QCOMPARE(batches.first(), (QList<QByteArray>{"uid-4999", "uid-7"}));
    QCOMPARE(firstFlags.count(true), 1);
    QVERIFY(firstFlags.first());
    for (qsizetype i = 1; i < batches.size(); ++i)
        QVERIFY(batches.at(i).size() <= 700);
    QCOMPARE(batches.size(), 1 + (Count + 699) / 700);
    QCOMPARE(all.size(), Count);
    QCOMPARE(all.value("uid-1234").octets, qint64(1234));
    QCOMPARE(all.value("uid-1234").headers.subject, QStringLiteral("subject 1234"));

    // Pruned on the worker; visible to the next reader once destroyed.
    cache.prune(account(), {"uid-1", "uid-2"});
    QSignalSpy second(&cache, &AsyncHeaderCache::loadFinished);
    all.clear();
    cache.load(account());
    QVERIFY(second.wait(10000));
    QCOMPARE(QSet<QByteArray>(all.keyBegin(), all.keyEnd()), (QSet<QByteArray>{"uid-1", "uid-2"}));
}

void tst_HeaderCache::asyncLoadCanBeCancelled()
{
    const QString path = m_dir.filePath(QStringLiteral("async-cancel.sqlite"));
    AsyncHeaderCache cache(path);
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    for (int i = 1; i <= 3000; ++i)
        cache.store(account(), "u" + QByteArray::number(i), i, summary(QStringLiteral("s")));
    cache.flush();
    cache.setLoadBatchSize(100);
    int delivered = 0;
    connect(&cache, &AsyncHeaderCache::rowsLoaded, this,
            [&](quint64, const QList<HeaderCache::Row> &rows, bool first) {
                delivered += int(rows.size());
                if (!first)
                    cache.cancelLoad();
            });
    QSignalSpy finished(&cache, &AsyncHeaderCache::loadFinished);
    cache.load(account());
    QTRY_VERIFY(delivered > 0);
    QVERIFY(!cache.isLoading());
    // Nothing more arrives for a cancelled load; a new one still works.
    const int afterCancel = delivered;
    QSignalSpy next(&cache, &AsyncHeaderCache::loadFinished);
    disconnect(&cache, &AsyncHeaderCache::rowsLoaded, this, nullptr);
    cache.load(account(), {"u5"});
    QVERIFY(next.wait(10000));
    QCOMPARE(delivered, afterCancel);
    // Only the second load finished: the cancelled one never reports.
    QCOMPARE(finished.size(), 1);
}

void tst_HeaderCache::cachedHeadersFillOnlyPendingMatchingRows()
{
    MessageListModel model;
    QList<MessageListModel::Listing> listing;
    for (int n = 1; n <= 6; ++n)
        listing.append({n, n * 100, "uid-" + QByteArray::number(n)});
    model.setListing(listing);
    model.setHeaders(5, summary(QStringLiteral("from TOP")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<HeaderCache::Row> rows;
    for (const int n : {1, 2, 3, 5, 6})
        rows.append({"uid-" + QByteArray::number(n), {n * 100, summary(QStringLiteral("cached"))}});
    rows[2].entry.octets = 999; // uid-3 reused for another message: not trusted
    rows.append({"uid-unknown", {1, summary(QStringLiteral("cached"))}});
    QCOMPARE(model.setCachedHeaders(rows), 3); // 1, 2 and 6
    using S = MessageListModel::LoadState;
    QCOMPARE(model.loadState(1), S::Loaded);
    QCOMPARE(model.loadState(3), S::Pending);
    QCOMPARE(model.loadState(4), S::Pending);
    QCOMPARE(model.index(4, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("from TOP"));
    QCOMPARE(model.index(5, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("cached"));
    // One signal per run of adjacent rows: rows 0-1, then row 5.
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 5);
    QCOMPARE(model.rowForUid("uid-6"), 5);
    QCOMPARE(model.rowForUid("nope"), -1);
}

QTEST_GUILESS_MAIN(tst_HeaderCache)
#include "tst_headercache.moc"
