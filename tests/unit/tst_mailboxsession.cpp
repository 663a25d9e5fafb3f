#include "cache/headercache.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "serverchecks.h"
#include "session/mailboxsession.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

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

// A CAPA answer with these capabilities.
Script capaWith(const QList<QByteArray> &capabilities)
{
    Script lines = {"S: +OK"};
    for (const QByteArray &capability : capabilities)
        lines.append("S: " + capability);
    lines.append("S: .");
    return lines;
}

// Login with one CAPA answer before it and another after.
Script loginWith(const Script &capaBefore, const Script &capaAfter)
{
    return Script{"S: +OK POP3 ready", "C: CAPA"} + capaBefore +
            Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"} +
            capaAfter;
}

// STAT and LIST of `count` messages of n * 100 octets, without UIDL.
Script statAndList(int count)
{
    Script lines = listing(count);
    return lines.first(lines.indexOf("C: UIDL"));
}

// UIDL giving these unique-ids to messages 1, 2, ...
Script uidl(const QList<QByteArray> &uids)
{
    Script lines = {"C: UIDL", "S: +OK"};
    for (qsizetype i = 0; i < uids.size(); ++i)
        lines.append("S: " + QByteArray::number(i + 1) + " " + uids.at(i));
    lines.append("S: .");
    return lines;
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
    void capaAfterLoginDecidesUidlAndTop_data();
    void capaAfterLoginDecidesUidlAndTop();
    void previewAfterReconnectNeverGuessesByNumber();
    void marksWithoutUsableUidDoNotFollowReconnect();
    void noTopHeadersComeFromRetr();
    void dropAfterQuitLeavesOutcomeUnknown_data();
    void dropAfterQuitLeavesOutcomeUnknown();
    void reopenMidOpenRunsNoStaleHandler_data();
    void reopenMidOpenRunsNoStaleHandler();
    void abortMidPreviewRunsNoStaleHandler();
    void reopenMidRetrRunsNoStaleHandler();
    void securitySummaryDescribesTheConnection();
    void endDuringSlicedListing_data();
    void endDuringSlicedListing();

private:
    // Ends `session` with a commit that deletes nothing; every server has
    // played its script.
    void commitAndVerify(MailboxSession &session, const QList<const FakePop3Server *> &servers)
    {
        QSignalSpy committed(&session, &MailboxSession::committed);
        session.commit();
        QVERIFY(committed.wait(5000));
        QVERIFY(committed.at(0).at(0).value<MailboxSession::CommitResult>().quitConfirmed);
        for (const FakePop3Server *server : servers) {
            VERIFY_SERVER(*server);
            if (QTest::currentTestFailed())
                return;
        }
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);
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
    VERIFY_SERVER(server);

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

void tst_MailboxSession::capaAfterLoginDecidesUidlAndTop_data()
{
    // Issue 11, section 4: LoginSequence asks CAPA after login without
    // waiting; UIDL and TOP are decided on that answer, with no extra round
    // trip (the scripts fix every command and its place).
    QTest::addColumn<Script>("script");
    QTest::addColumn<bool>("usable"); // rows have unique-ids and headers
    const Script none = capaWith({"USER"});
    const Script both = capaWith({"USER", "UIDL", "TOP"});
    const Script nonePipelined = capaWith({"USER", "PIPELINING"});
    const Script bothPipelined = capaWith({"USER", "UIDL", "TOP", "PIPELINING"});
    const Script ok = uidl({"uid-1", "uid-2"}) + tops({1, 2});
    QTest::newRow("only after login, lock-step")
            << Script(loginWith(none, both) + statAndList(2) + ok) << true;
    QTest::newRow("only after login, pipelined")
            << Script(loginWith(nonePipelined, bothPipelined) + statAndList(2) + ok) << true;
    // UIDL went out on the first CAPA's word; its -ERR means "none".
    QTest::newRow("only before login, lock-step")
            << Script(loginWith(both, none) + statAndList(2) + Script{"C: UIDL", "S: -ERR no"})
            << false;
    QTest::newRow("only before login, pipelined")
            << Script(loginWith(bothPipelined, nonePipelined) + statAndList(2) +
                      Script{"C: UIDL", "S: -ERR no"})
            << false;
    // Neither: no UIDL, no TOP, so not a command more than needed.
    QTest::newRow("neither, lock-step") << Script(loginWith(none, none) + statAndList(2)) << false;
}

void tst_MailboxSession::capaAfterLoginDecidesUidlAndTop()
{
    QFETCH(Script, script);
    QFETCH(bool, usable);
    FakePop3Server server;
    server.addScenario(script + quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    MessageListModel *model = session.model();
    QCOMPARE(model->messageCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(model->uidAt(row), usable ? "uid-" + QByteArray::number(row + 1) : QByteArray());
        QCOMPARE(model->loadState(row + 1),
                 usable ? MessageListModel::LoadState::Loaded
                        : MessageListModel::LoadState::Failed);
    }
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
}

void tst_MailboxSession::previewAfterReconnectNeverGuessesByNumber()
{
    // Messages 1 and 2 share a unique-id, so neither has a usable one. After
    // a reconnect, number 2 may be another message (here: message 1 left,
    // and uid-3 is number 2 now). The preview of "message 2" must not show
    // whatever has that number now: it fails, and asks nothing of the server.
    FakePop3Server server;
    server.addScenario(login() + listing(3).first(listing(3).indexOf("C: UIDL")) +
                       uidl({"same", "same", "uid-3"}) + tops({1, 2, 3}) + Script{"X"});
    server.addScenario(login() +
                       Script{"C: STAT", "S: +OK 2 500", "C: LIST", "S: +OK", "S: 1 200",
                              "S: 2 300", "S: .", "C: UIDL", "S: +OK", "S: 1 same2", "S: 2 uid-3",
                              "S: ."} +
                       tops({1}) + quit()); // uid-3's headers are known already
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    QSignalSpy lost(&session, &MailboxSession::connectionLost);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QVERIFY(session.model()->uidAt(1).isEmpty());
    QVERIFY(lost.wait(5000));

    QSignalSpy failed(&session, &MailboxSession::previewFailed);
    QSignalSpy ready(&session, &MailboxSession::previewReady);
    session.preview(2, 20);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).toInt(), 2);
    QVERIFY2(failed.at(0).at(1).value<Pop3Error>().errorString().contains(
                     QLatin1String("unique-id")),
             qPrintable(failed.at(0).at(1).value<Pop3Error>().errorString()));
    QCOMPARE(ready.count(), 0);
    QSignalSpy relisted(&session, &MailboxSession::previewsFinished);
    QVERIFY(relisted.wait(5000));

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
    for (const QByteArray &line : server.receivedLines())
        QVERIFY2(!line.endsWith(" 20"), line.constData());
}

void tst_MailboxSession::marksWithoutUsableUidDoNotFollowReconnect()
{
    // Within a session numbers are the identity: message 2 (shared id) can
    // be marked like any other. Across a reconnect only unique ids are: the
    // mark on uid-1 follows it to its new number; the mark on the message
    // without one is removed, with a notice, and never lands on another row.
    FakePop3Server server;
    server.addScenario(login() + listing(3).first(listing(3).indexOf("C: UIDL")) +
                       uidl({"uid-1", "dup", "dup"}) + tops({1, 2, 3}) + Script{"X"});
    // Someone added a message in front (numbers shift); "dup" is on two
    // messages again, one of which may be the one that was marked.
    server.addScenario(login() +
                       Script{"C: STAT", "S: +OK 4 1000", "C: LIST", "S: +OK", "S: 1 400",
                              "S: 2 100", "S: 3 200", "S: 4 300", "S: .", "C: UIDL", "S: +OK",
                              "S: 1 dup", "S: 2 uid-1", "S: 3 dup", "S: 4 uid-4", "S: ."} +
                       Script{"C: DELE 2", "S: +OK"} + quit());
    MailboxSession session;
    session.setPreviewWindow(1);
    QStringList notices;
    connect(&session, &MailboxSession::notice, this,
            [&notices](const QString &text) { notices.append(text); });
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    QSignalSpy lost(&session, &MailboxSession::connectionLost);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({1, 2});
    QCOMPARE(session.model()->markedNumbers(), QList<int>({1, 2}));
    QVERIFY(lost.wait(5000));
    notices.clear();

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 1);
    QCOMPARE(result.deleted(), 1);
    QVERIFY2(notices.join(QLatin1Char('\n')).contains(QLatin1String("(2 before reconnecting)")),
             qPrintable(notices.join(QLatin1Char('\n'))));
    VERIFY_SERVER(server);
    const QList<QByteArray> lines = server.receivedLines();
    QCOMPARE(std::count_if(lines.cbegin(), lines.cend(),
                           [](const QByteArray &line) { return line.startsWith("DELE"); }),
             1);
}

void tst_MailboxSession::noTopHeadersComeFromRetr()
{
    // No TOP in the CAPA after login: every row is there with its size,
    // headers unavailable, no TOP sent; opening a message fills its row.
    FakePop3Server server;
    const Script noTop = capaWith({"USER", "UIDL"});
    const QByteArray message = headersOf(2) + "Body\r\n";
    server.addScenario(loginWith(noTop, noTop) + listing(2) +
                       Script{"C: RETR 2", "S: +OK", FakePop3Server::multiline(message)} + quit());
    MailboxSession session;
    QStringList notices;
    connect(&session, &MailboxSession::notice, this,
            [&notices](const QString &text) { notices.append(text); });
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    MessageListModel *model = session.model();
    QCOMPARE(model->messageCount(), 2);
    QCOMPARE(model->loadState(2), MessageListModel::LoadState::Failed);
    QCOMPARE(model->index(1, MessageListModel::StateColumn).data().toString(),
             QStringLiteral("Headers unavailable"));
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices.first().contains(QLatin1String("TOP")));

    // A preview needs TOP: it says so without asking the server.
    QSignalSpy previewFailed(&session, &MailboxSession::previewFailed);
    session.preview(2, 20);
    QTRY_COMPARE(previewFailed.count(), 1);

    QSignalSpy ready(&session, &MailboxSession::messageReady);
    session.fetchMessage(2);
    QVERIFY(ready.wait(5000));
    QCOMPARE(model->loadState(2), MessageListModel::LoadState::Loaded);
    QCOMPARE(model->index(1, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("Sender 2"));
    QCOMPARE(model->index(1, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Message 2"));
    QCOMPARE(model->loadState(1), MessageListModel::LoadState::Failed);

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
}

void tst_MailboxSession::dropAfterQuitLeavesOutcomeUnknown_data()
{
    QTest::addColumn<Script>("ending");
    QTest::addColumn<bool>("unknown");
    // QUIT went out after DELE's +OK: the server may have deleted it.
    QTest::newRow("dropped after QUIT") << Script{"C: DELE 1", "S: +OK", "C: QUIT", "X"} << true;
    QTest::newRow("QUIT answered -ERR")
            << Script{"C: DELE 1", "S: +OK", "C: QUIT", "S: -ERR some deleted messages not removed"}
            << true;
    // Lock-step: QUIT waits for DELE's answer, which never came.
    QTest::newRow("dropped before DELE's answer") << Script{"C: DELE 1", "X"} << false;
    // The server took no DELE: QUIT's fate does not matter.
    QTest::newRow("DELE refused, then dropped")
            << Script{"C: DELE 1", "S: -ERR no", "C: QUIT", "X"} << false;
}

void tst_MailboxSession::dropAfterQuitLeavesOutcomeUnknown()
{
    QFETCH(Script, ending);
    QFETCH(bool, unknown);
    FakePop3Server server;
    server.addScenario(login() + listing(2) + tops({1, 2}) + ending);
    // The next connection shows the truth: here message 1 is gone.
    server.addScenario(login() +
                       Script{"C: STAT", "S: +OK 1 200", "C: LIST", "S: +OK", "S: 1 200", "S: .",
                              "C: UIDL", "S: +OK", "S: 1 uid-2", "S: ."} +
                       tops({1}) + quit());
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    session.markForDeletion({1});
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 1);
    QVERIFY(!result.quitConfirmed);
    QCOMPARE(result.deleted(), 0);
    QCOMPARE(result.outcomeUnknown, unknown);

    QSignalSpy reopened(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(reopened.wait(5000));
    QCOMPARE(session.model()->messageCount(), 1);
    QCOMPARE(session.model()->uidAt(0), QByteArray("uid-2"));
    QCOMPARE(session.model()->markedCount(), 0);
    QSignalSpy closed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(closed.wait(5000));
    VERIFY_SERVER(server);
}

void tst_MailboxSession::reopenMidOpenRunsNoStaleHandler_data()
{
    QTest::addColumn<QList<QByteArray>>("stalledScript");
    QTest::addColumn<QByteArray>("lastLine"); // sent by the client before it reopens
    QTest::addColumn<MailboxSession::State>("stateThen");
    // The old login's PASS fails when its connection is aborted: that late
    // answer reported openFailed() against the new session before the
    // per-connection context.
    QTest::newRow("mid-login") << (Script{"S: +OK POP3 ready", "C: CAPA"} + capa(false) +
                                   Script{"C: USER bob", "S: +OK", "C: PASS secret", "D"})
                               << QByteArray("PASS secret") << MailboxSession::State::Connecting;
    // STAT/LIST/UIDL in flight: the old listing's failure changes nothing.
    QTest::newRow("mid-listing") << (login() + Script{"C: STAT", "D"}) << QByteArray("STAT")
                                 << MailboxSession::State::Listing;
}

// A reconnect (a second open()) while the first connection is still being
// opened: the new session opens as if the first had never been.
void tst_MailboxSession::reopenMidOpenRunsNoStaleHandler()
{
    QFETCH(QList<QByteArray>, stalledScript);
    QFETCH(QByteArray, lastLine);
    QFETCH(MailboxSession::State, stateThen);
    FakePop3Server stalled;
    stalled.addScenario(stalledScript);
    FakePop3Server server;
    server.addScenario(login() + listing(2) + tops({1, 2}) + quit());
    MailboxSession session;
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    QSignalSpy opened(&session, &MailboxSession::opened);
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(stalled));
    QTRY_VERIFY(stalled.receivedLines().contains(lastLine));
    QCOMPARE(session.state(), stateThen);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(session.state(), MailboxSession::State::Ready);
    QCOMPARE(session.model()->rowCount(), 2);
    commitAndVerify(session, {&stalled, &server});
}

// abort() while a TOP is in flight: the reply fails as its connection goes,
// and nothing of it reaches the caller or the model.
void tst_MailboxSession::abortMidPreviewRunsNoStaleHandler()
{
    FakePop3Server server;
    server.addScenario(login() + listing(1) + tops({1}) + Script{"C: TOP 1 20", "S: +OK", "D"});
    MailboxSession session;
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));

    QSignalSpy ready(&session, &MailboxSession::previewReady);
    QSignalSpy failed(&session, &MailboxSession::previewFailed);
    QSignalSpy lost(&session, &MailboxSession::connectionLost);
    session.preview(1, 20);
    QTRY_VERIFY(server.receivedLines().contains("TOP 1 20"));
    session.abort();
    QCOMPARE(session.state(), MailboxSession::State::Closed);
    QTRY_VERIFY(server.allScenariosPlayed());
    QCoreApplication::processEvents();
    QCOMPARE(ready.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(lost.count(), 0);
    QCOMPARE(session.model()->loadState(1), MessageListModel::LoadState::Loaded);
    VERIFY_SERVER(server);
}

// A reconnect while a big message streams into its spool file: the old RETR
// reports nothing (not even its failure as the old connection is aborted).
void tst_MailboxSession::reopenMidRetrRunsNoStaleHandler()
{
    QTemporaryDir spoolDir;
    QVERIFY(spoolDir.isValid());
    FakePop3Server stalled;
    stalled.addScenario(
            login() + listing(1) + tops({1}) +
            Script{"C: RETR 1", "S: +OK", "S* " + headersOf(1) + "Half a body\r\n", "D"});
    FakePop3Server server;
    server.addScenario(login() + listing(2) + tops({1, 2}) + quit());
    MailboxSession session;
    session.setSpoolThreshold(0);
    session.setSpoolDirectory(spoolDir.path());
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(stalled));
    QVERIFY(finished.wait(5000));

    QSignalSpy progress(&session, &MailboxSession::messageProgress);
    QSignalSpy ready(&session, &MailboxSession::messageReady);
    QSignalSpy spooled(&session, &MailboxSession::messageSpooled);
    QSignalSpy failed(&session, &MailboxSession::messageFailed);
    session.fetchMessage(1);
    QVERIFY(progress.wait(5000));

    finished.clear();
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QCOMPARE(ready.count(), 0);
    QCOMPARE(spooled.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(session.model()->rowCount(), 2);
    commitAndVerify(session, {&stalled, &server});
}

// What the status bar shows comes from the session as a value.
void tst_MailboxSession::securitySummaryDescribesTheConnection()
{
    qRegisterMetaType<SecuritySummary>();
    FakePop3Server server;
    server.addScenario(login() + listing(1) + tops({1}) + quit());
    MailboxSession session;
    QVERIFY(!session.securitySummary().connected);
    QSignalSpy changed(&session, &MailboxSession::securityChanged);
    QSignalSpy finished(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY(finished.wait(5000));
    QCOMPARE(changed.count(), 1);
    const SecuritySummary summary = session.securitySummary();
    QVERIFY(changed.at(0).at(0).value<SecuritySummary>() == summary);
    QVERIFY(summary.connected);
    QVERIFY(summary.isPlaintext());
    QVERIFY(summary.certificate.isNull());
    QVERIFY(summary.sha256Fingerprint.isEmpty());
    QCOMPARE(summary.authenticationMethod, session.authenticationMethod());

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    QCOMPARE(changed.count(), 2);
    QVERIFY(!changed.at(1).at(0).value<SecuritySummary>().connected);
    QVERIFY(!session.securitySummary().connected);
    VERIFY_SERVER(server);
}

QTEST_GUILESS_MAIN(tst_MailboxSession)
enum class ListingEnd { ServerDrops, Abort, OpenAgain, SessionDeleted };

void tst_MailboxSession::endDuringSlicedListing_data()
{
    QTest::addColumn<ListingEnd>("end");
    QTest::newRow("the server drops") << ListingEnd::ServerDrops;
    QTest::newRow("abort") << ListingEnd::Abort;
    QTest::newRow("open again") << ListingEnd::OpenAgain;
    QTest::newRow("the session is deleted") << ListingEnd::SessionDeleted;
}

// Issue 13: the rows of a listing are built a slice a turn after its last
// answer. Whatever ends the connection meanwhile drops them: no rows of
// it, no opened(), no handler of it later, no crash; a drop is the open
// failing (before, a drop in that window was ignored and the rows of a
// dead connection came up as Ready).
void tst_MailboxSession::endDuringSlicedListing()
{
    QFETCH(ListingEnd, end);
    constexpr int Messages = 300;
    FakePop3Server server;
    server.addScenario(login() + listing(Messages) + Script{"D"});
    FakePop3Server second;
    second.addScenario(login() + listing(2) + tops({1, 2}) + quit());
    auto session = std::make_unique<MailboxSession>();
    MessageListModel *model = session->model();
    model->setApplyChunking(1); // a turn a row: the end comes while it builds
    QSignalSpy opened(session.get(), &MailboxSession::opened);
    QSignalSpy failed(session.get(), &MailboxSession::openFailed);
    QSignalSpy applied(model, &MessageListModel::listingApplied);
    session->open(settingsFor(server));
    // A turn at a time (QTRY_ polls every 50 ms: the rows would be built).
    QDeadlineTimer deadline(5000);
    QTimer wake; // WaitForMoreEvents returns at the deadline at the latest
    wake.start(100);
    while (!model->isApplyingListing() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QVERIFY(model->isApplyingListing());
    QCOMPARE(session->state(), MailboxSession::State::Listing);

    switch (end) {
    case ListingEnd::ServerDrops: {
        const QList<QSslSocket *> sockets = server.findChildren<QSslSocket *>();
        QVERIFY(!sockets.isEmpty());
        for (QSslSocket *socket : sockets)
            socket->abort();
        QVERIFY(failed.wait(5000));
        QCOMPARE(session->state(), MailboxSession::State::Disconnected);
        QVERIFY(!model->isApplyingListing());
        break;
    }
    case ListingEnd::Abort:
        session->abort();
        QCOMPARE(session->state(), MailboxSession::State::Closed);
        QVERIFY(!model->isApplyingListing());
        break;
    case ListingEnd::OpenAgain: {
        QSignalSpy finished(session.get(), &MailboxSession::previewsFinished);
        session->open(settingsFor(second));
        QVERIFY(finished.wait(5000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(model->messageCount(), 2);
        commitAndVerify(*session, {&second});
        break;
    }
    case ListingEnd::SessionDeleted:
        session.reset();
        break;
    }
    // Twice the turns the listing would have needed: nothing of it comes.
    for (int turn = 0; turn < 2 * Messages; ++turn)
        QCoreApplication::processEvents();
    if (end == ListingEnd::OpenAgain)
        return;
    QCOMPARE(opened.count(), 0);
    QCOMPARE(applied.count(), 0);
    if (session) {
        QCOMPARE(model->messageCount(), 0);
        QCOMPARE(model->rowCount(), 0);
    }
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
}

#include "tst_mailboxsession.moc"
