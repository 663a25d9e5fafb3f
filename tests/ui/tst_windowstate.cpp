#include "accountcontroller.h"
#include "accountdialog.h"
#include "mainwindow.h"
#include "messagebrowser.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "passwordstore.h"
#include "translations.h"
#include "uitesthelpers.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

// The window says what is true: a pane never shows a message the list no
// longer has, the view's font follows what is shown, the status bar names
// the step the user waits for and never outlives it, and the account box
// names the mailbox on screen.

using namespace UiTest;

namespace {

QByteArray headers(int number)
{
    return "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Message " +
            QByteArray::number(number) + "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n";
}

Script mailbox()
{
    Script script = login() + listing({1200, 3400, 560});
    for (int n = 1; n <= 3; ++n)
        script += top(n, 0, headers(n) + "\r\n");
    return script;
}

void removeAccounts()
{
    for (const Account &old : AccountStore::load())
        AccountStore::remove(old.id);
}

Account accountNamed(const QString &name)
{
    Account account;
    account.id = AccountStore::newId();
    account.name = name;
    account.host = QStringLiteral("pop.example.org");
    account.user = QStringLiteral("bob");
    return account;
}

} // namespace

class tst_WindowState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void paneClearsWhenItsMessageLeavesTheList();
    void paneFollowsItsMessageToANewNumber();
    void sourceFontDoesNotOutliveTheSource();
    void statusBarWaitsWithASilentServerAndSaysItFailed();
    void accountBoxNamesTheDemoBesideTheAccounts();
    void accountBoxHasAnAddEntry();

private:
    // The window with the three-message mailbox and the preview of `row`.
    void openWithPreview(MainWindow &window, FakePop3Server &server, int row)
    {
        server.addScenario(mailbox() + top(row + 1, 20, headers(row + 1) + "\r\nHello\r\n") +
                           Script{"C: QUIT", "S: +OK"});
        window.show();
        window.openSession(settingsFor(server));
        QTRY_COMPARE(window.proxyModel()->rowCount(), 3);
        QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
        window.messageView()->setFocus();
        window.messageView()->setCurrentIndex(window.proxyModel()->index(row, 0));
        QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
        QCOMPARE(window.viewer()->number(), row + 1);
    }
};

void tst_WindowState::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowstate"));
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
}

void tst_WindowState::paneClearsWhenItsMessageLeavesTheList()
{
    FakePop3Server server;
    MainWindow window;
    openWithPreview(window, server, 0);
    QVERIFY(window.viewer()->openButton()->isEnabled());
    // The listing after "Export and delete" (or a reconnect): uid-1 is gone,
    // and message 1 is now another message.
    window.session()->model()->setListing({{1, 3400, "uid-2"}, {2, 560, "uid-3"}});
    QCOMPARE(window.viewer()->mode(), MessageViewer::Mode::Empty);
    QCOMPARE(window.viewer()->number(), 0);
    QVERIFY(!window.viewer()->openButton()->isEnabled());
    QVERIFY(window.viewer()->bannerText().contains(QStringLiteral("No message selected")));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowState::paneFollowsItsMessageToANewNumber()
{
    FakePop3Server server;
    MainWindow window;
    openWithPreview(window, server, 1);
    // Message 1 left the server: uid-2 is message 1 now. The pane keeps it,
    // under its new number, and its row is current again.
    window.session()->model()->setListing({{1, 3400, "uid-2"}, {2, 560, "uid-3"}});
    QCOMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    QCOMPARE(window.viewer()->number(), 1);
    QCOMPARE(window.currentNumber(), 1);
    QVERIFY(window.viewer()->openButton()->isEnabled());
    // Emptied (the session ended after deleting): nothing to show.
    window.session()->model()->clear();
    QCOMPARE(window.viewer()->mode(), MessageViewer::Mode::Empty);
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowState::sourceFontDoesNotOutliveTheSource()
{
    MessageViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    viewer.showMessage(1, headers(1) + "\r\nFirst\r\n");
    QTRY_COMPARE(viewer.mode(), MessageViewer::Mode::Message);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QVERIFY2(viewer.font().family() != fixed.family(), "the test needs two distinct fonts");
    viewer.sourceButton()->click();
    QCOMPARE(viewer.browser()->font().family(), fixed.family());
    QVERIFY(viewer.browser()->toPlainText().contains(QStringLiteral("Subject: Message 1")));
    // Another message while the source shows: its text, in the pane's font.
    viewer.showMessage(2, headers(2) + "\r\nSecond\r\n");
    QTRY_COMPARE(viewer.number(), 2);
    QTRY_VERIFY(viewer.browser()->toPlainText().contains(QStringLiteral("Second")));
    QVERIFY(!viewer.sourceButton()->isChecked());
    QCOMPARE(viewer.browser()->font(), viewer.font());
    // And a preview after the source, through clear() and showLoading().
    viewer.sourceButton()->click();
    QCOMPARE(viewer.browser()->font().family(), fixed.family());
    viewer.showLoading(3);
    QCOMPARE(viewer.browser()->font(), viewer.font());
    viewer.showPreview(3, headers(3) + "\r\nThird\r\n");
    QTRY_COMPARE(viewer.mode(), MessageViewer::Mode::Preview);
    QCOMPARE(viewer.browser()->font(), viewer.font());
}

void tst_WindowState::statusBarWaitsWithASilentServerAndSaysItFailed()
{
    // Accepts the connection and never greets. The session's own deadline
    // ends it after 6 s: longer than an event shows (5 s).
    FakePop3Server server;
    server.addScenario({"D"});
    ConnectionSettings settings = settingsFor(server);
    settings.connectTimeoutMs = 6000;
    settings.timeoutMs = 6000;
    MainWindow window;
    window.show();
    QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
    QSignalSpy failed(window.session(), &MailboxSession::openFailed);
    window.openSession(settings);
    QVERIFY(failed.wait(15000));
    QStringList shown;
    for (const QList<QVariant> &message : std::as_const(messages))
        shown.append(message.first().toString());
    // Never blank while waiting, and "Connecting" does not outlive the wait.
    const QString connecting = QStringLiteral("Connecting to 127.0.0.1…");
    QVERIFY2(shown.contains(connecting), qPrintable(shown.join(QLatin1Char('|'))));
    const QStringList afterConnecting = shown.mid(shown.indexOf(connecting));
    QVERIFY2(!afterConnecting.contains(QString()), qPrintable(shown.join(QLatin1Char('|'))));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Could not open the mailbox"));
    window.close();
}

void tst_WindowState::accountBoxNamesTheDemoBesideTheAccounts()
{
    removeAccounts();
    const Account work = accountNamed(QStringLiteral("Work"));
    AccountStore::save(work);
    AccountStore::setLastAccountId(work.id);

    FakePop3Server server;
    server.addScenario(mailbox() + Script{"C: QUIT", "S: +OK"});
    MainWindow window;
    window.passwordStore()->setKeychainEnabled(false);
    window.show();
    window.loadAccounts(false);
    auto *box = window.findChild<QComboBox *>(QStringLiteral("accountBox"));
    QVERIFY(box);
    QCOMPARE(box->currentText(), QStringLiteral("Work"));
    window.openDemo(settingsFor(server));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 3);
    // The demo is named, and the accounts are still there.
    QCOMPARE(box->currentText(), QStringLiteral("Demo mailbox"));
    QVERIFY(box->findText(QStringLiteral("Work")) >= 0);

    // An account added while the demo shows: listed, not shown as if its
    // mailbox were on screen.
    window.accounts()->addAccount();
    AccountDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<AccountDialog *>()) && dialog->isVisible());
    dialog->setAccount(accountNamed(QStringLiteral("Home")));
    dialog->accept();
    QTRY_VERIFY(box->findText(QStringLiteral("Home")) >= 0);
    QCOMPARE(box->currentText(), QStringLiteral("Demo mailbox"));
    window.close();
    QTRY_VERIFY(!window.isVisible());
    removeAccounts();
}

void tst_WindowState::accountBoxHasAnAddEntry()
{
    removeAccounts();
    QWidget parent;
    auto *box = new QComboBox(&parent);
    box->setPlaceholderText(QStringLiteral("No account - add one"));
    AccountController accounts(box, &parent);
    accounts.load(false);
    // Nothing but the entry that adds one; the placeholder shows.
    QCOMPARE(box->count(), 1);
    QCOMPARE(box->itemText(0), QStringLiteral("Add account…"));
    QCOMPARE(box->currentIndex(), -1);
    // Chosen, it opens the dialog and is not left as the current entry.
    box->setCurrentIndex(0);
    Q_EMIT box->activated(0);
    QCOMPARE(box->currentIndex(), -1);
    AccountDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = parent.findChild<AccountDialog *>()) && dialog->isVisible());
    dialog->setAccount(accountNamed(QStringLiteral("Work")));
    dialog->accept();
    // Added: the new account is chosen, "Add account…" stays last.
    QTRY_COMPARE(box->currentText(), QStringLiteral("Work"));
    QCOMPARE(box->itemText(box->count() - 1), QStringLiteral("Add account…"));
    removeAccounts();
}

QTEST_MAIN(tst_WindowState)
#include "tst_windowstate.moc"
