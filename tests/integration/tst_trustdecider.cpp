#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"
#include "session/trustdecider.h"
#include "testcertificates.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

// MailboxSession asks its TrustDecider when a handshake fails on a
// certificate the CA store did not verify: nothing else can make such a
// certificate trusted, and only a certificate of the presented chain can
// be pinned.

namespace {

using Script = QList<QByteArray>;

// Answers later (as a dialog would) with what `pick` chooses from the chain.
class ScriptedDecider final : public TrustDecider
{
public:
    explicit ScriptedDecider(std::function<QSslCertificate(const TrustQuestion &)> pick)
        : m_pick(std::move(pick))
    { }
    void decide(const TrustQuestion &question, Answer answer) override
    {
        questions.append(question);
        QTimer::singleShot(0, [answer, pin = m_pick(question)] { answer(pin); });
    }
    QList<TrustQuestion> questions;

private:
    std::function<QSslCertificate(const TrustQuestion &)> m_pick;
};

Script loginAndListing()
{
    const Script capa = {"C: CAPA", "S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: ."};
    Script lines{"S: +OK POP3 ready"};
    lines += capa;
    lines += Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in"};
    lines += capa;
    lines += Script{"C: STAT", "S: +OK 1 100", "C: LIST", "S: +OK",     "S: 1 100",
                    "S: .",    "C: UIDL",      "S: +OK",  "S: 1 uid-1", "S: ."};
    return lines;
}

ConnectionSettings tlsSettingsFor(const FakePop3Server &server)
{
    ConnectionSettings settings = TestSupport::settingsFor(server);
    settings.security = Pop3Connection::Security::ImplicitTls;
    return settings;
}

} // namespace

class tst_TrustDecider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutDeciderTheFailureIsFinal();
    void failClosedDeciderRefuses();
    void pinnedAnswerReconnectsWithThePin();
    void pinOutsideTheChainIsRefused();
    void answerAfterReopenIsDropped();
};

void tst_TrustDecider::withoutDeciderTheFailureIsFinal()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({"D"});
    MailboxSession session;
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    session.open(tlsSettingsFor(server));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<Pop3Error>().kind(), Pop3Error::Kind::Tls);
    QTRY_VERIFY(server.allScenariosPlayed());
    QCOMPARE(server.connectionCount(), 1);
}

void tst_TrustDecider::failClosedDeciderRefuses()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({"D"});
    MailboxSession session;
    FailClosedTrustDecider decider;
    session.setTrustDecider(&decider);
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    QSignalSpy opened(&session, &MailboxSession::opened);
    session.open(tlsSettingsFor(server));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<Pop3Error>().kind(), Pop3Error::Kind::Tls);
    QCOMPARE(failed.first().first().value<Pop3Error>().code(),
             Pop3Error::Code::UntrustedCertificate);
    QCOMPARE(opened.size(), 0);
    QCOMPARE(session.state(), MailboxSession::State::Disconnected);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_TrustDecider::pinnedAnswerReconnectsWithThePin()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({"D"});
    server.addScenario(loginAndListing());
    MailboxSession session;
    ScriptedDecider decider([](const TrustQuestion &question) { return question.chain.first(); });
    session.setTrustDecider(&decider);
    QSignalSpy opened(&session, &MailboxSession::opened);
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    const ConnectionSettings settings = tlsSettingsFor(server);
    session.open(settings);
    QVERIFY2(opened.wait(10000), qPrintable(server.mismatchReport()));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(decider.questions.size(), 1);
    const TrustQuestion &question = decider.questions.first();
    QCOMPARE(question.host, settings.host);
    QCOMPARE(question.port, settings.effectivePort());
    QVERIFY(!question.errors.isEmpty());
    QCOMPARE(question.chain.first(), server.tlsCertificate());
    QCOMPARE(session.settings().pinnedCertificate, server.tlsCertificate());
    QCOMPARE(session.model()->messageCount(), 1);
    QCOMPARE(server.connectionCount(), 2);
}

void tst_TrustDecider::pinOutsideTheChainIsRefused()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({"D"});
    MailboxSession session;
    ScriptedDecider decider([](const TrustQuestion &) {
        return TestCertificates::certificate(QStringLiteral("selfsigned"));
    });
    session.setTrustDecider(&decider);
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    session.open(tlsSettingsFor(server));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<Pop3Error>().kind(), Pop3Error::Kind::Tls);
    QVERIFY(session.settings().pinnedCertificate.isNull());
    QCOMPARE(decider.questions.size(), 1);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_TrustDecider::answerAfterReopenIsDropped()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    server.addScenario({"D"});
    MailboxSession session;
    // Holds the answer, as a dialog the user has not answered yet.
    struct HeldDecider final : TrustDecider
    {
        void decide(const TrustQuestion &q, Answer a) override
        {
            question = q;
            answer = std::move(a);
        }
        TrustQuestion question;
        Answer answer;
    } decider;
    session.setTrustDecider(&decider);
    session.open(tlsSettingsFor(server));
    QTRY_VERIFY_WITH_TIMEOUT(bool(decider.answer), 10000);

    FakePop3Server plain;
    plain.addScenario(loginAndListing());
    QSignalSpy opened(&session, &MailboxSession::opened);
    session.open(TestSupport::settingsFor(plain));
    // The stale "pin" must not replace the new session's settings.
    decider.answer(decider.question.chain.first());
    QVERIFY2(opened.wait(10000), qPrintable(plain.mismatchReport()));
    QCOMPARE(session.settings().port, plain.port());
    QVERIFY(session.settings().pinnedCertificate.isNull());
    QCOMPARE(server.connectionCount(), 1);
}

QTEST_GUILESS_MAIN(tst_TrustDecider)
#include "tst_trustdecider.moc"
