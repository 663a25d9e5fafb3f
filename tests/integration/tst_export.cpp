// `mailpeek-cli export` against a real Dovecot: every format, read back by an
// independent reader (Python's mailbox module) and compared with the bytes
// Dovecot stores; --only-new, --delete, --messages, a full disk, the exit
// codes, and the progress bar on a pseudo-terminal.

#include "clirunner.h"
#include "dovecotserver.h"
#include "exportfixtures.h"
#include "fakepop3server.h"
#include "filesizelimit.h"
#include "mailfixtures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

namespace {

// Reads a Maildir or an mboxrd file with Python's mailbox module and prints
// every message as base64 (mbox: in file order, with the mboxrd quoting
// undone, which the module does not do itself), plus the mbox "From " lines.
const char ReaderScript[] = R"PY(
import base64, json, mailbox, re, sys
kind, path = sys.argv[1], sys.argv[2]
out = {"messages": [], "froms": []}
if kind == "maildir":
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in box.keys():
        out["messages"].append(base64.b64encode(box.get_bytes(key)).decode())
else:
    box = mailbox.mbox(path, create=False)
    for key in box.keys():
        data = re.sub(rb"(?m)^>(>*From )", rb"\1", box.get_bytes(key))
        out["messages"].append(base64.b64encode(data).decode())
        out["froms"].append(box.get_message(key).get_from())
print(json.dumps(out))
)PY";

using ExportTest::crlfToLf;
using ExportTest::readFile;

// FileSizeLimit (tests/support/filesizelimit.h) makes the kernel refuse
// writes past a size in the CLI too: the limit is inherited over fork and exec.

} // namespace

class tst_Export : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void everyFormat_data();
    void everyFormat();
    void onlyNewAndDeleteEmptyTheServer();
    void copyElsewhereThenMoveKeepsEveryMessage();
    void noUidlServerAcrossRuns();
    void messageSubset();
    void diskFullStopsBeforeDeleting();
    void usageAndTargetErrors_data();
    void usageAndTargetErrors();
    void progressBarOnTerminal();

private:
    QStringList connection(const QString &user) const;
    CliResult run(const QStringList &arguments, const QString &password);
    // Against a FakePop3Server, which runs in this thread: waits with the
    // event loop running.
    CliResult runAgainst(const FakePop3Server &server, const QStringList &command);
    // What the target holds, read by Python; sorted unless inFileOrder.
    QByteArrayList readBack(const QString &kind, const QString &path, bool inFileOrder,
                            QStringList *froms = nullptr);
    QByteArrayList expected(const QList<int> &numbers, const QString &user, bool crlf) const;
    static QRegularExpressionMatch summary(const QByteArray &out);

    DovecotServer m_dovecot;
    QList<QByteArray> m_mailbox;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Export::initTestCase()
{
    QString error;
    m_mailbox = MailFixtures::standardMailbox();
    m_dovecot.setMessages(m_mailbox);
    QVERIFY2(m_dovecot.start(&error), qPrintable(error));
    QVERIFY(QFileInfo::exists(QStringLiteral(MAILPEEK_CLI_PATH)));
}

void tst_Export::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QStringList tst_Export::connection(const QString &user) const
{
    return {QStringLiteral("--host"),     QStringLiteral("localhost"),
            QStringLiteral("--port"),     QString::number(m_dovecot.pop3sPort()),
            QStringLiteral("--security"), QStringLiteral("tls"),
            QStringLiteral("--user"),     user,
            QStringLiteral("--ca-file"),  DovecotServer::caCertificatePath(),
            QStringLiteral("--timeout"),  QStringLiteral("20")};
}

CliResult tst_Export::run(const QStringList &arguments, const QString &password)
{
    // Each test has its own export journal, never the user's.
    return runCli(arguments,
                  {.password = password,
                   .environment = {QStringLiteral("MAILPEEK_STATE_DIR=") +
                                   m_dir->filePath(QStringLiteral("state"))},
                   .timeoutMs = 120000});
}

QByteArrayList tst_Export::readBack(const QString &kind, const QString &path, bool inFileOrder,
                                    QStringList *froms)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QString::fromUtf8(ReaderScript), kind, path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning("python3 failed: %s", python.readAllStandardError().constData());
        return {};
    }
    const QJsonObject result = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QByteArrayList messages;
    for (const QJsonValue &value : result.value(QLatin1String("messages")).toArray())
        messages.append(QByteArray::fromBase64(value.toString().toLatin1()));
    if (!inFileOrder)
        std::sort(messages.begin(), messages.end());
    if (froms) {
        for (const QJsonValue &value : result.value(QLatin1String("froms")).toArray())
            froms->append(value.toString());
    }
    return messages;
}

QByteArrayList tst_Export::expected(const QList<int> &numbers, const QString &user, bool crlf) const
{
    QByteArrayList messages;
    for (int n : numbers) {
        const QByteArray octets = DovecotServer::pop3Octets(m_dovecot.storedMessage(n, user));
        messages.append(crlf ? octets : crlfToLf(octets));
    }
    return messages;
}

QRegularExpressionMatch tst_Export::summary(const QByteArray &out)
{
    static const QRegularExpression line(QStringLiteral(
            "^exported (\\d+), skipped (\\d+), deleted (\\d+), (\\d+) bytes, [0-9.]+ seconds\\n$"));
    return line.match(QString::fromUtf8(out));
}

void tst_Export::everyFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("eml") << QStringLiteral("eml");
    QTest::newRow("maildir") << QStringLiteral("maildir");
    QTest::newRow("mbox") << QStringLiteral("mbox");
}

void tst_Export::everyFormat()
{
    QFETCH(QString, format);
    const QString target = m_dir->filePath(
            format == QLatin1String("mbox") ? QStringLiteral("mail.mbox") : QStringLiteral("out"));
    const QStringList args = connection(m_dovecot.user()) +
            QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                        format + QLatin1Char(':') + target, QStringLiteral("--only-new")};

    const CliResult first = run(args, m_dovecot.password());
    QVERIFY2(first.exitCode == 0, first.err.constData());
    // Not a terminal: no progress bar, nothing on stderr, one summary line.
    QCOMPARE(first.err, QByteArray());
    const QRegularExpressionMatch counts = summary(first.out);
    QVERIFY2(counts.hasMatch(), first.out.constData());
    const int count = int(m_mailbox.size());
    QCOMPARE(counts.captured(1).toInt(), count);
    QCOMPARE(counts.captured(2).toInt(), 0);
    QCOMPARE(counts.captured(3).toInt(), 0);

    QList<int> all;
    qint64 octets = 0;
    for (int n = 1; n <= count; ++n) {
        all.append(n);
        octets += DovecotServer::pop3Octets(m_dovecot.storedMessage(n)).size();
    }
    QCOMPARE(counts.captured(4).toLongLong(), octets);

    if (format == QLatin1String("eml")) {
        // The exact RETR octets, CRLF kept, one file each.
        QByteArrayList files;
        for (const QString &name : QDir(target).entryList(QDir::Files))
            files.append(readFile(target + QLatin1Char('/') + name));
        std::sort(files.begin(), files.end());
        QByteArrayList want = expected(all, {}, true);
        std::sort(want.begin(), want.end());
        QCOMPARE(files.size(), want.size());
        QCOMPARE(files, want);
    } else if (format == QLatin1String("maildir")) {
        QByteArrayList want = expected(all, {}, false);
        std::sort(want.begin(), want.end());
        const QByteArrayList got = readBack(format, target, false);
        QCOMPARE(got.size(), want.size());
        QCOMPARE(got, want);
    } else {
        QStringList froms;
        const QByteArrayList got = readBack(format, target, true, &froms);
        QCOMPARE(got.size(), count);
        QCOMPARE(got, expected(all, {}, false));
        // Message 1 (simple.eml) has a From header; the separator names it.
        QVERIFY2(froms.first().contains(QLatin1Char('@')), qPrintable(froms.first()));
    }

    // A second run finds everything in the journal and writes nothing.
    const QByteArray before = format == QLatin1String("mbox") ? readFile(target) : QByteArray();
    const qsizetype filesBefore = QDir(target).entryList(QDir::Files).size() +
            QDir(target + QLatin1String("/new")).entryList(QDir::Files).size();
    const CliResult second = run(args, m_dovecot.password());
    QVERIFY2(second.exitCode == 0, second.err.constData());
    const QRegularExpressionMatch again = summary(second.out);
    QVERIFY2(again.hasMatch(), second.out.constData());
    QCOMPARE(again.captured(1).toInt(), 0);
    QCOMPARE(again.captured(2).toInt(), count);
    QCOMPARE(again.captured(4).toLongLong(), 0);
    if (format == QLatin1String("mbox"))
        QCOMPARE(readFile(target), before);
    else
        QCOMPARE(QDir(target).entryList(QDir::Files).size() +
                         QDir(target + QLatin1String("/new")).entryList(QDir::Files).size(),
                 filesBefore);
    QCOMPARE(m_dovecot.storedMessageCount(), count); // nothing deleted without --delete
}

void tst_Export::onlyNewAndDeleteEmptyTheServer()
{
    const QString scratch = m_dovecot.scratchUser();
    QList<QByteArray> messages;
    for (int i = 1; i <= 6; ++i)
        messages.append(MailFixtures::scanMessage(i));
    m_dovecot.setMessages(messages, scratch);
    const QByteArrayList want = [&] {
        QByteArrayList list = expected({1, 2, 3, 4, 5, 6}, scratch, false);
        std::sort(list.begin(), list.end());
        return list;
    }();

    const QString target = m_dir->filePath(QStringLiteral("Maildir"));
    const QStringList args = connection(scratch) +
            QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                        QStringLiteral("maildir:") + target, QStringLiteral("--only-new"),
                        QStringLiteral("--delete")};
    const CliResult result = run(args, m_dovecot.scratchPassword());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QRegularExpressionMatch counts = summary(result.out);
    QVERIFY2(counts.hasMatch(), result.out.constData());
    QCOMPARE(counts.captured(1).toInt(), 6);
    QCOMPARE(counts.captured(3).toInt(), 6);
    QCOMPARE(m_dovecot.storedMessageCount(scratch), 0);
    QCOMPARE(readBack(QStringLiteral("maildir"), target, false), want);

    // Nothing left: a rerun is a no-op that still succeeds.
    const CliResult again = run(args, m_dovecot.scratchPassword());
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.out.startsWith("exported 0, skipped 0, deleted 0, 0 bytes"),
             again.out.constData());
    QCOMPARE(readBack(QStringLiteral("maildir"), target, false), want);
}

// Issue 11: "exported before" means "exported to this destination". A
// user copies some messages to a scratch .eml folder, then moves the whole
// mailbox to a Maildir with --only-new --delete: every message must end up
// in the Maildir before it is deleted. (Before the journal kept
// destinations, the copied ones were skipped and deleted: lost for the
// Maildir.)
void tst_Export::copyElsewhereThenMoveKeepsEveryMessage()
{
    const QString scratch = m_dovecot.scratchUser();
    QList<QByteArray> messages;
    for (int i = 1; i <= 5; ++i)
        messages.append(MailFixtures::scanMessage(i));
    m_dovecot.setMessages(messages, scratch);
    const QByteArrayList want = [&] {
        QByteArrayList list = expected({1, 2, 3, 4, 5}, scratch, false);
        std::sort(list.begin(), list.end());
        return list;
    }();

    const QString copies = m_dir->filePath(QStringLiteral("scratch-copies"));
    const CliResult copy =
            run(connection(scratch) +
                        QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                                    QStringLiteral("eml:") + copies, QStringLiteral("--only-new"),
                                    QStringLiteral("--messages"), QStringLiteral("1-3")},
                m_dovecot.scratchPassword());
    QVERIFY2(copy.exitCode == 0, copy.err.constData());
    QVERIFY2(copy.out.startsWith("exported 3, skipped 0, deleted 0"), copy.out.constData());
    QCOMPARE(QDir(copies).entryList(QDir::Files).size(), 3);

    const QString maildir = m_dir->filePath(QStringLiteral("Maildir"));
    const CliResult move =
            run(connection(scratch) +
                        QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                                    QStringLiteral("maildir:") + maildir,
                                    QStringLiteral("--only-new"), QStringLiteral("--delete")},
                m_dovecot.scratchPassword());
    QVERIFY2(move.exitCode == 0, move.err.constData());
    const QRegularExpressionMatch counts = summary(move.out);
    QVERIFY2(counts.hasMatch(), move.out.constData());
    QCOMPARE(counts.captured(1).toInt(), 5);
    QCOMPARE(counts.captured(2).toInt(), 0);
    QCOMPARE(counts.captured(3).toInt(), 5);
    QVERIFY2(move.err.contains("another destination"), move.err.constData());
    QCOMPARE(m_dovecot.storedMessageCount(scratch), 0);
    QCOMPARE(readBack(QStringLiteral("maildir"), maildir, false), want);
}

CliResult tst_Export::runAgainst(const FakePop3Server &server, const QStringList &command)
{
    const QStringList arguments =
            QStringList{QStringLiteral("--host"),     QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"),     QString::number(server.port()),
                        QStringLiteral("--security"), QStringLiteral("none"),
                        QStringLiteral("--user"),     QStringLiteral("bob"),
                        QStringLiteral("--auth"),     QStringLiteral("user"),
                        QStringLiteral("--timeout"),  QStringLiteral("10")} +
            command;
    return runCli(arguments,
                  {.password = QStringLiteral("secret"),
                   .environment = {QStringLiteral("MAILPEEK_STATE_DIR=") +
                                   m_dir->filePath(QStringLiteral("state"))},
                   .runEventLoop = true});
}

// Issue 11: a server without UIDL. --only-new and export-then-delete work
// across two real CLI runs through the fallback key (Message-ID + size,
// read with TOP n 0), recorded for the destination.
void tst_Export::noUidlServerAcrossRuns()
{
    QList<QByteArray> mailbox;
    for (int i = 1; i <= 3; ++i)
        mailbox.append(MailFixtures::scanMessage(i));
    using Script = QList<QByteArray>;
    const Script login{
            "S: +OK ready", "C: CAPA",     "S: +OK",  "S: USER",        "S: TOP",
            "S: .",         "C: USER bob", "S: +OK",  "C: PASS secret", "S: +OK logged in",
            "C: CAPA",      "S: +OK",      "S: USER", "S: TOP",         "S: ."};
    const auto listing = [&](int count) {
        Script lines{"C: LIST", "S: +OK"};
        for (int n = 1; n <= count; ++n)
            lines.append(QByteArray::number(n).prepend("S: ") + ' ' +
                         QByteArray::number(mailbox[n - 1].size()));
        lines += Script{"S: .", "C: UIDL", "S: -ERR unknown command"};
        for (int n = 1; n <= count; ++n) {
            const QByteArray &m = mailbox[n - 1];
            lines += Script{"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
                            FakePop3Server::multiline(m.first(m.indexOf("\r\n\r\n") + 4))};
        }
        return lines;
    };
    const auto retr = [&](int n) {
        return Script{"C: RETR " + QByteArray::number(n), "S: +OK",
                      FakePop3Server::multiline(mailbox[n - 1])};
    };
    const auto dele = [](int n) {
        return Script{"C: DELE " + QByteArray::number(n), "S: +OK"};
    };
    const Script quit{"C: QUIT", "S: +OK bye", "X"};
    FakePop3Server server;
    // Run 1 copies the two messages there are.
    server.addScenario(login + listing(2) + retr(1) + retr(2) + quit);
    // Run 2: a third arrived. 1 and 2 are known here: deleted without a
    // second fetch; 3 is fetched, then deleted.
    server.addScenario(login + listing(3) + dele(1) + dele(2) + retr(3) + dele(3) + quit);

    const QString maildir = m_dir->filePath(QStringLiteral("Maildir"));
    const QStringList command{QStringLiteral("export"), QStringLiteral("--to"),
                              QStringLiteral("maildir:") + maildir, QStringLiteral("--only-new")};
    const CliResult first = runAgainst(server, command);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QVERIFY2(first.out.startsWith("exported 2, skipped 0, deleted 0"), first.out.constData());
    QVERIFY2(first.err.contains("does not support UIDL"), first.err.constData());
    const CliResult second = runAgainst(server, command + QStringList{QStringLiteral("--delete")});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QVERIFY2(second.out.startsWith("exported 1, skipped 2, deleted 3"), second.out.constData());
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());

    QByteArrayList want;
    for (const QByteArray &m : std::as_const(mailbox))
        want.append(crlfToLf(m));
    std::sort(want.begin(), want.end());
    QCOMPARE(readBack(QStringLiteral("maildir"), maildir, false), want);
}

void tst_Export::messageSubset()
{
    const QString target = m_dir->filePath(QStringLiteral("subset"));
    const CliResult result =
            run(connection(m_dovecot.user()) +
                        QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                                    QStringLiteral("maildir:") + target,
                                    QStringLiteral("--messages"), QStringLiteral("2,4-5")},
                m_dovecot.password());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.startsWith("exported 3, skipped 0, deleted 0"), result.out.constData());
    QByteArrayList want = expected({2, 4, 5}, {}, false);
    std::sort(want.begin(), want.end());
    QCOMPARE(readBack(QStringLiteral("maildir"), target, false), want);
}

void tst_Export::diskFullStopsBeforeDeleting()
{
    // The third message does not fit: 1 and 2 are exported and deleted, the
    // third and everything after it stay on the server, exit code 5.
    const QString scratch = m_dovecot.scratchUser();
    const QList<QByteArray> messages{MailFixtures::scanMessage(1), MailFixtures::scanMessage(2),
                                     MailFixtures::largeMessage(3 << 20),
                                     MailFixtures::scanMessage(3)};
    m_dovecot.setMessages(messages, scratch);
    const QByteArrayList want = expected({1, 2}, scratch, false); // before they are deleted
    const QString mbox = m_dir->filePath(QStringLiteral("mail.mbox"));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("state"))));

    CliResult result;
    {
        FileSizeLimit limit(1 << 20);
        QVERIFY(limit.isActive());
        result = run(connection(scratch) +
                             QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                                         QStringLiteral("mbox:") + mbox,
                                         QStringLiteral("--only-new"), QStringLiteral("--delete")},
                     m_dovecot.scratchPassword());
    }
    QCOMPARE(result.exitCode, 5);
    QVERIFY2(result.err.contains("mail.mbox"), result.err.constData());
    QVERIFY2(result.out.startsWith("exported 2, skipped 0, deleted 2"), result.out.constData());
    QCOMPARE(m_dovecot.storedMessageCount(scratch), 2);
    // The mbox holds the two complete messages and nothing of the third.
    QCOMPARE(readBack(QStringLiteral("mbox"), mbox, true), want);
}

void tst_Export::usageAndTargetErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("unknown format") << QStringList{QStringLiteral("--to"), QStringLiteral("pst:x")}
                                    << 2 << QByteArray("maildir:");
    QTest::newRow("bad message list")
            << QStringList{QStringLiteral("--to"), QStringLiteral("maildir:/tmp/x"),
                           QStringLiteral("--messages"), QStringLiteral("0")}
            << 2 << QByteArray("\"0\"");
    QTest::newRow("unusable target")
            << QStringList{QStringLiteral("--to"), QStringLiteral("maildir:/proc/mailpeek-export")}
            << 5 << QByteArray("/proc/mailpeek-export");
}

void tst_Export::usageAndTargetErrors()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const CliResult result =
            run(connection(m_dovecot.user()) + QStringList{QStringLiteral("export")} + options,
                m_dovecot.password());
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QCOMPARE(m_dovecot.storedMessageCount(), int(m_mailbox.size()));
}

void tst_Export::progressBarOnTerminal()
{
    // script(1) gives the CLI a pseudo-terminal as stdout.
    const QString target = m_dir->filePath(QStringLiteral("tty"));
    QStringList args = connection(m_dovecot.user()) +
            QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                        QStringLiteral("eml:") + target};
    QString command = QStringLiteral(MAILPEEK_CLI_PATH);
    for (const QString &arg : std::as_const(args))
        command += QLatin1Char(' ') + arg;
    QProcess script;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MAILPEEK_PASSWORD"), m_dovecot.password());
    environment.insert(QStringLiteral("MAILPEEK_STATE_DIR"),
                       m_dir->filePath(QStringLiteral("state")));
    script.setProcessEnvironment(environment);
    script.setStandardInputFile(QProcess::nullDevice());
    script.start(QStringLiteral("script"),
                 {QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"), command,
                  QStringLiteral("/dev/null")});
    QVERIFY(script.waitForFinished(120000));
    QCOMPARE(script.exitCode(), 0);
    const QByteArray out = script.readAllStandardOutput();
    const QByteArray total = QByteArray::number(m_mailbox.size());
    // Drawn in place, with the message count, and erased before the summary.
    QVERIFY2(out.contains("\r\033[K["), out.constData());
    QVERIFY2(out.contains("/" + total + " msgs"), out.constData());
    QVERIFY2(out.contains(total + "/" + total + " msgs"), out.constData());
    QVERIFY2(out.contains("\r\033[Kexported " + total + ", skipped 0, deleted 0"), out.constData());
}

QTEST_GUILESS_MAIN(tst_Export)
#include "tst_export.moc"
