// The GUI export on the session's own connection (issue 12): one login for
// the whole session, no QUIT around the export, deletion through the
// session's own commit, and a cancel that deletes nothing.

#include "export/exportstatestore.h"
#include "exportfixtures.h"
#include "exportscripts.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "serverchecks.h"
#include "session/mailboxsession.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Script = QList<QByteArray>;
using TestSupport::settingsFor;

QList<QByteArray> mailbox(int count)
{
    return ExportScripts::messages(count);
}

// A CAPA answer of a lock-step server (no PIPELINING), so the script is the
// exact order on the wire; `extra` is one more capability.
Script capa(const QByteArray &extra = {})
{
    Script lines = {"S: +OK", "S: USER", "S: UIDL", "S: TOP"};
    if (!extra.isEmpty())
        lines.append("S: " + extra);
    return lines + Script{"S: ."};
}

// `capaExtra` goes into the CAPA after login.
Script login(const QByteArray &capaExtra = {})
{
    return Script{"S: +OK POP3 ready", "C: CAPA"} + capa() +
            Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"} +
            capa(capaExtra);
}

// What the export sends first: LIST and UIDL ("uid-<n>").
Script listAndUidl(const QList<QByteArray> &messages)
{
    return ExportScripts::listing(messages);
}

// The session's listing: STAT, then what the export's own listing sends too.
Script listing(const QList<QByteArray> &messages)
{
    qint64 total = 0;
    for (const QByteArray &bytes : messages)
        total += bytes.size();
    return Script{"C: STAT",
                  "S: +OK " + QByteArray::number(messages.size()) + " " +
                          QByteArray::number(total)} +
            listAndUidl(messages);
}

Script top(int n, const QList<QByteArray> &messages)
{
    const QByteArray &bytes = messages.at(n - 1);
    return {"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
            FakePop3Server::multiline(bytes.first(bytes.indexOf("\r\n\r\n") + 4))};
}

Script tops(const QList<QByteArray> &messages)
{
    Script lines;
    for (int n = 1; n <= messages.size(); ++n)
        lines += top(n, messages);
    return lines;
}

Script retr(int n, const QList<QByteArray> &messages)
{
    return ExportScripts::retr(n, messages.at(n - 1));
}

int linesStartingWith(const FakePop3Server &server, const QByteArray &prefix)
{
    int count = 0;
    for (const QByteArray &line : server.receivedLines())
        count += line.startsWith(prefix) ? 1 : 0;
    return count;
}

QStringList emlFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
}

} // namespace

class tst_SessionExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void exportLogsInOnceAndListsAgainOnItsConnection();
    void queuedAnswersReachTheirHandlersFirst();
    void secondLoginRefusedByLoginDelayIsNeverNeeded();
    void exportAndDeleteCommitsOnlyDurableCopies();
    void cancelMidExportSendsNoDeleNoQuit();
    void dropMidExportLeavesTheSessionDisconnected();
    void destroyedMidExportSendsNothing();

private:
    // Opens `session` on `server` and waits until every preview is in.
    void openAndSettle(MailboxSession &session, FakePop3Server &server);
    // Runs startExport() and waits for exportFinished().
    QList<QVariant> runExport(MailboxSession &session, const QString &target,
                              const ExportJob::Options &options);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_journal;
};

void tst_SessionExport::init()
{
    qRegisterMetaType<MailboxSession::CommitResult>();
    qRegisterMetaType<Pop3Error>();
    qRegisterMetaType<ExportJob::Summary>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_journal = m_dir->filePath(QStringLiteral("journal"));
}

void tst_SessionExport::cleanup()
{
    m_dir.reset();
}

void tst_SessionExport::openAndSettle(MailboxSession &session, FakePop3Server &server)
{
    QSignalSpy previews(&session, &MailboxSession::previewsFinished);
    session.open(settingsFor(server));
    QVERIFY2(previews.wait(10000), qPrintable(server.mismatchReport()));
    QCOMPARE(session.state(), MailboxSession::State::Ready);
}

QList<QVariant> tst_SessionExport::runExport(MailboxSession &session, const QString &target,
                                             const ExportJob::Options &options)
{
    QSignalSpy finished(&session, &MailboxSession::exportFinished);
    session.startExport(target, options, m_journal);
    if (!finished.wait(10000))
        return {};
    return finished.takeFirst();
}

void tst_SessionExport::exportLogsInOnceAndListsAgainOnItsConnection()
{
    // One connection for everything: the export's LIST/UIDL and RETRs
    // follow the previews, then the session lists again (STAT/LIST/UIDL),
    // and only the user's own commit sends QUIT. Before issue 12 the
    // session sent QUIT, the export logged in again and the session a
    // third time: three logins.
    const QList<QByteArray> messages = mailbox(3);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + tops(messages) + listAndUidl(messages) +
                       retr(1, messages) + retr(2, messages) + retr(3, messages) +
                       listing(messages) + Script{"C: QUIT", "S: +OK bye"});
    MailboxSession session;
    openAndSettle(session, server);

    QSignalSpy states(&session, &MailboxSession::stateChanged);
    const QString target = m_dir->filePath(QStringLiteral("out"));
    const QList<QVariant> finished = runExport(session, QStringLiteral("eml:") + target, {});
    QVERIFY2(!finished.isEmpty(), qPrintable(server.mismatchReport()));
    QVERIFY2(!finished.at(1).value<Pop3Error>().isError(),
             qPrintable(finished.at(1).value<Pop3Error>().errorString()));
    QCOMPARE(finished.at(0).value<ExportJob::Summary>().exported, 3);
    QCOMPARE(emlFiles(target).size(), 3);

    QTRY_COMPARE(session.state(), MailboxSession::State::Ready);
    QCOMPARE(states.at(0).at(0).value<MailboxSession::State>(), MailboxSession::State::Exporting);
    QVERIFY(states.contains(QVariantList{QVariant::fromValue(MailboxSession::State::Listing)}));
    QVERIFY(!states.contains(QVariantList{QVariant::fromValue(MailboxSession::State::Connecting)}));
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(linesStartingWith(server, "USER "), 1);
    QCOMPARE(linesStartingWith(server, "PASS "), 1);
    QCOMPARE(linesStartingWith(server, "QUIT"), 0);
    QCOMPARE(linesStartingWith(server, "STAT"), 2); // listed again, on the same connection
    const MessageListModel *model = session.model();
    QCOMPARE(model->messageCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->index(row, MessageListModel::StateColumn).data().toString(),
                 QStringLiteral("Exported"));
        QCOMPARE(model->loadState(model->numberAt(row)), MessageListModel::LoadState::Loaded);
    }

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
    QCOMPARE(linesStartingWith(server, "QUIT"), 1);
}

void tst_SessionExport::queuedAnswersReachTheirHandlersFirst()
{
    // The export starts while TOPs and a preview are on the wire: a NOOP
    // after them is the barrier, their answers still fill the list and the
    // preview, and the connection is handed over idle. The row whose TOP
    // never went out is filled after the export's own listing.
    const QList<QByteArray> messages = mailbox(3);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + top(1, messages) + top(2, messages) +
                       Script{"C: TOP 2 20", "S: +OK", FakePop3Server::multiline(messages[1])} +
                       Script{"C: NOOP", "S: +OK"} + listAndUidl(messages) + retr(1, messages) +
                       retr(2, messages) + retr(3, messages) + listing(messages) +
                       top(3, messages) + Script{"C: QUIT", "S: +OK bye"});
    MailboxSession session;
    QSignalSpy opened(&session, &MailboxSession::opened);
    session.open(settingsFor(server));
    QVERIFY2(opened.wait(10000), qPrintable(server.mismatchReport()));
    QSignalSpy previewed(&session, &MailboxSession::previewReady);
    session.preview(2, 20);
    const QList<QVariant> finished =
            runExport(session, QStringLiteral("eml:") + m_dir->filePath(QStringLiteral("out")), {});
    QVERIFY2(!finished.isEmpty(), qPrintable(server.mismatchReport()));
    QCOMPARE(finished.at(0).value<ExportJob::Summary>().exported, 3);
    QCOMPARE(previewed.size(), 1);
    QCOMPARE(previewed.at(0).at(0).toInt(), 2);

    QSignalSpy previews(&session, &MailboxSession::previewsFinished);
    QVERIFY(previews.wait(5000));
    QCOMPARE(session.model()->loadState(3), MessageListModel::LoadState::Loaded);
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_SessionExport::secondLoginRefusedByLoginDelayIsNeverNeeded()
{
    // RFC 2449 LOGIN-DELAY: the server refuses a login sooner than 900 s
    // after the last one. A second scenario plays that refusal; the export
    // must never reach it.
    const QList<QByteArray> messages = mailbox(2);
    FakePop3Server server;
    server.addScenario(login("LOGIN-DELAY 900") + listing(messages) + tops(messages) +
                       listAndUidl(messages) + retr(1, messages) + retr(2, messages) +
                       listing(messages) + Script{"C: QUIT", "S: +OK bye"});
    server.addScenario(Script{"S: +OK POP3 ready", "C: CAPA", "S: +OK", "S: USER",
                              "S: LOGIN-DELAY 900", "S: .", "C: USER bob", "S: +OK",
                              "C: PASS secret", "S: -ERR [LOGIN-DELAY] wait 900 seconds", "X"});
    QSignalSpy played(&server, &FakePop3Server::scenarioFinished);
    MailboxSession session;
    openAndSettle(session, server);
    QCOMPARE(session.loginDelay(), 900);

    const QString mbox = m_dir->filePath(QStringLiteral("all.mbox"));
    const QList<QVariant> finished = runExport(session, QStringLiteral("mbox:") + mbox, {});
    QVERIFY2(!finished.isEmpty(), qPrintable(server.mismatchReport()));
    const Pop3Error error = finished.at(1).value<Pop3Error>();
    QVERIFY2(!error.isError(), qPrintable(error.errorString()));
    QCOMPARE(finished.at(0).value<ExportJob::Summary>().exported, 2);
    QCOMPARE(ExportTest::readFile(mbox).count("From s"), 2);
    QTRY_COMPARE(session.state(), MailboxSession::State::Ready);

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    QTRY_COMPARE(played.size(), 1);
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QCOMPARE(played.at(0).at(0).toInt(), 0);
    QCOMPARE(server.connectionCount(), 1); // the refusing scenario never ran
}

void tst_SessionExport::exportAndDeleteCommitsOnlyDurableCopies()
{
    // Two exports in one session. The first copies message 3 (no delete).
    // The second, with delete: 1 is written, the server refuses RETR 2, and
    // 3 is in the journal for this destination already. Only 1 and 3 are
    // durable copies, so only they become marks; the session's commit sends
    // DELE 1, DELE 3 and QUIT, and reports it like the user's commit. The
    // user's own mark on 2 is not sent: 2 has no copy.
    const QList<QByteArray> messages = mailbox(3);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + tops(messages) + listAndUidl(messages) +
                       retr(3, messages) + listing(messages) + listAndUidl(messages) +
                       retr(1, messages) +
                       Script{"C: RETR 2", "S: -ERR [SYS/TEMP] message locked", "C: DELE 1",
                              "S: +OK", "C: DELE 3", "S: +OK", "C: QUIT", "S: +OK 2 deleted"});
    MailboxSession session;
    openAndSettle(session, server);
    const QString target = QStringLiteral("maildir:") + m_dir->filePath(QStringLiteral("Mail"));

    ExportJob::Options third;
    third.messages = MessageRange::parse(QStringLiteral("3"));
    QList<QVariant> finished = runExport(session, target, third);
    QVERIFY2(!finished.isEmpty(), qPrintable(server.mismatchReport()));
    QCOMPARE(finished.at(0).value<ExportJob::Summary>().exported, 1);
    QTRY_COMPARE(session.state(), MailboxSession::State::Ready);

    session.markForDeletion({2});
    QSignalSpy committed(&session, &MailboxSession::committed);
    QSignalSpy notices(&session, &MailboxSession::exportNotice);
    ExportJob::Options all;
    all.deleteAfter = true;
    all.onlyNew = true;
    finished = runExport(session, target, all);
    QVERIFY2(!finished.isEmpty(), qPrintable(server.mismatchReport()));
    VERIFY_SERVER(server);

    // The commit report came first, as for any commit.
    QCOMPARE(committed.size(), 1);
    const auto result = committed.at(0).at(0).value<MailboxSession::CommitResult>();
    QCOMPARE(result.requested, 2);
    QCOMPARE(result.confirmed, 2);
    QVERIFY(result.quitConfirmed);
    QCOMPARE(result.deleted(), 2);
    const auto summary = finished.at(0).value<ExportJob::Summary>();
    QCOMPARE(summary.exported, 1);
    QCOMPARE(summary.skipped, 1);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(summary.deleted, 2);
    QVERIFY(summary.quitConfirmed);
    QCOMPARE(finished.at(1).value<Pop3Error>().kind(), Pop3Error::Kind::Server); // RETR 2
    QCOMPARE(session.state(), MailboxSession::State::Closed);
    QCOMPARE(linesStartingWith(server, "DELE 2"), 0);
    QCOMPARE(linesStartingWith(server, "USER "), 1);
    QCOMPARE(server.connectionCount(), 1);
    bool toldAboutMark = false;
    for (const QList<QVariant> &notice : std::as_const(notices))
        toldAboutMark |= notice.at(0).toString().contains(QStringLiteral("is not sent"));
    QVERIFY(toldAboutMark);

    // Each deleted message is in the Maildir and in the journal.
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("Mail/new"))).entryList(QDir::Files).size(), 2);
    ExportStateStore store(m_journal);
    QVERIFY(store.open());
    QCOMPARE(store.count(), 2);
}

void tst_SessionExport::cancelMidExportSendsNoDeleNoQuit()
{
    // Export and delete, one message a batch: 1 is durable (and would be
    // deleted), then the user cancels while RETR 2 streams. The connection
    // is cut: no DELE, no QUIT, so the server deletes nothing; 1 stays
    // written, 2 leaves no partial file, and nothing is marked.
    const QList<QByteArray> messages = mailbox(3);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + tops(messages) + listAndUidl(messages) +
                       retr(1, messages) + Script{"C: RETR 2", "S: +OK", "S: From: half", "D"});
    MailboxSession session;
    openAndSettle(session, server);

    QSignalSpy progress(&session, &MailboxSession::exportProgress);
    QSignalSpy finished(&session, &MailboxSession::exportFinished);
    QSignalSpy committed(&session, &MailboxSession::committed);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMessages = 1;
    const QString target = m_dir->filePath(QStringLiteral("out"));
    session.startExport(QStringLiteral("eml:") + target, options, m_journal);
    QTRY_VERIFY2(std::any_of(progress.cbegin(), progress.cend(),
                             [](const QList<QVariant> &row) { return row.at(0).toInt() == 1; }),
                 qPrintable(server.mismatchReport()));
    session.cancelExport();
    QVERIFY(finished.wait(5000));
    VERIFY_SERVER(server);

    QCOMPARE(finished.at(0).at(1).value<Pop3Error>().kind(), Pop3Error::Kind::Cancelled);
    QCOMPARE(linesStartingWith(server, "DELE"), 0);
    QCOMPARE(linesStartingWith(server, "QUIT"), 0);
    QCOMPARE(committed.size(), 0);
    QCOMPARE(session.state(), MailboxSession::State::Disconnected);
    QCOMPARE(session.model()->messageCount(), 3);
    QCOMPARE(session.model()->markedCount(), 0);
    const QStringList files = emlFiles(target);
    QCOMPARE(files.size(), 1);
    QCOMPARE(ExportTest::readFile(target + QLatin1Char('/') + files.first()), messages[0]);
    QCOMPARE(QDir(target).entryList(QDir::Files | QDir::Hidden).size(), 1); // no partial 2
}

void tst_SessionExport::dropMidExportLeavesTheSessionDisconnected()
{
    // The server goes away during RETR 2: the export ends with the network
    // error, no QUIT went out, and the session is Disconnected like after
    // any drop; the next action reconnects (here a preview).
    const QList<QByteArray> messages = mailbox(2);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + tops(messages) + listAndUidl(messages) +
                       retr(1, messages) + Script{"C: RETR 2", "S: +OK", "S: From: half", "X"});
    server.addScenario(login() + listing(messages) +
                       Script{"C: TOP 1 20", "S: +OK", FakePop3Server::multiline(messages[0]),
                              "C: QUIT", "S: +OK bye"});
    MailboxSession session;
    openAndSettle(session, server);
    const QString target = m_dir->filePath(QStringLiteral("out"));
    const QList<QVariant> finished = runExport(session, QStringLiteral("eml:") + target, {});
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.at(1).value<Pop3Error>().kind(), Pop3Error::Kind::Network);
    QCOMPARE(finished.at(0).value<ExportJob::Summary>().exported, 1);
    QCOMPARE(session.state(), MailboxSession::State::Disconnected);
    QCOMPARE(emlFiles(target).size(), 1);
    QCOMPARE(linesStartingWith(server, "QUIT"), 0);

    QSignalSpy previewed(&session, &MailboxSession::previewReady);
    session.preview(1, 20);
    QVERIFY2(previewed.wait(5000), qPrintable(server.mismatchReport()));
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    VERIFY_SERVER(server);
}

void tst_SessionExport::destroyedMidExportSendsNothing()
{
    // The window closes during an export: the session goes at once, the
    // worker aborts the connection (no QUIT, nothing deleted) and takes it
    // and the half-written message along.
    const QList<QByteArray> messages = mailbox(2);
    FakePop3Server server;
    server.addScenario(login() + listing(messages) + tops(messages) + listAndUidl(messages) +
                       Script{"C: RETR 1", "S: +OK", "S: From: half", "D"});
    auto session = std::make_unique<MailboxSession>();
    openAndSettle(*session, server);
    ExportJob::Options options;
    options.deleteAfter = true;
    const QString target = m_dir->filePath(QStringLiteral("out"));
    session->startExport(QStringLiteral("eml:") + target, options, m_journal);
    QTRY_VERIFY2(server.receivedLines().contains("RETR 1"), qPrintable(server.mismatchReport()));
    session.reset();
    VERIFY_SERVER(server);
    QCOMPARE(linesStartingWith(server, "QUIT"), 0);
    QCOMPARE(linesStartingWith(server, "DELE"), 0);
    QVERIFY(QDir(target).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

QTEST_GUILESS_MAIN(tst_SessionExport)
#include "tst_sessionexport.moc"
