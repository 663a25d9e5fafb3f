// mailpeek-cli against hostile servers (issue 7): the real binary talks to
// FakePop3Server scripts, and each row checks the contract (DESIGN.md):
// the exit status, one clear line on stderr, no credentials sent where they
// must not be or shown anywhere, nothing reported deleted, and an end
// within the --timeout given. tst_cli covers the contract against Dovecot
// (wrong password, missing message, usage errors, untrusted certificate,
// refused connection); tst_hostileservers covers the same faults one level
// down, on Pop3Connection.

#include "clirunner.h"
#include "fakepop3server.h"
#include "pop3/listedsizes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Script = QList<QByteArray>;

const QByteArray Greeting = "S: +OK POP3 ready <1896.697170952@dbc.mtview.ca.us>";
const QByteArray User = "alice";
const QByteArray Password = "Hostile-Row-Secret-93b2";
const QByteArray Message = "From: a@example.org\r\n"
                           "Subject: hello\r\n"
                           "Message-ID: <1@example.org>\r\n"
                           "\r\n"
                           "body\r\n";

const Script Capa{"C: CAPA", "S: +OK", "S: USER", "S: SASL PLAIN", "S: ."};
const Script CapaStls{"C: CAPA", "S: +OK", "S: STLS", "S: USER", "S: SASL PLAIN", "S: ."};
// Greeting, CAPA, USER/PASS accepted and the CAPA sent after login.
const Script LoggedIn = Script{Greeting} + Capa +
        Script{"C: USER " + User, "S: +OK", "C: PASS " + Password, "S: +OK logged in", "C: CAPA",
               "S: +OK",          "S: ."};
// `export` up to the DELE of its one message, answered.
const Script ExportedAndDeleted = LoggedIn +
        Script{"C: LIST",
               "S: +OK",
               "S: 1 " + QByteArray::number(Message.size()),
               "S: .",
               "C: UIDL",
               "S: +OK",
               "S: 1 uid-one",
               "S: .",
               "C: RETR 1",
               "S: +OK",
               FakePop3Server::multiline(Message),
               "C: DELE 1",
               "S: +OK marked",
               "C: QUIT"};

// `bytes` sent one at a time, `intervalMs` apart. The trickles below take
// 9 s or more, so a run that ends within its 5 s budget hit the deadline
// (the budget leaves room for a slow start under sanitizers).
Script trickle(const QByteArray &bytes, int intervalMs)
{
    Script script;
    for (char c : bytes) {
        script.append("S* " + QByteArray(1, c));
        script.append("W: " + QByteArray::number(intervalMs));
    }
    return script;
}

struct Row
{
    QStringList arguments; // before the command: --auth, --security, --debug
    QStringList command;
    Script script;
    int exitCode = 0;
    QByteArray stderrContains;
    QByteArray stdoutIs; // exact, when `checkStdout`
    bool checkStdout = true;
    bool stdoutExact = false; // stdoutIs is all of stdout (retr, top), not a summary's start
    qint64 maxStdout = -1; // bound on stdout's size
    QList<QByteArray> neverSent; // prefixes of client lines that must not go out
    int budgetMs = 10000; // the run must end within this
    bool verifyServer = true; // the script is played to its end, no mismatch
    bool exportedOne = false; // the maildir holds the one message afterwards
};
} // namespace

Q_DECLARE_METATYPE(Row)

class tst_CliHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void contract_data();
    void contract();
    // Issue 11: scan and uidl against listings with a bad line.
    void listings_data();
    void listings();
};

void tst_CliHostile::initTestCase()
{
    QVERIFY(QFileInfo::exists(QStringLiteral(MAILPEEK_CLI_PATH)));
}

void tst_CliHostile::contract_data()
{
    QTest::addColumn<Row>("row");
    const QStringList stat{QStringLiteral("stat")};
    const QStringList list{QStringLiteral("list")};
    const QStringList debug2{QStringLiteral("--debug"), QStringLiteral("2")};
    const QStringList starttls{QStringLiteral("--security"), QStringLiteral("starttls")};
    const QStringList exportDelete{QStringLiteral("export"), QStringLiteral("--to"),
                                   QStringLiteral("maildir:@DIR@/Mail"),
                                   QStringLiteral("--delete")};
    const QList<QByteArray> noCredentials{"USER", "PASS", "AUTH", "APOP"};
    Row r;

    // ---- greeting
    r = {};
    r.command = stat;
    r.script = {"S: HELLO this is no POP3 server", "D"};
    r.exitCode = 4;
    r.stderrContains = "greeting";
    r.neverSent = noCredentials;
    QTest::newRow("greeting garbage") << r;

    r.script = {"S: -ERR [SYS/TEMP] maintenance", "D"};
    r.exitCode = 1;
    r.stderrContains = "maintenance";
    QTest::newRow("greeting -ERR") << r;

    r.script = {"X"};
    r.exitCode = 3;
    r.stderrContains = "closed";
    QTest::newRow("EOF before the greeting") << r;

    // Terminal escapes and bidi controls from the server never reach the
    // user's terminal.
    r.script = {"S: -ERR \x1b]0;owned\x07\x1b[2J evil \xe2\x80\xae text", "D"};
    r.exitCode = 1;
    r.stderrContains = "evil";
    QTest::newRow("greeting -ERR with terminal escapes") << r;

    // ---- mid-command
    r = {};
    r.command = list;
    r.script = LoggedIn + Script{"C: LIST", "S: +OK 2 messages", "S* 1 120\r\n2 1", "X"};
    r.exitCode = 3;
    r.stderrContains = "closed";
    r.neverSent = {"DELE"};
    QTest::newRow("EOF mid-LIST") << r; // and nothing half-listed on stdout

    r.script = LoggedIn + Script{"C: LIST", "S: +OK", "S: 1 120", "S: 1 130", "S: .", "D"};
    r.exitCode = 4;
    r.stderrContains = "1";
    QTest::newRow("LIST with a duplicate number") << r;

    // ---- TLS required
    r = {};
    r.arguments = starttls;
    r.command = stat;
    r.script = Script{Greeting} + Capa + Script{"D"};
    r.exitCode = 3;
    r.stderrContains = "STLS";
    r.neverSent = noCredentials + QList<QByteArray>{"STLS"};
    QTest::newRow("STLS not offered, TLS required") << r;

    r.script = Script{Greeting} + CapaStls +
            Script{"C: STLS", "S: -ERR [SYS/PERM] TLS is not available", "D"};
    r.stderrContains = "TLS is not available";
    r.neverSent = noCredentials;
    QTest::newRow("STLS refused -ERR [SYS/PERM]") << r;

    r.script = Script{Greeting} + CapaStls + Script{"C: STLS", "S: -ERR", "D"};
    r.stderrContains = "refused to start TLS";
    QTest::newRow("STLS refused, bare -ERR") << r;

    // STARTTLS response injection: plaintext after +OK, in the same segment.
    r.script = Script{Greeting} + CapaStls +
            Script{"C: STLS", "S* +OK begin TLS\r\n+OK injected\r\n", "D"};
    r.stderrContains = "TLS";
    r.verifyServer = true;
    QTest::newRow("STLS +OK with injected plaintext") << r;

    // ---- login refused (with --debug 2: the trace shows nothing secret)
    const Script beforePass =
            Script{Greeting} + Capa + Script{"C: USER " + User, "S: +OK", "C: PASS " + Password};
    r = {};
    r.arguments = debug2;
    r.command = stat;
    r.script = beforePass + Script{"S: -ERR [AUTH] invalid password", "D"};
    r.exitCode = 1;
    r.stderrContains = "The user name or password was not accepted";
    r.neverSent = {"STAT", "DELE"};
    QTest::newRow("-ERR [AUTH]") << r;

    r.script = beforePass + Script{"S: -ERR [IN-USE] mailbox locked", "D"};
    r.stderrContains = "Another program is using this mailbox";
    QTest::newRow("-ERR [IN-USE]") << r;

    r.script = beforePass + Script{"S: -ERR [LOGIN-DELAY] wait 10 minutes", "D"};
    r.stderrContains = "limits how often";
    QTest::newRow("-ERR [LOGIN-DELAY]") << r;

    r.arguments = debug2 + QStringList{QStringLiteral("--auth"), QStringLiteral("plain")};
    r.script = Script{Greeting} + Capa +
            Script{"C: AUTH PLAIN " + ('\0' + User + '\0' + Password).toBase64(),
                   "S: -ERR [AUTH] authentication failed", "D"};
    r.stderrContains = "The user name or password was not accepted";
    QTest::newRow("AUTH PLAIN -ERR [AUTH]") << r;

    // No USER/PASS, PLAIN or APOP (the greeting has a timestamp) chosen
    // automatically on a plaintext link: nothing sent.
    r = {};
    r.arguments = {QStringLiteral("--auth"), QStringLiteral("auto")};
    r.command = stat;
    r.script = Script{Greeting} + Capa + Script{"D"};
    r.exitCode = 1;
    r.stderrContains = "not encrypted";
    r.neverSent = noCredentials;
    QTest::newRow("auto login over plaintext: USER, PLAIN, APOP offered, none chosen") << r;

    // ---- slow servers: bytes keep coming, the deadline still holds
    r = {};
    r.arguments = {QStringLiteral("--timeout"), QStringLiteral("1")};
    r.command = stat;
    r.script = LoggedIn + Script{"C: STAT"} +
            trickle("+OK 1 120 and this status line takes far too long\r\n", 300);
    r.exitCode = 3;
    r.stderrContains = "did not complete";
    r.budgetMs = 5000;
    r.verifyServer = false; // the rest of the trickle is never sent
    QTest::newRow("status line one byte every 300 ms") << r;

    r.command = list;
    r.script = LoggedIn + Script{"C: LIST", "S: +OK"} +
            trickle("1 120\r\n2 120\r\n3 120\r\n4 120\r\n.\r\n", 300);
    r.stderrContains = "";
    QTest::newRow("LIST body one byte every 300 ms") << r;

    r.script = LoggedIn +
            Script{"C: LIST", "S: +OK", "S* 1", "W: 3000", "S* ", "W: 3000", "S* 1", "W: 3000"};
    QTest::newRow("LIST body one byte every 3 s") << r;

    r.command = stat;
    r.script = {"S* +OK", "W: 3000", "S*  ready", "W: 3000", "S: ", "D"};
    r.neverSent = noCredentials;
    QTest::newRow("greeting one piece every 3 s") << r;

    // ---- bounded transfers: a body far larger than LIST n said ends the
    // run as a protocol violation (exit 4), with no QUIT, so nothing is
    // deleted, and no more than the bound reaches stdout. retr and top send
    // LIST n first for that; what they print does not change.
    const QStringList retr1{QStringLiteral("retr"), QStringLiteral("1")};
    const QStringList top1{QStringLiteral("top"), QStringLiteral("1"), QStringLiteral("10")};
    QByteArray huge;
    while (huge.size() < 300 * 1024)
        huge += "a line of a message far larger than LIST said\r\n";
    const auto oversized = [&](const char *name, const QStringList &command,
                               const QByteArray &wire) {
        r = {};
        r.command = command;
        r.script = LoggedIn + Script{"C: LIST 1",
                                     "S: +OK 1 100",
                                     "C: " + wire,
                                     "S: +OK",
                                     FakePop3Server::multiline(huge),
                                     "D"};
        r.exitCode = 4;
        r.stderrContains = "which LIST gave as 100 octets";
        r.checkStdout = false;
        r.maxStdout = ListedSizes::bodyLimit(100);
        r.neverSent = {"QUIT", "DELE"};
        QTest::newRow(name) << r;
    };
    oversized("retr: body far beyond LIST 1", retr1, "RETR 1");
    oversized("top: answer far beyond LIST 1", top1, "TOP 1 10");

    // What must still pass, byte for byte as before: LIST n refused (its
    // answer only informs the bound), a bare-LF message listed at its LF
    // size and sent with CRLF, a server that adds headers.
    const auto printed = [&](const char *name, const QByteArray &listAnswer,
                             const QByteArray &body) {
        r = {};
        r.command = retr1;
        r.script = LoggedIn + Script{"C: LIST 1",
                                     "S: " + listAnswer,
                                     "C: RETR 1",
                                     "S: +OK",
                                     FakePop3Server::multiline(body),
                                     "C: QUIT",
                                     "S: +OK bye"};
        r.stdoutIs = body;
        r.stdoutExact = true;
        QTest::newRow(name) << r;
    };
    printed("retr: LIST 1 refused, RETR prints as before", "-ERR no such message", Message);
    QByteArray lfMessage = "Subject: bare LF\n\n" + QByteArray(40000, '\n') + "end\n";
    QByteArray crlfMessage = lfMessage;
    crlfMessage.replace("\n", "\r\n");
    printed("retr: bare-LF message listed at its LF size, sent with CRLF",
            "+OK 1 " + QByteArray::number(lfMessage.size()), crlfMessage);
    const QByteArray added = "Received: from localhost by pop.example.org; "
                             "Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                             "X-UIDL: 3f2a9c1e0b7d4e5f\r\nStatus: RO\r\n";
    printed("retr: server adds headers", "+OK 1 " + QByteArray::number(Message.size()),
            added + Message);

    // A body fast enough for the inactivity timer (600 octets every 300
    // ms), too slow for --min-rate 4096: ends after about 2 s, where the
    // whole trickle takes 12 s.
    r = {};
    r.arguments = {QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--min-rate"),
                   QStringLiteral("4096")};
    r.command = retr1;
    r.script = LoggedIn + Script{"C: LIST 1", "S: +OK 1 100000", "C: RETR 1", "S: +OK"};
    for (int i = 0; i < 40; ++i) {
        QByteArray piece;
        while (piece.size() < 598)
            piece += "trickled line ";
        r.script += Script{"S* " + piece.left(598) + "\r\n", "W: 300"};
    }
    r.exitCode = 3;
    r.stderrContains = "arrived too slowly";
    r.checkStdout = false;
    r.neverSent = {"QUIT"};
    r.budgetMs = 6000;
    r.verifyServer = false; // the rest of the trickle is never sent
    QTest::newRow("retr: body beating the inactivity timer, below --min-rate") << r;

    r = {};
    r.arguments = {QStringLiteral("--min-rate"), QStringLiteral("fast")};
    r.command = stat;
    r.script = {"D"};
    r.exitCode = 2;
    r.stderrContains = "--min-rate";
    r.verifyServer = false; // nothing connects
    QTest::newRow("--min-rate not a number: usage") << r;

    // ---- deletions: nothing is reported deleted unless QUIT says +OK
    r = {};
    r.arguments = {QStringLiteral("--timeout"), QStringLiteral("1")};
    r.command = {QStringLiteral("dele"), QStringLiteral("1")};
    r.script = LoggedIn + Script{"C: DELE 1", "S: +OK marked", "C: QUIT", "D"};
    r.exitCode = 3;
    r.stderrContains = "did not confirm the deletions";
    r.budgetMs = 5000;
    QTest::newRow("dele: QUIT never answered") << r;

    r.script = LoggedIn + Script{"C: DELE 1", "S: +OK marked", "C: QUIT", "X"};
    r.budgetMs = 10000;
    QTest::newRow("dele: connection dropped before QUIT's answer") << r;

    r.script = LoggedIn +
            Script{"C: DELE 1", "S: +OK marked", "C: QUIT", "S: -ERR [SYS/TEMP] not removed", "D"};
    r.exitCode = 1;
    r.stderrContains = "did not confirm the deletions";
    QTest::newRow("dele: QUIT answered -ERR") << r;

    r = {};
    r.arguments = {QStringLiteral("--timeout"), QStringLiteral("1")};
    r.command = exportDelete;
    r.script = ExportedAndDeleted + Script{"D"};
    r.exitCode = 3;
    r.stderrContains = "nothing was deleted";
    r.stdoutIs = "exported 1, skipped 0, deleted 0";
    r.budgetMs = 6000;
    r.exportedOne = true;
    QTest::newRow("export --delete: QUIT never answered") << r;

    r.script = ExportedAndDeleted + Script{"X"};
    QTest::newRow("export --delete: connection dropped before QUIT's answer") << r;

    r.script = ExportedAndDeleted + Script{"S: -ERR [SYS/PERM] could not delete", "D"};
    r.exitCode = 1;
    QTest::newRow("export --delete: QUIT answered -ERR") << r;
}

void tst_CliHostile::contract()
{
    QFETCH(Row, row);

    FakePop3Server server;
    server.addScenario(row.script);
    QVERIFY(server.isListening());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    QStringList arguments{
            QStringLiteral("--host"),       QStringLiteral("127.0.0.1"),  QStringLiteral("--port"),
            QString::number(server.port()), QStringLiteral("--security"), QStringLiteral("none"),
            QStringLiteral("--user"),       QString::fromLatin1(User),    QStringLiteral("--auth"),
            QStringLiteral("user"),         QStringLiteral("--timeout"),  QStringLiteral("5")};
    // Later options win: a row's --security, --auth or --timeout replaces these.
    arguments += row.arguments;
    for (const QString &word : std::as_const(row.command))
        arguments.append(QString(word).replace(QLatin1String("@DIR@"), dir.path()));

    QElapsedTimer clock;
    clock.start();
    // The fake server runs in this thread: runCli waits with the event loop running.
    const CliResult cli =
            runCli(arguments,
                   {.password = QString::fromLatin1(Password),
                    .environment = {QStringLiteral("MAILPEEK_STATE_DIR=") + dir.path(),
                                    QStringLiteral("HOME=") + dir.path()},
                    .timeoutMs = row.budgetMs + 20000,
                    .runEventLoop = true});
    QVERIFY2(cli.finished, "mailpeek-cli did not end");
    const qint64 elapsed = clock.elapsed();
    const QByteArray &out = cli.out;
    const QByteArray &err = cli.err;
    const QString report = QStringLiteral("exit %1 after %2 ms\nstdout: %3\nstderr: %4")
                                   .arg(cli.exitCode)
                                   .arg(elapsed)
                                   .arg(QString::fromUtf8(out), QString::fromUtf8(err));

    QVERIFY2(!cli.crashed, qPrintable(report));
    QVERIFY2(cli.exitCode == row.exitCode, qPrintable(report));
    QVERIFY2(elapsed < row.budgetMs, qPrintable(report));
    QVERIFY2(err.contains(row.stderrContains), qPrintable(report));
    // One clear line of ours (for export: the notice and the error); with
    // --debug 2 the trace around it, which went past the secret, masked.
    const QList<QByteArray> errLines = err.trimmed().split('\n');
    const qsizetype ours =
            std::count_if(errLines.cbegin(), errLines.cend(),
                          [](const QByteArray &l) { return l.startsWith("mailpeek-cli: "); });
    if (row.exitCode == 0) {
        // A run that must succeed (the slack cases) says nothing at all.
        QVERIFY2(err.isEmpty(), qPrintable(report));
    } else {
        QVERIFY2(ours >= 1 && ours <= (row.exportedOne ? 2 : 1), qPrintable(report));
        if (row.arguments.contains(QStringLiteral("--debug"))) {
            QVERIFY2(err.contains("C: PASS ********") || err.contains("C: AUTH PLAIN ********"),
                     qPrintable(report));
        } else {
            QCOMPARE(ours, errLines.size());
        }
    }
    if (qEnvironmentVariableIsSet("MAILPEEK_TEST_SHOW"))
        qInfo("%s", qPrintable(report));
    // Nothing from the server reaches the terminal raw.
    for (char control : {'\x1b', '\x07', '\r'})
        QVERIFY2(!err.contains(control), qPrintable(report));
    QVERIFY2(!err.contains("\xe2\x80\xae"), qPrintable(report));
    // No secret, in any form the protocol uses.
    for (const QByteArray &secret :
         {Password, Password.toBase64(), ('\0' + User + '\0' + Password).toBase64()}) {
        QVERIFY2(!out.contains(secret), qPrintable(report));
        QVERIFY2(!err.contains(secret), qPrintable(report));
    }
    if (row.maxStdout >= 0)
        QVERIFY2(out.size() <= row.maxStdout, qPrintable(report));
    if (row.stdoutExact) {
        QVERIFY2(out == row.stdoutIs, qPrintable(report));
    } else if (row.checkStdout) {
        if (row.stdoutIs.isEmpty())
            QVERIFY2(out.isEmpty(), qPrintable(report));
        else
            QVERIFY2(out.startsWith(row.stdoutIs + ','), qPrintable(report));
    }

    for (const QByteArray &line : server.receivedLines()) {
        for (const QByteArray &prefix : std::as_const(row.neverSent))
            QVERIFY2(!line.startsWith(prefix), line.constData());
    }
    if (row.verifyServer) {
        QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
        QTRY_VERIFY(server.allScenariosPlayed());
    }
    if (row.exportedOne) {
        const QStringList files = QDir(dir.filePath(QStringLiteral("Mail/new")))
                                          .entryList(QDir::Files | QDir::NoDotAndDotDot);
        QCOMPARE(files.size(), 1);
    }
}

namespace {

struct ListingRow
{
    QString command; // scan or uidl
    Script script; // after login
    QByteArray stdoutIs; // exact
    QByteArray stderrContains; // empty: nothing on stderr
};

// STAT, LIST and UIDL answers; `stat` is "COUNT OCTETS".
Script listed(const QByteArray &stat, const QByteArray &list, const QByteArray &uidl)
{
    Script lines{"C: STAT", "S: +OK " + stat, "C: LIST", "S: +OK", FakePop3Server::multiline(list)};
    if (!uidl.isNull())
        lines += Script{"C: UIDL", "S: +OK", FakePop3Server::multiline(uidl)};
    return lines;
}

Script subjects(const QList<int> &numbers)
{
    Script lines;
    for (const int n : numbers) {
        lines += Script{"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
                        FakePop3Server::multiline("Subject: message " + QByteArray::number(n) +
                                                  "\r\n\r\n")};
    }
    return lines;
}

} // namespace

Q_DECLARE_METATYPE(ListingRow)

void tst_CliHostile::listings_data()
{
    QTest::addColumn<ListingRow>("row");
    const QByteArray list3 = "1 100\r\n2 200\r\n3 300\r\n";
    const QString scan = QStringLiteral("scan");
    const QString uidl = QStringLiteral("uidl");
    // LoggedIn's CAPA before login lacks UIDL and TOP and the one after is
    // empty: both are tried, UIDL once LIST has answered (no round trip more).
    ListingRow r;

    r = {scan, listed("3 600", list3, "1 a\r\n2 caf\xc3\xa9\r\n3 c\r\n") + subjects({1, 2, 3}),
         "1\t100\ta\t\t\tmessage 1\n2\t200\t\t\t\tmessage 2\n3\t300\tc\t\t\tmessage 3\n",
         "no usable unique-id"};
    QTest::newRow("scan: malformed UIDL line") << r;

    r.script = listed("3 600", list3, "1 a\r\n2 " + QByteArray(71, 'u') + "\r\n3 c\r\n") +
            subjects({1, 2, 3});
    QTest::newRow("scan: UIDL line over 70 octets") << r;

    r.script = listed("3 600", list3, "1 dup\r\n2 dup\r\n3 c\r\n") + subjects({1, 2, 3});
    r.stdoutIs = "1\t100\t\t\t\tmessage 1\n2\t200\t\t\t\tmessage 2\n3\t300\tc\t\t\tmessage 3\n";
    QTest::newRow("scan: duplicate UIDLs") << r;

    // STAT's count drives nothing (a million TOPs before); LIST's gap stays.
    r = {scan,
         listed("1000000 400", "1 100\r\n3 300\r\n", "1 a\r\n2 b\r\n3 c\r\n") + subjects({1, 3}),
         "1\t100\ta\t\t\tmessage 1\n3\t300\tc\t\t\tmessage 3\n",
         {}};
    QTest::newRow("scan: STAT, LIST and UIDL disagree") << r;

    r = {scan,
         listed("1 100", list3, "1 a\r\n2 b\r\n3 c\r\n") + subjects({1, 2, 3}),
         "1\t100\ta\t\t\tmessage 1\n2\t200\tb\t\t\tmessage 2\n3\t300\tc\t\t\tmessage 3\n",
         {}};
    QTest::newRow("scan: STAT says fewer than LIST") << r;

    r = {scan,
         listed("3 600", list3, "1 a\r\n2 b\r\n3 c\r\n") +
                 Script{"C: TOP 1 0", "S: -ERR what?", "C: TOP 2 0", "S: -ERR what?", "C: TOP 3 0",
                        "S: -ERR what?"},
         "1\t100\ta\t-\t-\t-\n2\t200\tb\t-\t-\t-\n3\t300\tc\t-\t-\t-\n",
         "Headers are unavailable for 3 message(s): The server refused TOP"};
    QTest::newRow("scan: TOP answered -ERR") << r;

    r = {uidl,
         Script{"C: UIDL", "S: +OK", FakePop3Server::multiline("1 a\r\n2 caf\xc3\xa9\r\n3 c\r\n")},
         "1 a\n3 c\n", "skipped 1 unusable line(s) of the server's answer (messages 2)"};
    QTest::newRow("uidl: malformed line") << r;

    r = {uidl,
         Script{"C: UIDL", "S: +OK", FakePop3Server::multiline("1 a\r\n2 b\r\n2 x\r\n3 c\r\n")},
         "1 a\n3 c\n", "(messages 2)"};
    QTest::newRow("uidl: a number listed twice") << r;

    // Shared ids are what the server said; only scan and the GUI refuse them.
    r = {uidl,
         Script{"C: UIDL", "S: +OK", FakePop3Server::multiline("1 dup\r\n2 dup\r\n3 c\r\n")},
         "1 dup\n2 dup\n3 c\n",
         {}};
    QTest::newRow("uidl: duplicate UIDLs") << r;
}

void tst_CliHostile::listings()
{
    QFETCH(ListingRow, row);
    FakePop3Server server;
    server.addScenario(LoggedIn + row.script + Script{"C: QUIT", "S: +OK bye"});
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliResult cli = runCli(
            {QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
             QString::number(server.port()), QStringLiteral("--security"), QStringLiteral("none"),
             QStringLiteral("--user"), QString::fromLatin1(User), QStringLiteral("--auth"),
             QStringLiteral("user"), QStringLiteral("--timeout"), QStringLiteral("5"), row.command},
            {.password = QString::fromLatin1(Password),
             .environment = {QStringLiteral("HOME=") + dir.path()},
             .timeoutMs = 20000,
             .runEventLoop = true});
    QVERIFY2(cli.finished, "mailpeek-cli did not end");
    const QByteArray &out = cli.out;
    const QByteArray &err = cli.err;
    const QString report = QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
                                   .arg(cli.exitCode)
                                   .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    // A bad line is a notice, never a failure.
    QVERIFY2(!cli.crashed && cli.exitCode == 0, qPrintable(report));
    QVERIFY2(out == row.stdoutIs, qPrintable(report));
    if (row.stderrContains.isEmpty()) {
        QVERIFY2(err.isEmpty(), qPrintable(report));
    } else {
        // One line.
        QVERIFY2(err.count('\n') == 1 && err.startsWith("mailpeek-cli: ") &&
                         err.contains(row.stderrContains),
                 qPrintable(report));
    }
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
}

QTEST_GUILESS_MAIN(tst_CliHostile)
#include "tst_clihostile.moc"
