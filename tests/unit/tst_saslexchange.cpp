#include "auth/saslmechanism.h"
#include "pop3/saslexchange.h"

#include <QTest>

// SaslExchange decides, line by line, how an AUTH command goes on (RFC
// 5034). tst_sasl checks the mechanisms' arithmetic and, with the fake
// server, the whole exchange on the wire; this checks the decisions alone.
class tst_SaslExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initialResponseRidesAlong();
    void longInitialResponseWaitsForChallenge();
    void challengesAreAnsweredMasked();
    void badChallengeCancelsThenRefusal();
    void challengeAfterCancelFails();
    void okAfterCancelFails();
    void refusalIsAnAuthenticationError();
    void refusalWithResponseCodeKeepsIt();
    void invalidLineFails();
};

namespace {
using Action = SaslExchange::Outcome::Action;

std::unique_ptr<SaslMechanism> mechanism(QByteArrayView name,
                                         const QString &user = QStringLiteral("jo"),
                                         const QString &secret = QStringLiteral("s3cret"))
{
    SaslCredentials credentials;
    credentials.user = user;
    credentials.secret = secret;
    return Sasl::create(name, credentials);
}
} // namespace

void tst_SaslExchange::initialResponseRidesAlong()
{
    SaslExchange exchange(mechanism("PLAIN"));
    QCOMPARE(exchange.commandLine(), "AUTH PLAIN " + QByteArray("\0jo\0s3cret", 10).toBase64());
    QCOMPARE(exchange.answer("+OK Logged in.").action, Action::LoggedIn);
}

// RFC 5034 4: a command line over 255 octets keeps its initial response
// for the server's empty challenge.
void tst_SaslExchange::longInitialResponseWaitsForChallenge()
{
    const QString secret(300, QLatin1Char('p'));
    SaslExchange exchange(mechanism("PLAIN", QStringLiteral("jo"), secret));
    QCOMPARE(exchange.commandLine(), QByteArray("AUTH PLAIN"));
    const SaslExchange::Outcome outcome = exchange.answer("+ ");
    QCOMPARE(outcome.action, Action::Send);
    QCOMPARE(outcome.line, (QByteArray("\0jo\0", 4) + secret.toUtf8()).toBase64());
    QCOMPARE(outcome.logText, QByteArray("********"));
}

void tst_SaslExchange::challengesAreAnsweredMasked()
{
    SaslExchange exchange(mechanism("LOGIN"));
    QCOMPARE(exchange.commandLine(), QByteArray("AUTH LOGIN"));
    const SaslExchange::Outcome user = exchange.answer("+ " + QByteArray("Username:").toBase64());
    QCOMPARE(user.action, Action::Send);
    QCOMPARE(user.line, QByteArray("jo").toBase64());
    QCOMPARE(user.logText, QByteArray("********"));
    const SaslExchange::Outcome pass = exchange.answer("+ " + QByteArray("Password:").toBase64());
    QCOMPARE(pass.line, QByteArray("s3cret").toBase64());
    QCOMPARE(exchange.answer("+OK").action, Action::LoggedIn);
}

// A challenge that is not base64 is answered "*" (cancel); the server's
// "-ERR" then ends the reply, not the connection, and says why.
void tst_SaslExchange::badChallengeCancelsThenRefusal()
{
    SaslExchange exchange(mechanism("LOGIN"));
    (void)exchange.commandLine();
    const SaslExchange::Outcome cancel = exchange.answer("+ not base64!");
    QCOMPARE(cancel.action, Action::Send);
    QCOMPARE(cancel.line, QByteArray("*"));
    QCOMPARE(cancel.logText, QByteArray("*"));
    const SaslExchange::Outcome refused = exchange.answer("-ERR cancelled");
    QCOMPARE(refused.action, Action::Refused);
    QCOMPARE(refused.error.kind(), Pop3Error::Kind::Authentication);
    QVERIFY(refused.error.errorString().contains(QLatin1String("cancelled")));
    QVERIFY(refused.error.errorString().contains(QLatin1String("base64")));
}

void tst_SaslExchange::challengeAfterCancelFails()
{
    SaslExchange exchange(mechanism("LOGIN"));
    (void)exchange.commandLine();
    QCOMPARE(exchange.answer("+ !!!").line, QByteArray("*"));
    const SaslExchange::Outcome outcome = exchange.answer("+ " + QByteArray("x").toBase64());
    QCOMPARE(outcome.action, Action::Fail);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Protocol);
}

void tst_SaslExchange::okAfterCancelFails()
{
    SaslExchange exchange(mechanism("LOGIN"));
    (void)exchange.commandLine();
    QCOMPARE(exchange.answer("+ !!!").line, QByteArray("*"));
    const SaslExchange::Outcome outcome = exchange.answer("+OK welcome");
    QCOMPARE(outcome.action, Action::Fail);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Authentication);
}

void tst_SaslExchange::refusalIsAnAuthenticationError()
{
    SaslExchange exchange(mechanism("PLAIN"));
    (void)exchange.commandLine();
    const SaslExchange::Outcome outcome = exchange.answer("-ERR bad credentials");
    QCOMPARE(outcome.action, Action::Refused);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Authentication);
    QVERIFY(outcome.error.errorString().contains(QLatin1String("PLAIN")));
}

void tst_SaslExchange::refusalWithResponseCodeKeepsIt()
{
    SaslExchange exchange(mechanism("PLAIN"));
    (void)exchange.commandLine();
    const SaslExchange::Outcome outcome = exchange.answer("-ERR [SYS/TEMP] try later");
    QCOMPARE(outcome.action, Action::Refused);
    QCOMPARE(outcome.error.responseCode(), Pop3Error::ResponseCode::SysTemp);
    QVERIFY(outcome.error.kind() != Pop3Error::Kind::Authentication);
}

void tst_SaslExchange::invalidLineFails()
{
    SaslExchange exchange(mechanism("PLAIN"));
    (void)exchange.commandLine();
    const SaslExchange::Outcome outcome = exchange.answer("* what");
    QCOMPARE(outcome.action, Action::Fail);
    QCOMPARE(outcome.error.kind(), Pop3Error::Kind::Protocol);
}

QTEST_GUILESS_MAIN(tst_SaslExchange)
#include "tst_saslexchange.moc"
