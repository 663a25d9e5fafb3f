#include "export/emldirectorysink.h"
#include "export/exportjob.h"
#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "export/maildirsink.h"
#include "export/mboxsink.h"
#include "export/posixfs.h"
#include "exportfixtures.h"
#include "exportscripts.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"
#include "serverchecks.h"
#include "session/exportaccount.h"
#include "session/loginsequence.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMetaEnum>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

using ExportScripts::dele;
using ExportScripts::greetingAndLogin;
using ExportScripts::listing;
using ExportScripts::message;
using ExportScripts::messages;
using ExportScripts::quitOk;
using ExportScripts::retr;
using ExportScripts::Script;

const QString Host = QStringLiteral("127.0.0.1");
const QString User = QStringLiteral("bob");

// One logged-in connection to the fake server, and a job on it.
class Session
{
public:
    explicit Session(FakePop3Server &server, bool pipelining = false)
    {
        m_connection.setPipeliningAllowed(true);
        Pop3Reply *greeting =
                m_connection.connectToHost(Host, server.port(), Pop3Connection::Security::None);
        QSignalSpy greeted(greeting, &Pop3Reply::finished);
        if (!greeted.wait(5000) || greeting->hasError())
            return;
        if (pipelining) {
            Pop3Reply *capa = m_connection.capa();
            QSignalSpy done(capa, &Pop3Reply::finished);
            if (!done.wait(5000))
                return;
        }
        m_connection.user(User);
        Pop3Reply *pass = m_connection.pass(QStringLiteral("secret"));
        QSignalSpy loggedIn(pass, &Pop3Reply::finished);
        m_ok = loggedIn.wait(5000) && !pass->hasError();
    }

    [[nodiscard]] bool isLoggedIn() const { return m_ok; }
    Pop3Connection &connection() { return m_connection; }

    struct Outcome
    {
        Pop3Error error;
        ExportJob::Summary summary;
        QStringList notices;
        QList<QList<QVariant>> progress;
        QStringList states; // ExportJob::stateChanged, by name
        bool finished = false;
        QList<int> deletable; // ExportJob::deletableNumbers()
    };

    Outcome run(MessageSink *sink, ExportStateStore *store, const ExportJob::Options &options,
                ExportJob::SessionEnd end = ExportJob::SessionEnd::Quit)
    {
        Outcome outcome;
        ExportJob job(&m_connection, sink, store);
        job.setAccount(Host, 110, User);
        job.setOptions(options);
        job.setSessionEnd(end);
        QSignalSpy finished(&job, &ExportJob::finished);
        QSignalSpy progress(&job, &ExportJob::progress);
        QObject::connect(&job, &ExportJob::notice,
                         [&](const QString &text) { outcome.notices.append(text); });
        QObject::connect(&job, &ExportJob::stateChanged, [&](ExportJob::State state) {
            outcome.states.append(QString::fromLatin1(
                    QMetaEnum::fromType<ExportJob::State>().valueToKey(int(state))));
        });
        job.start();
        outcome.finished = finished.wait(10000);
        if (outcome.finished) {
            outcome.error = finished.at(0).at(0).value<Pop3Error>();
            outcome.summary = job.summary();
            outcome.deletable = job.deletableNumbers();
        }
        for (const QList<QVariant> &row : std::as_const(progress))
            outcome.progress.append(row);
        return outcome;
    }

private:
    Pop3Connection m_connection;
    bool m_ok = false;
};

ExportKey uidKey(const QString &uid)
{
    return ExportKey::fromUidl(Host, 110, User, uid);
}

QString destinationOf(MessageSink::Format format, const QString &path)
{
    return ExportTarget::destinationOf(format, path);
}

QString destinationOf(const MessageSink &sink)
{
    return destinationOf(sink.format(), sink.targetPath());
}

// TOP n 0: the header block of the message.
Script topHeaders(int n, const QByteArray &bytes)
{
    return {"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
            FakePop3Server::multiline(bytes.first(bytes.indexOf("\r\n\r\n") + 4))};
}

// LIST of the messages, then a UIDL answer of the given lines as they are.
Script listingWithUidl(const QList<QByteArray> &messages, const QList<QByteArray> &uidlLines)
{
    Script lines = listing(messages).first(3 + messages.size()); // through "S: ."
    lines += Script{"C: UIDL", "S: +OK"};
    for (const QByteArray &line : uidlLines)
        lines.append("S: " + line);
    return lines + Script{"S: ."};
}

// A journal line as versions before issue 11 wrote it (v1: no size, v2: size).
QByteArray legacyLine(const ExportKey &key, qint64 octets)
{
    const QByteArray body =
            octets < 0 ? key.serialize() : QByteArray::number(octets) + '\t' + key.serialize();
    return QByteArray(octets < 0 ? "v1" : "v2") + '\t' +
            QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16) + '\t' +
            body + '\n';
}

QStringList emlFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
}

QByteArrayList emlContents(const QString &dir)
{
    QByteArrayList contents;
    for (const QString &name : emlFiles(dir))
        contents.append(ExportTest::readFile(dir + QLatin1Char('/') + name));
    std::sort(contents.begin(), contents.end());
    return contents;
}

} // namespace

class tst_ExportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void exportsEveryMessage_data();
    void exportsEveryMessage();
    void onlyNewSkipsExported();
    void onlyNewWithDeleteDeletesEarlierExports();
    void reusedUidWithOtherSizeIsExportedAgain();
    void messageSubset();
    void deleteOnlyAfterCommit();
    void quitWaitsForDeleAnswers();
    void batchSyncsTheRecordWithItsFiles_data();
    void batchSyncsTheRecordWithItsFiles();
    void retrWindowIsBoundedInBytes();
    void diskFullStopsWithoutDele();
    void failedCommitStopsWithoutDele();
    void keepOpenLeavesDeletionToTheCaller();
    void notEnoughFreeSpaceFetchesNothing();
    void quitErrorReportsNothingDeleted();
    void connectionDropDeletesNothing();
    void refusedRetrSkipsOnlyThatMessage();
    void noUidlFallsBackToMessageId();
    void badTargetFailsBeforeFetching();
    void rerunRecognisesMessageWrittenButNotRecorded();
    void rerunRecognisesMboxBatchWrittenButNotRecorded();
    // Issue 11.
    void exportedElsewhereIsExportedHereBeforeDelete();
    void olderJournalLinesNeverLeadToDele();
    void pendingRecordOfAnotherDestinationIsKept();
    void tolerantUidlListing_data();
    void tolerantUidlListing();
    void listWithGapsIsTheTruth();
    void postLoginCapabilitiesAreNotNeeded_data();
    void postLoginCapabilitiesAreNotNeeded();
    void selectionByKeyFollowsRenumbering();
    void accountIdentityUsesTheEffectivePort();
    // Issue 12.
    void statesFollowOneTable_data();
    void statesFollowOneTable();

private:
    // One run as a new process does it: a new login, the journal read again.
    Session::Outcome runFresh(FakePop3Server &server, MessageSink *sink,
                              const ExportJob::Options &options)
    {
        Session session(server);
        if (!session.isLoggedIn())
            return {};
        ExportStateStore store(m_statePath);
        return session.run(sink, &store, options);
    }
    // Records `count` messages of another destination, so the journal
    // outgrows a file size limit set just above it.
    void fillJournal(int count)
    {
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        for (int i = 0; i < count; ++i)
            QVERIFY(store.markExported(uidKey(QStringLiteral("older-%1").arg(i)), -1,
                                       QStringLiteral("eml:/somewhere/else")));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_statePath;
};

void tst_ExportJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_statePath = m_dir->filePath(QStringLiteral("state/export.journal"));
}

void tst_ExportJob::exportsEveryMessage_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<int>("window");
    QTest::newRow("lock-step") << false << 4;
    QTest::newRow("pipelined window 1") << true << 1;
    QTest::newRow("pipelined window 3") << true << 3;
}

void tst_ExportJob::exportsEveryMessage()
{
    QFETCH(bool, pipelining);
    QFETCH(int, window);

    // Messages cut into small chunks, so header blocks and bodies arrive in
    // pieces and the next answer starts in the same read as the last one ends.
    const QList<QByteArray> mailbox = messages(5);
    FakePop3Server server;
    server.setChunkSize(37);
    Script script = greetingAndLogin(pipelining) + listing(mailbox);
    for (int n = 1; n <= 5; ++n)
        script += retr(n, mailbox[n - 1]);
    server.addScenario(script + quitOk());

    Session session(server, pipelining);
    QVERIFY(session.isLoggedIn());
    QCOMPARE(session.connection().isPipelining(), pipelining);
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.retrWindow = window;
    options.batchMilliseconds = 60000; // batches by count and by the pipeline draining only
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);

    QCOMPARE(outcome.summary.exported, 5);
    QCOMPARE(outcome.summary.skipped, 0);
    QCOMPARE(outcome.summary.deleted, 0);
    QVERIFY(outcome.summary.quitConfirmed);
    qint64 total = 0;
    for (const QByteArray &m : mailbox)
        total += m.size();
    QCOMPARE(outcome.summary.bytes, total);
    QVERIFY(outcome.notices.isEmpty());

    // .eml keeps the exact octets, and the file names come from the headers.
    QByteArrayList expected = mailbox;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(emlContents(sink.targetPath()), expected);
    const QStringList names = emlFiles(sink.targetPath());
    QCOMPARE(names.size(), 5);
    QVERIFY2(names.first().contains(QLatin1String("Message 1")), qPrintable(names.first()));
    QVERIFY2(names.first().contains(QLatin1String("uid-1")), qPrintable(names.first()));
    QCOMPARE(store.count(), 5);
    // Whether pipelined or lock-step, a RETR is always queued behind the one
    // that finishes until the last: one group commit for all five.
    QCOMPARE(sink.committedBatches(), 1);

    // Progress: planned totals first, message count climbing to 5/5, bytes
    // never going back and ending at the total.
    QVERIFY(!outcome.progress.isEmpty());
    QCOMPARE(outcome.progress.first().at(0).toInt(), 0);
    QCOMPARE(outcome.progress.first().at(1).toInt(), 5);
    QCOMPARE(outcome.progress.first().at(3).toLongLong(), total);
    qint64 lastBytes = -1;
    for (const QList<QVariant> &row : outcome.progress) {
        QVERIFY(row.at(2).toLongLong() >= lastBytes);
        lastBytes = row.at(2).toLongLong();
    }
    QCOMPARE(outcome.progress.last().at(0).toInt(), 5);
    QCOMPARE(lastBytes, total);
}

void tst_ExportJob::onlyNewSkipsExported()
{
    const QList<QByteArray> mailbox = messages(3);
    FakePop3Server server;
    // First run exports 1 and 2; second run sees 1..3 and fetches only 3.
    server.addScenario(greetingAndLogin(false) + listing(mailbox.first(2)) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + quitOk());
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(3, mailbox[2]) + quitOk());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    {
        const Session::Outcome outcome = runFresh(server, &sink, options);
        QVERIFY(outcome.finished);
        QVERIFY(!outcome.error.isError());
        QCOMPARE(outcome.summary.exported, 2);
    }
    {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath); // a new process would read the journal again
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY(!outcome.error.isError());
        QCOMPARE(outcome.summary.exported, 1);
        QCOMPARE(outcome.summary.skipped, 2);
        QCOMPARE(outcome.progress.first().at(1).toInt(), 1);
        QCOMPARE(outcome.progress.first().at(3).toLongLong(), qint64(mailbox[2].size()));
    }
    VERIFY_SERVER(server);
    QCOMPARE(emlFiles(sink.targetPath()).size(), 3);
}

void tst_ExportJob::onlyNewWithDeleteDeletesEarlierExports()
{
    // A run killed after writing 1 and 2 but before QUIT: the rerun must
    // not fetch them again, but must delete them.
    const QList<QByteArray> mailbox = messages(3);
    {
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        const QString out =
                destinationOf(MessageSink::Format::Eml, m_dir->filePath(QStringLiteral("out")));
        QVERIFY(store.markExported(uidKey(QStringLiteral("uid-1")), -1, out));
        QVERIFY(store.markExported(uidKey(QStringLiteral("uid-2")), -1, out));
    }
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + dele(1) + dele(2) +
                       retr(3, mailbox[2]) + dele(3) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.onlyNew = true;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000; // the order on the wire must not depend on load
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.exported, 1);
    QCOMPARE(outcome.summary.skipped, 2);
    QCOMPARE(outcome.summary.deleted, 3);
    QCOMPARE(emlContents(sink.targetPath()), QByteArrayList{mailbox[2]});
}

// RFC 1939 only forbids reusing a UIDL while its message exists: a server
// may give a deleted message's UIDL to a new one. With --only-new --delete
// the new message must be exported, not skipped and deleted unseen.
void tst_ExportJob::reusedUidWithOtherSizeIsExportedAgain()
{
    const QByteArray first = message(1);
    const QByteArray second = message(2) + "A longer body: this is another message.\r\n";
    QVERIFY(first.size() != second.size());
    const auto mailboxOf = [](const QByteArray &bytes) {
        return Script{"C: LIST", "S: +OK",  "S: 1 " + QByteArray::number(bytes.size()),
                      "S: .",    "C: UIDL", "S: +OK",
                      "S: 1 a",  "S: ."};
    };
    FakePop3Server server;
    // Run 1 exports and deletes "a"; the server then hands "a" to a new message.
    server.addScenario(greetingAndLogin(false) + mailboxOf(first) + retr(1, first) + dele(1) +
                       quitOk());
    // Run 2: fetched before it is deleted (not DELE straight away).
    server.addScenario(greetingAndLogin(false) + mailboxOf(second) + retr(1, second) + dele(1) +
                       quitOk());
    // Run 3: the same message at the same size is known: skipped and deleted.
    server.addScenario(greetingAndLogin(false) + mailboxOf(second) + dele(1) + quitOk());

    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    const auto runOnce = [&] {
        Session session(server);
        ExportStateStore store(m_statePath); // a new process reads the journal again
        Session::Outcome outcome;
        if (session.isLoggedIn())
            outcome = session.run(&sink, &store, options);
        return outcome;
    };

    const Session::Outcome one = runOnce();
    QVERIFY(one.finished);
    QVERIFY2(!one.error.isError(), qPrintable(one.error.errorString()));
    QCOMPARE(one.summary.exported, 1);
    QCOMPARE(one.summary.deleted, 1);
    QVERIFY(one.notices.isEmpty());

    const Session::Outcome two = runOnce();
    QVERIFY(two.finished);
    QVERIFY2(!two.error.isError(), qPrintable(two.error.errorString()));
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QCOMPARE(two.summary.exported, 1);
    QCOMPARE(two.summary.skipped, 0);
    QCOMPARE(two.summary.deleted, 1);
    QCOMPARE(two.notices.size(), 1);
    const QString expected =
            QStringLiteral("reused UID a for a different message (size %1, was %2)")
                    .arg(second.size())
                    .arg(first.size());
    QVERIFY2(two.notices.first().contains(expected), qPrintable(two.notices.first()));
    QVERIFY2(two.notices.first().contains(QLatin1String("Message 1")),
             qPrintable(two.notices.first()));

    const Session::Outcome three = runOnce();
    QVERIFY(three.finished);
    QVERIFY2(!three.error.isError(), qPrintable(three.error.errorString()));
    QCOMPARE(three.summary.exported, 0);
    QCOMPARE(three.summary.skipped, 1);
    QCOMPARE(three.summary.deleted, 1);
    QVERIFY(three.notices.isEmpty());
    VERIFY_SERVER(server);

    // Both messages are on disk, each once; the journal knows "a" at both sizes.
    QByteArrayList both{first, second};
    std::sort(both.begin(), both.end());
    QCOMPARE(emlContents(sink.targetPath()), both);
    ExportStateStore store(m_statePath);
    QVERIFY(store.open());
    QCOMPARE(store.count(), 2);
    const ExportKey key = ExportKey::fromUidl(Host, 110, User, QStringLiteral("a"));
    QVERIFY(store.isExported(key, first.size(), destinationOf(sink)));
    QVERIFY(store.isExported(key, second.size(), destinationOf(sink)));
}

void tst_ExportJob::messageSubset()
{
    const QList<QByteArray> mailbox = messages(6);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(2, mailbox[1]) +
                       retr(5, mailbox[4]) + retr(6, mailbox[5]) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.messages = MessageRange::parse(u"2,5-9");
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.error.isError());
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.exported, 3);
    // 7-9 do not exist: said, not silently dropped.
    QCOMPARE(outcome.notices.size(), 1);
    QVERIFY2(outcome.notices.first().contains(QLatin1String("only 6 messages")),
             qPrintable(outcome.notices.first()));
}

void tst_ExportJob::deleteOnlyAfterCommit()
{
    // Batches of 2, window 1 with pipelining: RETR 3 goes out when 2 ends,
    // then the batch {1, 2} is committed and only then DELE 1 and 2; DELE 3
    // and 4 follow the last batch.
    const QList<QByteArray> mailbox = messages(4);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + dele(1) + dele(2) +
                       retr(4, mailbox[3]) + dele(3) + dele(4) + quitOk());
    Session session(server, true);
    QVERIFY(session.isLoggedIn());
    QVERIFY(session.connection().isPipelining());

    const QString target = m_dir->filePath(QStringLiteral("out"));
    EmlDirectorySink sink(target);
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMessages = 2;
    options.batchMilliseconds = 60000;
    // When each DELE is sent, its message must already be in its final
    // place and in the journal on disk (read by a fresh store, as a rerun
    // would). The pending record may still name it (it is emptied when the
    // job ends, not after each batch), but only once the journal has it:
    // a rerun's recovery then ignores the line.
    QStringList violations;
    QObject::connect(
            &session.connection(), &Pop3Connection::debugMessage, [&](const QString &line) {
                if (!line.startsWith(QLatin1String("C: DELE ")))
                    return;
                const int n = line.sliced(8).toInt();
                const QString uid = QStringLiteral("uid-%1").arg(n);
                ExportStateStore fresh(m_statePath);
                if (!fresh.open() || !fresh.isExported(uidKey(uid), -1, destinationOf(sink)))
                    violations.append(QStringLiteral("DELE %1 before the journal had it").arg(n));
                if (emlFiles(target).size() < (n + 1) / 2 * 2)
                    violations.append(
                            QStringLiteral("DELE %1 before its batch was published").arg(n));
                if (ExportTest::readFile(
                            ExportJob::pendingPathFor(m_statePath, destinationOf(sink)))
                            .contains(uid.toLatin1() + '\t') &&
                    !fresh.isExported(uidKey(uid), -1, destinationOf(sink)))
                    violations.append(
                            QStringLiteral("DELE %1 while only the pending record had it").arg(n));
            });
    session.connection().setDebugLevel(1);
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(violations, QStringList());
    QCOMPARE(outcome.summary.exported, 4);
    QCOMPARE(outcome.summary.deleted, 4);
    QVERIFY(outcome.summary.quitConfirmed);
    QCOMPARE(sink.committedBatches(), 2);
}

void tst_ExportJob::quitWaitsForDeleAnswers()
{
    // With --delete QUIT commits the DELEs: it leaves only after the last
    // batch is durable, its DELEs are sent and every DELE is answered.
    const QList<QByteArray> mailbox = messages(2);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + dele(1) + dele(2) + quitOk());
    Session session(server, true);
    QVERIFY(session.isLoggedIn());

    MaildirSink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.batchMilliseconds = 60000;
    QStringList wire; // client lines as sent, server status lines as read
    QObject::connect(&session.connection(), &Pop3Connection::debugMessage,
                     [&](const QString &line) {
                         if (line.startsWith(QLatin1String("C: ")) ||
                             line.startsWith(QLatin1String("S: +OK")))
                             wire.append(line);
                     });
    session.connection().setDebugLevel(2); // status lines too
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.deleted, 2);
    const qsizetype quit = wire.indexOf(QStringLiteral("C: QUIT"));
    QVERIFY2(quit > 0, qPrintable(wire.join(QLatin1Char('\n'))));
    // Both DELE answers ("+OK marked") were read before QUIT left.
    QCOMPARE(wire.first(quit).count(QStringLiteral("S: +OK marked")), 2);
    QCOMPARE(wire.sliced(quit).count(QStringLiteral("S: +OK marked")), 0);
}

void tst_ExportJob::batchSyncsTheRecordWithItsFiles_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("syncs");
    // One message: the record's fsync, the file's, new/'s and the journal's.
    QTest::newRow("batch of one") << 1 << 4;
    // Several: the Maildir's syncfs makes the record (on the same file
    // system) durable with the files before any is renamed into new/.
    QTest::newRow("batch of three") << 3 << 3;
}

void tst_ExportJob::batchSyncsTheRecordWithItsFiles()
{
    QFETCH(int, count);
    QFETCH(int, syncs);
    const QList<QByteArray> mailbox = messages(count);
    FakePop3Server server;
    Script script = greetingAndLogin(true) + listing(mailbox);
    for (int n = 1; n <= count; ++n)
        script += retr(n, mailbox[n - 1]);
    server.addScenario(script + quitOk());
    Session session(server, true);
    QVERIFY(session.isLoggedIn());

    MaildirSink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    // Opening syncs too (the journal, the new directories): not the batch's.
    QVERIFY(store.open());
    QVERIFY(sink.open().isOk());
    ExportJob::Options options;
    options.batchMilliseconds = 60000;
    const QString pending = ExportJob::pendingPathFor(m_statePath, destinationOf(sink));
    bool recordHeldBatch = false;
    QObject::connect(&session.connection(), &Pop3Connection::debugMessage,
                     [&](const QString &line) {
                         // QUIT leaves once the batch is committed and journaled.
                         if (line == QLatin1String("C: QUIT"))
                             recordHeldBatch = ExportTest::readFile(pending).count('\n') == count;
                     });
    session.connection().setDebugLevel(1);
    const int before = PosixFs::syncCalls();
    const Session::Outcome outcome = session.run(&sink, &store, options);
    const int batchSyncs = PosixFs::syncCalls() - before;
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.exported, count);
    QCOMPARE(sink.committedBatches(), 1);
    QCOMPARE(batchSyncs, syncs);
    // The record named the batch until the end and is empty after it.
    QVERIFY(recordHeldBatch);
    QVERIFY(QFileInfo::exists(pending));
    QCOMPARE(QFileInfo(pending).size(), 0);
}

void tst_ExportJob::retrWindowIsBoundedInBytes()
{
    // Three messages of about 1 KB and a window of 2.5 KB: RETR 3 waits for
    // RETR 1's answer. Pipelined, so the fake server sees the order.
    QList<QByteArray> mailbox = messages(3);
    for (QByteArray &m : mailbox)
        m += QByteArray(1000, 'b') + "\r\n";
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + quitOk());
    Session session(server, true);
    QVERIFY(session.isLoggedIn());
    QStringList sent;
    QObject::connect(&session.connection(), &Pop3Connection::debugMessage,
                     [&](const QString &line) {
                         if (line.startsWith(QLatin1String("C: RETR ")))
                             sent.append(line);
                     });
    QList<int> sentWhenFirstFinished;
    session.connection().setDebugLevel(1);
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.retrWindowBytes = 2500;
    ExportJob job(&session.connection(), &sink, &store);
    job.setAccount(Host, 110, User);
    job.setOptions(options);
    QObject::connect(&job, &ExportJob::progress, [&](int, int, qint64 bytes, qint64) {
        // Before RETR 1 is complete, only two RETRs may be on the wire.
        if (bytes < mailbox[0].size())
            sentWhenFirstFinished.append(int(sent.size()));
    });
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    VERIFY_SERVER(server);
    QCOMPARE(job.summary().exported, 3);
    QVERIFY(!sentWhenFirstFinished.isEmpty());
    for (int count : std::as_const(sentWhenFirstFinished))
        QVERIFY2(count <= 2, qPrintable(sent.join(QLatin1Char(','))));
    QCOMPARE(sent.size(), 3);
}

void tst_ExportJob::diskFullStopsWithoutDele()
{
    // Message 3 does not fit: the kernel refuses the write (EFBIG, as a full
    // disk would with ENOSPC). 1 and 2, staged in the same batch as 3, are
    // committed when the job stops, and deleted; 3 is not deleted and 4 is
    // never fetched.
    QList<QByteArray> mailbox = messages(4);
    mailbox[2] = message(3) + QByteArray(20000, 'x') + "\r\n";
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + dele(1) + dele(2) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());

    const QString mbox = m_dir->filePath(QStringLiteral("mail.mbox"));
    MboxSink sink(mbox);
    ExportStateStore store(m_statePath);
    QVERIFY(store.open()); // before the limit: the journal exists and stays small
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    options.checkFreeSpace = false; // the limit is per file, not what statvfs sees
    Session::Outcome outcome;
    {
        ExportTest::FileSizeLimit limit(8000);
        QVERIFY(limit.isActive());
        outcome = session.run(&sink, &store, options);
    }
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
    QVERIFY2(outcome.error.errorString().contains(QLatin1String("mail.mbox")),
             qPrintable(outcome.error.errorString()));
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.deleted, 2);
    QCOMPARE(store.count(), 2);
    // The mbox was cut back to the two complete messages.
    const QByteArray stored = ExportTest::readFile(mbox);
    QCOMPARE(stored.count("\nFrom "), 1);
    QVERIFY(stored.startsWith("From s1@example.org "));
    QVERIFY(stored.endsWith("Body of 2\n.line with a dot\n\n"));
    QVERIFY(!QFile::exists(mbox + QLatin1String(".lock")));
}

namespace {
// An .eml directory whose second batch fails the way a failing fsync would.
class FailingCommitSink : public EmlDirectorySink
{
public:
    using EmlDirectorySink::EmlDirectorySink;
    int commits = 0;

protected:
    ExportResult doCommitBatch(QStringList *paths) override
    {
        if (++commits == 2)
            return ExportResult(ExportResult::Kind::Io, QStringLiteral("fsync failed: I/O error"));
        return EmlDirectorySink::doCommitBatch(paths);
    }
};
} // namespace

void tst_ExportJob::failedCommitStopsWithoutDele()
{
    // Pipelined, window 3, batches of 2: the batch {3, 4} fails to commit
    // while RETR 5 is on the wire; 3 and 4 are removed, 5's bytes are
    // drained and dropped, never written; only 1 and 2 are deleted.
    const QList<QByteArray> mailbox = messages(5);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + retr(4, mailbox[3]) +
                       retr(5, mailbox[4]) + dele(1) + dele(2) + quitOk());
    Session session(server, true);
    QVERIFY(session.isLoggedIn());
    FailingCommitSink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 3;
    options.batchMessages = 2;
    options.batchMilliseconds = 60000;
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
    QVERIFY2(outcome.error.errorString().contains(QLatin1String("fsync failed")),
             qPrintable(outcome.error.errorString()));
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.deleted, 2);
    QCOMPARE(emlContents(sink.targetPath()), (QByteArrayList{mailbox[0], mailbox[1]}));
    QCOMPARE(sink.commits, 2);
    // No temporary file left behind by 3, 4 or 5.
    QCOMPARE(ExportTest::entries(sink.targetPath()).size(), 2);
    QCOMPARE(store.count(), 2);
}

void tst_ExportJob::keepOpenLeavesDeletionToTheCaller()
{
    // The GUI's export (SessionEnd::KeepOpen): the same run as
    // failedCommitStopsWithoutDele, but the job sends no DELE and no QUIT.
    // It names 1 and 2 (durable and recorded) and also 6, recorded for this
    // destination by an earlier run; never 3 and 4, whose batch failed to
    // commit, nor 5, drained and dropped. The session stays logged in.
    QList<QByteArray> mailbox = messages(6);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + retr(4, mailbox[3]) +
                       retr(5, mailbox[4]) + Script{"D"});
    Session session(server, true);
    QVERIFY(session.isLoggedIn());
    FailingCommitSink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    QVERIFY(store.open());
    QVERIFY(sink.open().isOk());
    QVERIFY(store.markExported(uidKey(QStringLiteral("uid-6")), mailbox[5].size(),
                               destinationOf(sink)));
    ExportJob::Options options;
    options.deleteAfter = true;
    options.onlyNew = true;
    options.retrWindow = 3;
    options.batchMessages = 2;
    options.batchMilliseconds = 60000;
    const Session::Outcome outcome =
            session.run(&sink, &store, options, ExportJob::SessionEnd::KeepOpen);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.skipped, 1);
    QCOMPARE(outcome.summary.deletesSent, 0);
    QCOMPARE(outcome.summary.deleted, 0);
    QVERIFY(!outcome.summary.quitConfirmed);
    QCOMPARE(outcome.deletable, (QList<int>{6, 1, 2}));
    QCOMPARE(outcome.states.last(), QStringLiteral("Finished"));
    QVERIFY(!outcome.states.contains(QStringLiteral("Quitting")));
    QCOMPARE(session.connection().state(), Pop3Connection::State::Transaction);
    QCOMPARE(session.connection().pendingCommands(), 0);
    for (const QByteArray &line : server.receivedLines())
        QVERIFY2(!line.startsWith("DELE") && !line.startsWith("QUIT"), line.constData());
    QCOMPARE(emlContents(sink.targetPath()), (QByteArrayList{mailbox[0], mailbox[1]}));
    session.connection().abort();
    VERIFY_SERVER(server);
}

void tst_ExportJob::notEnoughFreeSpaceFetchesNothing()
{
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) +
                       Script{"C: LIST", "S: +OK", "S: 1 100", "S: 2 4000000000000000", "S: .",
                              "C: UIDL", "S: +OK", "S: 1 a", "S: 2 b", "S: ."} +
                       quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
    QVERIFY2(outcome.error.errorString().contains(QLatin1String("Not enough free space")),
             qPrintable(outcome.error.errorString()));
    QCOMPARE(outcome.summary.exported, 0);
    QCOMPARE(outcome.summary.deleted, 0);
}

void tst_ExportJob::quitErrorReportsNothingDeleted()
{
    const QList<QByteArray> mailbox = messages(2);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + dele(1) + dele(2) +
                       Script{"C: QUIT", "S: -ERR [SYS/TEMP] could not expunge", "X"});
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000; // the order on the wire must not depend on load
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Server);
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.deletesSent, 2);
    QCOMPARE(outcome.summary.deleted, 0);
    QVERIFY(!outcome.summary.quitConfirmed);
    QCOMPARE(outcome.notices.size(), 1);
    QVERIFY2(outcome.notices.first().contains(QLatin1String("nothing was deleted")),
             qPrintable(outcome.notices.first()));
    // The export itself stands: both messages are on disk and remembered.
    QCOMPARE(emlFiles(sink.targetPath()).size(), 2);
    QCOMPARE(store.count(), 2);
}

void tst_ExportJob::connectionDropDeletesNothing()
{
    const QList<QByteArray> mailbox = messages(3);
    FakePop3Server server;
    // Message 1 is staged when the connection drops in the middle of 2: it
    // is committed (it is complete), but there is no session left to DELE it in.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       Script{"C: RETR 2", "S: +OK", "S* " + mailbox[1].first(60), "X"});
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000; // the order on the wire must not depend on load
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Network);
    QCOMPARE(outcome.summary.exported, 1);
    QCOMPARE(outcome.summary.deletesSent, 0);
    QCOMPARE(outcome.summary.deleted, 0);
    QVERIFY(!outcome.summary.quitConfirmed);
    QCOMPARE(store.count(), 1);
    // Message 2's partial bytes left no file.
    QCOMPARE(ExportTest::entries(sink.targetPath()).size(), 1);
}

void tst_ExportJob::refusedRetrSkipsOnlyThatMessage()
{
    const QList<QByteArray> mailbox = messages(3);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       Script{"C: RETR 2", "S: -ERR no such message"} + retr(3, mailbox[2]) +
                       dele(1) + dele(3) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000; // the order on the wire must not depend on load
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Server);
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.failed, 1);
    QCOMPARE(outcome.summary.deleted, 2);
    QVERIFY(outcome.notices.join(QLatin1Char('\n')).contains(QLatin1String("Message 2")));
}

void tst_ExportJob::noUidlFallsBackToMessageId()
{
    QList<QByteArray> mailbox = messages(3);
    // Message 3 has no Message-ID: keyed by a hash of its header block.
    mailbox[2] = "From: c@example.org\r\nSubject: anonymous\r\n\r\nno id\r\n";
    const auto headers = [&](int n) {
        const QByteArray &m = mailbox[n - 1];
        return Script{"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
                      FakePop3Server::multiline(m.first(m.indexOf("\r\n\r\n") + 4))};
    };
    // Message 1 was exported before, known by its Message-ID and size.
    {
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        QVERIFY(store.markExported(
                ExportKey::fromMessageId(Host, 110, User, QStringLiteral("1@example.org"),
                                         mailbox[0].size()),
                -1,
                destinationOf(MessageSink::Format::Eml, m_dir->filePath(QStringLiteral("out")))));
    }
    FakePop3Server server;
    const Script first = greetingAndLogin(false) + listing(mailbox, false) + headers(1) +
            headers(2) + headers(3) + retr(2, mailbox[1]) + retr(3, mailbox[2]) + quitOk();
    // The second run finds all three known and fetches nothing.
    const Script second = greetingAndLogin(false) + listing(mailbox, false) + headers(1) +
            headers(2) + headers(3) + quitOk();
    server.addScenario(first);
    server.addScenario(second);
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    for (int run = 0; run < 2; ++run) {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QVERIFY(outcome.summary.usedFallbackKeys);
        QCOMPARE(outcome.summary.exported, run == 0 ? 2 : 0);
        QCOMPARE(outcome.summary.skipped, run == 0 ? 1 : 3);
        // Never silent: every run says the keys are weaker.
        QCOMPARE(outcome.notices.size(), 1);
        QVERIFY2(outcome.notices.first().contains(QLatin1String("UIDL")),
                 qPrintable(outcome.notices.first()));
    }
    VERIFY_SERVER(server);
    QByteArrayList expected{mailbox[1], mailbox[2]};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(emlContents(sink.targetPath()), expected);
}

void tst_ExportJob::badTargetFailsBeforeFetching()
{
    // A file where the .eml directory should be.
    const QString target = m_dir->filePath(QStringLiteral("plainfile"));
    QFile file(target);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(target);
    ExportStateStore store(m_statePath);
    const Session::Outcome outcome = session.run(&sink, &store, {});
    QVERIFY(outcome.finished);
    VERIFY_SERVER(server);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
    QCOMPARE(outcome.summary.exported, 0);
}

void tst_ExportJob::rerunRecognisesMessageWrittenButNotRecorded()
{
    // The state a kill -9 between commit() and markExported() leaves: message
    // 1's file is complete, the journal does not have it. Produced here by
    // a journal that cannot grow (file size limit) while .eml files can.
    const QList<QByteArray> mailbox = messages(3);
    fillJournal(20); // larger than a message
    const qint64 journalSize = QFileInfo(m_statePath).size();
    QVERIFY(journalSize > mailbox[0].size() + 100);

    FakePop3Server server;
    // Only message 1 is there in the first run, so that nothing else is on
    // the wire when its batch fails to be recorded.
    server.addScenario(greetingAndLogin(false) + listing(mailbox.first(1)) + retr(1, mailbox[0]) +
                       quitOk());
    // The rerun does not fetch 1 again, but deletes it.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + dele(1) + retr(2, mailbox[1]) +
                       retr(3, mailbox[2]) + dele(2) + dele(3) + quitOk());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000; // the order on the wire must not depend on load
    {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        Session::Outcome outcome;
        {
            ExportTest::FileSizeLimit limit(rlim_t(journalSize + 10));
            QVERIFY(limit.isActive());
            outcome = session.run(&sink, &store, options);
        }
        QVERIFY(outcome.finished);
        QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
        QVERIFY2(outcome.error.errorString().contains(QLatin1String("recording")),
                 qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 0);
        QCOMPARE(outcome.summary.deletesSent, 0);
        QCOMPARE(emlContents(sink.targetPath()), QByteArrayList{mailbox[0]});
    }
    {
        const Session::Outcome outcome = runFresh(server, &sink, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 2);
        QCOMPARE(outcome.summary.skipped, 1);
        QCOMPARE(outcome.summary.deleted, 3);
        QCOMPARE(outcome.notices.size(), 1);
        QVERIFY2(outcome.notices.first().contains(QLatin1String("uid-1")),
                 qPrintable(outcome.notices.first()));
    }
    VERIFY_SERVER(server);
    QByteArrayList expected = mailbox;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(emlContents(sink.targetPath()), expected);
}

void tst_ExportJob::rerunRecognisesMboxBatchWrittenButNotRecorded()
{
    // As above, for a whole batch in an mbox: the pending record names each
    // message's offset in the file, and the rerun finds all three there.
    const QList<QByteArray> mailbox = messages(3);
    fillJournal(40);
    const qint64 journalSize = QFileInfo(m_statePath).size();
    FakePop3Server server;
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + quitOk());
    server.addScenario(greetingAndLogin(true) + listing(mailbox) + dele(1) + dele(2) + dele(3) +
                       quitOk());
    const QString mbox = m_dir->filePath(QStringLiteral("mail.mbox"));
    MboxSink sink(mbox);
    ExportJob::Options options;
    options.onlyNew = true;
    options.deleteAfter = true;
    options.batchMilliseconds = 60000;
    options.checkFreeSpace = false;
    {
        Session session(server, true);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        Session::Outcome outcome;
        {
            ExportTest::FileSizeLimit limit(rlim_t(journalSize + 10));
            QVERIFY(limit.isActive());
            outcome = session.run(&sink, &store, options);
        }
        QVERIFY(outcome.finished);
        QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
        QVERIFY2(outcome.error.errorString().contains(QLatin1String("1 and 2 more")),
                 qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 0);
        QCOMPARE(outcome.summary.deletesSent, 0);
        QCOMPARE(sink.committedBatches(), 1);
    }
    const QByteArray stored = ExportTest::readFile(mbox);
    QCOMPARE(stored.count("\nFrom "), 2);
    {
        Session session(server, true);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 0);
        QCOMPARE(outcome.summary.skipped, 3);
        QCOMPARE(outcome.summary.deleted, 3);
        QCOMPARE(outcome.notices.size(), 1);
        QVERIFY2(outcome.notices.first().contains(QLatin1String("uid-1, uid-2, uid-3")),
                 qPrintable(outcome.notices.first()));
    }
    VERIFY_SERVER(server);
    QCOMPARE(ExportTest::readFile(mbox), stored); // nothing appended twice
    // The pending record carried each LIST size into the journal.
    ExportStateStore store(m_statePath);
    QVERIFY(store.open());
    for (int n = 1; n <= 3; ++n) {
        const ExportKey key = ExportKey::fromUidl(Host, 110, User, QStringLiteral("uid-%1").arg(n));
        QVERIFY(store.isExported(key, mailbox[n - 1].size(), destinationOf(sink)));
        QCOMPARE(store.lookup(key, mailbox[n - 1].size() + 1, destinationOf(sink)).recorded,
                 ExportStateStore::Recorded::OtherSize);
    }
}

// Issue 11, the reported case: a few messages copied once to a scratch .eml
// folder, then "--only-new --delete" to a Maildir. Each message must be
// fetched and made durable in the Maildir before its DELE; before the
// journal kept destinations they were skipped and deleted unseen.
void tst_ExportJob::exportedElsewhereIsExportedHereBeforeDelete()
{
    const QList<QByteArray> mailbox = messages(3);
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + quitOk());
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + retr(3, mailbox[2]) + dele(1) + dele(2) + dele(3) +
                       quitOk());
    EmlDirectorySink scratch(m_dir->filePath(QStringLiteral("scratch")));
    MaildirSink maildir(m_dir->filePath(QStringLiteral("Maildir")));
    {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        ExportJob::Options options;
        options.messages = MessageRange::parse(u"1-2");
        const Session::Outcome outcome = session.run(&scratch, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 2);
    }
    QStringList deletedBeforeInMaildir;
    {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        // At each DELE the message must be in the Maildir's new/ already.
        QObject::connect(
                &session.connection(), &Pop3Connection::debugMessage, [&](const QString &line) {
                    if (!line.startsWith(QLatin1String("C: DELE ")))
                        return;
                    const int n = line.sliced(8).toInt();
                    const QStringList files = QDir(maildir.targetPath() + QLatin1String("/new"))
                                                      .entryList(QDir::Files);
                    if (files.size() < n)
                        deletedBeforeInMaildir.append(line);
                });
        session.connection().setDebugLevel(1);
        ExportStateStore store(m_statePath);
        ExportJob::Options options;
        options.onlyNew = true;
        options.deleteAfter = true;
        options.retrWindow = 1;
        options.batchMilliseconds = 60000;
        const Session::Outcome outcome = session.run(&maildir, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 3);
        QCOMPARE(outcome.summary.skipped, 0);
        QCOMPARE(outcome.summary.deleted, 3);
        QVERIFY2(outcome.notices.join(u'\n').contains(QLatin1String("another destination")),
                 qPrintable(outcome.notices.join(u'\n')));
    }
    VERIFY_SERVER(server);
    QCOMPARE(deletedBeforeInMaildir, QStringList());
    QByteArrayList want;
    for (const QByteArray &m : mailbox)
        want.append(ExportTest::crlfToLf(m));
    std::sort(want.begin(), want.end());
    QByteArrayList got;
    const QString newDir = maildir.targetPath() + QLatin1String("/new");
    for (const QString &name : QDir(newDir).entryList(QDir::Files))
        got.append(ExportTest::readFile(newDir + u'/' + name));
    std::sort(got.begin(), got.end());
    QCOMPARE(got, want);
    // Both destinations are recorded for 1 and 2.
    ExportStateStore store(m_statePath);
    QVERIFY(store.open());
    for (int n = 1; n <= 2; ++n) {
        const ExportKey key = uidKey(QStringLiteral("uid-%1").arg(n));
        QVERIFY(store.isExported(key, mailbox[n - 1].size(), destinationOf(scratch)));
        QVERIFY(store.isExported(key, mailbox[n - 1].size(), destinationOf(maildir)));
    }
}

// Journal lines of older versions (v1, v2) name no destination. Without
// --delete they still count as exported (no second copy in the backup the
// user ran before); with --delete the message is exported here again and
// deleted only after that: never DELE on the strength of such a line alone.
void tst_ExportJob::olderJournalLinesNeverLeadToDele()
{
    const QList<QByteArray> mailbox = messages(3);
    QVERIFY(QDir().mkpath(QFileInfo(m_statePath).absolutePath()));
    {
        QFile journal(m_statePath);
        QVERIFY(journal.open(QIODevice::WriteOnly));
        journal.write(legacyLine(uidKey(QStringLiteral("uid-1")), -1) +
                      legacyLine(uidKey(QStringLiteral("uid-2")), mailbox[1].size()));
    }
    FakePop3Server server;
    // Without --delete: 1 and 2 skipped, 3 exported.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(3, mailbox[2]) + quitOk());
    // With --delete: 3 is recorded for this destination now (DELE at once);
    // 1 and 2 are fetched again and deleted only once written.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + dele(3) + retr(1, mailbox[0]) +
                       retr(2, mailbox[1]) + dele(1) + dele(2) + quitOk());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    {
        const Session::Outcome outcome = runFresh(server, &sink, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 1);
        QCOMPARE(outcome.summary.skipped, 2);
        QCOMPARE(outcome.notices.size(), 1);
        QVERIFY2(outcome.notices.first().contains(QLatin1String("older version")),
                 qPrintable(outcome.notices.first()));
        QVERIFY2(outcome.notices.first().contains(QLatin1String("stay on the server")),
                 qPrintable(outcome.notices.first()));
    }
    QCOMPARE(emlContents(sink.targetPath()), QByteArrayList{mailbox[2]});
    {
        options.deleteAfter = true;
        const Session::Outcome outcome = runFresh(server, &sink, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 2);
        QCOMPARE(outcome.summary.skipped, 1);
        QCOMPARE(outcome.summary.deleted, 3);
        QCOMPARE(outcome.notices.size(), 1);
        QVERIFY2(outcome.notices.first().contains(QLatin1String("exported to")),
                 qPrintable(outcome.notices.first()));
    }
    VERIFY_SERVER(server);
    QByteArrayList want = mailbox;
    std::sort(want.begin(), want.end());
    QCOMPARE(emlContents(sink.targetPath()), want);
}

// A pending record (a crash between a batch's files and the journal) names
// its target. A run to another destination leaves it alone and exports
// there; the run to the same destination (spelt another way) recovers it,
// also from the file name older versions used.
void tst_ExportJob::pendingRecordOfAnotherDestinationIsKept()
{
    const QList<QByteArray> mailbox = messages(1);
    fillJournal(20); // larger than a message
    const qint64 journalSize = QFileInfo(m_statePath).size();
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) + quitOk());
    // Another destination: fetched and written there, not deleted unseen.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + retr(1, mailbox[0]) + dele(1) +
                       quitOk());
    // The first destination, through a symbolic link: recovered, deleted.
    server.addScenario(greetingAndLogin(false) + listing(mailbox) + dele(1) + quitOk());
    const QString first = m_dir->filePath(QStringLiteral("first"));
    ExportJob::Options options;
    options.onlyNew = true;
    options.deleteAfter = true;
    {
        EmlDirectorySink sink(first);
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        QVERIFY(store.open());
        Session::Outcome outcome;
        {
            ExportTest::FileSizeLimit limit(rlim_t(journalSize + 10));
            QVERIFY(limit.isActive());
            outcome = session.run(&sink, &store, options);
        }
        QVERIFY(outcome.finished);
        QCOMPARE(outcome.error.kind(), Pop3Error::Kind::LocalIo);
        QCOMPARE(outcome.summary.deletesSent, 0);
    }
    const QString pending =
            ExportJob::pendingPathFor(m_statePath, destinationOf(MessageSink::Format::Eml, first));
    QVERIFY(QFileInfo(pending).size() > 0);
    {
        EmlDirectorySink sink(m_dir->filePath(QStringLiteral("second")));
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 1);
        QCOMPARE(outcome.summary.deleted, 1);
        QCOMPARE(emlContents(sink.targetPath()), QByteArrayList{mailbox[0]});
    }
    QVERIFY(QFileInfo(pending).size() > 0);
    // Versions before issue 11 kept it under one name for all destinations:
    // that name is read too.
    QVERIFY(QFile::rename(pending, m_statePath + QLatin1String(".pending")));
    const QString link = m_dir->filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(first, link));
    {
        EmlDirectorySink sink(link + QLatin1String("/./"));
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QCOMPARE(outcome.summary.exported, 0);
        QCOMPARE(outcome.summary.skipped, 1);
        QCOMPARE(outcome.summary.deleted, 1);
        QVERIFY2(outcome.notices.join(u'\n').contains(QLatin1String("interrupted")),
                 qPrintable(outcome.notices.join(u'\n')));
    }
    VERIFY_SERVER(server);
    QCOMPARE(emlContents(first), QByteArrayList{mailbox[0]});
}

void tst_ExportJob::tolerantUidlListing_data()
{
    QTest::addColumn<QList<QByteArray>>("uidl"); // empty: UIDL answers -ERR
    QTest::addColumn<QList<int>>("fallback"); // messages keyed by Message-ID + size
    QTest::addColumn<QString>("notice");
    const QList<QByteArray> good{"1 uid-1", "2 uid-2", "3 uid-3", "4 uid-4"};
    const auto with = [&](int n, const QByteArray &line) {
        QList<QByteArray> lines = good;
        lines[n - 1] = line;
        return lines;
    };
    QTest::newRow("8-bit byte") << with(2, "2 u\xe9id") << QList<int>{2}
                                << QStringLiteral("message(s) 2 (");
    QTest::newRow("over 70 octets") << with(2, "2 " + QByteArray(71, 'u')) << QList<int>{2}
                                    << QStringLiteral("message(s) 2 (");
    QTest::newRow("control character")
            << with(3, "3 u\x01id") << QList<int>{3} << QStringLiteral("message(s) 3 (");
    QTest::newRow("NUL") << with(3, QByteArray("3 u\0id", 6)) << QList<int>{3}
                         << QStringLiteral("message(s) 3 (");
    QTest::newRow("no unique-id") << with(1, "1") << QList<int>{1}
                                  << QStringLiteral("message(s) 1 (");
    QTest::newRow("shared unique-id") << QList<QByteArray>{"1 uid-1", "2 dup", "3 dup", "4 uid-4"}
                                      << QList<int>{2, 3} << QStringLiteral("message(s) 2, 3 (");
    QTest::newRow("repeated number")
            << QList<QByteArray>{"1 uid-1", "2 a", "2 b", "3 uid-3", "4 uid-4"} << QList<int>{2}
            << QStringLiteral("message(s) 2 (");
    QTest::newRow("listed message missing") << QList<QByteArray>{"1 uid-1", "3 uid-3", "4 uid-4"}
                                            << QList<int>{2} << QStringLiteral("message(s) 2 (");
    // Numbers LIST does not have are ignored: no notice, nothing keyed by them.
    QTest::newRow("numbers beyond LIST")
            << good + QList<QByteArray>{"5 uid-5", "99999 uid-x"} << QList<int>{} << QString();
    QTest::newRow("only garbage") << QList<QByteArray>{"x y", "\xff\xfe", "0 zero", "-1 neg"}
                                  << QList<int>{1, 2, 3, 4}
                                  << QStringLiteral("message(s) 1, 2, 3, 4 (");
    QTest::newRow("no UIDL") << QList<QByteArray>{} << QList<int>{1, 2, 3, 4}
                             << QStringLiteral("does not support UIDL");
}

// Issue 11: one bad UIDL line never stops the export. The message it names
// gets the fallback key (Message-ID + size, read with TOP n 0) with a
// notice; the others keep their UIDs; a shared UID is never a journal key.
// The keys hold across runs: the second run (--only-new --delete) fetches
// nothing and deletes everything, because each message is recorded here.
void tst_ExportJob::tolerantUidlListing()
{
    QFETCH(QList<QByteArray>, uidl);
    QFETCH(QList<int>, fallback);
    QFETCH(QString, notice);
    const QList<QByteArray> mailbox = messages(4);
    Script listed = uidl.isEmpty() ? listing(mailbox, false) : listingWithUidl(mailbox, uidl);
    for (int n : std::as_const(fallback))
        listed += topHeaders(n, mailbox[n - 1]);
    FakePop3Server server;
    Script first = greetingAndLogin(false) + listed;
    for (int n = 1; n <= 4; ++n)
        first += retr(n, mailbox[n - 1]);
    server.addScenario(first + quitOk());
    Script second = greetingAndLogin(false) + listed;
    for (int n = 1; n <= 4; ++n)
        second += dele(n);
    server.addScenario(second + quitOk());

    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportJob::Options options;
    options.onlyNew = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    for (int run = 0; run < 2; ++run) {
        Session session(server);
        QVERIFY(session.isLoggedIn());
        ExportStateStore store(m_statePath);
        options.deleteAfter = run == 1;
        const Session::Outcome outcome = session.run(&sink, &store, options);
        QVERIFY(outcome.finished);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
        QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
        QCOMPARE(outcome.summary.exported, run == 0 ? 4 : 0);
        QCOMPARE(outcome.summary.skipped, run == 0 ? 0 : 4);
        QCOMPARE(outcome.summary.deleted, run == 0 ? 0 : 4);
        QCOMPARE(outcome.summary.usedFallbackKeys, !fallback.isEmpty());
        if (notice.isEmpty()) {
            QCOMPARE(outcome.notices, QStringList());
        } else {
            QCOMPARE(outcome.notices.size(), 1);
            QVERIFY2(outcome.notices.first().contains(notice), qPrintable(outcome.notices.first()));
        }
    }
    VERIFY_SERVER(server);
    QByteArrayList want = mailbox;
    std::sort(want.begin(), want.end());
    QCOMPARE(emlContents(sink.targetPath()), want);

    // The journal: UIDs where usable, Message-ID + size elsewhere, never a
    // shared or malformed UID.
    ExportStateStore store(m_statePath);
    QVERIFY(store.open());
    QCOMPARE(store.count(), 4);
    const QString here = destinationOf(sink);
    for (int n = 1; n <= 4; ++n) {
        const qint64 size = mailbox[n - 1].size();
        const ExportKey byUid = uidKey(QStringLiteral("uid-%1").arg(n));
        const ExportKey byId = ExportKey::fromMessageId(
                Host, 110, User, QStringLiteral("%1@example.org").arg(n), size);
        QCOMPARE(store.isExported(byId, size, here), fallback.contains(n));
        QCOMPARE(store.isExported(byUid, size, here), !fallback.contains(n));
    }
    QCOMPARE(store.lookup(uidKey(QStringLiteral("dup")), -1, here).recorded,
             ExportStateStore::Recorded::No);
}

// STAT, LIST and UIDL that disagree: LIST is the truth. Message numbers
// with gaps (2 and 4 were deleted by another client), UIDL lines for
// numbers LIST does not list (ignored, never fetched), and a number far
// beyond them (no loop or allocation follows it).
void tst_ExportJob::listWithGapsIsTheTruth()
{
    const QList<QByteArray> mailbox = messages(5);
    const Script list{"C: LIST",
                      "S: +OK",
                      "S: 1 " + QByteArray::number(mailbox[0].size()),
                      "S: 3 " + QByteArray::number(mailbox[2].size()),
                      "S: 5 " + QByteArray::number(mailbox[4].size()),
                      "S: ."};
    const Script uidl{"C: UIDL",
                      "S: +OK",
                      "S: 1 uid-1",
                      "S: 2 uid-2",
                      "S: 3 uid-3",
                      "S: 4 uid-4",
                      "S: 2000000000 uid-far",
                      "S: ."};
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + list + uidl + topHeaders(5, mailbox[4]) +
                       retr(1, mailbox[0]) + retr(3, mailbox[2]) + retr(5, mailbox[4]) + dele(1) +
                       dele(3) + dele(5) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.exported, 3);
    QCOMPARE(outcome.summary.deleted, 3);
    // Message 5 has no UIDL line: the fallback key, said once.
    QCOMPARE(outcome.notices.size(), 1);
    QVERIFY2(outcome.notices.first().contains(QLatin1String("message(s) 5 (")),
             qPrintable(outcome.notices.first()));
    QByteArrayList want{mailbox[0], mailbox[2], mailbox[4]};
    std::sort(want.begin(), want.end());
    QCOMPARE(emlContents(sink.targetPath()), want);
    QCOMPARE(store.count(), 3);
    QCOMPARE(store.lookup(uidKey(QStringLiteral("uid-2")), -1, destinationOf(sink)).recorded,
             ExportStateStore::Recorded::No);
}

void tst_ExportJob::postLoginCapabilitiesAreNotNeeded_data()
{
    QTest::addColumn<Script>("before"); // CAPA lines before login
    QTest::addColumn<Script>("after"); // CAPA lines after login
    QTest::addColumn<bool>("uidl");
    // RFC 2449: capabilities may change after login. Some servers list
    // UIDL and TOP only then; others drop them. The export never asks the
    // connection, so neither the first list nor the unanswered second
    // decides anything: UIDL's own answer does.
    QTest::newRow("UIDL and TOP only after login")
            << Script{"S: USER"} << Script{"S: UIDL", "S: TOP", "S: USER"} << true;
    QTest::newRow("UIDL only before login")
            << Script{"S: USER", "S: UIDL", "S: TOP"} << Script{"S: TOP"} << false;
}

// Issue 11 section 4: the CAPA LoginSequence sends after login is not
// waited for. The export decides nothing from capabilities, so it needs
// no extra round trip and cannot act on the stale pre-login list.
void tst_ExportJob::postLoginCapabilitiesAreNotNeeded()
{
    QFETCH(Script, before);
    QFETCH(Script, after);
    QFETCH(bool, uidl);
    const QList<QByteArray> mailbox = messages(2);
    Script script{"S: +OK ready", "C: CAPA", "S: +OK"};
    script += before;
    script += Script{"S: .",    "C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in",
                     "C: CAPA", "S: +OK"};
    script += after;
    script += Script{"S: ."};
    script += listing(mailbox, uidl);
    if (!uidl)
        script += topHeaders(1, mailbox[0]) + topHeaders(2, mailbox[1]);
    script += retr(1, mailbox[0]) + retr(2, mailbox[1]) + quitOk();
    FakePop3Server server;
    server.addScenario(script);

    Pop3Connection connection;
    LoginSequence login(&connection, TestSupport::settingsFor(server));
    QSignalSpy loggedIn(&login, &LoginSequence::finished);
    login.start();
    QVERIFY(loggedIn.wait(5000));
    QVERIFY2(!loggedIn.at(0).at(0).value<Pop3Error>().isError(),
             qPrintable(server.mismatchReport()));
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob job(&connection, &sink, &store);
    job.setAccount(exportAccountOf(TestSupport::settingsFor(server)));
    job.setOptions({});
    QStringList notices;
    QObject::connect(&job, &ExportJob::notice, [&](const QString &text) { notices.append(text); });
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QVERIFY2(!finished.at(0).at(0).value<Pop3Error>().isError(),
             qPrintable(finished.at(0).at(0).value<Pop3Error>().errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(job.summary().exported, 2);
    QCOMPARE(job.summary().usedFallbackKeys, !uidl);
    QCOMPARE(notices.size(), uidl ? 0 : 1);
}

// Issue 11 section 4: the GUI's session may have logged in again before the
// export, and the server may number the messages differently there (another
// client deleted one). The
// selection goes by UID (or Message-ID + size) and is mapped in the
// export's own listing; what is gone or ambiguous is reported, not guessed.
void tst_ExportJob::selectionByKeyFollowsRenumbering()
{
    QList<QByteArray> mailbox = messages(5);
    mailbox[4] = "From: x@example.org\r\nSubject: no id\r\n\r\nno Message-ID\r\n";
    // The export's session: uid-a (number 1 before) is gone; "dup" names
    // two messages; message 4 has no usable UID but a Message-ID. Messages
    // 3 and 4 have the same size, so both have their headers read to tell
    // which one has the Message-ID selected.
    const QList<QByteArray> uidl{"1 uid-b", "2 uid-c", "3 dup", "4 \x01", "5 dup"};
    QCOMPARE(mailbox[2].size(), mailbox[3].size());
    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + listingWithUidl(mailbox, uidl) +
                       topHeaders(3, mailbox[2]) + topHeaders(4, mailbox[3]) + retr(2, mailbox[1]) +
                       retr(4, mailbox[3]) + dele(2) + dele(4) + quitOk());
    Session session(server);
    QVERIFY(session.isLoggedIn());
    EmlDirectorySink sink(m_dir->filePath(QStringLiteral("out")));
    ExportStateStore store(m_statePath);
    ExportJob::Options options;
    options.deleteAfter = true;
    options.retrWindow = 1;
    options.batchMilliseconds = 60000;
    options.selectByKey = true;
    using Selector = ExportJob::Options::Selector;
    options.selection = {
            Selector{"uid-c", {}, mailbox[1].size(), 3}, // was number 3, is 2 now
            Selector{"uid-a", {}, 100, 1}, // gone
            Selector{"dup", {}, 100, 4}, // ambiguous now
            Selector{{}, QStringLiteral("4@example.org"), mailbox[3].size(), 5},
            Selector{{}, {}, 50, 6}, // nothing to find it by
    };
    const Session::Outcome outcome = session.run(&sink, &store, options);
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.errorString()));
    VERIFY_SERVER(server);
    QCOMPARE(outcome.summary.exported, 2);
    QCOMPARE(outcome.summary.deleted, 2);
    QCOMPARE(outcome.summary.notFound, 3);
    const QString notices = outcome.notices.join(u'\n');
    QVERIFY2(notices.contains(QLatin1String("Message 1 (UID uid-a) was not exported: it is no "
                                            "longer on the server")),
             qPrintable(notices));
    QVERIFY2(notices.contains(QLatin1String("Message 4 (UID dup) was not exported: the server "
                                            "now gives that UID to several messages")),
             qPrintable(notices));
    QVERIFY2(notices.contains(QLatin1String("Message 6 was not exported")), qPrintable(notices));
    QByteArrayList want{mailbox[1], mailbox[3]};
    std::sort(want.begin(), want.end());
    QCOMPARE(emlContents(sink.targetPath()), want);
}

// The GUI stores port 0 for "the default of the security mode"; the CLI
// connects to the resolved port. Both key the journal by the resolved one.
void tst_ExportJob::accountIdentityUsesTheEffectivePort()
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("Pop.Example.org");
    settings.user = User;
    settings.port = 0;
    settings.security = Pop3Connection::Security::ImplicitTls;
    QCOMPARE(exportAccountOf(settings).port, quint16(995));
    settings.security = Pop3Connection::Security::StartTls;
    QCOMPARE(exportAccountOf(settings).port, quint16(110));
    settings.port = 2995;
    QCOMPARE(exportAccountOf(settings).port, quint16(2995));
    QCOMPARE(exportAccountOf(settings).host, settings.host);
    QCOMPARE(exportAccountOf(settings).user, User);
}

// The job's progress is one State, changed only along the table in
// ExportJob::setState(): every path, the failing ones too, ends in QUIT
// (when the connection is still there) and Finished.
void tst_ExportJob::statesFollowOneTable_data()
{
    QTest::addColumn<QByteArrayList>("script"); // after the login
    QTest::addColumn<bool>("badTarget");
    QTest::addColumn<QStringList>("states");

    const QList<QByteArray> mailbox = messages(2);
    const QStringList done{QStringLiteral("Quitting"), QStringLiteral("Finished")};
    QTest::newRow("export") << QByteArrayList(listing(mailbox) + retr(1, mailbox[0]) +
                                              retr(2, mailbox[1]) + quitOk())
                            << false
                            << QStringList{QStringLiteral("Listing"), QStringLiteral("Keying"),
                                           QStringLiteral("Fetching")} +
                    done;
    QTest::newRow("bad target: stopped before LIST")
            << QByteArrayList(quitOk()) << true << QStringList{QStringLiteral("Stopping")} + done;
    QTest::newRow("LIST refused")
            << QByteArrayList(Script{"C: LIST", "S: -ERR no", "C: UIDL", "S: +OK", "S: ."} +
                              quitOk())
            << false << QStringList{QStringLiteral("Listing"), QStringLiteral("Stopping")} + done;
    QTest::newRow("connection drops in a RETR")
            << QByteArrayList(listing(mailbox) +
                              Script{"C: RETR 1", "S: +OK", "S: From: half", "X"})
            << false
            << QStringList{QStringLiteral("Listing"), QStringLiteral("Keying"),
                           QStringLiteral("Fetching"), QStringLiteral("Stopping")} +
                    done;
}

void tst_ExportJob::statesFollowOneTable()
{
    QFETCH(QByteArrayList, script);
    QFETCH(bool, badTarget);
    QFETCH(QStringList, states);

    FakePop3Server server;
    server.addScenario(greetingAndLogin(false) + script);
    Session session(server);
    QVERIFY(session.isLoggedIn());
    QString target = m_dir->filePath(QStringLiteral("out"));
    if (badTarget) { // a file where the .eml directory should be
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    EmlDirectorySink sink(target);
    ExportStateStore store(m_statePath);
    const Session::Outcome outcome = session.run(&sink, &store, {});
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.states, states);
    QCOMPARE(outcome.error.isError(), states.contains(QStringLiteral("Stopping")));
    VERIFY_SERVER(server);
}

QTEST_GUILESS_MAIN(tst_ExportJob)
#include "tst_exportjob.moc"
