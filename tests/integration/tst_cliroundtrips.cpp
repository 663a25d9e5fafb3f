// mailpeek-cli scan's round trips (issue 13): the real binary against
// FakePop3Server scripts that answer a batch only once all of it has
// arrived, so a client that waits for an answer in between hangs instead
// of passing. The same session in lock-step (--no-pipelining, a script
// answering line by line) must print the same rows, the same errors and
// end with the same exit status: only the number of round trips changes.

#include "clirunner.h"
#include "fakepop3server.h"

#include <QTemporaryDir>
#include <QTest>

namespace {
using Script = QList<QByteArray>;

const QByteArray Greeting = "S: +OK POP3 ready";
const QByteArray User = "alice";
const QByteArray Password = "Roundtrip-Secret-5e1";

QByteArray message(int number)
{
    return "From: Sender " + QByteArray::number(number) + " <s" + QByteArray::number(number) +
            "@example.org>\r\nSubject: message " + QByteArray::number(number) +
            "\r\nDate: Tue, 1 Oct 2024 10:0" + QByteArray::number(number) + ":00 +0000\r\n\r\n";
}

const Script Capa{"C: CAPA", "S: +OK", "S: USER", "S: PIPELINING", "S: TOP", "S: UIDL", "S: ."};
const Script LaterCapa{"S: +OK", "S: USER", "S: PIPELINING", "S: TOP", "S: UIDL", "S: ."};
const Script Login{"C: USER " + User, "C: PASS " + Password};
const Script LoginAnswered{"S: +OK", "S: +OK logged in"};
const Script Listing{"C: CAPA", "C: STAT", "C: LIST", "C: UIDL"};
const Script ListingAnswered =
        LaterCapa + Script{"S: +OK 2 200", "S: +OK",     "S: 1 100",   "S: 2 100", "S: .",
                           "S: +OK",       "S: 1 uid-1", "S: 2 uid-2", "S: ."};
const Script TopsAnswered{"S: +OK", FakePop3Server::multiline(message(1)), "S: +OK",
                          FakePop3Server::multiline(message(2))};

// The same session for a client that waits for every answer.
Script lockStep(const Script &loginAnswers)
{
    Script script{Greeting, "C: CAPA", "S: +OK", "S: USER", "S: TOP", "S: UIDL", "S: ."};
    script += Script{"C: USER " + User, loginAnswers.value(0)};
    if (loginAnswers.size() < 2)
        return script + Script{"D"};
    script += Script{"C: PASS " + Password, loginAnswers.at(1)};
    if (!loginAnswers.at(1).startsWith("S: +OK"))
        return script + Script{"D"};
    return script + Script{"C: CAPA",    "S: +OK",     "S: USER",      "S: TOP",    "S: UIDL",
                           "S: .",       "C: STAT",    "S: +OK 2 200", "C: LIST",   "S: +OK",
                           "S: 1 100",   "S: 2 100",   "S: .",         "C: UIDL",   "S: +OK",
                           "S: 1 uid-1", "S: 2 uid-2", "S: .",         "C: TOP 1 0"} +
            Script{TopsAnswered.at(0), TopsAnswered.at(1), "C: TOP 2 0", TopsAnswered.at(2),
                   TopsAnswered.at(3), "C: QUIT",          "S: +OK bye"};
}

struct Session
{
    CliResult cli;
    int turns = 0;
    QString mismatches;
};

Session scan(const Script &script, bool pipelining)
{
    FakePop3Server server;
    server.addScenario(script);
    QTemporaryDir home;
    QStringList arguments{
            QStringLiteral("--host"),       QStringLiteral("127.0.0.1"),  QStringLiteral("--port"),
            QString::number(server.port()), QStringLiteral("--security"), QStringLiteral("none"),
            QStringLiteral("--user"),       QString::fromLatin1(User),    QStringLiteral("--auth"),
            QStringLiteral("user"),         QStringLiteral("--timeout"),  QStringLiteral("5")};
    if (!pipelining)
        arguments.append(QStringLiteral("--no-pipelining"));
    arguments.append(QStringLiteral("scan"));
    Session session;
    session.cli = runCli(arguments,
                         {.password = QString::fromLatin1(Password),
                          .environment = {QStringLiteral("HOME=") + home.path(),
                                          QStringLiteral("XDG_CACHE_HOME=") + home.path()},
                          .timeoutMs = 30000,
                          .runEventLoop = true});
    const bool ended = QTest::qWaitFor(
            [&server] { return server.allScenariosPlayed() || !server.mismatches().isEmpty(); },
            5000);
    session.turns = server.clientTurns();
    session.mismatches = ended ? server.mismatchReport() : QStringLiteral("script not played");
    return session;
}
} // namespace

class tst_CliRoundTrips : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scanTakesFourRoundTrips();
    void loginFailuresAsInLockStep_data();
    void loginFailuresAsInLockStep();
};

// CAPA; USER and PASS; the CAPA after login with STAT, LIST and UIDL; every
// TOP with QUIT behind the last. The floor (a client that knows the count
// and PIPELINING beforehand) needs two: login, then TOPs.
void tst_CliRoundTrips::scanTakesFourRoundTrips()
{
    const Script pipelined = Script{Greeting} + Capa + Login + LoginAnswered + Listing +
            ListingAnswered + Script{"C: TOP 1 0", "C: TOP 2 0", "C: QUIT"} + TopsAnswered +
            Script{"S: +OK bye"};
    const Session fast = scan(pipelined, true);
    QVERIFY2(fast.mismatches.isEmpty(), qPrintable(fast.mismatches));
    QCOMPARE(fast.cli.exitCode, 0);
    // Round trips the client waited for: the greeting, CAPA's answer, the
    // login's and the listing's (the connection itself is not counted).
    QCOMPARE(fast.turns, 4);
    const QList<QByteArray> rows = fast.cli.out.split('\n');
    QCOMPARE(rows.size(), 3); // two rows and the empty rest after the last LF
    QVERIFY2(rows.at(0).startsWith("1\t100\tuid-1\t") && rows.at(0).endsWith("\tmessage 1"),
             rows.at(0).constData());
    QVERIFY2(rows.at(1).startsWith("2\t100\tuid-2\t") && rows.at(1).endsWith("\tmessage 2"),
             rows.at(1).constData());
    QCOMPARE(fast.cli.err, QByteArray());

    const Session slow = scan(lockStep(LoginAnswered), false);
    QVERIFY2(slow.mismatches.isEmpty(), qPrintable(slow.mismatches));
    QCOMPARE(slow.cli.exitCode, fast.cli.exitCode);
    QCOMPARE(slow.cli.out, fast.cli.out);
    QCOMPARE(slow.cli.err, fast.cli.err);
    // CAPA, USER, PASS, CAPA, STAT, LIST, UIDL, TOP 1 0, TOP 2 0, QUIT.
    QCOMPARE(slow.turns, 10);
}

// A refused USER (with PASS pipelined behind it) or PASS: the same one line
// on stderr and the same exit status as in lock-step, no rows, and the
// connection dropped (the scripts' "D").
void tst_CliRoundTrips::loginFailuresAsInLockStep_data()
{
    QTest::addColumn<Script>("answers"); // to USER and PASS
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("USER refused") << Script{"S: -ERR [AUTH] no such user", "S: -ERR no user"}
                                  << QByteArray("no such user");
    QTest::newRow("PASS refused") << Script{"S: +OK", "S: -ERR [AUTH] wrong password"}
                                  << QByteArray("wrong password");
    QTest::newRow("PASS refused, mailbox in use")
            << Script{"S: +OK", "S: -ERR [IN-USE] mailbox locked"} << QByteArray("locked");
}

void tst_CliRoundTrips::loginFailuresAsInLockStep()
{
    QFETCH(Script, answers);
    QFETCH(QByteArray, reason);

    const Script pipelined = Script{Greeting} + Capa + Login + answers + Script{"D"};
    const Session fast = scan(pipelined, true);
    QVERIFY2(fast.mismatches.isEmpty(), qPrintable(fast.mismatches));
    QVERIFY(fast.cli.exitCode > 0);
    QVERIFY2(fast.cli.err.contains(reason), fast.cli.err.constData());
    QVERIFY2(fast.cli.err.count(QByteArrayView("\n")) == 1, fast.cli.err.constData());
    QCOMPARE(fast.cli.out, QByteArray());
    QCOMPARE(fast.turns, 2);

    const bool userRefused = answers.at(0).startsWith("S: -ERR");
    const Session slow = scan(lockStep(userRefused ? answers.first(1) : answers), false);
    QVERIFY2(slow.mismatches.isEmpty(), qPrintable(slow.mismatches));
    QCOMPARE(slow.cli.exitCode, fast.cli.exitCode);
    QCOMPARE(slow.cli.out, fast.cli.out);
    QCOMPARE(slow.cli.err, fast.cli.err);
}

QTEST_GUILESS_MAIN(tst_CliRoundTrips)
#include "tst_cliroundtrips.moc"
