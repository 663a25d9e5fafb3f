// Accounts as the user meets them: the dialog refuses a server name or port
// that cannot be right (marked, and said in words), editing says whether a
// password is stored without showing it, and a failed open offers to edit
// the account.

#include "accountcontroller.h"
#include "accountdialog.h"
#include "accountstore.h"
#include "fielderror.h"
#include "mainwindow.h"
#include "passwordstore.h"
#include "serverchecks.h"
#include "uitesthelpers.h"

#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

using namespace UiTest;

namespace {

QPushButton *okButton(AccountDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

} // namespace

class tst_AccountFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void hostAndPortAreCheckedInTheDialog_data();
    void hostAndPortAreCheckedInTheDialog();
    void fieldErrorsAreAnnouncedAsTheyAppear();
    void cancelledPasswordPromptSaysNotConnected();
    void editingSaysAPasswordIsStored();
    void openFailureOffersToEditTheAccount();
    void refusedPasswordOffersToEditTheAccount();
    void openWithoutAccountOffersNoEditing();

private:
    // "Edit account…" in `from` closes it and opens the account dialog for
    // `account`.
    void editOpensTheAccount(QWidget *from, const MainWindow &window, const Account &account)
    {
        auto *edit = from->findChild<QPushButton *>(QStringLiteral("editAccountButton"));
        QVERIFY(edit);
        QVERIFY(edit->isVisible());
        QCOMPARE(edit->text(), QStringLiteral("&Edit account…"));
        edit->click();
        QTRY_VERIFY(!from->isVisible());
        AccountDialog *dialog = nullptr;
        QTRY_VERIFY(
                (dialog = visibleChild<AccountDialog>(window, QStringLiteral("accountDialog"))));
        QCOMPARE(dialog->account().id, account.id);
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("accountHost"))->text(),
                 account.host);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit account"));
        dialog->reject();
    }
};

void tst_AccountFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_accountflow"));
}

void tst_AccountFlow::init()
{
    QSettings().clear();
}

void tst_AccountFlow::hostAndPortAreCheckedInTheDialog_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<bool>("hostRefused");
    QTest::addColumn<bool>("portRefused");
    QTest::newRow("name") << "pop.example.org"
                          << "995" << false << false;
    QTest::newRow("spaces around") << "  pop.example.org "
                                   << "110" << false << false;
    QTest::newRow("IPv4") << "192.0.2.7"
                          << "995" << false << false;
    QTest::newRow("IPv6") << "2001:db8::1"
                          << "995" << false << false;
    QTest::newRow("international") << "mail.müller.de"
                                   << "995" << false << false;
    QTest::newRow("space inside") << "pop example.org"
                                  << "995" << true << false;
    QTest::newRow("tab inside") << "pop\texample.org"
                                << "995" << true << false;
    QTest::newRow("port in host") << "pop.example.org:995"
                                  << "995" << true << false;
    QTest::newRow("empty label") << "pop..example.org"
                                 << "995" << true << false;
    QTest::newRow("leading hyphen") << "-pop.example.org"
                                    << "995" << true << false;
    QTest::newRow("url") << "pop://example.org"
                         << "995" << true << false;
    QTest::newRow("port 0") << "pop.example.org"
                            << "0" << false << true;
    QTest::newRow("port too big") << "pop.example.org"
                                  << "70000" << false << true;
    QTest::newRow("port letters") << "pop.example.org"
                                  << "pop3" << false << true;
    QTest::newRow("port empty") << "pop.example.org"
                                << "" << false << true;
}

void tst_AccountFlow::hostAndPortAreCheckedInTheDialog()
{
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(bool, hostRefused);
    QFETCH(bool, portRefused);

    AccountDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *hostEdit = dialog.findChild<QLineEdit *>(QStringLiteral("accountHost"));
    auto *portEdit = dialog.findChild<QLineEdit *>(QStringLiteral("accountPort"));
    auto *hostError = dialog.findChild<QLabel *>(QStringLiteral("accountHostError"));
    auto *portError = dialog.findChild<QLabel *>(QStringLiteral("accountPortError"));
    QVERIFY(hostEdit && portEdit && hostError && portError);
    QVERIFY(!hostError->isVisible());
    QVERIFY(!portError->isVisible());
    dialog.findChild<QLineEdit *>(QStringLiteral("accountName"))->setText(QStringLiteral("Name"));
    dialog.findChild<QLineEdit *>(QStringLiteral("accountUser"))->setText(QStringLiteral("bob"));

    // The check follows each change, as the user types.
    hostEdit->setFocus();
    for (const QChar c : host)
        hostEdit->insert(QString(c));
    portEdit->clear();
    for (const QChar c : port)
        portEdit->insert(QString(c));

    QCOMPARE(okButton(dialog)->isEnabled(), !hostRefused && !portRefused);
    const auto checkField = [](QLineEdit *field, QLabel *error, bool refused) {
        QCOMPARE(error->isVisible(), refused);
        QCOMPARE(field->property("invalid").toBool(), refused);
        // Not colour alone: the words are on screen and in what a screen
        // reader says about the field.
        QCOMPARE(field->accessibleDescription(), refused ? error->text() : QString());
        QCOMPARE(error->text().isEmpty(), !refused);
        // The field keeps its form label ("Server:", "Port:") as its name:
        // the error sentence is its description, not a second label.
        QCOMPARE(error->buddy(), nullptr);
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(field);
        QVERIFY(accessible);
        QVERIFY(!accessible->text(QAccessible::Name).isEmpty());
        QVERIFY(accessible->text(QAccessible::Name) != error->text());
        QCOMPARE(field->palette().color(QPalette::Base) != error->palette().color(QPalette::Base),
                 refused);
    };
    checkField(hostEdit, hostError, hostRefused);
    checkField(portEdit, portError, portRefused);
    QCOMPARE(AccountDialog::hostProblem(host).isEmpty(), !hostRefused);
    QCOMPARE(AccountDialog::portProblem(port).isEmpty(), !portRefused);
    if (!hostRefused && !portRefused) {
        QCOMPARE(dialog.account().host, host.trimmed());
        QCOMPARE(dialog.account().port, quint16(port.toUInt()));
    }
}

void tst_AccountFlow::fieldErrorsAreAnnouncedAsTheyAppear()
{
    AccountDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *host = dialog.findChild<QLineEdit *>(QStringLiteral("accountHost"));
    auto *port = dialog.findChild<QLineEdit *>(QStringLiteral("accountPort"));
    auto *hostError = dialog.findChild<FieldError *>(QStringLiteral("accountHostError"));
    auto *portError = dialog.findChild<FieldError *>(QStringLiteral("accountPortError"));
    QVERIFY(hostError && portError);
    QSignalSpy hostAlerts(hostError, &FieldError::announced);
    QSignalSpy portAlerts(portError, &FieldError::announced);

    // To a screen reader the sentence is a notification named by its text,
    // which is spoken when it shows (AT-SPI), not a static label read only
    // on request; and it is sent as an alert while the field keeps the
    // focus, not left for the next time the field gets it.
    host->setFocus();
    QTest::keyClicks(host, QStringLiteral("pop e"));
    QTRY_VERIFY(hostError->isVisible());
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(hostError);
    QVERIFY(accessible);
    QCOMPARE(accessible->role(), QAccessible::Notification);
    QCOMPARE(accessible->text(QAccessible::Name), hostError->text());
    QVERIFY(hostError->text().contains(QStringLiteral("spaces")));
    QCOMPARE(hostAlerts.size(), 1);
    QCOMPARE(hostAlerts.first().first().toString(), hostError->text());
    QVERIFY(host->hasFocus());
    QCOMPARE(host->accessibleDescription(), hostError->text());

    // The same problem is not announced again at every key.
    QTest::keyClicks(host, QStringLiteral("xample.org"));
    QCOMPARE(hostAlerts.size(), 1);
    // A different one is.
    host->setText(QStringLiteral("pop.example.org:995"));
    QCOMPARE(hostAlerts.size(), 2);
    QCOMPARE(accessible->text(QAccessible::Name), hostError->text());
    QVERIFY(hostError->text().contains(QStringLiteral("Port")));
    // Fixed: the sentence goes, with nothing to announce.
    host->setText(QStringLiteral("pop.example.org"));
    QVERIFY(!hostError->isVisible());
    QCOMPARE(hostAlerts.size(), 2);

    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("0"));
    QTRY_VERIFY(portError->isVisible());
    QCOMPARE(portAlerts.size(), 1);
    QCOMPARE(QAccessible::queryAccessibleInterface(portError)->role(), QAccessible::Notification);
}

void tst_AccountFlow::cancelledPasswordPromptSaysNotConnected()
{
    FakePop3Server server; // never connected to: only its port is used
    const Account account = accountFor(server);
    AccountStore::save(account);
    AccountStore::setLastAccountId(account.id);
    MainWindow window;
    window.show();
    // No password stored: it is asked for.
    window.passwordStore()->setKeychainEnabled(false);
    window.accounts()->load(false);
    window.accounts()->connectToCurrent();
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Reading the password…"));
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY((prompt = visibleChild<QInputDialog>(window, QStringLiteral("passwordDialog"))));
    prompt->reject();
    // No password, no connection, and the bar says so instead of still
    // reading the password.
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Not connected"));
    QCOMPARE(window.session()->state(), MailboxSession::State::Disconnected);
    QVERIFY(server.receivedLines().isEmpty());
    window.close();
}

void tst_AccountFlow::editingSaysAPasswordIsStored()
{
    FakePop3Server server; // never connected to: only its port is used
    const Account account = accountFor(server);
    AccountStore::save(account);
    AccountStore::setLastAccountId(account.id);
    QWidget parent;
    QComboBox box(&parent);
    AccountController controller(&box, &parent);
    controller.passwordStore()->setKeychainEnabled(false);
    controller.load(false);

    QString stored;
    bool found = false;
    bool answered = false;
    const auto readBack = [&] {
        answered = false;
        controller.passwordStore()->read(account.keychainKey(), [&](bool ok, const QString &value) {
            found = ok;
            stored = value;
            answered = true;
        });
        QTRY_VERIFY(answered);
    };

    // Without a stored password there is nothing to forget.
    controller.editAccount();
    AccountDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<AccountDialog>(parent, QStringLiteral("accountDialog"))));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit account"));
    auto *forget = dialog->findChild<QCheckBox *>(QStringLiteral("accountForgetPassword"));
    auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("accountPassword"));
    QVERIFY(forget && password);
    // The store answers in order: once it answered this read, it has
    // answered the dialog's.
    readBack();
    QVERIFY(!found);
    QVERIFY(!forget->isVisible());
    QVERIFY(password->placeholderText().isEmpty());
    dialog->reject();

    controller.passwordStore()->write(account.keychainKey(), QStringLiteral("secret"));
    controller.editAccount();
    QTRY_VERIFY((dialog = visibleChild<AccountDialog>(parent, QStringLiteral("accountDialog"))));
    forget = dialog->findChild<QCheckBox *>(QStringLiteral("accountForgetPassword"));
    password = dialog->findChild<QLineEdit *>(QStringLiteral("accountPassword"));
    QTRY_VERIFY(forget->isVisible());
    // Said, never shown.
    QVERIFY(password->text().isEmpty());
    QVERIFY(!password->placeholderText().isEmpty());
    QVERIFY(password->accessibleDescription().contains(QStringLiteral("stored")));
    QVERIFY(!dialog->findChildren<QLineEdit *>().isEmpty());
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(QStringLiteral("secret")));

    // Replaced by typing a new one.
    QTest::keyClicks(password, QStringLiteral("new-secret"));
    dialog->accept();
    readBack();
    QVERIFY(found);
    QCOMPARE(stored, QStringLiteral("new-secret"));

    // Left empty: kept.
    controller.editAccount();
    QTRY_VERIFY((dialog = visibleChild<AccountDialog>(parent, QStringLiteral("accountDialog"))));
    QTRY_VERIFY(
            dialog->findChild<QCheckBox *>(QStringLiteral("accountForgetPassword"))->isVisible());
    dialog->accept();
    readBack();
    QVERIFY(found);
    QCOMPARE(stored, QStringLiteral("new-secret"));

    // Forgotten.
    controller.editAccount();
    QTRY_VERIFY((dialog = visibleChild<AccountDialog>(parent, QStringLiteral("accountDialog"))));
    forget = dialog->findChild<QCheckBox *>(QStringLiteral("accountForgetPassword"));
    QTRY_VERIFY(forget->isVisible());
    forget->click();
    QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("accountPassword"))->isEnabled());
    QVERIFY(dialog->forgetPassword());
    dialog->accept();
    readBack();
    QVERIFY(!found);
}

void tst_AccountFlow::openFailureOffersToEditTheAccount()
{
    // A web server on the POP3 port.
    FakePop3Server server;
    server.addScenario({"S: HTTP/1.1 400 Bad Request"});
    const Account account = accountFor(server);
    MainWindow window;
    window.show();
    openAccount(window, account);

    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(window, QStringLiteral("notice"))));
    editOpensTheAccount(box, window, account);
    window.close();
}

void tst_AccountFlow::refusedPasswordOffersToEditTheAccount()
{
    FakePop3Server server;
    const Script capa = {
            "S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: .",
    };
    Script script = {"S: +OK POP3 ready", "C: CAPA"};
    script += capa;
    script += Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: -ERR wrong password", "D"};
    server.addScenario(script);
    const Account account = accountFor(server);
    MainWindow window;
    window.show();
    openAccount(window, account);

    QInputDialog *prompt = nullptr;
    QTRY_VERIFY((prompt = visibleChild<QInputDialog>(window, QStringLiteral("passwordDialog"))));
    editOpensTheAccount(prompt, window, account);
    window.close();
    VERIFY_SERVER(server);
}

void tst_AccountFlow::openWithoutAccountOffersNoEditing()
{
    FakePop3Server server;
    server.addScenario({"S: HTTP/1.1 400 Bad Request"});
    MainWindow window;
    window.show();
    window.openSession(settingsFor(server));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(window, QStringLiteral("notice"))));
    QVERIFY(!box->findChild<QPushButton *>(QStringLiteral("editAccountButton")));
    box->accept();
    window.close();
}

QTEST_MAIN(tst_AccountFlow)
#include "tst_accountflow.moc"
