// Pop3Error's codes: every code lies in the band of its kind, a server's
// -ERR gets the generic server code, and only the places that know what a
// refusal means (a login command, AUTH, STLS) give it a finer one. The
// window's "ask for the password again" rests on this (tst_errortext).

#include "auth/saslmechanism.h"
#include "pop3/pop3commandspec.h"
#include "pop3/pop3error.h"
#include "pop3/saslexchange.h"

#include <QMetaEnum>
#include <QTest>

#include <memory>

using Kind = Pop3Error::Kind;
using Code = Pop3Error::Code;
using ResponseCode = Pop3Error::ResponseCode;
using Command = Pop3Reply::Command;

class tst_Pop3Error : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeIsInTheBandOfItsKind();
    void constructedErrorTakesTheKindOfItsCode();
    void withCodeKeepsWhatTheServerSaid();
    void refusals_data();
    void refusals();
    void saslRefusals_data();
    void saslRefusals();
};

namespace {
struct Band
{
    int first;
    int last;
    Kind kind;
};

// Written out here rather than computed, so a change to kindOf() that
// moves a band shows up as a failure, not as a second copy of the rule.
constexpr Band Bands[] = {
        {0, 0, Kind::None},
        {100, 179, Kind::Network},
        {180, 199, Kind::Timeout},
        {200, 299, Kind::Tls},
        {300, 399, Kind::Protocol},
        {400, 499, Kind::Server},
        {500, 599, Kind::Authentication},
        {600, 699, Kind::LocalIo},
        {700, 799, Kind::Cancelled},
};

QByteArray nameOf(Code code)
{
    return QMetaEnum::fromType<Code>().valueToKey(int(code));
}
} // namespace

void tst_Pop3Error::everyCodeIsInTheBandOfItsKind()
{
    const QMetaEnum codes = QMetaEnum::fromType<Code>();
    QVERIFY(codes.keyCount() > 1);
    QSet<int> seen;
    QSet<Kind> kindsUsed;
    for (int i = 0; i < codes.keyCount(); ++i) {
        const int value = codes.value(i);
        const auto code = Code(value);
        QVERIFY2(!seen.contains(value), codes.key(i));
        seen.insert(value);
        const Band *band = nullptr;
        for (const Band &candidate : Bands) {
            if (value >= candidate.first && value <= candidate.last)
                band = &candidate;
        }
        QVERIFY2(band,
                 qPrintable(QStringLiteral("%1 = %2 lies in no band")
                                    .arg(QLatin1String(codes.key(i)))
                                    .arg(value)));
        QCOMPARE(Pop3Error::kindOf(code), band->kind);
        kindsUsed.insert(band->kind);
        if (code != Code::None) {
            const Pop3Error error(code, QStringLiteral("m"));
            QVERIFY(error.isError());
            QCOMPARE(error.kind(), band->kind);
        }
    }
    // Every kind has at least one code: none is left unreachable.
    const QMetaEnum kinds = QMetaEnum::fromType<Kind>();
    for (int i = 0; i < kinds.keyCount(); ++i)
        QVERIFY2(kindsUsed.contains(Kind(kinds.value(i))), kinds.key(i));
    // kindOf() is usable where constants are needed.
    static_assert(Pop3Error::kindOf(Code::GreetingTimeout) == Kind::Timeout);
    static_assert(Pop3Error::kindOf(Code::NotConnected) == Kind::Network);
}

void tst_Pop3Error::constructedErrorTakesTheKindOfItsCode()
{
    const Pop3Error none;
    QVERIFY(!none.isError());
    QCOMPARE(none.code(), Code::None);
    QCOMPARE(none.kind(), Kind::None);
    QVERIFY(none.errorString().isEmpty());

    const Pop3Error cancelled = Pop3Error::cancelled();
    QCOMPARE(cancelled.code(), Code::Cancelled);
    QCOMPARE(cancelled.kind(), Kind::Cancelled);

    // Logs and test failures print the code by name.
    QCOMPARE(nameOf(Code::CredentialsRejected), QByteArray("CredentialsRejected"));
    const std::unique_ptr<char[]> printed(QTest::toString(Code::StlsRefused));
    QCOMPARE(QByteArray(printed.get()), QByteArray("StlsRefused"));
}

void tst_Pop3Error::withCodeKeepsWhatTheServerSaid()
{
    const Pop3Error error =
            Pop3Error::fromServerLine("-ERR [SYS/PERM] no TLS here", QStringLiteral("STLS"));
    QCOMPARE(error.code(), Code::ServerRefused);
    const Pop3Error tls = error.withCode(Code::StlsRefused);
    QCOMPARE(tls.code(), Code::StlsRefused);
    QCOMPARE(tls.kind(), Kind::Tls);
    QCOMPARE(tls.responseCode(), ResponseCode::SysPerm);
    QCOMPARE(tls.serverCode(), QStringLiteral("SYS/PERM"));
    QCOMPARE(tls.serverText(), QStringLiteral("no TLS here"));
    QCOMPARE(tls.message(), QStringLiteral("STLS"));
}

void tst_Pop3Error::refusals_data()
{
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Code>("code");
    QTest::addColumn<ResponseCode>("responseCode");

    // What the server says, and what the command it answers makes of it.
    QTest::newRow("PASS -ERR") << Command::Pass << QByteArray("-ERR invalid password")
                               << Code::CredentialsRejected << ResponseCode::None;
    QTest::newRow("PASS bare -ERR") << Command::Pass << QByteArray("-ERR")
                                    << Code::CredentialsRejected << ResponseCode::None;
    QTest::newRow("PASS [AUTH]") << Command::Pass << QByteArray("-ERR [AUTH] wrong")
                                 << Code::CredentialsRejected << ResponseCode::Auth;
    QTest::newRow("PASS [SYS/TEMP]") << Command::Pass << QByteArray("-ERR [SYS/TEMP] busy")
                                     << Code::ServerRefused << ResponseCode::SysTemp;
    QTest::newRow("PASS [IN-USE]") << Command::Pass << QByteArray("-ERR [IN-USE] locked")
                                   << Code::ServerRefused << ResponseCode::InUse;
    QTest::newRow("PASS [LOGIN-DELAY]") << Command::Pass << QByteArray("-ERR [LOGIN-DELAY] wait")
                                        << Code::ServerRefused << ResponseCode::LoginDelay;
    QTest::newRow("PASS unknown code") << Command::Pass << QByteArray("-ERR [X-BLOCKED] abuse")
                                       << Code::ServerRefused << ResponseCode::Other;
    QTest::newRow("USER -ERR") << Command::User << QByteArray("-ERR no such user")
                               << Code::CredentialsRejected << ResponseCode::None;
    QTest::newRow("APOP -ERR") << Command::Apop << QByteArray("-ERR authentication failed")
                               << Code::CredentialsRejected << ResponseCode::None;
    QTest::newRow("RPOP -ERR") << Command::Rpop << QByteArray("-ERR not trusted")
                               << Code::CredentialsRejected << ResponseCode::None;
    QTest::newRow("STLS -ERR") << Command::Stls << QByteArray("-ERR no") << Code::StlsRefused
                               << ResponseCode::None;
    QTest::newRow("STLS [SYS/PERM]") << Command::Stls << QByteArray("-ERR [SYS/PERM] never")
                                     << Code::StlsRefused << ResponseCode::SysPerm;
    QTest::newRow("RETR -ERR") << Command::Retr << QByteArray("-ERR no such message")
                               << Code::ServerRefused << ResponseCode::None;
    QTest::newRow("RETR [SYS/TEMP]") << Command::Retr << QByteArray("-ERR [SYS/TEMP] later")
                                     << Code::ServerRefused << ResponseCode::SysTemp;
    // RFC 3206 [AUTH] means the credentials, whichever command it answers.
    QTest::newRow("NOOP [AUTH]") << Command::Noop << QByteArray("-ERR [AUTH] expired")
                                 << Code::CredentialsRejected << ResponseCode::Auth;
    QTest::newRow("UTF8 -ERR") << Command::Utf8 << QByteArray("-ERR not here")
                               << Code::ServerRefused << ResponseCode::None;
}

void tst_Pop3Error::refusals()
{
    QFETCH(Command, command);
    QFETCH(QByteArray, line);
    QFETCH(Code, code);
    QFETCH(ResponseCode, responseCode);

    const Pop3Error error = Pop3CommandSpec::of(command).refusalError(line, "X");
    QCOMPARE(error.code(), code);
    QCOMPARE(error.kind(), Pop3Error::kindOf(code));
    QCOMPARE(error.responseCode(), responseCode);
    // The server's own words are kept for the user, whatever the code.
    if (responseCode == ResponseCode::None && line.size() > 4)
        QCOMPARE(error.serverText(), QString::fromLatin1(line.mid(5)));
}

void tst_Pop3Error::saslRefusals_data()
{
    QTest::addColumn<QByteArrayList>("answers");
    QTest::addColumn<Code>("code");

    // LOGIN: the server's first challenge, then what it says to us.
    const QByteArray user = "+ " + QByteArray("Username:").toBase64();
    QTest::newRow("-ERR") << QByteArrayList{user, "-ERR authentication failed"}
                          << Code::CredentialsRejected;
    QTest::newRow("-ERR [AUTH]") << QByteArrayList{user, "-ERR [AUTH] wrong"}
                                 << Code::CredentialsRejected;
    QTest::newRow("-ERR [SYS/TEMP]")
            << QByteArrayList{user, "-ERR [SYS/TEMP] backend down"} << Code::ServerRefused;
    // We cancelled (the challenge was not base64): the password was never judged.
    QTest::newRow("-ERR after our cancel")
            << QByteArrayList{"+ not base64!", "-ERR cancelled"} << Code::SaslAborted;
    QTest::newRow("+OK after our cancel")
            << QByteArrayList{"+ not base64!", "+OK welcome"} << Code::SaslExchangeBroken;
    QTest::newRow("challenge after our cancel")
            << QByteArrayList{"+ not base64!", user} << Code::ChallengeAfterCancel;
    QTest::newRow("not a status line") << QByteArrayList{"* OK IMAP"} << Code::BadStatusLine;
}

void tst_Pop3Error::saslRefusals()
{
    QFETCH(QByteArrayList, answers);
    QFETCH(Code, code);

    SaslCredentials credentials;
    credentials.user = QStringLiteral("jo");
    credentials.secret = QStringLiteral("s3cret");
    SaslExchange exchange(Sasl::create("LOGIN", credentials));
    (void)exchange.commandLine();
    SaslExchange::Outcome outcome;
    for (const QByteArray &answer : std::as_const(answers))
        outcome = exchange.answer(answer);
    QVERIFY(outcome.error.isError());
    QCOMPARE(outcome.error.code(), code);
}

QTEST_GUILESS_MAIN(tst_Pop3Error)
#include "tst_pop3error.moc"
