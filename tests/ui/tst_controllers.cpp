#include "accountcontroller.h"
#include "certificatedialog.h"
#include "dragoutcache.h"
#include "mainwindow.h"
#include "messageviewer.h"
#include "mime/headersummary.h"
#include "mime/parsedmessage.h"
#include "models/messagelistmodel.h"
#include "passwordstore.h"
#include "testcertificates.h"
#include "trustcontroller.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QInputDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslError>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QWidget>

// The window's controllers, each on its own, and the window's end while
// work it started still runs on the thread pool.

namespace {

TrustQuestion question()
{
    const QSslCertificate certificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    TrustQuestion q;
    q.host = QStringLiteral("pop.example.org");
    q.port = 995;
    q.chain = {certificate};
    q.errors = {QSslError(QSslError::SelfSignedCertificate, certificate)};
    return q;
}

// What a decider answered, and how often.
struct Answers
{
    int count = 0;
    QSslCertificate last;
    TrustDecider::Answer recorder()
    {
        return [this](const QSslCertificate &pin) {
            ++count;
            last = pin;
        };
    }
};

// A message whose parse takes a while: many text parts, each decoded and
// turned into text by the viewer's parser.
QByteArray slowToParse()
{
    QByteArray raw = "From: a@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
                     "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n";
    const QByteArray line = QByteArray(70, 'x') + "\r\n";
    for (int part = 0; part < 12000; ++part) {
        raw += "--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        for (int i = 0; i < 40; ++i)
            raw += line;
    }
    raw += "--b--\r\n";
    return raw;
}

} // namespace

class tst_Controllers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accountsPinOnlyWhileSettingUp();
    void trustOffersPinningWhileSettingUp();
    void trustIsAHardFailureOnceVerified();
    void dragOutWritesOpenedMessagesOnly();
    void dragOutFolderGoesWithTheLastWrite();
    void closingTheWindowDuringAParseDoesNotWait();
};

void tst_Controllers::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_controllers"));
}

void tst_Controllers::accountsPinOnlyWhileSettingUp()
{
    for (const Account &old : AccountStore::load())
        AccountStore::remove(old.id);
    Account account;
    account.id = AccountStore::newId();
    account.host = QStringLiteral("pop.example.org");
    account.user = QStringLiteral("bob");
    AccountStore::save(account);
    AccountStore::setLastAccountId(account.id);

    QWidget parent;
    auto *box = new QComboBox(&parent);
    AccountController accounts(box, &parent);
    accounts.passwordStore()->setKeychainEnabled(false);
    QSignalSpy requested(&accounts, &AccountController::openRequested);
    accounts.load(true);
    // The account, a separator and "Add account…".
    QCOMPARE(box->count(), 3);
    QCOMPARE(box->currentText(), account.displayName());
    // No keychain: the password is asked for, then the connection requested.
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY((prompt = parent.findChild<QInputDialog *>(QStringLiteral("passwordDialog"))) &&
                prompt->isVisible());
    prompt->setTextValue(QStringLiteral("secret"));
    prompt->accept();
    QCOMPARE(requested.size(), 1);
    const auto settings = requested.first().first().value<ConnectionSettings>();
    QCOMPARE(settings.host, account.host);
    QCOMPARE(settings.secret, QStringLiteral("secret"));

    // Never logged in: being set up, so a pin is stored on the account.
    QVERIFY(accounts.settingUp());
    const QSslCertificate first = TestCertificates::certificate(QStringLiteral("selfsigned"));
    accounts.pin(first);
    QCOMPARE(AccountStore::load().first().pinnedCertificate, first);
    // Logged in once: verified, and from then on nothing can be pinned.
    accounts.opened();
    QVERIFY(!accounts.settingUp());
    QVERIFY(AccountStore::load().first().verified);
    accounts.pin(TestCertificates::certificate(QStringLiteral("expired")));
    QCOMPARE(AccountStore::load().first().pinnedCertificate, first);
    AccountStore::remove(account.id);
}

void tst_Controllers::trustOffersPinningWhileSettingUp()
{
    QWidget parent;
    QSslCertificate pinned;
    TrustController trust(
            &parent, [] { return true; }, [&pinned](const QSslCertificate &c) { pinned = c; });
    Answers answers;
    trust.decide(question(), answers.recorder());
    CertificateDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = parent.findChild<CertificateDialog *>()) && dialog->isVisible());
    QCOMPARE(answers.count, 0); // asynchronous: the user has not answered yet
    auto *trustButton = dialog->findChild<QPushButton *>(QStringLiteral("trustButton"));
    QVERIFY(trustButton);
    trustButton->click();
    QCOMPARE(answers.count, 1);
    QCOMPARE(answers.last, question().chain.first());
    QCOMPARE(pinned, question().chain.first());
    // A pin is no refusal: the session's next TLS failure is reported.
    QVERIFY(!trust.shown());
}

void tst_Controllers::trustIsAHardFailureOnceVerified()
{
    QWidget parent;
    bool pinnedCalled = false;
    TrustController trust(
            &parent, [] { return false; },
            [&pinnedCalled](const QSslCertificate &) { pinnedCalled = true; });
    Answers answers;
    answers.last = question().chain.first();
    trust.decide(question(), answers.recorder());
    CertificateDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = parent.findChild<CertificateDialog *>()) && dialog->isVisible());
    // An account in use is never offered the certificate (RFC 8314 5.4).
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("trustButton")));
    // Even a dialog that ends "accepted" grants nothing here.
    dialog->accept();
    QCOMPARE(answers.count, 1);
    QVERIFY(answers.last.isNull());
    QVERIFY(!pinnedCalled);
    QVERIFY(trust.shown());
    trust.forget();
    QVERIFY(!trust.shown());
}

void tst_Controllers::dragOutWritesOpenedMessagesOnly()
{
    MessageListModel model;
    model.setListing({{1, 100, "uid-1"}, {2, 200, "uid-2"}});
    HeaderSummary headers;
    headers.subject = QStringLiteral("../../etc/passwd");
    model.setHeaders(2, headers);
    DragOutCache cache(&model);
    QSignalSpy kept(&cache, &DragOutCache::kept);
    const QByteArray raw = "Subject: ../../etc/passwd\r\n\r\nbody\r\n";
    cache.keep(2, raw);
    QVERIFY(kept.wait(5000));
    int missing = -1;
    const QList<QUrl> urls = cache.urls({1, 2}, &missing);
    QCOMPARE(missing, 1);
    QCOMPARE(urls.size(), 1);
    const QString path = urls.first().toLocalFile();
    // Named by the sanitiser, inside the cache's folder.
    QCOMPARE(QFileInfo(path).absolutePath(), QDir(cache.directory()).absolutePath());
    QVERIFY(path.endsWith(QStringLiteral(".eml")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), raw);
    // Kept once per message.
    cache.keep(2, raw);
    QVERIFY(!kept.wait(200));
}

void tst_Controllers::dragOutFolderGoesWithTheLastWrite()
{
    MessageListModel model;
    model.setListing({{1, 100, "uid-1"}});
    QString directory;
    {
        DragOutCache cache(&model);
        // Big enough that the write is likely still running below.
        cache.keep(1, QByteArray(64 << 20, 'x'));
        directory = cache.directory();
        QVERIFY(QDir(directory).exists());
    } // gone at once, nothing waited for the write
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents(); // the late "written" goes nowhere
    QVERIFY(!QDir(directory).exists());
}

void tst_Controllers::closingTheWindowDuringAParseDoesNotWait()
{
    const QByteArray raw = slowToParse();
    QElapsedTimer clock;
    clock.start();
    const ParsedMessage reference = ParsedMessage::parse(raw);
    const qint64 parseMs = clock.elapsed();
    QVERIFY(!reference.plainText().isEmpty());
    // Otherwise the comparison below proves nothing.
    QVERIFY2(parseMs >= 150, qPrintable(QStringLiteral("parse took %1 ms").arg(parseMs)));

    auto *window = new MainWindow;
    window->show();
    window->viewer()->showMessage(1, raw);
    QCOMPARE(window->viewer()->mode(), MessageViewer::Mode::Empty); // the parse runs
    clock.restart();
    delete window;
    const qint64 closeMs = clock.elapsed();
    // The parse is still running; the window did not wait for it.
    QVERIFY(QThreadPool::globalInstance()->activeThreadCount() > 0);
    QVERIFY2(
            closeMs < parseMs / 2,
            qPrintable(
                    QStringLiteral("closing took %1 ms, a parse %2 ms").arg(closeMs).arg(parseMs)));
    // Its result comes back to no one, without a crash.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
}

QTEST_MAIN(tst_Controllers)
#include "tst_controllers.moc"
