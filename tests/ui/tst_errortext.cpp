// When the window forgets the stored password and asks for it again: only
// when core says the server rejected the credentials (its error code),
// never because of what the server's text looks like. A wrong answer costs
// the user either a password prompt for a busy server or a stored password
// that keeps failing.

#include "auth/saslmechanism.h"
#include "countrecorder.h"
#include "errortext.h"
#include "pop3/pop3commandspec.h"
#include "pop3/saslexchange.h"

#include <QMetaEnum>
#include <QTest>

using Command = Pop3Reply::Command;

class tst_ErrorText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void credentialErrorFollowsTheCode_data();
    void credentialErrorFollowsTheCode();
    void refusedSaslLoginIsACredentialError();
    void ourOwnRefusalsAreNot();
    void loginDelayCountsMinutesInThePluralForm();
    void adviceOnACodeIsNotRepeated_data();
    void adviceOnACodeIsNotRepeated();
};

void tst_ErrorText::credentialErrorFollowsTheCode_data()
{
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("credential");

    QTest::newRow("PASS -ERR") << Command::Pass << QByteArray("-ERR invalid password") << true;
    // No text to go by: the refusal of PASS itself says it.
    QTest::newRow("PASS bare -ERR") << Command::Pass << QByteArray("-ERR") << true;
    QTest::newRow("PASS [AUTH]") << Command::Pass << QByteArray("-ERR [AUTH] wrong") << true;
    QTest::newRow("APOP -ERR") << Command::Apop << QByteArray("-ERR denied") << true;
    // The password may well be right: the server has a problem or a rule.
    QTest::newRow("PASS [SYS/TEMP]")
            << Command::Pass << QByteArray("-ERR [SYS/TEMP] backend down") << false;
    QTest::newRow("PASS [IN-USE]") << Command::Pass << QByteArray("-ERR [IN-USE] locked") << false;
    QTest::newRow("PASS [LOGIN-DELAY]")
            << Command::Pass << QByteArray("-ERR [LOGIN-DELAY] wait") << false;
    // Outside the login a -ERR says nothing about the password, whatever
    // its text ("authentication" included).
    QTest::newRow("RETR -ERR") << Command::Retr << QByteArray("-ERR no such message") << false;
    QTest::newRow("STAT -ERR mentioning a password")
            << Command::Stat << QByteArray("-ERR password expired? unknown error") << false;
    QTest::newRow("STLS -ERR") << Command::Stls << QByteArray("-ERR wrong password") << false;
}

void tst_ErrorText::credentialErrorFollowsTheCode()
{
    QFETCH(Command, command);
    QFETCH(QByteArray, line);
    QFETCH(bool, credential);

    const Pop3Error error = Pop3CommandSpec::of(command).refusalError(line, "X");
    QCOMPARE(isCredentialError(error), credential);
    QVERIFY(!explainError(error).isEmpty());
}

void tst_ErrorText::refusedSaslLoginIsACredentialError()
{
    SaslCredentials credentials;
    credentials.user = QStringLiteral("jo");
    credentials.secret = QStringLiteral("s3cret");
    SaslExchange refused(Sasl::create("PLAIN", credentials));
    (void)refused.commandLine();
    QVERIFY(isCredentialError(refused.answer("-ERR authentication failed").error));

    SaslExchange busy(Sasl::create("PLAIN", credentials));
    (void)busy.commandLine();
    QVERIFY(!isCredentialError(busy.answer("-ERR [SYS/TEMP] backend down").error));

    // We cancelled the exchange ourselves: the server never judged the password.
    SaslExchange cancelled(Sasl::create("LOGIN", credentials));
    (void)cancelled.commandLine();
    (void)cancelled.answer("+ not base64!");
    QVERIFY(!isCredentialError(cancelled.answer("-ERR authentication failed").error));
}

void tst_ErrorText::ourOwnRefusalsAreNot()
{
    // Mailpeek's own policy refused to send anything: asking for the
    // password again would not help (and must not forget the stored one).
    for (const Pop3Error::Code code :
         {Pop3Error::Code::PlaintextRefused, Pop3Error::Code::UnsendableCredentials,
          Pop3Error::Code::NoUsableMechanism, Pop3Error::Code::ServerNotVerified}) {
        const Pop3Error error(code, QStringLiteral("refused"), QStringLiteral("server words"));
        QCOMPARE(error.kind(), Pop3Error::Kind::Authentication);
        QVERIFY2(!isCredentialError(error),
                 QMetaEnum::fromType<Pop3Error::Code>().valueToKey(int(code)));
    }
    QVERIFY(!isCredentialError(Pop3Error()));
}

void tst_ErrorText::loginDelayCountsMinutesInThePluralForm()
{
    // "every 1 minutes", or a catalogue that cannot give the plural forms,
    // if the count were put in with arg().
    const UiTest::CountRecorder counts;
    const Pop3Error delay = Pop3Error::fromServerLine("-ERR [LOGIN-DELAY] wait", QString());
    QCOMPARE(delay.responseCode(), Pop3Error::ResponseCode::LoginDelay);
    QVERIFY(!explainError(delay, 300).isEmpty());
    QCOMPARE(counts.count("ErrorText",
                          "The server allows a login only every %n minute(s) (LOGIN-DELAY). Try "
                          "again later."),
             5);
    QVERIFY(!explainError(delay, 30).isEmpty());
    QCOMPARE(counts.count("ErrorText",
                          "The server allows a login only every %n minute(s) (LOGIN-DELAY). Try "
                          "again later."),
             1);
}

void tst_ErrorText::adviceOnACodeIsNotRepeated_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("coreSentence"); // Pop3Error's own word on the code
    QTest::addColumn<bool>("shown");
    QTest::newRow("AUTH") << QByteArray("-ERR [AUTH] Authentication failed.")
                          << QStringLiteral("The user name or password was not accepted.") << false;
    QTest::newRow("IN-USE") << QByteArray("-ERR [IN-USE] locked")
                            << QStringLiteral("mailbox; close it and try again") << false;
    QTest::newRow("SYS/TEMP") << QByteArray("-ERR [SYS/TEMP] try later")
                              << QStringLiteral("temporary problem; try again later") << false;
    // No advice of ErrorText's own on UTF8: core's sentence is the only one.
    QTest::newRow("UTF8") << QByteArray("-ERR [UTF8] needs utf8")
                          << QStringLiteral("requires UTF-8 mode") << true;
}

void tst_ErrorText::adviceOnACodeIsNotRepeated()
{
    // The password prompt showed "The user name or password was not accepted
    // (AUTH)." and below it the same sentence again from core.
    QFETCH(QByteArray, line);
    QFETCH(QString, coreSentence);
    QFETCH(bool, shown);
    const Pop3Error error = Pop3Error::fromServerLine(line, QStringLiteral("Login failed"));
    QVERIFY2(error.errorString().contains(coreSentence), qPrintable(error.errorString()));
    const QString explained = explainError(error);
    QCOMPARE(explained.contains(coreSentence), shown);
    // The server's words stay.
    QVERIFY2(explained.contains(error.serverText()), qPrintable(explained));
}

QTEST_MAIN(tst_ErrorText)
#include "tst_errortext.moc"
