#include "aboutdialog.h"
#include "accountdialog.h"
#include "certificatedialog.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "messagebrowser.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "passwordprompt.h"
#include "protocollogdock.h"
#include "testcertificates.h"
#include "translations.h"
#include "uitesthelpers.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>
#include <QTextEdit>
#include <QTreeView>

// A screen reader names every control: the test walks every widget of the
// main window (connected, a message open, the protocol log shown) and of
// each dialog, and fails on any interactive one whose accessible name is
// empty (neither its own nor one Qt derives from its text or its label).
// State in the list is never colour alone: a marked or exported message
// says so in words.

using namespace UiTest;

namespace {

QByteArray headers(int number)
{
    return "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Message " +
            QByteArray::number(number) + "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n";
}

bool interactive(const QWidget *widget)
{
    // Scroll bars belong to their scroll area; the line edit inside an
    // editable combo box or spin box is the box's.
    if (qobject_cast<const QScrollBar *>(widget))
        return false;
    if (qobject_cast<const QComboBox *>(widget->parentWidget()) ||
        qobject_cast<const QAbstractSpinBox *>(widget->parentWidget()))
        return false;
    return qobject_cast<const QAbstractButton *>(widget) ||
            qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget) ||
            qobject_cast<const QAbstractItemView *>(widget) ||
            qobject_cast<const QAbstractSpinBox *>(widget) ||
            qobject_cast<const QTextEdit *>(widget) ||
            qobject_cast<const QPlainTextEdit *>(widget) || qobject_cast<const QTabBar *>(widget);
}

// Every visible interactive widget of `window` without an accessible name.
QStringList unnamed(QWidget *window)
{
    QStringList missing;
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(window);
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(window) || !interactive(widget))
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty())
            missing << QStringLiteral("%1 \"%2\"")
                               .arg(QString::fromLatin1(widget->metaObject()->className()),
                                    widget->objectName());
    }
    return missing;
}

QString describe(const QWidget *widget)
{
    QString text;
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    return QStringLiteral("%1 \"%2\"")
            .arg(QString::fromLatin1(widget->metaObject()->className()),
                 text.isEmpty() ? widget->objectName() : text);
}

QString describe(const QList<QWidget *> &widgets)
{
    QStringList names;
    for (const QWidget *widget : widgets)
        names.append(describe(widget));
    return names.join(QStringLiteral(", "));
}

// Reading order on screen: top to bottom, and left to right along a row
// (widgets whose heights overlap, such as a field and its button).
bool readBefore(const QWidget *window, const QWidget *a, const QWidget *b)
{
    const QRect ra(a->mapTo(window, QPoint()), a->size());
    const QRect rb(b->mapTo(window, QPoint()), b->size());
    const bool sameRow = ra.center().y() >= rb.top() && ra.center().y() <= rb.bottom();
    return sameRow ? ra.left() < rb.left() : ra.top() < rb.top();
}

// Tab from the control that has the focus round the whole window: every
// control that takes the focus by Tab is reached once, in reading order,
// and Tab comes back round to the first. Empty when so.
QString tabOrderProblems(QWidget *window)
{
    QWidget *start = QApplication::focusWidget();
    if (!start || start->window() != window)
        return QStringLiteral("nothing in the window has the focus");
    QList<QWidget *> cycle{start};
    QWidget *current = start;
    bool cameBack = false;
    for (int step = 0; step < 64 && !cameBack; ++step) {
        QTest::keyClick(current, Qt::Key_Tab);
        current = QApplication::focusWidget();
        if (!current || current->window() != window)
            return QStringLiteral("Tab left the window after ") + describe(cycle);
        // A label's links take Tab one by one: one stop for the order.
        if (current == cycle.constLast())
            continue;
        cameBack = current == start;
        if (!cameBack)
            cycle.append(current);
    }
    if (!cameBack)
        return QStringLiteral("Tab does not come back round: ") + describe(cycle);

    QList<QWidget *> reachable;
    const QList<QWidget *> children = window->findChildren<QWidget *>();
    for (QWidget *child : children) {
        if ((child->focusPolicy() & Qt::TabFocus) && child->isVisibleTo(window) &&
            child->isEnabled() && !child->focusProxy() && !cycle.contains(child))
            reachable.append(child);
    }
    if (!reachable.isEmpty())
        return QStringLiteral("Tab never reaches %1; it goes %2")
                .arg(describe(reachable), describe(cycle));

    // The order is a cycle: it may start anywhere, so begin at the first
    // control in reading order.
    const auto first = std::min_element(cycle.begin(), cycle.end(), [window](auto *a, auto *b) {
        return readBefore(window, a, b);
    });
    std::rotate(cycle.begin(), first, cycle.end());
    for (qsizetype i = 1; i < cycle.size(); ++i) {
        if (readBefore(window, cycle.at(i), cycle.at(i - 1)))
            return QStringLiteral("%1 comes after %2: %3")
                    .arg(describe(cycle.at(i)), describe(cycle.at(i - 1)), describe(cycle));
    }
    return {};
}

// An account that shows every row of its dialog: the unencrypted warning
// and the pinned certificate.
Account fullAccount()
{
    Account account;
    account.name = QStringLiteral("Home");
    account.host = QStringLiteral("pop.example.org");
    account.user = QStringLiteral("bob");
    account.security = Pop3Connection::Security::None;
    account.pinnedCertificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    return account;
}

void showActive(QWidget *window)
{
    window->show();
    QVERIFY(QTest::qWaitForWindowActive(window));
}

} // namespace

#define VERIFY_TAB_ORDER(window) \
    do { \
        showActive(window); \
        const QString problems = tabOrderProblems(window); \
        QVERIFY2(problems.isEmpty(), qPrintable(problems)); \
    } while (false)

#define VERIFY_NAMED(window) \
    do { \
        const QStringList missing = unnamed(window); \
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n')))); \
    } while (false)

class tst_Accessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mainWindowNamesEveryControl();
    void dialogsNameEveryControl();
    void dialogsTabInReadingOrder();
    void stateIsNotColourAlone();
    void listAndViewerByKeyboardAlone();
};

void tst_Accessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
}

void tst_Accessibility::mainWindowNamesEveryControl()
{
    FakePop3Server server;
    Script script = login() + listing({1200, 3400});
    for (int n = 1; n <= 2; ++n)
        script += top(n, 0, headers(n) + "\r\n");
    script += top(1, 20, headers(1) + "\r\nHello\r\n");
    const QByteArray message = headers(1) +
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
            "--b\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
    script +=
            Script{"C: RETR 1", "S: +OK", FakePop3Server::multiline(message), "C: QUIT", "S: +OK"};
    server.addScenario(script);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Disconnected first: the account box and the empty list.
    VERIFY_NAMED(&window);
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 2);
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    window.messageView()->setCurrentIndex(window.proxyModel()->index(0, 0));
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    VERIFY_NAMED(&window);
    window.openCurrentMessage();
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Message);
    window.logDock()->toggleViewAction()->trigger();
    QTRY_VERIFY(window.logDock()->isVisible());
    VERIFY_NAMED(&window);
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_Accessibility::dialogsNameEveryControl()
{
    ExportDialog exportDialog(2, 10);
    exportDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
    VERIFY_NAMED(&exportDialog);

    AccountDialog accountDialog;
    accountDialog.setAccount(fullAccount());
    accountDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&accountDialog));
    VERIFY_NAMED(&accountDialog);

    const QSslCertificate certificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    CertificateDialog certificateDialog(
            CertificateDialog::Mode::OfferPinning, QStringLiteral("localhost"),
            {QSslError(QSslError::SelfSignedCertificate, certificate)}, {certificate});
    certificateDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&certificateDialog));
    VERIFY_NAMED(&certificateDialog);

    AboutDialog about;
    about.show();
    QVERIFY(QTest::qWaitForWindowExposed(&about));
    VERIFY_NAMED(&about);

    // Asked again after a refusal: the reason stands above the question,
    // and the field is named "Password", with the sentence as its
    // description, not the whole paragraph as its name.
    PasswordPrompt prompt(QStringLiteral("bob"), QStringLiteral("pop.example.org"),
                          QStringLiteral("The server refused the password."));
    prompt.show();
    QVERIFY(QTest::qWaitForWindowExposed(&prompt));
    VERIFY_NAMED(&prompt);
    QAccessibleInterface *field = QAccessible::queryAccessibleInterface(prompt.field());
    QVERIFY(field);
    QCOMPARE(field->text(QAccessible::Name), QStringLiteral("Password"));
    const QString description = field->text(QAccessible::Description);
    QVERIFY2(description.contains(QStringLiteral("refused")), qPrintable(description));
    QVERIFY2(description.contains(QStringLiteral("bob on pop.example.org")),
             qPrintable(description));
}

void tst_Accessibility::dialogsTabInReadingOrder()
{
    // Each dialog with all it can show: the deletion warning, the pinned
    // certificate, the stored password, the unencrypted warning.
    ExportDialog exportDialog(2, 10);
    exportDialog.setDeleteAfter(true);
    VERIFY_TAB_ORDER(&exportDialog);
    exportDialog.close();

    AccountDialog accountDialog;
    accountDialog.setAccount(fullAccount());
    accountDialog.setPasswordStored(true);
    VERIFY_TAB_ORDER(&accountDialog);
    accountDialog.close();

    const QSslCertificate certificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    CertificateDialog certificateDialog(
            CertificateDialog::Mode::OfferPinning, QStringLiteral("localhost"),
            {QSslError(QSslError::SelfSignedCertificate, certificate)}, {certificate});
    VERIFY_TAB_ORDER(&certificateDialog);
    certificateDialog.close();

    AboutDialog about;
    VERIFY_TAB_ORDER(&about);
    about.close();

    // As the window shows it after a refusal, with "Edit account…".
    PasswordPrompt prompt(QStringLiteral("bob"), QStringLiteral("pop.example.org"),
                          QStringLiteral("The server refused the password."));
    prompt.buttons()->addButton(QStringLiteral("&Edit account…"), QDialogButtonBox::ActionRole);
    VERIFY_TAB_ORDER(&prompt);
    prompt.close();
}

void tst_Accessibility::stateIsNotColourAlone()
{
    MessageListModel model;
    model.setListing({{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}});
    model.setMarked({1}, true);
    model.setExported(2, true);
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    const auto state = [&](int row) {
        return proxy.index(row, MessageListModel::StateColumn).data().toString();
    };
    QCOMPARE(state(0), QStringLiteral("Marked for deletion"));
    QCOMPARE(state(1), QStringLiteral("Exported"));
    QCOMPARE(state(2), QString());
    // Marked: struck through and an icon as well as greyed.
    QVERIFY(proxy.index(0, MessageListModel::SubjectColumn)
                    .data(Qt::FontRole)
                    .value<QFont>()
                    .strikeOut());
    QVERIFY(!proxy.index(0, MessageListModel::StateColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
}

void tst_Accessibility::listAndViewerByKeyboardAlone()
{
    FakePop3Server server;
    Script script = login() + listing({1200, 3400});
    for (int n = 1; n <= 2; ++n)
        script += top(n, 0, headers(n) + "\r\n");
    script += top(1, 20, headers(1) + "\r\nHello\r\n");
    script += top(2, 20, headers(2) + "\r\nSecond\r\n");
    script += Script{"C: RETR 2", "S: +OK",
                     FakePop3Server::multiline(headers(2) + "\r\nSecond\r\n"), "C: QUIT", "S: +OK"};
    server.addScenario(script);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.proxyModel()->rowCount(), 2);
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    // The list has the keyboard once the mailbox is open, on its first row.
    QTRY_VERIFY(window.messageView()->hasFocus());
    QTRY_COMPARE(window.viewer()->number(), 1);
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    QTest::keyClick(window.messageView(), Qt::Key_Down);
    QTRY_COMPARE(window.viewer()->number(), 2);
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    QTest::keyClick(window.messageView(), Qt::Key_Return);
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Message);
    // Tab reaches the message text, which takes the keyboard for reading.
    QWidget *browser = window.viewer()->browser();
    for (int step = 0; step < 6 && QApplication::focusWidget() != browser; ++step)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), browser);
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
