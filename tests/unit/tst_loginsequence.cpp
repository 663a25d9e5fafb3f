// LoginSequence against the fake server: the security policy is what is
// under test. STARTTLS fails closed, capabilities are asked again over TLS
// (and only those count), the automatic choice prefers mechanisms that keep
// the password secret and refuses to send it in the clear.

#include "auth/saslmechanism.h"
#include "fakepop3server.h"
#include "pop3/pop3connection.h"
#include "session/loginsequence.h"
#include "testcertificates.h"

#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTest>

using Kind = Pop3Error::Kind;
using Stage = LoginSequence::Stage;
using Security = Pop3Connection::Security;

namespace {

const QByteArray GreetingLine = "S: +OK POP3 ready <1896.697170952@dbc.mtview.ca.us>";

ConnectionSettings settingsFor(const FakePop3Server &server, Security security)
{
    ConnectionSettings settings;
    // The test certificate names localhost.
    settings.host =
            security == Security::None ? QStringLiteral("127.0.0.1") : QStringLiteral("localhost");
    settings.port = server.port();
    settings.security = security;
    settings.user = QStringLiteral("bob");
    settings.secret = QStringLiteral("secret");
    settings.caFile = TestCertificates::caFilePath();
    settings.connectTimeoutMs = 10000;
    settings.timeoutMs = 10000;
    return settings;
}

// The greeting, then `script`, over implicit TLS when the client uses it.
void play(FakePop3Server &server, Security security, QList<QByteArray> script)
{
    server.setImplicitTls(security == Security::ImplicitTls);
    script.prepend(GreetingLine);
    server.addScenario(script);
}

QByteArray plainResponse()
{
    return QByteArray("\0bob\0secret", 11).toBase64();
}

// Runs the sequence to its end; the error it finished with.
struct Run
{
    bool finished = false;
    Pop3Error error;
    QList<Stage> stages;
};

Run run(Pop3Connection &connection, const ConnectionSettings &settings,
        LoginSequence::Goal goal = LoginSequence::Goal::LoggedIn, QString *method = nullptr)
{
    LoginSequence sequence(&connection, settings);
    Run result;
    QObject::connect(&sequence, &LoginSequence::stageChanged, &sequence,
                     [&result](Stage stage) { result.stages.append(stage); });
    QSignalSpy finished(&sequence, &LoginSequence::finished);
    sequence.start(goal);
    if (finished.isEmpty() && !finished.wait(15000))
        return result;
    result.finished = finished.size() == 1;
    result.error = finished.first().first().value<Pop3Error>();
    if (method)
        *method = sequence.authenticationMethod();
    return result;
}

} // namespace

#define VERIFY_SERVER(server) \
    do { \
        QTRY_VERIFY((server).allScenariosPlayed() || !(server).mismatches().isEmpty()); \
        QVERIFY2((server).mismatches().isEmpty(), qPrintable((server).mismatchReport())); \
    } while (false)

class tst_LoginSequence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startTlsMissing_data();
    void startTlsMissing();
    void startTlsThenCapabilitiesAgain();
    void capabilitiesGoal();
    void automaticLogin_data();
    void automaticLogin();
    void refusedUserStopsPassword();
    void rpopSendsUserFirst_data();
    void rpopSendsUserFirst();
    void chooseAutomatic_data();
    void chooseAutomatic();
    void utf8Mode_data();
    void utf8Mode();
    void utf8NotForCapabilitiesGoal();
    void userPassPipelining_data();
    void userPassPipelining();
};

void tst_LoginSequence::startTlsMissing_data()
{
    QTest::addColumn<QList<QByteArray>>("capaAnswer");

    QTest::newRow("no STLS") << QList<QByteArray>{"S: +OK", "S: USER",
                                                  "S: SASL PLAIN SCRAM-SHA-256", "S: ."};
    QTest::newRow("CAPA unknown") << QList<QByteArray>{"S: -ERR unknown command"};
    QTest::newRow("STLS as a parameter only")
            << QList<QByteArray>{"S: +OK", "S: X-FOO STLS", "S: ."};
}

void tst_LoginSequence::startTlsMissing()
{
    QFETCH(QList<QByteArray>, capaAnswer);

    FakePop3Server server;
    QList<QByteArray> script{GreetingLine, "C: CAPA"};
    script += capaAnswer;
    script.append("D");
    server.addScenario(script);
    Pop3Connection connection;

    const Run result = run(connection, settingsFor(server, Security::StartTls));
    QVERIFY(result.finished);
    // Fail closed: no silent fallback to plaintext.
    QCOMPARE(result.error.kind(), Kind::Tls);
    QVERIFY(result.error.errorString().contains(QLatin1String("STLS")));
    QVERIFY(!result.stages.contains(Stage::Authenticate));
    QVERIFY(!result.stages.contains(Stage::Done));
    QCOMPARE(connection.state(), Pop3Connection::State::Unconnected);
    VERIFY_SERVER(server);
    QCOMPARE(server.receivedLines(), QList<QByteArray>{"CAPA"});
}

void tst_LoginSequence::startTlsThenCapabilitiesAgain()
{
    // Before TLS the server (or a man in the middle) offers SCRAM; over TLS
    // only PLAIN. Only what was said over TLS may count.
    FakePop3Server server;
    server.addScenario({GreetingLine,
                        "C: CAPA",
                        "S: +OK",
                        "S: STLS",
                        "S: SASL SCRAM-SHA-256",
                        "S: PIPELINING",
                        "S: .",
                        "C: STLS",
                        "S: +OK Begin TLS",
                        "STARTTLS",
                        "C: CAPA",
                        "S: +OK",
                        "S: SASL PLAIN",
                        "S: USER",
                        "S: .",
                        "C: AUTH PLAIN " + plainResponse(),
                        "S: +OK Logged in.",
                        "C: CAPA",
                        "S: +OK",
                        "S: UIDL",
                        "S: TOP",
                        "S: .",
                        "C: STAT",
                        "S: +OK 0 0"});
    Pop3Connection connection;
    QString method;
    const Run result = run(connection, settingsFor(server, Security::StartTls),
                           LoginSequence::Goal::LoggedIn, &method);
    QVERIFY(result.finished);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.errorString()));
    QCOMPARE(method, QStringLiteral("PLAIN"));
    QCOMPARE(result.stages,
             QList<Stage>({Stage::Connect, Stage::Capabilities, Stage::StartTls,
                           Stage::Capabilities, Stage::Authenticate, Stage::Done}));
    QVERIFY(connection.isEncrypted());
    QCOMPARE(connection.state(), Pop3Connection::State::Transaction);

    // The CAPA after login is sent but not waited for: it travels ahead of
    // the caller's first command, so its answer is in by the time STAT's is.
    Pop3Reply *stat = connection.stat();
    QSignalSpy finished(stat, &Pop3Reply::finished);
    QVERIFY(finished.wait());
    QCOMPARE(stat->stat().count, 0);
    // The capabilities are those given after login.
    QVERIFY(connection.capabilities().has("TOP"));
    QVERIFY(!connection.capabilities().has("STLS"));
    VERIFY_SERVER(server);
}

void tst_LoginSequence::capabilitiesGoal()
{
    // `mailpeek-cli capa` over STARTTLS: upgraded first, then no login.
    FakePop3Server server;
    server.addScenario({GreetingLine, "C: CAPA", "S: +OK", "S: STLS", "S: USER", "S: .", "C: STLS",
                        "S: +OK", "STARTTLS", "C: CAPA", "S: +OK", "S: USER", "S: TOP", "S: ."});
    Pop3Connection connection;
    const Run result = run(connection, settingsFor(server, Security::StartTls),
                           LoginSequence::Goal::Capabilities);
    QVERIFY(result.finished);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.errorString()));
    QVERIFY(!result.stages.contains(Stage::Authenticate));
    QCOMPARE(connection.capabilities().lines(), QList<QByteArray>({"USER", "TOP"}));
    QCOMPARE(connection.state(), Pop3Connection::State::Authorization);
    VERIFY_SERVER(server);
}

void tst_LoginSequence::automaticLogin_data()
{
    QTest::addColumn<Security>("security");
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QList<QByteArray>>("received"); // empty: not checked

    // RFC 2195: user name, space, hex HMAC-MD5 of the challenge keyed with the password.
    const char *cramChallenge = "<1.2@example.org>";
    const QByteArray cramResponse = "bob " +
            QMessageAuthenticationCode::hash(cramChallenge, "secret", QCryptographicHash::Md5)
                    .toHex();
    const QList<QByteArray> capaAfterLogin{"C: CAPA", "S: +OK", "S: TOP", "S: ."};
    // The nonce is random: the fake server cannot finish SCRAM, but what the
    // client chose is on the wire.
    QTest::newRow("TLS: SCRAM-SHA-256 before PLAIN")
            << Security::ImplicitTls
            << QList<QByteArray>{"C: CAPA",
                                 "S: +OK",
                                 "S: USER",
                                 "S: SASL PLAIN LOGIN SCRAM-SHA-1 SCRAM-SHA-256",
                                 "S: .",
                                 "C~ AUTH SCRAM-SHA-256 [A-Za-z0-9+/]+=*",
                                 "S: -ERR [AUTH] no"}
            << Kind::Authentication << QStringLiteral("SCRAM-SHA-256") << QList<QByteArray>{};
    QTest::newRow("plaintext: SCRAM keeps the secret, so it is allowed")
            << Security::None
            << QList<QByteArray>{"C: CAPA",
                                 "S: +OK",
                                 "S: SASL PLAIN SCRAM-SHA-256",
                                 "S: .",
                                 "C~ AUTH SCRAM-SHA-256 [A-Za-z0-9+/]+=*",
                                 "S: -ERR [AUTH] no"}
            << Kind::Authentication << QStringLiteral("SCRAM-SHA-256") << QList<QByteArray>{};
    QTest::newRow("plaintext: CRAM-MD5")
            << Security::None
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: SASL PLAIN CRAM-MD5", "S: USER", "S: .",
                                  "C: AUTH CRAM-MD5",
                                  "S: + " + QByteArray(cramChallenge).toBase64(),
                                  "C: " + cramResponse.toBase64(), "S: +OK"} +
                capaAfterLogin)
            << Kind::None << QStringLiteral("CRAM-MD5") << QList<QByteArray>{};
    QTest::newRow("TLS: PLAIN") << Security::ImplicitTls
                                << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: SASL LOGIN PLAIN",
                                                      "S: .", "C: AUTH PLAIN " + plainResponse(),
                                                      "S: +OK"} +
                                    capaAfterLogin)
                                << Kind::None << QStringLiteral("PLAIN") << QList<QByteArray>{};
    QTest::newRow("TLS: USER/PASS")
            << Security::ImplicitTls
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: USER", "S: .", "C: USER bob", "S: +OK",
                                  "C: PASS secret", "S: +OK"} +
                capaAfterLogin)
            << Kind::None << QStringLiteral("USER/PASS") << QList<QByteArray>{};
    // RFC 2449: a server that does not know CAPA predates it and speaks USER.
    QTest::newRow("TLS: no CAPA, USER/PASS")
            << Security::ImplicitTls
            << QList<QByteArray>{"C: CAPA",        "S: -ERR what?", "C: USER bob", "S: +OK",
                                 "C: PASS secret", "S: +OK",        "C: CAPA",     "S: -ERR what?"}
            << Kind::None << QStringLiteral("USER/PASS") << QList<QByteArray>{};
    // CPython's poplib test server answers CAPA like this (over STLS here
    // it is implicit TLS): neither USER nor SASL, yet USER/PASS works.
    const QList<QByteArray> poplibCapa{
            "C: CAPA",
            "S: +OK Capability list follows",
            "S: IMPLEMENTATION python-testing-pop-server",
            "S: LANG",
            "S: UTF8",
            "S: .",
    };
    // This CAPA also advertises UTF8; the server's -ERR to it (RFC 6856;
    // the answer of CPython's test server with enable_UTF8 off) must not
    // stop the login.
    QTest::newRow("TLS: CAPA without USER or SASL (poplib's test server), USER/PASS")
            << Security::ImplicitTls
            << (poplibCapa +
                QList<QByteArray>{"C: UTF8", "S: -ERR What is UTF8?!", "C: USER bob", "S: +OK",
                                  "C: PASS secret", "S: +OK"} +
                capaAfterLogin)
            << Kind::None << QStringLiteral("USER/PASS")
            << QList<QByteArray>{"CAPA", "UTF8", "USER bob", "PASS secret", "CAPA"};
    QTest::newRow("plaintext: CAPA without USER or SASL, nothing sent")
            << Security::None << (poplibCapa + QList<QByteArray>{"D"}) << Kind::Authentication
            << QString() << QList<QByteArray>{"CAPA"};
    QTest::newRow("plaintext: only PLAIN and USER")
            << Security::None
            << QList<QByteArray>{"C: CAPA", "S: +OK", "S: SASL PLAIN LOGIN", "S: USER", "S: .", "D"}
            << Kind::Authentication << QString() << QList<QByteArray>{"CAPA"};
    QTest::newRow("plaintext: no CAPA")
            << Security::None << QList<QByteArray>{"C: CAPA", "S: -ERR what?", "D"}
            << Kind::Authentication << QString() << QList<QByteArray>{"CAPA"};
    QTest::newRow("TLS: nothing we speak")
            << Security::ImplicitTls
            << QList<QByteArray>{"C: CAPA", "S: +OK", "S: SASL GSSAPI XOAUTH2",
                                 "S: TOP",  "S: .",   "D"}
            << Kind::Authentication << QString() << QList<QByteArray>{"CAPA"};
}

void tst_LoginSequence::automaticLogin()
{
    QFETCH(Security, security);
    QFETCH(QList<QByteArray>, script);
    QFETCH(Kind, kind);
    QFETCH(QString, method);
    QFETCH(QList<QByteArray>, received);

    FakePop3Server server;
    play(server, security, script);
    Pop3Connection connection;
    QString used;
    const Run result =
            run(connection, settingsFor(server, security), LoginSequence::Goal::LoggedIn, &used);
    QVERIFY(result.finished);
    QCOMPARE(result.error.kind(), kind);
    QCOMPARE(used, method);
    if (kind == Kind::None) {
        QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
        QCOMPARE(result.stages.last(), Stage::Done);
    } else {
        QVERIFY(!result.stages.contains(Stage::Done));
    }
    VERIFY_SERVER(server);
    if (!received.isEmpty())
        QCOMPARE(server.receivedLines(), received);
    // Whatever happened, the password itself never went out in plaintext.
    if (security == Security::None) {
        QVERIFY(!server.receivedBytes().contains("secret"));
        QVERIFY(!server.receivedBytes().contains(plainResponse()));
    }
}

void tst_LoginSequence::refusedUserStopsPassword()
{
    // Lock-step USER/PASS: once the server refused the user name, the
    // password has no business going out.
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({GreetingLine, "C: CAPA", "S: +OK", "S: USER", "S: .", "C: USER bob",
                        "S: -ERR [AUTH] no such user", "D"});
    Pop3Connection connection;
    const Run result = run(connection, settingsFor(server, Security::ImplicitTls));
    QVERIFY(result.finished);
    QCOMPARE(result.error.kind(), Kind::Authentication);
    VERIFY_SERVER(server);
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"CAPA", "USER bob"}));
}

void tst_LoginSequence::rpopSendsUserFirst_data()
{
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting and CAPA
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QList<QByteArray>>("received");

    // RFC 1081: USER names the mailbox, RPOP the user on the client host.
    QTest::newRow("accepted") << QList<QByteArray>{"C: USER bob",  "S: +OK",  "C: RPOP bob",
                                                   "S: +OK 2 320", "C: CAPA", "S: -ERR no"}
                              << Kind::None
                              << QList<QByteArray>{"CAPA", "USER bob", "RPOP bob", "CAPA"};
    QTest::newRow("RPOP refused") << QList<QByteArray>{"C: USER bob", "S: +OK", "C: RPOP bob",
                                                       "S: -ERR [AUTH] not from a trusted host",
                                                       "D"}
                                  << Kind::Authentication
                                  << QList<QByteArray>{"CAPA", "USER bob", "RPOP bob"};
    // As with PASS: after a refused USER the second line never goes out.
    QTest::newRow("USER refused") << QList<QByteArray>{"C: USER bob", "S: -ERR no such user", "D"}
                                  << Kind::Authentication << QList<QByteArray>{"CAPA", "USER bob"};
}

void tst_LoginSequence::rpopSendsUserFirst()
{
    QFETCH(QList<QByteArray>, script);
    QFETCH(Kind, kind);
    QFETCH(QList<QByteArray>, received);

    FakePop3Server server;
    server.addScenario(QList<QByteArray>{GreetingLine, "C: CAPA", "S: +OK", "S: TOP", "S: ."} +
                       script);
    Pop3Connection connection;
    ConnectionSettings settings = settingsFor(server, Security::None);
    settings.authMethod = ConnectionSettings::AuthMethod::Rpop;
    settings.secret.clear(); // RPOP has none
    QString method;
    const Run result = run(connection, settings, LoginSequence::Goal::LoggedIn, &method);
    QVERIFY(result.finished);
    QCOMPARE(result.error.kind(), kind);
    QCOMPARE(method, QStringLiteral("RPOP"));
    QCOMPARE(connection.state() == Pop3Connection::State::Transaction, kind == Kind::None);
    if (kind != Kind::None)
        connection.abort(); // scripts ending in "D" wait for the hang-up
    VERIFY_SERVER(server);
    QCOMPARE(server.receivedLines(), received);
}

void tst_LoginSequence::chooseAutomatic_data()
{
    QTest::addColumn<QByteArray>("capa");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QByteArray>("choice");

    const auto both = [](const char *name, const QByteArray &capa, const QByteArray &overTls,
                         const QByteArray &inClear) {
        QTest::addRow("%s, TLS", name) << capa << true << overTls;
        QTest::addRow("%s, plaintext", name) << capa << false << inClear;
    };
    both("SCRAM-SHA-256 over PLAIN", "SASL PLAIN SCRAM-SHA-256\r\nUSER\r\n", "SCRAM-SHA-256",
         "SCRAM-SHA-256");
    both("SCRAM-SHA-256 over SCRAM-SHA-1", "SASL SCRAM-SHA-1 SCRAM-SHA-256\r\n", "SCRAM-SHA-256",
         "SCRAM-SHA-256");
    both("SCRAM-SHA-1 over CRAM-MD5", "SASL CRAM-MD5 SCRAM-SHA-1 PLAIN\r\n", "SCRAM-SHA-1",
         "SCRAM-SHA-1");
    both("CRAM-MD5 over PLAIN", "SASL PLAIN CRAM-MD5\r\n", "CRAM-MD5", "CRAM-MD5");
    both("lower-case names", "sasl plain scram-sha-256\r\n", "SCRAM-SHA-256", "SCRAM-SHA-256");
    both("PLAIN over LOGIN", "SASL LOGIN PLAIN\r\nUSER\r\n", "PLAIN", "");
    both("LOGIN only", "SASL LOGIN\r\n", "LOGIN", "");
    both("USER only", "USER\r\nTOP\r\n", "USER", "");
    both("no CAPA answer", "", "USER", "");
    // RFC 2449 6.3 lets a server leave USER out when it refuses USER, but
    // a CAPA that names no way to log in at all comes from servers that
    // speak USER all the same (poplib, mpop and Thunderbird try it): over
    // TLS only, like USER itself.
    both("CAPA without USER or SASL", "TOP\r\nUIDL\r\n", "USER", "");
    both("CPython's poplib test server",
         "IMPLEMENTATION python-testing-pop-server\r\nLANG\r\nUTF8\r\nSTLS\r\n", "USER", "");
    both("SASL without mechanisms, no USER", "SASL\r\nTOP\r\n", "USER", "");
    // A server that lists SASL mechanisms but not USER said how to log in.
    both("unknown mechanisms only", "SASL GSSAPI NTLM\r\n", "", "");
    both("OAuth only", "SASL XOAUTH2 OAUTHBEARER\r\n", "", "");
    both("OAuth and USER", "SASL XOAUTH2 OAUTHBEARER\r\nUSER\r\n", "USER", "");
    both("channel binding only", "SASL SCRAM-SHA-256-PLUS\r\n", "", "");
    both("unknown mechanisms and USER", "SASL GSSAPI NTLM\r\nUSER\r\n", "USER", "");
}

void tst_LoginSequence::chooseAutomatic()
{
    QFETCH(QByteArray, capa);
    QFETCH(bool, encrypted);
    QFETCH(QByteArray, choice);
    QCOMPARE(LoginSequence::chooseAutomatic(Pop3Capabilities::parse(capa), encrypted), choice);
}

void tst_LoginSequence::utf8Mode_data()
{
    // RFC 6856: UTF8 when CAPA advertises it, in the AUTHORIZATION state
    // (after STLS and the CAPA over TLS, before the login command); its
    // -ERR leaves the session in ASCII mode and the login goes on.
    QTest::addColumn<Security>("security");
    QTest::addColumn<ConnectionSettings::AuthMethod>("method");
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting
    QTest::addColumn<bool>("utf8"); // the connection is in UTF-8 mode
    QTest::addColumn<QList<QByteArray>>("received");

    using Auth = ConnectionSettings::AuthMethod;
    const QList<QByteArray> capaAfterLogin{"C: CAPA", "S: +OK", "S: TOP", "S: ."};
    const QList<QByteArray> userPass{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK"};
    // Courier's CAPA, whose pop3d replaces a message with UTF-8 headers by
    // a "Cannot display Unicode content" wrapper unless UTF8 was sent.
    const QList<QByteArray> courierCapa{"C: CAPA",
                                        "S: +OK Here's what I can do:",
                                        "S: STLS",
                                        "S: TOP",
                                        "S: USER",
                                        "S: PIPELINING",
                                        "S: UIDL",
                                        "S: UTF8 USER",
                                        "S: IMPLEMENTATION Courier Mail Server",
                                        "S: ."};
    QTest::newRow("advertised (Courier): UTF8 before USER/PASS")
            << Security::None << Auth::User
            << (courierCapa + QList<QByteArray>{"C: UTF8", "S: +OK UTF8 enabled"} + userPass +
                capaAfterLogin)
            << true << QList<QByteArray>{"CAPA", "UTF8", "USER bob", "PASS secret", "CAPA"};
    QTest::newRow("not advertised: no UTF8")
            << Security::None << Auth::User
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: USER", "S: PIPELINING", "S: ."} +
                userPass + capaAfterLogin)
            << false << QList<QByteArray>{"CAPA", "USER bob", "PASS secret", "CAPA"};
    QTest::newRow("no CAPA: no UTF8")
            << Security::None << Auth::User
            << (QList<QByteArray>{"C: CAPA", "S: -ERR unknown command"} + userPass +
                QList<QByteArray>{"C: CAPA", "S: -ERR unknown command"})
            << false << QList<QByteArray>{"CAPA", "USER bob", "PASS secret", "CAPA"};
    // Advertised, then refused (CPython's test server's -ERR text).
    QTest::newRow("refused: the login goes on in ASCII mode")
            << Security::None << Auth::User
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: UTF8", "S: .", "C: UTF8",
                                  "S: -ERR What is UTF8?!"} +
                userPass + capaAfterLogin)
            << false << QList<QByteArray>{"CAPA", "UTF8", "USER bob", "PASS secret", "CAPA"};
    QTest::newRow("APOP: UTF8 first")
            << Security::None << Auth::Apop
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: UTF8", "S: .", "C: UTF8", "S: +OK",
                                  "C~ APOP bob [0-9a-f]{32}", "S: +OK"} +
                capaAfterLogin)
            << true << QList<QByteArray>{};
    QTest::newRow("SASL PLAIN over TLS: UTF8 before AUTH")
            << Security::ImplicitTls << Auth::Automatic
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: SASL PLAIN", "S: UTF8 USER", "S: .",
                                  "C: UTF8", "S: +OK", "C: AUTH PLAIN " + plainResponse(),
                                  "S: +OK"} +
                capaAfterLogin)
            << true << QList<QByteArray>{"CAPA", "UTF8", "AUTH PLAIN " + plainResponse(), "CAPA"};
    // Section 2.1: no STLS after UTF8. Only the CAPA over TLS counts.
    QTest::newRow("STLS: UTF8 after TLS, not before")
            << Security::StartTls << Auth::User
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: STLS", "S: UTF8", "S: .", "C: STLS",
                                  "S: +OK", "STARTTLS", "C: CAPA", "S: +OK", "S: USER", "S: UTF8",
                                  "S: .", "C: UTF8", "S: +OK"} +
                userPass + capaAfterLogin)
            << true
            << QList<QByteArray>{"CAPA", "STLS", "CAPA", "UTF8", "USER bob", "PASS secret", "CAPA"};
    QTest::newRow("STLS: UTF8 offered only before TLS, not sent")
            << Security::StartTls << Auth::User
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: STLS", "S: UTF8", "S: .", "C: STLS",
                                  "S: +OK", "STARTTLS", "C: CAPA", "S: +OK", "S: USER", "S: ."} +
                userPass + capaAfterLogin)
            << false
            << QList<QByteArray>{"CAPA", "STLS", "CAPA", "USER bob", "PASS secret", "CAPA"};
}

void tst_LoginSequence::utf8Mode()
{
    QFETCH(Security, security);
    QFETCH(ConnectionSettings::AuthMethod, method);
    QFETCH(QList<QByteArray>, script);
    QFETCH(bool, utf8);
    QFETCH(QList<QByteArray>, received);

    FakePop3Server server;
    play(server, security, script);
    Pop3Connection connection;
    ConnectionSettings settings = settingsFor(server, security);
    settings.authMethod = method;
    const Run result = run(connection, settings);
    QVERIFY(result.finished);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.errorString()));
    QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
    QCOMPARE(connection.isUtf8Enabled(), utf8);
    VERIFY_SERVER(server);
    if (received.isEmpty()) // APOP's digest: only the order is checked
        QCOMPARE(server.receivedLines().value(1), QByteArray("UTF8"));
    else
        QCOMPARE(server.receivedLines(), received);
}

// RFC 2449 6.6 lets USER and PASS share a write on a PIPELINING server. In
// plaintext the password goes with USER only when CAPA lists USER (a server
// that leaves it out refuses plaintext logins, so lock-step keeps the
// password off the wire); a refused USER fails the login with its own
// answer and drops the connection, the pipelined PASS with it. The CAPA
// after login is not pipelined behind PASS (Courier loses what follows it).
void tst_LoginSequence::userPassPipelining_data()
{
    QTest::addColumn<Security>("security");
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting
    QTest::addColumn<QString>("failure"); // empty: logged in; else part of the error
    QTest::addColumn<bool>("passwordSent");
    QTest::addColumn<int>("turns"); // the client's round trips, CAPAs included

    const QList<QByteArray> capaUserPipelining{"C: CAPA", "S: +OK", "S: USER", "S: PIPELINING",
                                               "S: ."};
    const QList<QByteArray> capaPipelining{"C: CAPA", "S: +OK", "S: PIPELINING", "S: ."};
    const QList<QByteArray> capaUser{"C: CAPA", "S: +OK", "S: USER", "S: ."};
    const QList<QByteArray> laterCapa{"C: CAPA", "S: +OK", "S: TOP", "S: ."};

    // The server answers only once the whole batch is in: a client that
    // waited for an answer in between would hang here.
    QTest::newRow("plaintext, PIPELINING and USER: USER and PASS in one write")
            << Security::None
            << (capaUserPipelining +
                QList<QByteArray>{"C: USER bob", "C: PASS secret", "S: +OK", "S: +OK logged in"} +
                laterCapa)
            << QString() << true << 3;
    // RFC 6856: UTF8 before the login, applied in order by the server, so it
    // shares the write instead of costing a round trip of its own.
    QTest::newRow("PIPELINING and UTF8: UTF8, USER and PASS in one write")
            << Security::None
            << (QList<QByteArray>{"C: CAPA", "S: +OK", "S: USER", "S: PIPELINING", "S: UTF8",
                                  "S: .", "C: UTF8", "C: USER bob", "C: PASS secret",
                                  "S: +OK UTF8 enabled", "S: +OK", "S: +OK logged in"} +
                laterCapa)
            << QString() << true << 3;
    QTest::newRow("TLS, PIPELINING without USER: USER and PASS in one write")
            << Security::ImplicitTls
            << (capaPipelining +
                QList<QByteArray>{"C: USER bob", "C: PASS secret", "S: +OK", "S: +OK logged in"} +
                laterCapa)
            << QString() << true << 3;
    QTest::newRow("plaintext, PIPELINING without USER: PASS only after USER's +OK")
            << Security::None
            << (capaPipelining +
                QList<QByteArray>{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in"} +
                laterCapa)
            << QString() << true << 4;
    QTest::newRow("plaintext, PIPELINING without USER: a refused USER never sees the password")
            << Security::None
            << (capaPipelining +
                QList<QByteArray>{"C: USER bob",
                                  "S: -ERR [AUTH] Plaintext authentication disallowed", "D"})
            << QStringLiteral("Plaintext authentication disallowed") << false << 2;
    QTest::newRow("no PIPELINING: lock-step, a refused USER never sees the password")
            << Security::None
            << (capaUser + QList<QByteArray>{"C: USER bob", "S: -ERR no such user", "D"})
            << QStringLiteral("no such user") << false << 2;
    QTest::newRow("PASS pipelined, USER refused: USER's error, connection dropped")
            << Security::None
            << (capaUserPipelining +
                QList<QByteArray>{"C: USER bob", "C: PASS secret", "S: -ERR [AUTH] no such user",
                                  "S: -ERR no user given", "D"})
            << QStringLiteral("no such user") << true << 2;
}

void tst_LoginSequence::userPassPipelining()
{
    QFETCH(Security, security);
    QFETCH(QList<QByteArray>, script);
    QFETCH(QString, failure);
    QFETCH(bool, passwordSent);
    QFETCH(int, turns);

    FakePop3Server server;
    play(server, security, script);
    ConnectionSettings settings = settingsFor(server, security);
    settings.authMethod = ConnectionSettings::AuthMethod::User;
    Pop3Connection connection;
    const Run result = run(connection, settings);
    QVERIFY(result.finished);
    if (failure.isEmpty()) {
        QVERIFY2(!result.error.isError(), qPrintable(result.error.errorString()));
        QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
        // The CAPA after login was read: TOP is known.
        QTRY_VERIFY(connection.capabilities().has("TOP"));
        QCOMPARE(connection.isUtf8Enabled(), script.contains("C: UTF8"));
        connection.abort();
    } else {
        QCOMPARE(result.error.kind(), Kind::Authentication);
        QVERIFY2(result.error.errorString().contains(failure),
                 qPrintable(result.error.errorString()));
        // Dropped: the scripts' "D" waits for the hang-up.
        QTRY_COMPARE(connection.state(), Pop3Connection::State::Unconnected);
    }
    VERIFY_SERVER(server);
    QCOMPARE(server.receivedBytes().contains("PASS secret"), passwordSent);
    QCOMPARE(server.clientTurns(), turns);
}

void tst_LoginSequence::utf8NotForCapabilitiesGoal()
{
    // `mailpeek-cli capa` logs in to nothing, so it has no use for UTF8.
    FakePop3Server server;
    server.addScenario({GreetingLine, "C: CAPA", "S: +OK", "S: UTF8 USER", "S: USER", "S: ."});
    Pop3Connection connection;
    const Run result =
            run(connection, settingsFor(server, Security::None), LoginSequence::Goal::Capabilities);
    QVERIFY(result.finished);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.errorString()));
    QVERIFY(!connection.isUtf8Enabled());
    connection.abort();
    VERIFY_SERVER(server);
    QCOMPARE(server.receivedLines(), QList<QByteArray>{"CAPA"});
}

QTEST_GUILESS_MAIN(tst_LoginSequence)
#include "tst_loginsequence.moc"
