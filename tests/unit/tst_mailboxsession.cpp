#include "cache/headercache.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "session/mailboxsession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Script = QList<QByteArray>;

using TestSupport::settingsFor;

Script capa(bool pipelining)
{
    Script lines = {"S: +OK", "S: USER", "S: UIDL", "S: TOP"};
    if (pipelining)
        lines.append("S: PIPELINING");
    lines.append("S: .");
    return lines;
}

Script login(bool pipelining = false)
{
    Script lines = {"S: +OK POP3 ready", "C: CAPA"};
    lines += capa(pipelining);
    lines += Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"};
    lines += capa(pipelining);
    return lines;
}

Script listing(int count)
{
    Script lines = {"C: STAT",
                    "S: +OK " + QByteArray::number(count) + " " + QByteArray::number(count * 100)};
    lines += Script{"C: LIST", "S: +OK"};
    for (int n = 1; n <= count; ++n)
        lines.append("S: " + QByteArray::number(n) + " " + QByteArray::number(n * 100));
    lines += Script{"S: .", "C: UIDL", "S: +OK"};
    for (int n = 1; n <= count; ++n)
        lines.append("S: " + QByteArray::number(n) + " uid-" + QByteArray::number(n));
    lines.append("S: .");
    return lines;
}

QByteArray headersOf(int number)
{
    return "From: Sender " + QByteArray::number(number) + " <s" + QByteArray::number(number) +
            "@example.org>\r\nSubject: Message " + QByteArray::number(number) +
            "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n\r\n";
}

Script tops(const QList<int> &numbers)
{
    Script lines;
    for (const int n : numbers) {
        lines += Script{"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
                        FakePop3Server::multiline(headersOf(n))};
    }
    return lines;
}

Script quit()
{
    return {"C: QUIT", "S: +OK bye"};
}

} // namespace

class tst_MailboxSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rowsFromListThenHeadersFromTop_data();
    void rowsFromListThenHeadersFromTop();
    void visibleRowsFirst();
    void previewUsesTopWithLines();
    void fetchMessageUsesRetr();
    void commitSendsDeleThenQuit();
    void refusedDeleIsNotCounted();
    void dropBeforeQuitDeletesNothing();
    void resetSendsRsetAndClearsMarks();
    void reconnectsOnNextActionAfterDrop();
    void keepAliveSendsNoop();
    void loginFailureKeepsResponseCode();
    void headerCacheSendsTopOnlyForNewUids();

private:
    void verifyServer(const FakePop3Server &server)
    {
        QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
        QTRY_VERIFY(server.allScenariosPlayed());
    }
};

void tst_MailboxSession::init()
{
    qRegisterMetaType<MailboxSession::CommitResult>();
    qRegisterMetaType<Pop3Error>();
}

void tst_MailboxSession::rowsFromListThenHeadersFromTop_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("lock-step") << false;
    QTest::newRow("pipelined") << true;
}

void tst_MailboxSession::rowsFromListThenHeadersFromTop()
{
    QFETCH(bool, pipelining);
    FakePop3Server server;
    server.addScenario(login(pipelining) + listing(3) + tops({1, 2, 3}) + quit());

    MailboxSession session;
    MessageListModel *model = session.model();
    QList<MessageListModel::LoadState> statesWhenOpened;
    connect(&session, &MailboxSession::opened, this, [&] {
        for (int n = 1; n <= model->rowCount(); ++n)
            statesWhenOpened.append(model->loadState(n));
    });
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QCOMPARE(session.state(), MailboxSession::State::Connecting);
    QVERIFY(finished.wait(5000));

    // Every row was there, sized, before any TOP answer.
    QCOMPARE(statesWhenOpened,
             QList<MessageListModel::LoadState>(3, MessageListModel::LoadState::Pending));
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->totalOctets(), qint64(600));
    QCOMPARE(model->index(1, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("Sender 2"));
    QCOMPARE(model->index(2, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Message 3"));
    QCOMPARE(model->uidAt(0), QByteArray("uid-1"));
    QCOMPARE(session.authenticationMethod(), QStringLiteral("USER/PASS"));
    QCOMPARE(session.state(), MailboxSession::State::Ready);

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 0);
    QVERIFY(result.quitConfirmed);
    QCOMPARE(session.state(), MailboxSession::State::Closed);
    verifyServer(server);
}

void tst_MailboxSession::visibleRowsFirst()
{
    FakePop3Server server;
    // Window of one: the order on the wire is exactly the scheduling order.
    server.addScenario(login() + listing(6) + tops({5, 4, 1, 2, 3, 6}) + quit());
    MailboxSession session;
    session.setPreviewWindow(1);
    connect(&session, &MailboxSession::opened, this, [&] { session.prioritize({5, 4}); });
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QVERIFY(session.model()->pendingNumbers().isEmpty());
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    verifyServer(server);
}

void tst_MailboxSession::previewUsesTopWithLines()
{
    FakePop3Server server;
    const QByteArray preview = headersOf(2) + "First line\r\nSecond line\r\n";
    server.addScenario(login() + listing(2) + tops({1, 2}) +
                       Script{"C: TOP 2 20", "S: +OK", FakePop3Server::multiline(preview)} +
                       quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));

    QSignalSpy ready(&session, &MailboxSession::previewReady);
    session.preview(2, 20);
    QVERIFY(ready.wait(5000));
    QCOMPARE(ready.at(0).at(0).toInt(), 2);
    QCOMPARE(ready.at(0).at(1).toByteArray(), preview);

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    verifyServer(server);
    for (const QByteArray &line : server.receivedLines())
        QVERIFY2(!line.startsWith("RETR"), line.constData());
}

void tst_MailboxSession::fetchMessageUsesRetr()
{
    FakePop3Server server;
    QByteArray body = headersOf(1);
    for (int i = 0; i < 200; ++i)
        body += "A line of the body to make the message big enough for progress\r\n";
    server.addScenario(login() + listing(1) + tops({1}) +
                       Script{"C: RETR 1", "S: +OK", FakePop3Server::multiline(body)} + quit());
    server.setChunkSize(4096);
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));

    QSignalSpy progress(&session, &MailboxSession::messageProgress);
    QSignalSpy ready(&session, &MailboxSession::messageReady);
    session.fetchMessage(1);
    QVERIFY(ready.wait(5000));
    QCOMPARE(ready.at(0).at(1).toByteArray(), body);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 1);
    QCOMPARE(progress.last().at(2).toLongLong(), qint64(100)); // LIST's size

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    verifyServer(server);
}

void tst_MailboxSession::commitSendsDeleThenQuit()
{
    FakePop3Server server;
    server.addScenario(login() + listing(3) + tops({1, 2, 3}) +
                       Script{"C: DELE 1", "S: +OK", "C: DELE 3", "S: +OK"} + quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));

    session.markForDeletion({1, 2, 3});
    session.unmark({2});
    QCOMPARE(session.model()->markedCount(), 2);
    // Marks are local: nothing went to the server yet.
    QVERIFY(!server.receivedLines().contains("DELE 1"));

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 2);
    QCOMPARE(result.confirmed, 2);
    QVERIFY(result.quitConfirmed);
    QCOMPARE(result.deleted(), 2);
    QVERIFY(!result.error.isError());
    verifyServer(server);
}

void tst_MailboxSession::refusedDeleIsNotCounted()
{
    FakePop3Server server;
    server.addScenario(
            login() + listing(2) + tops({1, 2}) +
            Script{"C: DELE 1", "S: -ERR message 1 already deleted", "C: DELE 2", "S: +OK"} +
            quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({1, 2});
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 2);
    QCOMPARE(result.deleted(), 1);
    QCOMPARE(result.error.kind(), Pop3Error::Kind::Server);
    verifyServer(server);
}

void tst_MailboxSession::dropBeforeQuitDeletesNothing()
{
    FakePop3Server server;
    server.addScenario(login() + listing(2) + tops({1, 2}) +
                       Script{"C: DELE 1", "S: +OK", "C: QUIT", "X"});
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({1});
    QSignalSpy committed(&session, &MailboxSession::committed);
    QSignalSpy lost(&session, &MailboxSession::connectionLost);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 1);
    QCOMPARE(result.confirmed, 1);
    QVERIFY(!result.quitConfirmed);
    QCOMPARE(result.deleted(), 0);
    QVERIFY(result.error.isError());
    QCOMPARE(committed.count(), 1);
    QCOMPARE(lost.count(), 0); // the commit reports it, once
    verifyServer(server);
}

void tst_MailboxSession::resetSendsRsetAndClearsMarks()
{
    FakePop3Server server;
    server.addScenario(login() + listing(2) + tops({1, 2}) + Script{"C: RSET", "S: +OK"} + quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({1, 2});
    QSignalSpy reset(&session, &MailboxSession::resetFinished);
    session.reset();
    QVERIFY(reset.wait(5000));
    QVERIFY(!reset.at(0).at(0).value<Pop3Error>().isError());
    QCOMPARE(session.model()->markedCount(), 0);
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    verifyServer(server);
}

void tst_MailboxSession::reconnectsOnNextActionAfterDrop()
{
    FakePop3Server server;
    server.addScenario(login() + listing(3) + tops({1, 2, 3}) + Script{"X"});
    // Message 1 went meanwhile: uid-3 is now message 2. Known headers are
    // not fetched again, the mark follows the unique-id, and the preview of
    // "message 3" asks for the message that is number 2 now.
    const QByteArray preview = headersOf(3) + "Body\r\n";
    server.addScenario(login() +
                       Script{"C: STAT", "S: +OK 2 500", "C: LIST", "S: +OK", "S: 1 200",
                              "S: 2 300", "S: .", "C: UIDL", "S: +OK", "S: 1 uid-2", "S: 2 uid-3",
                              "S: ."} +
                       Script{"C: TOP 2 20", "S: +OK", FakePop3Server::multiline(preview)} +
                       Script{"C: DELE 2", "S: +OK"} + quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    QSignalSpy lost(&session, &MailboxSession::connectionLost);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({3});
    QVERIFY(lost.wait(5000));
    QCOMPARE(session.state(), MailboxSession::State::Disconnected);

    QSignalSpy reconnecting(&session, &MailboxSession::reconnecting);
    QSignalSpy ready(&session, &MailboxSession::previewReady);
    session.preview(3, 20);
    QCOMPARE(reconnecting.count(), 1);
    QVERIFY(ready.wait(5000));
    QCOMPARE(ready.at(0).at(1).toByteArray(), preview);
    QCOMPARE(session.model()->rowCount(), 2);
    QCOMPARE(session.model()->markedNumbers(), QList<int>({2}));

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    QCOMPARE(committed.at(0).at(0).value<MailboxSession::CommitResult>().deleted(), 1);
    verifyServer(server);
}

void tst_MailboxSession::keepAliveSendsNoop()
{
    FakePop3Server server;
    server.addScenario(login() + listing(1) + tops({1}) + Script{"C: NOOP", "S: +OK"} + quit());
    MailboxSession session;
    session.setKeepAliveInterval(300);
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QTRY_VERIFY(server.receivedLines().contains("NOOP"));
    session.setKeepAliveInterval(0);
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    verifyServer(server);
}

void tst_MailboxSession::loginFailureKeepsResponseCode()
{
    FakePop3Server server;
    Script script = {"S: +OK POP3 ready", "C: CAPA"};
    script += capa(false);
    script += Script{"C: USER bob", "S: +OK", "C: PASS secret",
                     "S: -ERR [IN-USE] Mailbox locked by another session"};
    server.addScenario(script);
    MailboxSession session;
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    session.open(settingsFor(server));
    QVERIFY(failed.wait(5000));
    const auto error = failed.at(0).at(0).value<Pop3Error>();
    QCOMPARE(error.responseCode(), Pop3Error::ResponseCode::InUse);
    QCOMPARE(session.state(), MailboxSession::State::Disconnected);
    verifyServer(server);
}

void tst_MailboxSession::headerCacheSendsTopOnlyForNewUids()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cachePath = dir.filePath(QStringLiteral("cache/headers.sqlite"));
    FakePop3Server server;
    server.addScenario(login(true) + listing(3) + tops({1, 2, 3}) + quit());
    // Next time uid-3 is gone and uid-4 is new (message 3 now): one TOP.
    server.addScenario(login(true) +
                       Script{"C: STAT", "S: +OK 3 600", "C: LIST", "S: +OK", "S: 1 100",
                              "S: 2 200", "S: 3 300", "S: .", "C: UIDL", "S: +OK", "S: 1 uid-1",
                              "S: 2 uid-2", "S: 3 uid-4", "S: ."} +
                       tops({3}) + quit());
    const auto run = [&](QList<MessageListModel::LoadState> *statesWhenOpened) {
        // A new session each time, as after a restart of the app.
        MailboxSession session;
        session.setHeaderCachePath(cachePath);
        QVERIFY2(session.headerCacheError().isEmpty(), qPrintable(session.headerCacheError()));
        QCOMPARE(session.headerCachePath(), cachePath);
        MessageListModel *model = session.model();
        connect(&session, &MailboxSession::opened, this, [&] {
            for (int n = 1; n <= model->rowCount(); ++n)
                statesWhenOpened->append(model->loadState(n));
        });
        QSignalSpy finished(&session, &MailboxSession::previewsFinished);
        session.open(settingsFor(server));
        QVERIFY(finished.wait(5000));
        QCOMPARE(model->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            const int number = model->numberAt(row);
            QCOMPARE(model->index(row, MessageListModel::FromColumn).data().toString(),
                     QStringLiteral("Sender %1").arg(number));
        }
        QSignalSpy committed(&session, &MailboxSession::committed);
        session.commit();
        QVERIFY(committed.wait(5000));
    };

    QList<MessageListModel::LoadState> first;
    run(&first);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(first, QList<MessageListModel::LoadState>(3, MessageListModel::LoadState::Pending));
    const qsizetype linesOfFirst = server.receivedLines().size();

    QList<MessageListModel::LoadState> second;
    run(&second);
    if (QTest::currentTestFailed())
        return;
    // The rows appear at once from the listing; their cached headers come
    // from the cache's thread right after, before any TOP goes out (only
    // the new message got one) and before previewsFinished.
    QCOMPARE(second, QList<MessageListModel::LoadState>(3, MessageListModel::LoadState::Pending));
    QList<QByteArray> topsSent;
    const QList<QByteArray> lines = server.receivedLines().mid(linesOfFirst);
    for (const QByteArray &line : lines) {
        if (line.startsWith("TOP "))
            topsSent.append(line);
    }
    QCOMPARE(topsSent, QList<QByteArray>({"TOP 3 0"}));
    verifyServer(server);

    // uid-3 left the server and was pruned; uid-4 was stored.
    HeaderCache cache(cachePath);
    QVERIFY2(cache.open(), qPrintable(cache.errorString()));
    const auto entries =
            cache.load({QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("bob")});
    QCOMPARE(QSet<QByteArray>(entries.keyBegin(), entries.keyEnd()),
             (QSet<QByteArray>{"uid-1", "uid-2", "uid-4"}));
    QCOMPARE(entries.value("uid-4").headers.subject, QStringLiteral("Message 3"));
    QCOMPARE(entries.value("uid-4").octets, qint64(300));
}

QTEST_GUILESS_MAIN(tst_MailboxSession)
#include "tst_mailboxsession.moc"
