// The jobs MailboxSession coordinates, each on its own: a logged-in
// Pop3Connection against the fake server, no session around it.
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "mime/headersummary.h"
#include "models/messagelistmodel.h"
#include "pop3/mailboxlisting.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"
#include "serverchecks.h"
#include "session/commitjob.h"
#include "session/connectioncontext.h"
#include "session/headercachesync.h"
#include "session/keepalive.h"
#include "session/loginsequence.h"
#include "session/messageretriever.h"
#include "session/previewscheduler.h"
#include "session/securitysummary.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

namespace {

using Script = QList<QByteArray>;

Script login()
{
    const Script capa = {"S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: ."};
    return Script{"S: +OK POP3 ready", "C: CAPA"} + capa +
            Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"} + capa;
}

QByteArray headersOf(int number)
{
    return "From: s" + QByteArray::number(number) + "@example.org\r\nSubject: Message " +
            QByteArray::number(number) + "\r\n\r\n";
}

Script top(int number)
{
    return {"C: TOP " + QByteArray::number(number) + " 0", "S: +OK",
            FakePop3Server::multiline(headersOf(number))};
}

// A connection logged in to `server` (whose script starts with login()).
std::unique_ptr<Pop3Connection> loggedIn(const FakePop3Server &server, bool tls = false)
{
    auto connection = std::make_unique<Pop3Connection>();
    ConnectionSettings settings = TestSupport::settingsFor(server);
    if (tls) {
        settings.host = QStringLiteral("localhost"); // the test certificate's name
        settings.security = Pop3Connection::Security::ImplicitTls;
        settings.caFile = TestCertificates::caFilePath();
    }
    LoginSequence login(connection.get(), settings);
    QSignalSpy finished(&login, &LoginSequence::finished);
    login.start();
    if (!finished.wait(5000) || finished.at(0).at(0).value<Pop3Error>().isError())
        return {};
    // The CAPA after login is not waited for by the login: answered here, so
    // each test's script goes on from a quiet connection.
    if (!QTest::qWaitFor([&] { return connection->pendingCommands() == 0; }, 5000))
        return {};
    return connection;
}

// Three messages of 100, 200, 300 octets, uid-1... (listed at once).
void listThree(MessageListModel &model)
{
    model.setListing({{1, 100, "uid-1"}, {2, 200, "uid-2"}, {3, 300, "uid-3"}});
}

// A PreviewScheduler over three listed rows on a logged-in connection,
// filling again with `scope` after each answer (as the session does).
struct SchedulerRig
{
    explicit SchedulerRig(const FakePop3Server &server)
        : connection(loggedIn(server))
        , context(std::make_unique<ConnectionContext>(connection.get()))
    {
        listThree(model);
        QObject::connect(&scheduler, &PreviewScheduler::answered, context.get(),
                         [this] { scheduler.fill(context.get(), scope); });
        scheduler.startListing(model.pendingNumbers());
    }

    std::unique_ptr<Pop3Connection> connection;
    std::unique_ptr<ConnectionContext> context;
    MessageListModel model;
    PreviewScheduler scheduler{&model};
    PreviewScheduler::Scope scope = PreviewScheduler::Scope::None;
};

} // namespace

class tst_SessionJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void endedContextRunsNoHandler();
    void commitReportsWhatTheServerDid();
    void commitWithoutConnectionSendsNothing();
    void keepAliveSendsNoopOnlyWhenActive();
    void headerBlock_data();
    void headerBlock();
    void retrieverSpoolsFromThreshold_data();
    void retrieverSpoolsFromThreshold();
    void listingMergesLikeForEverySize_data();
    void listingMergesLikeForEverySize();
    void exportListingAsksUidlWhateverCapaSays();
    void schedulerHonoursScopeAndPriority();
    void schedulerReportsRefusedTopOnce();
    void cacheSyncStoresAndLoads();
    void cacheSyncWaitsForTheUidIndex();
    void cacheSyncReportsUnopenablePath();
    void securitySummaryOfPlaintextAndNothing();
    void securitySummaryOfTls();
};

void tst_SessionJobs::initTestCase()
{
    qRegisterMetaType<Pop3Error>();
    qRegisterMetaType<CommitJob::Result>();
}

// The answer to a command whose context has ended runs nothing; a command
// of a later context, answered after it, does run.
void tst_SessionJobs::endedContextRunsNoHandler()
{
    FakePop3Server server;
    server.addScenario(login() +
                       Script{"C: NOOP", "S: +OK first", "C: NOOP", "S: +OK second", "D"});
    auto connection = loggedIn(server);
    QVERIFY(connection);

    auto *ended = new ConnectionContext(connection.get());
    QSignalSpy queued(ended, &ConnectionContext::commandQueued);
    bool staleRan = false;
    ended->onReply(connection->noop(), [&](Pop3Reply *) { staleRan = true; });
    QCOMPARE(queued.count(), 1);
    delete ended;

    ConnectionContext live(connection.get());
    QByteArray second;
    live.onReply(connection->noop(), [&](Pop3Reply *reply) { second = reply->statusLine(); });
    QTRY_VERIFY(!second.isEmpty());
    QVERIFY(second.contains("second"));
    QVERIFY(!staleRan); // its answer came first, and ran nothing
    connection->abort();
    VERIFY_SERVER(server);
}

void tst_SessionJobs::commitReportsWhatTheServerDid()
{
    FakePop3Server server;
    server.addScenario(
            login() +
            Script{"C: DELE 1", "S: +OK", "C: DELE 2", "S: -ERR locked", "C: QUIT", "S: +OK bye"});
    auto connection = loggedIn(server);
    QVERIFY(connection);
    ConnectionContext context(connection.get());
    CommitJob job(&context, {1, 2});
    QSignalSpy finished(&job, &CommitJob::finished);
    job.start();
    QVERIFY(finished.wait(5000));
    const auto result = finished.at(0).at(0).value<CommitJob::Result>();
    QCOMPARE(result.requested, 2);
    QCOMPARE(result.confirmed, 1);
    QVERIFY(result.quitConfirmed);
    QVERIFY(!result.outcomeUnknown);
    QCOMPARE(result.deleted(), 1);
    QCOMPARE(result.error.kind(), Pop3Error::Kind::Server);
    VERIFY_SERVER(server);
}

void tst_SessionJobs::commitWithoutConnectionSendsNothing()
{
    CommitJob job(nullptr, {4, 5});
    QSignalSpy finished(&job, &CommitJob::finished);
    job.start();
    QCOMPARE(finished.count(), 1);
    const auto result = finished.at(0).at(0).value<CommitJob::Result>();
    QCOMPARE(result.requested, 2);
    QCOMPARE(result.deleted(), 0);
    QVERIFY(!result.outcomeUnknown);
    QCOMPARE(result.error.kind(), Pop3Error::Kind::Cancelled);

    const auto notSent = CommitJob::Result::notSent(3, Pop3Error::cancelled());
    QCOMPARE(notSent.requested, 3);
    QCOMPARE(notSent.confirmed, 0);
    QVERIFY(!notSent.quitConfirmed);
}

void tst_SessionJobs::keepAliveSendsNoopOnlyWhenActive()
{
    FakePop3Server server;
    server.addScenario(login() + Script{"C: NOOP", "S: +OK", "D"});
    auto connection = loggedIn(server);
    QVERIFY(connection);
    ConnectionContext context(connection.get());
    KeepAlive keepAlive;
    keepAlive.setContext(&context);
    keepAlive.setInterval(50);
    keepAlive.restart();
    QVERIFY(!keepAlive.isWaiting()); // not active: never waits, never sends
    keepAlive.setActive(true);
    keepAlive.restart();
    QVERIFY(keepAlive.isWaiting());
    QTRY_VERIFY(server.receivedLines().contains("NOOP"));
    keepAlive.setActive(false);
    QVERIFY(!keepAlive.isWaiting());
    keepAlive.setActive(true);
    keepAlive.setInterval(0); // 0: never
    keepAlive.restart();
    QVERIFY(!keepAlive.isWaiting());
    connection->abort();
    VERIFY_SERVER(server);
}

void tst_SessionJobs::headerBlock_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("block");
    QTest::newRow("CRLF") << QByteArray("A: 1\r\nB: 2\r\n\r\nbody\r\n")
                          << QByteArray("A: 1\r\nB: 2\r\n\r\n");
    QTest::newRow("bare LF") << QByteArray("A: 1\nB: 2\n\nbody\n")
                             << QByteArray("A: 1\nB: 2\n\n\r\n");
    QTest::newRow("no body") << QByteArray("A: 1\r\n") << QByteArray("A: 1\r\n\r\n");
    const QByteArray huge(3 << 20, 'x');
    QTest::newRow("cut at 1 MB") << huge << QByteArray(1 << 20, 'x') + "\r\n";
}

void tst_SessionJobs::headerBlock()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, block);
    QCOMPARE(MessageRetriever::headerBlock(message), block);
}

void tst_SessionJobs::retrieverSpoolsFromThreshold_data()
{
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<bool>("spooled");
    QTest::newRow("below: memory") << qint64(1000) << false;
    QTest::newRow("at: file") << qint64(100) << true;
}

void tst_SessionJobs::retrieverSpoolsFromThreshold()
{
    QFETCH(qint64, threshold);
    QFETCH(bool, spooled);
    const QByteArray message = headersOf(2) + "Body\r\n";
    FakePop3Server server;
    server.addScenario(login() +
                       Script{"C: RETR 2", "S: +OK", FakePop3Server::multiline(message), "D"});
    auto connection = loggedIn(server);
    QVERIFY(connection);
    QTemporaryDir spoolDir;
    ConnectionContext context(connection.get());
    MessageRetriever retriever;
    retriever.setSpoolThreshold(threshold);
    retriever.setSpoolDirectory(spoolDir.path());
    QSignalSpy head(&retriever, &MessageRetriever::headerBlockRead);
    QSignalSpy ready(&retriever, &MessageRetriever::messageReady);
    QSignalSpy file(&retriever, &MessageRetriever::messageSpooled);
    QSignalSpy failed(&retriever, &MessageRetriever::messageFailed);
    // Message 7 of the caller's listing is number 2 on this connection.
    retriever.retrieve(&context, 7, 2, 100);
    QTRY_COMPARE(ready.count() + file.count() + failed.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(head.count(), 1);
    QCOMPARE(head.at(0).at(0).toInt(), 2);
    QCOMPARE(head.at(0).at(1).toByteArray(), headersOf(2));
    if (spooled) {
        QCOMPARE(file.at(0).at(0).toInt(), 7);
        auto spool = file.at(0).at(1).value<std::shared_ptr<QTemporaryFile>>();
        QVERIFY(spool);
        QFile copy(spool->fileName());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), message);
    } else {
        QCOMPARE(ready.at(0).at(0).toInt(), 7);
        QCOMPARE(ready.at(0).at(1).toByteArray(), message);
    }
    connection->abort();
    VERIFY_SERVER(server);
}

// Scope None sends nothing, OnScreen only the prioritized rows, All the
// rest in order; finished() once every row was tried.
void tst_SessionJobs::listingMergesLikeForEverySize_data()
{
    QTest::addColumn<int>("messages");
    QTest::newRow("small, merged on the first question") << 20;
    // Over MailboxListing::LargeUidlOctets: parsed and merged on a pool thread.
    QTest::newRow("large, merged elsewhere") << 6000;
}

// Whichever thread parses the UIDL answer, the entries are the same: a
// malformed line, a shared unique-id and a missing line cost those messages
// their unique-id, and nothing else.
void tst_SessionJobs::listingMergesLikeForEverySize()
{
    QFETCH(int, messages);
    QByteArray list;
    QByteArray uidl;
    QList<MailboxListing::Entry> expected;
    for (int n = 1; n <= messages; ++n) {
        list += QByteArray::number(n) + ' ' + QByteArray::number(n * 10) + "\r\n";
        QByteArray uid = "uid-" + QByteArray::number(n) + "-0123456789abcdef";
        if (n == 5)
            uidl += "5 \x01"
                    "bad\r\n";
        else if (n == 7 || n == 8)
            uidl += QByteArray::number(n) + " shared\r\n";
        else if (n != 9)
            uidl += QByteArray::number(n) + ' ' + uid + "\r\n";
        if (n == 5 || n == 7 || n == 8 || n == 9)
            uid.clear();
        expected.append({n, qint64(n) * 10, uid});
    }
    QCOMPARE(uidl.size() > MailboxListing::LargeUidlOctets, messages > 1000);
    FakePop3Server server;
    server.addScenario(login() +
                       Script{"C: STAT", "S: +OK " + QByteArray::number(messages) + " 1", "C: LIST",
                              "S: +OK", FakePop3Server::multiline(list), "C: UIDL", "S: +OK",
                              FakePop3Server::multiline(uidl), "D"});
    const std::unique_ptr<Pop3Connection> connection = loggedIn(server);
    QVERIFY(connection);
    MailboxListing listing(connection.get());
    QSignalSpy finished(&listing, &MailboxListing::finished);
    listing.start();
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.at(0).at(0).value<Pop3Error>().isError());
    QVERIFY(listing.hasUidl());
    const QList<MailboxListing::Entry> &entries = listing.entries();
    QCOMPARE(entries.size(), expected.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(entries.at(i).number, expected.at(i).number);
        QCOMPARE(entries.at(i).octets, expected.at(i).octets);
        QCOMPARE(entries.at(i).uid, expected.at(i).uid);
    }
    QCOMPARE(listing.numbersWithoutUid(), QList<int>({5, 7, 8, 9}));
    // What the export's planner needs besides (issue 12): the unique-id
    // no message may be selected by, from either thread's parse.
    QCOMPARE(listing.merged().sharedUids, QSet<QByteArray>({"shared"}));
    QVERIFY(listing.merged().hasUidl);
    QCOMPARE(listing.merged().entries.size(), expected.size());
    connection->abort();
    VERIFY_SERVER(server);
}

// The export's listing (issue 12): no STAT, and UIDL even on a lock-step
// server whose CAPA before and after login leaves it out; its -ERR means
// "no UIDL", as everywhere.
void tst_SessionJobs::exportListingAsksUidlWhateverCapaSays()
{
    const Script capa = {"S: +OK", "S: USER", "S: TOP", "S: ."};
    FakePop3Server server;
    server.addScenario(
            Script{"S: +OK POP3 ready", "C: CAPA"} + capa +
            Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"} +
            capa +
            Script{"C: LIST", "S: +OK", "S: 1 10", "S: 2 20", "S: .", "C: UIDL",
                   "S: -ERR unknown command", "D"});
    const std::unique_ptr<Pop3Connection> connection = loggedIn(server);
    QVERIFY(connection);
    MailboxListing listing(connection.get(), MailboxListing::Mode::Export);
    QSignalSpy finished(&listing, &MailboxListing::finished);
    listing.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.at(0).at(0).value<Pop3Error>().isError());
    QVERIFY(!listing.hasUidl());
    QCOMPARE(listing.merged().entries.size(), 2);
    QVERIFY(listing.numbersWithoutUid().isEmpty());
    connection->abort();
    VERIFY_SERVER(server);
}

void tst_SessionJobs::schedulerHonoursScopeAndPriority()
{
    FakePop3Server server;
    server.addScenario(login() + top(3) + top(1) + top(2) + Script{"D"});
    SchedulerRig rig(server);
    QVERIFY(rig.connection);
    PreviewScheduler &scheduler = rig.scheduler;
    const MessageListModel &model = rig.model;
    ConnectionContext &context = *rig.context;
    PreviewScheduler::Scope &scope = rig.scope;
    scheduler.setWindow(1);
    QSignalSpy loaded(&scheduler, &PreviewScheduler::headersLoaded);
    QSignalSpy finished(&scheduler, &PreviewScheduler::finished);
    scheduler.prioritize({3});
    scheduler.fill(&context, scope);
    QCOMPARE(scheduler.inFlight(), 0);

    scope = PreviewScheduler::Scope::OnScreen;
    scheduler.fill(&context, scope);
    QCOMPARE(scheduler.inFlight(), 1);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.at(0).at(0).toInt(), 3);
    QCOMPARE(model.loadState(3), MessageListModel::LoadState::Loaded);
    QCOMPARE(scheduler.inFlight(), 0); // OnScreen: nothing else
    QCOMPARE(finished.count(), 0);

    scope = PreviewScheduler::Scope::All;
    scheduler.fill(&context, scope);
    QCOMPARE(scheduler.inFlight(), 1); // the window
    QVERIFY(finished.wait(5000));
    QCOMPARE(loaded.count(), 3);
    QCOMPARE(loaded.at(1).at(0).toInt(), 1);
    QCOMPARE(loaded.at(2).at(0).toInt(), 2);
    QCOMPARE(model.subjectAt(model.rowForNumber(2)), QStringLiteral("Message 2"));
    rig.connection->abort();
    VERIFY_SERVER(server);
}

void tst_SessionJobs::schedulerReportsRefusedTopOnce()
{
    FakePop3Server server;
    server.addScenario(login() +
                       Script{"C: TOP 1 0", "S: -ERR no", "C: TOP 2 0", "S: -ERR no", "C: TOP 3 0",
                              "S: -ERR no", "D"});
    SchedulerRig rig(server);
    QVERIFY(rig.connection);
    QSignalSpy notices(&rig.scheduler, &PreviewScheduler::notice);
    QSignalSpy finished(&rig.scheduler, &PreviewScheduler::finished);
    rig.scope = PreviewScheduler::Scope::All;
    rig.scheduler.fill(rig.context.get(), rig.scope);
    QVERIFY(finished.wait(5000));
    QCOMPARE(notices.count(), 1);
    for (int number = 1; number <= 3; ++number)
        QCOMPARE(rig.model.loadState(number), MessageListModel::LoadState::Failed);
    rig.connection->abort();
    VERIFY_SERVER(server);
}

// Headers stored by one sync come back to the next for the same account,
// only for the unique-ids they were stored under.
void tst_SessionJobs::cacheSyncStoresAndLoads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("headers.sqlite"));
    const HeaderCache::Account account{QStringLiteral("mail.example.org"), 995,
                                       QStringLiteral("bob")};
    {
        MessageListModel model;
        listThree(model);
        HeaderCacheSync sync(&model);
        QVERIFY(sync.setPath(path));
        QVERIFY(sync.isOpen());
        sync.setAccount(account);
        sync.store(2, parseHeaderSummary(headersOf(2)));
        sync.flush();
    } // the destructor writes what is pending

    MessageListModel model;
    listThree(model);
    HeaderCacheSync sync(&model);
    QVERIFY(sync.setPath(path));
    sync.setAccount(account);
    QSignalSpy arrived(&sync, &HeaderCacheSync::rowsArrived);
    sync.startLoad({2});
    QCOMPARE(sync.load(), HeaderCacheSync::Load::WaitingForFirst);
    QTRY_COMPARE(sync.load(), HeaderCacheSync::Load::Idle);
    QVERIFY(arrived.count() >= 1);
    QCOMPARE(model.loadState(2), MessageListModel::LoadState::Loaded);
    QCOMPARE(model.subjectAt(model.rowForNumber(2)), QStringLiteral("Message 2"));
    QCOMPARE(model.loadState(1), MessageListModel::LoadState::Pending);
    QCOMPARE(model.loadState(3), MessageListModel::LoadState::Pending);
    QVERIFY(sync.errorString().isEmpty());
}

// A large listing's unique-id index is built a slice a turn: cached
// batches that arrive before it is complete wait for it (instead of
// building it all in one turn) and then fill their rows, the first batch
// first, and the load ends only after them.
void tst_SessionJobs::cacheSyncWaitsForTheUidIndex()
{
    constexpr int Messages = 60000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("headers.sqlite"));
    const HeaderCache::Account account{QStringLiteral("mail.example.org"), 995,
                                       QStringLiteral("bob")};
    QList<MessageListModel::Listing> listing;
    for (int n = 1; n <= Messages; ++n)
        listing.append({n, 100, "uid-" + QByteArray::number(n)});
    {
        MessageListModel model;
        model.setListing(listing);
        HeaderCacheSync sync(&model);
        QVERIFY(sync.setPath(path));
        sync.setAccount(account);
        for (const int n : {7, 30000, Messages})
            sync.store(n, parseHeaderSummary(headersOf(n)));
        // Keying them would have built the whole index in this turn (the
        // first TOP answer after a listing took 15-18 ms, issue 13).
        QVERIFY(!model.uidIndexComplete());
        // The rows change before the index is done: what waited is written
        // first, keyed by the rows it was taken for (uid-n), not by the
        // messages that now have those numbers.
        QList<MessageListModel::Listing> renumbered = listing;
        for (MessageListModel::Listing &item : renumbered)
            item.uid += "-moved";
        model.setListing(renumbered);
        sync.flush();
    }
    MessageListModel model;
    model.setListing(listing);
    QVERIFY(!model.uidIndexComplete());
    HeaderCacheSync sync(&model);
    QVERIFY(sync.setPath(path));
    sync.setAccount(account);
    QSignalSpy arrived(&sync, &HeaderCacheSync::rowsArrived);
    sync.startLoad({Messages});
    QTRY_COMPARE(sync.load(), HeaderCacheSync::Load::Idle);
    QCOMPARE(arrived.count(), 2); // the first batch, then the end
    QVERIFY(model.uidIndexComplete());
    for (const int n : {7, 30000, Messages}) {
        QCOMPARE(model.loadState(n), MessageListModel::LoadState::Loaded);
        QCOMPARE(model.subjectAt(model.rowForNumber(n)), QStringLiteral("Message %1").arg(n));
    }
    QCOMPARE(model.loadState(8), MessageListModel::LoadState::Pending);
}

void tst_SessionJobs::cacheSyncReportsUnopenablePath()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    MessageListModel model;
    HeaderCacheSync sync(&model);
    // A path below a regular file cannot be created.
    QVERIFY(!sync.setPath(dir.filePath(QStringLiteral("file/headers.sqlite"))));
    QVERIFY(!sync.isOpen());
    QVERIFY(!sync.errorString().isEmpty());
    // Without a cache everything is a no-op.
    listThree(model);
    sync.store(1, parseHeaderSummary(headersOf(1)));
    sync.startLoad({1});
    QCOMPARE(sync.load(), HeaderCacheSync::Load::Idle);
    QVERIFY(sync.setPath({}));
    QVERIFY(sync.errorString().isEmpty());
}

void tst_SessionJobs::securitySummaryOfPlaintextAndNothing()
{
    const SecuritySummary none = SecuritySummary::of(nullptr, QStringLiteral("PLAIN"));
    QVERIFY(!none.connected);
    QVERIFY(!none.isPlaintext());
    QVERIFY(none.authenticationMethod.isEmpty());

    FakePop3Server server;
    server.addScenario(login() + Script{"D"});
    auto connection = loggedIn(server);
    QVERIFY(connection);
    const SecuritySummary plain = SecuritySummary::of(connection.get(), QStringLiteral("USER"));
    QVERIFY(plain.connected);
    QVERIFY(plain.isPlaintext());
    QCOMPARE(plain.protocol, QSsl::UnknownProtocol);
    QVERIFY(plain.cipher.isEmpty());
    QVERIFY(plain.certificate.isNull());
    QCOMPARE(plain.authenticationMethod, QStringLiteral("USER"));
    connection->abort();
    VERIFY_SERVER(server);
}

void tst_SessionJobs::securitySummaryOfTls()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario(login() + Script{"D"});
    auto connection = loggedIn(server, true);
    QVERIFY(connection);
    const SecuritySummary tls = SecuritySummary::of(connection.get(), QStringLiteral("USER"));
    QVERIFY(tls.connected);
    QVERIFY(tls.encrypted);
    QVERIFY(!tls.isPlaintext());
    QVERIFY(tls.protocol == QSsl::TlsV1_2 || tls.protocol == QSsl::TlsV1_3);
    QVERIFY(!tls.cipher.isEmpty());
    QCOMPARE(tls.certificate, server.tlsCertificate());
    QCOMPARE(tls.subject, QStringLiteral("localhost"));
    QVERIFY(!tls.issuer.isEmpty());
    QCOMPARE(tls.issuer,
             TestCertificates::caCertificate()
                     .subjectInfo(QSslCertificate::CommonName)
                     .join(QStringLiteral(", ")));
    QCOMPARE(tls.sha256Fingerprint,
             server.tlsCertificate().digest(QCryptographicHash::Sha256).toHex());
    connection->abort();
    VERIFY_SERVER(server);
}

QTEST_GUILESS_MAIN(tst_SessionJobs)
#include "tst_sessionjobs.moc"
