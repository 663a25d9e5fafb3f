// The GUI export (MailboxSession::startExport) against a real Dovecot over
// TLS: the connection, with its QSslSocket, moves to the export's worker
// thread and back (issue 12), the session logs in once, and what it writes
// is what Dovecot stores.

#include "dovecotserver.h"
#include "exportfixtures.h"
#include "mailfixtures.h"

#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"

#include <QDir>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Dovecot logs one "Login: user=<...>" line per login (its login process).
int loginsOf(const DovecotServer &server, const QString &user)
{
    const QRegularExpression login(
            QStringLiteral(R"(Login: user=<%1>)").arg(QRegularExpression::escape(user)));
    return int(server.logContents().count(login));
}

} // namespace

class tst_GuiExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void exportOverTlsLogsInOnce_data();
    void exportOverTlsLogsInOnce();
    void exportAndDeleteEmptiesTheServer();

private:
    ConnectionSettings settings(Pop3Connection::Security security, const QString &user,
                                const QString &password) const;
    // Opens the session and waits until every row has its headers.
    void openAndSettle(MailboxSession &session, const ConnectionSettings &settings);

    DovecotServer m_server;
    QList<QByteArray> m_messages;
};

void tst_GuiExport::initTestCase()
{
    qRegisterMetaType<Pop3Error>();
    qRegisterMetaType<ExportJob::Summary>();
    qRegisterMetaType<MailboxSession::CommitResult>();
    m_messages = MailFixtures::standardMailbox();
    m_server.setMessages(m_messages);
    m_server.setMessages(m_messages, m_server.scratchUser());
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void tst_GuiExport::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("Dovecot log:\n%s", qPrintable(m_server.logContents()));
}

ConnectionSettings tst_GuiExport::settings(Pop3Connection::Security security, const QString &user,
                                           const QString &password) const
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("localhost"); // the name in the test certificate
    settings.security = security;
    settings.port = security == Pop3Connection::Security::ImplicitTls ? m_server.pop3sPort()
                                                                      : m_server.pop3Port();
    settings.caFile = DovecotServer::caCertificatePath();
    settings.user = user;
    settings.secret = password;
    settings.timeoutMs = 30000;
    return settings;
}

void tst_GuiExport::openAndSettle(MailboxSession &session, const ConnectionSettings &settings)
{
    QSignalSpy previews(&session, &MailboxSession::previewsFinished);
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    session.open(settings);
    QVERIFY(previews.wait(60000));
    QVERIFY(failed.isEmpty());
    QCOMPARE(session.state(), MailboxSession::State::Ready);
    QVERIFY(session.securitySummary().encrypted);
}

void tst_GuiExport::exportOverTlsLogsInOnce_data()
{
    QTest::addColumn<Pop3Connection::Security>("security");
    QTest::newRow("implicit TLS") << Pop3Connection::Security::ImplicitTls;
    QTest::newRow("STLS") << Pop3Connection::Security::StartTls;
}

void tst_GuiExport::exportOverTlsLogsInOnce()
{
    QFETCH(Pop3Connection::Security, security);
    const int loginsBefore = loginsOf(m_server, m_server.user());
    MailboxSession session;
    openAndSettle(session, settings(security, m_server.user(), m_server.password()));
    QCOMPARE(session.model()->messageCount(), m_messages.size());

    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("out"));
    QSignalSpy finished(&session, &MailboxSession::exportFinished);
    session.startExport(QStringLiteral("eml:") + target, {},
                        dir.filePath(QStringLiteral("journal")));
    QVERIFY(finished.wait(60000));
    const Pop3Error error = finished.at(0).at(1).value<Pop3Error>();
    QVERIFY2(!error.isError(), qPrintable(error.errorString()));
    QCOMPARE(finished.at(0).at(0).value<ExportJob::Summary>().exported, m_messages.size());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), MailboxSession::State::Ready, 30000);
    QVERIFY(session.securitySummary().encrypted); // the same TLS session, back from the worker

    // Byte for byte what Dovecot stores, as a POP3 client sees it.
    QByteArrayList written;
    const QStringList files = QDir(target).entryList({QStringLiteral("*.eml")}, QDir::Files);
    for (const QString &name : files)
        written.append(ExportTest::readFile(target + QLatin1Char('/') + name));
    QByteArrayList expected;
    for (int n = 1; n <= m_messages.size(); ++n)
        expected.append(DovecotServer::pop3Octets(m_server.storedMessage(n)));
    std::sort(written.begin(), written.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(written, expected);

    // The connection still works after its trip: a message opens on it.
    QSignalSpy ready(&session, &MailboxSession::messageReady);
    session.fetchMessage(1);
    QVERIFY(ready.wait(30000));
    QCOMPARE(ready.at(0).at(1).toByteArray(), DovecotServer::pop3Octets(m_server.storedMessage(1)));

    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(30000));
    QVERIFY(committed.at(0).at(0).value<MailboxSession::CommitResult>().quitConfirmed);
    QTRY_COMPARE_WITH_TIMEOUT(loginsOf(m_server, m_server.user()), loginsBefore + 1, 10000);
    QCOMPARE(m_server.storedMessageCount(), m_messages.size());
}

void tst_GuiExport::exportAndDeleteEmptiesTheServer()
{
    const QString user = m_server.scratchUser();
    const int loginsBefore = loginsOf(m_server, user);
    MailboxSession session;
    openAndSettle(
            session,
            settings(Pop3Connection::Security::ImplicitTls, user, m_server.scratchPassword()));

    QTemporaryDir dir;
    const QString mbox = dir.filePath(QStringLiteral("all.mbox"));
    QSignalSpy finished(&session, &MailboxSession::exportFinished);
    QSignalSpy committed(&session, &MailboxSession::committed);
    ExportJob::Options options;
    options.deleteAfter = true;
    session.startExport(QStringLiteral("mbox:") + mbox, options,
                        dir.filePath(QStringLiteral("journal")));
    QVERIFY(finished.wait(60000));
    const Pop3Error error = finished.at(0).at(1).value<Pop3Error>();
    QVERIFY2(!error.isError(), qPrintable(error.errorString()));
    const auto summary = finished.at(0).at(0).value<ExportJob::Summary>();
    QCOMPARE(summary.exported, m_messages.size());
    QCOMPARE(summary.deleted, m_messages.size());
    QCOMPARE(committed.size(), 1);
    QCOMPARE(committed.at(0).at(0).value<MailboxSession::CommitResult>().deleted(),
             m_messages.size());
    QCOMPARE(session.state(), MailboxSession::State::Closed);
    QCOMPARE(ExportTest::readFile(mbox).count("\nFrom ") + 1, m_messages.size());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.storedMessageCount(user), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(loginsOf(m_server, user), loginsBefore + 1, 10000);
}

QTEST_GUILESS_MAIN(tst_GuiExport)
#include "tst_guiexport.moc"
