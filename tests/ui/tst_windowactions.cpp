#include "aboutdialog.h"
#include "accountcontroller.h"
#include "accountdialog.h"
#include "accountstore.h"
#include "layoutchecks.h"
#include "mainwindow.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "translations.h"
#include "uitesthelpers.h"
#include "windowactions.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

// What a user of other mail clients expects from the window: a title that
// names the mailbox, a count of what the filter shows, the shortcuts of
// mail clients shown in every tooltip, Del that moves on, Undelete only
// where it can do something, and a filter reached and cleared by keyboard.

using namespace UiTest;

namespace {

// The holiday photos come from someone else, with an accented name (an
// RFC 2047 word: "Zoë Martin") and an address the name does not show.
QByteArray headers(const QByteArray &subject)
{
    const QByteArray from = subject.startsWith("Holiday")
            ? "=?UTF-8?Q?Zo=C3=AB_Martin?= <zm@photos.example>"
            : "Alice <alice@example.org>";
    return "From: " + from + "\r\nTo: bob@example.org\r\nSubject: " + subject +
            "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n";
}

const QByteArray subjects[] = {"Quarterly report", "Lunch on Friday", "Quarterly numbers",
                               "Holiday photos"};
constexpr int messageCount = 4;

Script mailbox()
{
    Script script = login() + listing({1200, 3400, 560, 780});
    for (int n = 1; n <= messageCount; ++n)
        script += top(n, 0, headers(subjects[n - 1]) + "\r\n");
    return script;
}

} // namespace

class tst_WindowActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void titleNamesTheAccountAndTheMailbox();
    void statusBarCountsWhatTheFilterShows();
    void labelsWithoutMnemonics_data();
    void labelsWithoutMnemonics();
    void shortcutsFollowMailClients();
    void toolbarShowsNoMnemonicInKorean();
    void deleteMarksAndMovesToTheNextMessage();
    void undeleteOnlyWhereSomethingIsMarked();
    void filterIsReachedAndClearedByKeyboard();
    void emptyFilterResultSaysSo();
    void filterFindsAddressesWhateverCaseAndAccents();
    void filterSaysItMatchesAddresses();
    void helpMenuHasDocumentationAndAbout();
    void aboutNamesVersionsAndLicence();
    void accountDialogTitlesSayWhatTheyDo();
    void demoReopensFromTheMenu();

private:
    // The window over the four-message mailbox, every header loaded; the
    // server then answers `more` and QUIT.
    void open(MainWindow &window, FakePop3Server &server, const Script &more = {})
    {
        server.addScenario(mailbox() + more + Script{"C: QUIT", "S: +OK"});
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openDemo(settingsFor(server));
        QTRY_COMPARE(window.proxyModel()->rowCount(), messageCount);
        QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    }
};

void tst_WindowActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowactions"));
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
}

void tst_WindowActions::titleNamesTheAccountAndTheMailbox()
{
    FakePop3Server server;
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("Mailpeek"));
    open(window, server);
    const ConnectionSettings &settings = window.session()->settings();
    QCOMPARE(window.windowTitle(),
             QStringLiteral("Demo mailbox (%1@%2) - Mailpeek").arg(settings.user, settings.host));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::statusBarCountsWhatTheFilterShows()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    QVERIFY2(window.countText().startsWith(QStringLiteral("4 messages, ")),
             qPrintable(window.countText()));
    window.filterEdit()->setText(QStringLiteral("quarterly"));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 2);
    auto *label = window.findChild<QLabel *>(QStringLiteral("countLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().startsWith(QStringLiteral("2 of 4 messages, ")),
             qPrintable(label->text()));
    window.filterEdit()->setText(QStringLiteral("lunch"));
    QTRY_VERIFY2(label->text().startsWith(QStringLiteral("1 of 4 messages, ")),
                 qPrintable(label->text()));
    window.filterEdit()->clear();
    QTRY_VERIFY2(label->text().startsWith(QStringLiteral("4 messages, ")),
                 qPrintable(label->text()));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::labelsWithoutMnemonics_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("label");
    QTest::newRow("english") << QStringLiteral("&Delete") << QStringLiteral("Delete");
    QTest::newRow("inside") << QStringLiteral("Dis&connect") << QStringLiteral("Disconnect");
    QTest::newRow("ellipsis") << QStringLiteral("&Export…") << QStringLiteral("Export");
    QTest::newRow("korean") << QStringLiteral("삭제(&D)") << QStringLiteral("삭제");
    QTest::newRow("korean ellipsis")
            << QStringLiteral("내보내기(&E)…") << QStringLiteral("내보내기");
    QTest::newRow("korean spaced")
            << QStringLiteral("연결 끊기 (&C)") << QStringLiteral("연결 끊기");
    QTest::newRow("literal ampersand")
            << QStringLiteral("Fish && &chips") << QStringLiteral("Fish & chips");
    QTest::newRow("parenthesis kept")
            << QStringLiteral("Reset (RSET)") << QStringLiteral("Reset (RSET)");
}

void tst_WindowActions::labelsWithoutMnemonics()
{
    QFETCH(QString, text);
    QFETCH(QString, label);
    QCOMPARE(WindowActions::withoutMnemonic(text), label);
}

void tst_WindowActions::shortcutsFollowMailClients()
{
    MainWindow window;
    // Ctrl+R is Reply in mail clients: Connect is F5, Thunderbird's "Get
    // Messages"; nothing here takes Ctrl+R.
    QCOMPARE(window.connectAction()->shortcut(), QKeySequence(Qt::Key_F5));
    const QList<QAction *> actions = window.findChildren<QAction *>();
    for (const QAction *action : actions)
        QVERIFY2(!action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_R)),
                 qPrintable(action->text()));
    QCOMPARE(window.deleteAction()->shortcut(), QKeySequence(QKeySequence::Delete));
    QVERIFY(!window.resetAction()->shortcut().isEmpty());
    QCOMPARE(window.actions()->findAction->shortcut(), QKeySequence(QKeySequence::Find));

    // Every toolbar button's tooltip names its shortcut.
    auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolbar);
    int buttons = 0;
    for (QAction *action : toolbar->actions()) {
        if (action->isSeparator())
            continue;
        ++buttons;
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
        const QString key = action->shortcut().toString(QKeySequence::NativeText);
        auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(action));
        QVERIFY(button);
        QVERIFY2(button->toolTip().endsWith(QStringLiteral("(%1)").arg(key)),
                 qPrintable(button->toolTip()));
    }
    QCOMPARE(buttons, 6);
}

void tst_WindowActions::toolbarShowsNoMnemonicInKorean()
{
    QVERIFY(Translations::install(QLocale(QLocale::Korean, QLocale::SouthKorea)));
    // English again for the tests after this one, even when it fails.
    const auto english = qScopeGuard(
            [] { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); });
    {
        MainWindow window;
        QVERIFY(window.deleteAction()->text().contains(QStringLiteral("(&D)")));
        auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(toolbar);
        const QList<QToolButton *> buttons = toolbar->findChildren<QToolButton *>();
        int checked = 0;
        for (const QToolButton *button : buttons) {
            if (!button->defaultAction() || button->defaultAction()->isSeparator())
                continue;
            ++checked;
            const QString text = button->text();
            QVERIFY2(!text.contains(QLatin1Char('&')) && !text.contains(QLatin1Char('(')),
                     qPrintable(text));
            QVERIFY2(!button->toolTip().contains(QLatin1Char('&')), qPrintable(button->toolTip()));
        }
        QCOMPARE(checked, 6);
        auto *deleteButton =
                qobject_cast<QToolButton *>(toolbar->widgetForAction(window.deleteAction()));
        QCOMPARE(deleteButton->text(), QStringLiteral("삭제"));
    }
}

void tst_WindowActions::deleteMarksAndMovesToTheNextMessage()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    QTreeView *view = window.messageView();
    view->setFocus();
    view->setCurrentIndex(window.proxyModel()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Delete);
    QVERIFY(window.session()->model()->isMarked(1));
    QCOMPARE(window.currentNumber(), 2);
    QCOMPARE(window.selectedNumbers(), QList<int>{2});
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(window.session()->model()->markedNumbers(), (QList<int>{1, 2}));
    QCOMPARE(window.currentNumber(), 3);
    // Ctrl+Z straight after Del takes that Del back and goes back to it.
    QVERIFY(window.undeleteAction()->isEnabled());
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window.session()->model()->markedNumbers(), QList<int>{1});
    QCOMPARE(window.currentNumber(), 2);
    QCOMPARE(window.selectedNumbers(), QList<int>{2});
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(window.currentNumber(), 3);
    // Once the user moved on, Undelete is for marked rows only.
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(window.currentNumber(), 4);
    QVERIFY(!window.undeleteAction()->isEnabled());
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window.session()->model()->markedNumbers(), (QList<int>{1, 2}));
    // The last row stays current: there is nothing after it.
    view->selectionModel()->setCurrentIndex(window.proxyModel()->index(messageCount - 1, 0),
                                            QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
    QTest::keyClick(view, Qt::Key_Delete);
    QVERIFY(window.session()->model()->isMarked(messageCount));
    QCOMPARE(window.currentNumber(), messageCount);
    window.session()->unmark(window.session()->model()->markedNumbers());
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::undeleteOnlyWhereSomethingIsMarked()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    QTreeView *view = window.messageView();
    QAbstractItemModel *proxy = window.proxyModel();
    window.session()->markForDeletion({2});
    view->setCurrentIndex(proxy->index(0, 0));
    QVERIFY(window.deleteAction()->isEnabled());
    QVERIFY(!window.undeleteAction()->isEnabled());
    view->setCurrentIndex(proxy->index(1, 0));
    QVERIFY(window.undeleteAction()->isEnabled());
    // A selection with one marked message among others can be undeleted.
    view->selectionModel()->select(proxy->index(0, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(window.undeleteAction()->isEnabled());
    window.undeleteAction()->trigger();
    QVERIFY(!window.session()->model()->isMarked(2));
    QVERIFY(!window.undeleteAction()->isEnabled());
    QVERIFY(!window.resetAction()->isEnabled());
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::filterIsReachedAndClearedByKeyboard()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    QTreeView *view = window.messageView();
    QLineEdit *filter = window.filterEdit();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    filter->setText(QStringLiteral("old"));
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    // The old text is selected: typing replaces it.
    QCOMPARE(filter->selectedText(), QStringLiteral("old"));
    QTest::keyClicks(filter, QStringLiteral("lunch"));
    QCOMPARE(filter->text(), QStringLiteral("lunch"));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 1);
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QTRY_COMPARE(window.proxyModel()->rowCount(), messageCount);
    QVERIFY(filter->hasFocus());
    // Esc in an empty filter goes back to the list.
    QTest::keyClick(filter, Qt::Key_Escape);
    QTRY_VERIFY(view->hasFocus());
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::filterFindsAddressesWhateverCaseAndAccents()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    const auto shownSubjects = [&window] {
        QStringList subjects;
        const QAbstractItemModel *proxy = window.proxyModel();
        for (int row = 0; row < proxy->rowCount(); ++row)
            subjects.append(proxy->index(row, MessageListModel::SubjectColumn).data().toString());
        subjects.sort();
        return subjects;
    };
    const QStringList holiday{QStringLiteral("Holiday photos")};
    // Typed as a user types: into the box, key by key.
    QTest::keyClicks(window.filterEdit(), QStringLiteral("photos.example"));
    QTRY_COMPARE(shownSubjects(), holiday); // the address, which the list does not show
    window.filterEdit()->clear();
    QTest::keyClicks(window.filterEdit(), QStringLiteral("zoe"));
    QTRY_COMPARE(shownSubjects(), holiday); // "Zoë" without the accent
    window.filterEdit()->setText(QStringLiteral("ZOË MARTIN"));
    QTRY_COMPARE(shownSubjects(), holiday);
    window.filterEdit()->setText(QStringLiteral("ALICE@EXAMPLE"));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 3);
    QVERIFY(!shownSubjects().contains(holiday.constFirst()));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::filterSaysItMatchesAddresses()
{
    // What the filter matches is said where the user looks: in the empty
    // box, in Find's tooltip and status tip, and to a screen reader.
    MainWindow window;
    const QString placeholder = window.filterEdit()->placeholderText();
    QVERIFY2(placeholder.contains(QStringLiteral("address")), qPrintable(placeholder));
    QVERIFY2(placeholder.contains(QStringLiteral("subject")), qPrintable(placeholder));
    const QAction *find = window.actions()->findAction;
    QVERIFY2(find->toolTip().contains(QStringLiteral("address")), qPrintable(find->toolTip()));
    QVERIFY2(find->toolTip().endsWith(QStringLiteral("(Ctrl+F)")), qPrintable(find->toolTip()));
    QVERIFY2(find->statusTip().contains(QStringLiteral("address")), qPrintable(find->statusTip()));
    const QString description = window.filterEdit()->accessibleDescription();
    QVERIFY2(description.contains(QStringLiteral("address")), qPrintable(description));
}

void tst_WindowActions::emptyFilterResultSaysSo()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    auto *placeholder = window.messageView()->findChild<QLabel *>(QStringLiteral("noMatches"));
    QVERIFY(placeholder);
    QVERIFY(!placeholder->isVisible());
    window.filterEdit()->setText(QStringLiteral("no such words"));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 0);
    QTRY_VERIFY(placeholder->isVisible());
    QCOMPARE(placeholder->text(), QStringLiteral("No messages match the filter"));
    QTRY_VERIFY(window.messageView()->viewport()->rect().contains(placeholder->geometry()));
    window.filterEdit()->setText(QStringLiteral("holiday"));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 1);
    QVERIFY(!placeholder->isVisible());
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowActions::helpMenuHasDocumentationAndAbout()
{
    MainWindow window;
    QMenu *help = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Help"))
            help = menu->menu();
    }
    QVERIFY(help);
    QVERIFY(help->actions().contains(window.actions()->aboutAction));
    QVERIFY(help->actions().contains(window.actions()->documentationAction));
    QCOMPARE(window.actions()->documentationAction->shortcut(),
             QKeySequence(QKeySequence::HelpContents));
    window.actions()->aboutAction->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY((about = window.findChild<AboutDialog *>()) && about->isVisible());
    QCOMPARE(about->windowTitle(), QStringLiteral("About Mailpeek"));
    about->close();
}

void tst_WindowActions::aboutNamesVersionsAndLicence()
{
    AboutDialog about;
    const QString text = about.text();
    QVERIFY2(text.contains(QStringLiteral("Mailpeek " MAILPEEK_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))),
             qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("GMime 3\\.\\d+\\.\\d+"))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("GNU General Public License, version 3 or later")),
             qPrintable(text));
    const QUrl documentation = AboutDialog::documentationUrl();
    QVERIFY(documentation.isLocalFile());
    QVERIFY2(QFileInfo::exists(documentation.toLocalFile()), qPrintable(documentation.toString()));
    QVERIFY(text.contains(documentation.toString(QUrl::FullyEncoded)));
    about.show();
    QVERIFY(QTest::qWaitForWindowExposed(&about));
    QTRY_COMPARE(layoutProblems(&about), QString());
}

void tst_WindowActions::accountDialogTitlesSayWhatTheyDo()
{
    for (const Account &old : AccountStore::load())
        AccountStore::remove(old.id);
    MainWindow window;
    window.loadAccounts(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *add = nullptr;
    QAction *edit = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&Add account…"))
            add = action;
        if (action->text() == QStringLiteral("&Edit account…"))
            edit = action;
    }
    QVERIFY(add && edit);
    add->trigger();
    AccountDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<AccountDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Add account"));
    Account account;
    account.id = AccountStore::newId();
    account.name = QStringLiteral("Work");
    account.host = QStringLiteral("pop.example.org");
    account.user = QStringLiteral("bob");
    dialog->setAccount(account);
    dialog->accept();
    QTRY_VERIFY(!window.findChild<AccountDialog *>());
    QTRY_VERIFY(edit->isEnabled());
    edit->trigger();
    QTRY_VERIFY((dialog = window.findChild<AccountDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit account"));
    dialog->reject();
    for (const Account &old : AccountStore::load())
        AccountStore::remove(old.id);
}

void tst_WindowActions::demoReopensFromTheMenu()
{
    FakePop3Server server;
    server.addScenario(mailbox() + Script{"C: QUIT", "S: +OK"});
    MainWindow window;
    QAction *openDemo = window.actions()->openDemoAction;
    // No demo server to reach: no entry.
    QVERIFY(!openDemo->isVisible());
    int starts = 0;
    window.setDemoStarter([&](ConnectionSettings *settings, QString *) {
        ++starts;
        *settings = settingsFor(server);
        return true;
    });
    QVERIFY(openDemo->isVisible());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openDemo->isEnabled());
    openDemo->trigger();
    QCOMPARE(starts, 1);
    QTRY_COMPARE(window.proxyModel()->rowCount(), messageCount);
    QVERIFY2(window.windowTitle().startsWith(QStringLiteral("Demo mailbox")),
             qPrintable(window.windowTitle()));
    // Another mailbox only once this one is closed, as the account box.
    QVERIFY(!openDemo->isEnabled());
    window.close();
    QTRY_VERIFY(!window.isVisible());

    // A demo server that cannot start says so.
    MainWindow failing;
    failing.setDemoStarter([](ConnectionSettings *, QString *error) {
        *error = QStringLiteral("no port");
        return false;
    });
    failing.show();
    failing.actions()->openDemoAction->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = failing.findChild<QMessageBox *>(QStringLiteral("notice"))));
    QVERIFY2(box->text().contains(QStringLiteral("no port")), qPrintable(box->text()));
    box->close();
}

QTEST_MAIN(tst_WindowActions)
#include "tst_windowactions.moc"
