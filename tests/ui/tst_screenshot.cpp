// Renders the main window the way a user sees it, against the fake server,
// and writes PNGs into <build>/tests/screenshots for the documentation and
// for a human to look at: a populated list, a preview, and an open HTML
// message, the window at 800x500 (with the protocol log too) and the About
// dialog, in English and in Korean. Runs offscreen (ui.screenshot) and on a
// real X server under Xvfb (ui.screenshot-xvfb); MAILPEEK_SCREENSHOT_DIR
// overrides where the PNGs go.

#include "aboutdialog.h"
#include "accountcontroller.h"
#include "accountdialog.h"
#include "accountstore.h"
#include "certificatedialog.h"
#include "demo/demoserver.h"
#include "errortext.h"
#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "exportcontroller.h"
#include "exportdialog.h"
#include "layoutchecks.h"
#include "mainwindow.h"
#include "messagebrowser.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "newmessagecounter.h"
#include "passwordprompt.h"
#include "passwordstore.h"
#include "pop3/pop3text.h"
#include "protocollogdock.h"
#include "screenshotsupport.h"
#include "testcertificates.h"
#include "translations.h"
#include "uitesthelpers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace UiTest;
using ScreenshotSupport::outputDirectory;

namespace {

struct Sample
{
    const char *from;
    const char *subject;
    const char *date;
    qint64 size;
};

const Sample samples[] = {
        {"Alice Martin <alice@example.org>", "Quarterly report Q4",
         "Tue, 02 Jan 2024 09:12:00 +0100", 12480},
        {"Spam Inc <win@spam.example>", "You won a prize!!!", "Tue, 02 Jan 2024 11:40:00 +0000",
         3120},
        {"=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <joerg@example.de>",
         "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=", "Wed, 03 Jan 2024 08:05:00 +0100", 5532},
        {"GitHub <noreply@github.com>", "[mailpeek] Pull request #42: Pipelined TOP previews",
         "Wed, 03 Jan 2024 14:22:00 +0000", 8840},
        {"Bob Stone <bob@example.net>", "Lunch on Friday?", "Thu, 04 Jan 2024 12:01:00 -0500",
         1870},
        {"Newsletter <news@shop.example>", "Winter sale: 30% off everything",
         "Thu, 04 Jan 2024 18:30:00 +0000", 48210},
        {"Carol White <carol@example.org>", "Re: Holiday photos", "Fri, 05 Jan 2024 20:15:00 +0100",
         2450112},
        {"IT Support <it@example.org>", "Scheduled maintenance on Saturday",
         "Sat, 06 Jan 2024 07:00:00 +0100", 4021},
        {"Dana Lee <dana@example.com>", "Invoice 2024-001", "Mon, 08 Jan 2024 10:45:00 +0900",
         96544},
        {"Alice Martin <alice@example.org>", "Re: Quarterly report Q4",
         "Mon, 08 Jan 2024 16:20:00 +0100", 6610},
};
constexpr int sampleCount = int(sizeof(samples) / sizeof(samples[0]));

QByteArray headersOf(const Sample &sample)
{
    return QByteArray("From: ") + sample.from +
            "\r\nTo: Bob <bob@example.org>\r\nSubject: " + sample.subject +
            "\r\nDate: " + sample.date + "\r\n";
}

const char previewBody[] =
        "Hi Bob,\r\n\r\n"
        "the Q4 numbers are in. Revenue is up 12% on Q3, mostly thanks to the\r\n"
        "new support contracts; costs stayed flat.\r\n\r\n"
        "The full report is attached. Could you look at the section on churn\r\n"
        "before Thursday's meeting?\r\n\r\n"
        "Thanks,\r\nAlice\r\n";

QByteArray htmlMessage()
{
    return headersOf(samples[5]) +
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            "<html><body><h2 style=\"color:#1565c0\">Winter sale</h2>"
            "<p>Everything is <b>30% off</b> until Sunday. Remote images in this "
            "mail are not loaded:</p><img src=\"https://tracker.example/pixel.gif\" "
            "width=\"1\" height=\"1\"><ul><li>Coats</li><li>Boots</li><li>Scarves</li></ul>"
            "<p><a href=\"https://shop.example/sale\">Visit the shop</a></p>"
            "<script>document.location='https://evil.example'</script></body></html>\r\n"
            "--b1\r\nContent-Type: application/pdf; name=\"catalogue.pdf\"\r\n"
            "Content-Disposition: attachment; filename=\"catalogue.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";
}

QList<qint64> sampleSizes()
{
    QList<qint64> sizes;
    for (const Sample &sample : samples)
        sizes.append(sample.size);
    return sizes;
}

} // namespace

class tst_Screenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mainWindow_data();
    void mainWindow();
    void demoMailbox_data() { mainWindow_data(); }
    // The README's picture: `mailpeek --demo`, the newsletter opened.
    void demoMailbox();
    void listingNotice_data() { mainWindow_data(); }
    // A UIDL answer with a malformed line and a UID two messages share: the
    // mailbox opens, and the status bar says which messages lost their UID.
    void listingNotice();
    void coreErrorIsTranslated_data() { mainWindow_data(); }
    // An error worded by core (the protocol layer) reaches the window in
    // the UI's language from start to end.
    void coreErrorIsTranslated();
    void dialogs_data() { mainWindow_data(); }
    // The dialogs at their fullest: the export dialog with its deletion
    // warning, the account dialog with the unencrypted warning and a pinned
    // certificate, the certificate question; the export dialog with nothing
    // selected and the password asked again. Nothing cut off or overlapping.
    void dialogs();
    void smallWindow_data() { mainWindow_data(); }
    // The window at 800x500 with a filter on and a message marked, then
    // with the protocol log open: the list keeps its rows, Subject has the
    // width, the toolbar shows no mnemonics.
    void smallWindow();
    void about_data() { mainWindow_data(); }
    void about();
    void accountsAndExport_data() { mainWindow_data(); }
    // Issue 14: the account dialog refusing a server name, editing an
    // account with a stored password, the export dialog's count of new
    // messages, the export's result with "Open folder", and the failed
    // open offering "Edit account…".
    void accountsAndExport();

private:
    void saveDialog(QWidget &dialog, const QString &name)
    {
        QTRY_COMPARE(layoutProblems(&dialog), QString());
        const QString path = outputDirectory() + QLatin1Char('/') + name;
        QVERIFY(dialog.grab().toImage().save(path));
        qInfo("wrote %s", qPrintable(path));
    }
    void save(QWidget &window, const QString &name)
    {
        const QString path = outputDirectory() + QLatin1Char('/') + name;
        // Texts just set (the status bar's count) lay out first.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QImage image = window.grab().toImage();
        QVERIFY(image.width() >= 800);
        QVERIFY(image.height() >= 500);
        QVERIFY(image.save(path));
        qInfo("wrote %s", qPrintable(path));
    }
};

void tst_Screenshot::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
}

void tst_Screenshot::mainWindow_data()
{
    ScreenshotSupport::addLocaleRows();
}

void tst_Screenshot::mainWindow()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    // As main() does with QLocale::system(): texts, dates and sizes follow it.
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    FakePop3Server server;
    const QList<qint64> sizes = sampleSizes();
    Script script = login() + listing(sizes);
    for (int n = 1; n <= sampleCount; ++n)
        script += top(n, 0, headersOf(samples[n - 1]) + "\r\n");
    script += top(1, 20, headersOf(samples[0]) + "\r\n" + previewBody);
    script += top(6, 20, headersOf(samples[5]));
    script += Script{"C: RETR 6", "S: +OK", FakePop3Server::multiline(htmlMessage()), "C: QUIT",
                     "S: +OK"};
    server.addScenario(script);

    MainWindow window;
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.session()->model()->rowCount(), sampleCount);
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    window.session()->markForDeletion({2});

    QTreeView *view = window.messageView();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    save(window, QStringLiteral("mainwindow-preview%1.png").arg(suffix));

    view->setCurrentIndex(view->model()->index(5, 0));
    QTRY_COMPARE(window.viewer()->number(), 6);
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    window.openCurrentMessage();
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Message);
    QVERIFY(!window.viewer()->browser()->toHtml().contains(QStringLiteral("tracker.example")));
    save(window, QStringLiteral("mainwindow-html-message%1.png").arg(suffix));

    window.session()->unmark({2});
    window.close();
    QTRY_VERIFY(!window.isVisible());
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
}

void tst_Screenshot::demoMailbox()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    DemoServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openDemo(DemoServer::demoSettings(server.port()));
    QTRY_VERIFY(window.session()->model()->rowCount() > 2);
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->model()->pendingNumbers().isEmpty(), 20000);
    QVERIFY(window.securityText().startsWith(QStringLiteral("TLS")));

    QTreeView *view = window.messageView();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(1, 0));
    QTRY_COMPARE(window.viewer()->number(), 2);
    window.openCurrentMessage();
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Message);
    save(window, QStringLiteral("mailpeek-demo%1.png").arg(suffix));

    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_Screenshot::listingNotice()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    FakePop3Server server;
    const QList<qint64> sizes = sampleSizes();
    Script script = login();
    Script list = listing(sizes);
    // UIDL: message 2's line carries a control character, 3 and 5 share one.
    for (QByteArray &line : list) {
        if (line == "S: 2 uid-2")
            line = "S: 2 bad\x01uid";
        else if (line == "S: 5 uid-5")
            line = "S: 5 uid-3";
    }
    script += list;
    for (int n = 1; n <= sampleCount; ++n)
        script += top(n, 0, headersOf(samples[n - 1]) + "\r\n");
    script += Script{"C: QUIT", "S: +OK"};
    server.addScenario(script);

    MainWindow window;
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.session()->model()->rowCount(), sampleCount);
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    auto *notice = window.findChild<QLabel *>(QStringLiteral("sessionNotice"));
    QVERIFY(notice);
    QTRY_VERIFY(notice->isVisible());
    const QString expected = locale.language() == QLocale::Korean ? QStringLiteral("UIDL")
                                                                  : QStringLiteral("unique-id");
    QVERIFY2(notice->text().contains(expected), qPrintable(notice->text()));
    QVERIFY2(notice->text().contains(QLatin1String("2, 3, 5")), qPrintable(notice->text()));
    save(window, QStringLiteral("mainwindow-uidl-notice%1.png").arg(suffix));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_Screenshot::coreErrorIsTranslated()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    // A web server on the POP3 port: Pop3Connection words the failure.
    FakePop3Server server;
    server.addScenario({"S: HTTP/1.1 400 Bad Request"});
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSession(settingsFor(server));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("notice"))) != nullptr);
    QTRY_VERIFY(box->isVisible());
    const QString text = box->text();
    const QString expected = locale.language() == QLocale::Korean
            ? QStringLiteral("서버 인사말이 POP3 인사말이 아닙니다")
            : QStringLiteral("The server's greeting is not a POP3 greeting");
    QVERIFY2(text.contains(expected), qPrintable(text));
    if (locale.language() == QLocale::Korean) {
        // No English sentence left in it: only the server's own words are.
        QVERIFY2(!text.contains(QStringLiteral("The server")), qPrintable(text));
    }
    const QImage image = box->grab().toImage();
    QVERIFY(!image.isNull());
    const QString path = outputDirectory() + QStringLiteral("/error-not-pop3%1.png").arg(suffix);
    QVERIFY(image.save(path));
    qInfo("wrote %s", qPrintable(path));
    box->close();
    window.close();
}

void tst_Screenshot::dialogs()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    ExportDialog exportDialog(2, 10);
    exportDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
    exportDialog.findChild<QCheckBox *>(QStringLiteral("exportDelete"))->click();
    saveDialog(exportDialog, QStringLiteral("dialog-export-delete%1.png").arg(suffix));

    const QSslCertificate certificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    Account account;
    account.name = QStringLiteral("Home");
    account.host = QStringLiteral("pop.example.org");
    account.user = QStringLiteral("bob");
    account.security = Pop3Connection::Security::None;
    account.port = Pop3Connection::DefaultPort;
    account.pinnedCertificate = certificate;
    AccountDialog accountDialog;
    accountDialog.setAccount(account);
    accountDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&accountDialog));
    QVERIFY(accountDialog.plaintextWarning()->isVisible());
    saveDialog(accountDialog, QStringLiteral("dialog-account%1.png").arg(suffix));

    CertificateDialog certificateDialog(
            CertificateDialog::Mode::OfferPinning, QStringLiteral("localhost"),
            {QSslError(QSslError::SelfSignedCertificate, certificate)}, {certificate});
    certificateDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&certificateDialog));
    saveDialog(certificateDialog, QStringLiteral("dialog-certificate%1.png").arg(suffix));

    // Nothing selected: the selection's option says so and "All" is chosen.
    ExportDialog noSelection(0, 10);
    noSelection.show();
    QVERIFY(QTest::qWaitForWindowExposed(&noSelection));
    saveDialog(noSelection, QStringLiteral("dialog-export-none-selected%1.png").arg(suffix));

    // Asked again after a refusal: the reason above the field.
    // As Pop3Connection words a refused PASS.
    const Pop3Error refusal = Pop3Error::fromServerLine("-ERR [AUTH] Authentication failed.",
                                                        Pop3Text::tr("Login failed"));
    PasswordPrompt prompt(QStringLiteral("bob"), QStringLiteral("pop.example.org"),
                          explainError(refusal));
    prompt.show();
    QVERIFY(QTest::qWaitForWindowExposed(&prompt));
    saveDialog(prompt, QStringLiteral("dialog-password%1.png").arg(suffix));
}

void tst_Screenshot::smallWindow()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));

    FakePop3Server server;
    Script script = login() + listing(sampleSizes());
    for (int n = 1; n <= sampleCount; ++n)
        script += top(n, 0, headersOf(samples[n - 1]) + "\r\n");
    script += top(1, 20, headersOf(samples[0]) + "\r\n" + previewBody);
    script += Script{"C: QUIT", "S: +OK"};
    server.addScenario(script);

    MainWindow window;
    window.resize(800, 500);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.session()->model()->rowCount(), sampleCount);
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    window.session()->markForDeletion({10});
    QTreeView *view = window.messageView();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    window.filterEdit()->setText(QStringLiteral("alice"));
    QTRY_COMPARE(view->model()->rowCount(), 2);
    save(window, QStringLiteral("mainwindow-small%1.png").arg(suffix));

    window.filterEdit()->clear();
    window.logDock()->toggleViewAction()->trigger();
    QTRY_VERIFY(window.logDock()->isVisible());
    window.logDock()->appendLine(QStringLiteral("C: STAT"));
    window.logDock()->appendLine(QStringLiteral("S: +OK 10 2640359"));
    QTRY_VERIFY(view->viewport()->height() >= 5 * view->sizeHintForRow(0));
    // In either language the window keeps the size it was given.
    QCOMPARE(window.size(), QSize(800, 500));
    save(window, QStringLiteral("mainwindow-protocol-log%1.png").arg(suffix));

    // Closing with a message marked asks first; Cancel keeps everything.
    window.close();
    QMessageBox *confirmation = nullptr;
    QTRY_VERIFY((confirmation =
                         window.findChild<QMessageBox *>(QStringLiteral("commitConfirmation"))) &&
                confirmation->isVisible());
    saveDialog(*confirmation, QStringLiteral("dialog-commit%1.png").arg(suffix));
    confirmation->findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
    QTRY_VERIFY(!confirmation->isVisible());
    QVERIFY(window.isVisible());

    window.session()->unmark({10});
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_Screenshot::about()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    saveDialog(dialog, QStringLiteral("dialog-about%1.png").arg(suffix));
}

void tst_Screenshot::accountsAndExport()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    QSettings().clear();
    QFile::remove(ExportStateStore::defaultPath());

    {
        AccountDialog dialog;
        dialog.findChild<QLineEdit *>(QStringLiteral("accountName"))
                ->setText(QStringLiteral("Work"));
        dialog.findChild<QLineEdit *>(QStringLiteral("accountHost"))
                ->setText(QStringLiteral("pop example.org"));
        dialog.findChild<QLineEdit *>(QStringLiteral("accountUser"))
                ->setText(QStringLiteral("bob"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("accountHostError"))->isVisible());
        saveDialog(dialog, QStringLiteral("dialog-account-refused%1.png").arg(suffix));
    }
    {
        Account account;
        account.name = QStringLiteral("Home");
        account.host = QStringLiteral("pop.example.org");
        account.user = QStringLiteral("bob");
        AccountDialog dialog;
        dialog.setAccount(account);
        dialog.setPasswordStored(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("accountForgetPassword"))
                        ->isVisible());
        saveDialog(dialog, QStringLiteral("dialog-account-edit%1.png").arg(suffix));
    }

    // Four of the ten sample messages went to ~/Mail before.
    QTemporaryDir home;
    const QString mail = home.filePath(QStringLiteral("Mail"));
    const ExportAccount account{QStringLiteral("pop.example.org"), 995, QStringLiteral("bob")};
    {
        ExportStateStore store;
        QVERIFY(store.open());
        QList<ExportRecord> records;
        for (int n = 1; n <= 4; ++n)
            records.append({ExportKey::fromUidl(account.host, account.port, account.user,
                                                QStringLiteral("uid-%1").arg(n)),
                            samples[n - 1].size,
                            ExportTarget::destinationOf(ExportTarget::Format::Eml, mail)});
        QVERIFY(store.markExported(records));
    }
    {
        QList<NewMessageCounter::Message> messages;
        for (int n = 1; n <= sampleCount; ++n)
            messages.append({n, samples[n - 1].size, "uid-" + QByteArray::number(n)});
        ExportDialog dialog(0, sampleCount);
        dialog.setPath(mail);
        dialog.setOnlyNew(true);
        dialog.setNewMessageCounter(
                new NewMessageCounter(ExportStateStore::defaultPath(), account, messages, {}));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *count = dialog.findChild<QLabel *>(QStringLiteral("exportNewCount"));
        QTRY_VERIFY(count->text().contains(QLatin1Char('6')));
        saveDialog(dialog, QStringLiteral("dialog-export-onlynew%1.png").arg(suffix));
    }

    // An export's result, after a real export from the fake server.
    {
        QList<QByteArray> raws;
        for (int n = 0; n < 2; ++n)
            raws.append(headersOf(samples[n]) + "\r\nHello\r\n");
        FakePop3Server server;
        Script script = login() + listing({raws[0].size(), raws[1].size()});
        for (int n = 1; n <= 2; ++n)
            script += top(n, 0, headersOf(samples[n - 1]) + "\r\n");
        script += Script{"C: LIST",
                         "S: +OK",
                         "S: 1 " + QByteArray::number(raws[0].size()),
                         "S: 2 " + QByteArray::number(raws[1].size()),
                         "S: .",
                         "C: UIDL",
                         "S: +OK",
                         "S: 1 uid-1",
                         "S: 2 uid-2",
                         "S: ."};
        for (int n = 1; n <= 2; ++n)
            script += Script{"C: RETR " + QByteArray::number(n), "S: +OK",
                             FakePop3Server::multiline(raws[n - 1])};
        script += listing({raws[0].size(), raws[1].size()});
        server.addScenario(script);
        MailboxSession session;
        session.open(settingsFor(server));
        QTRY_COMPARE(session.state(), MailboxSession::State::Ready);
        QTRY_VERIFY(session.model()->pendingNumbers().isEmpty());
        QWidget window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ExportController controller(&session, &window, [] { return QModelIndexList(); });
        controller.start(QStringLiteral("mbox:") + home.filePath(QStringLiteral("Mail/inbox.mbox")),
                         {});
        QMessageBox *summary = nullptr;
        QTRY_VERIFY((summary = window.findChild<QMessageBox *>(QStringLiteral("exportSummary"))) &&
                    summary->isVisible());
        QVERIFY(summary->findChild<QPushButton *>(QStringLiteral("openExportFolder")));
        saveDialog(*summary, QStringLiteral("export-result%1.png").arg(suffix));
        summary->accept();
        session.abort();
    }

    // A failed open of an account offers to edit it.
    {
        FakePop3Server server;
        server.addScenario({"S: HTTP/1.1 400 Bad Request"});
        MainWindow window;
        window.resize(1100, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        openAccount(window, accountFor(server));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("notice"))) &&
                    box->isVisible());
        QVERIFY(box->findChild<QPushButton *>(QStringLiteral("editAccountButton")));
        saveDialog(*box, QStringLiteral("error-edit-account%1.png").arg(suffix));
        box->close();
        window.close();
    }
    QSettings().clear();
}

QTEST_MAIN(tst_Screenshot)
#include "tst_screenshot.moc"
