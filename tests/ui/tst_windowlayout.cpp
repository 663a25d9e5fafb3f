#include "mainwindow.h"
#include "messagebrowser.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "protocollogdock.h"
#include "translations.h"
#include "uitesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

// The window at a small size: the protocol log leaves the list its rows,
// the Subject column has the width, sizes follow the font, and Tab walks
// the widgets in the order they are seen.

using namespace UiTest;

namespace {

QByteArray headers(int number)
{
    return "From: Alice Martin <alice@example.org>\r\nTo: bob@example.org\r\nSubject: A "
           "subject long enough to want the room, number " +
            QByteArray::number(number) + "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n";
}

constexpr int messageCount = 12;

// With `preview`, message 1's preview follows the listing.
Script mailbox(bool preview = false)
{
    QList<qint64> sizes;
    for (int n = 1; n <= messageCount; ++n)
        sizes.append(1000 * n);
    Script script = login() + listing(sizes);
    for (int n = 1; n <= messageCount; ++n)
        script += top(n, 0, headers(n) + "\r\n");
    if (preview)
        script += top(1, 20, headers(1) + "\r\nHello\r\n");
    return script + Script{"C: QUIT", "S: +OK"};
}

int visibleRows(QTreeView *view)
{
    return view->viewport()->height() / qMax(1, view->sizeHintForRow(0));
}

} // namespace

class tst_WindowLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void protocolLogLeavesTheListItsRows();
    void subjectGetsTheWidth();
    void sizesFollowTheFont();
    void tabFollowsTheVisualOrder();

private:
    void open(MainWindow &window, FakePop3Server &server, bool preview = false)
    {
        server.addScenario(mailbox(preview));
        window.resize(800, 500);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openSession(settingsFor(server));
        QTRY_COMPARE(window.proxyModel()->rowCount(), messageCount);
        QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    }
};

void tst_WindowLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayout"));
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
}

void tst_WindowLayout::protocolLogLeavesTheListItsRows()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server, true);
    QTreeView *view = window.messageView();
    // With a preview: its headers make the viewer's minimum taller.
    view->setCurrentIndex(window.proxyModel()->index(0, 0));
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    const int before = visibleRows(view);
    QVERIFY2(before >= 6, qPrintable(QString::number(before)));
    window.logDock()->toggleViewAction()->trigger();
    QTRY_VERIFY(window.logDock()->isVisible());
    QCoreApplication::processEvents();
    // Nothing's minimum pushes the window past the size it was given.
    QCOMPARE(window.size(), QSize(800, 500));
    const int after = visibleRows(view);
    QVERIFY2(after >= 5, qPrintable(QStringLiteral("%1 rows with the log open").arg(after)));
    // The log is usable too: a few lines of it show.
    QVERIFY(window.logDock()->height() >= 4 * window.logDock()->fontMetrics().lineSpacing());
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowLayout::subjectGetsTheWidth()
{
    FakePop3Server server;
    MainWindow window;
    open(window, server);
    QHeaderView *header = window.messageView()->header();
    const int subject = header->sectionSize(MessageListModel::SubjectColumn);
    for (int column = 0; column < header->count(); ++column) {
        if (column == MessageListModel::SubjectColumn)
            continue;
        QVERIFY2(header->sectionSize(column) < subject,
                 qPrintable(QStringLiteral("column %1: %2 px, Subject %3 px")
                                    .arg(column)
                                    .arg(header->sectionSize(column))
                                    .arg(subject)));
    }
    QVERIFY2(subject * 3 >= header->width(),
             qPrintable(QStringLiteral("Subject %1 of %2 px").arg(subject).arg(header->width())));
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

void tst_WindowLayout::sizesFollowTheFont()
{
    const QFont original = QApplication::font();
    QFont small = original;
    small.setPointSize(8);
    QFont large = original;
    large.setPointSize(16);
    QApplication::setFont(small);
    int smallFrom = 0;
    int smallFilter = 0;
    {
        MainWindow window;
        smallFrom = window.messageView()->header()->sectionSize(MessageListModel::FromColumn);
        smallFilter = window.filterEdit()->maximumWidth();
    }
    QApplication::setFont(large);
    int largeFrom = 0;
    int largeFilter = 0;
    {
        MainWindow window;
        largeFrom = window.messageView()->header()->sectionSize(MessageListModel::FromColumn);
        largeFilter = window.filterEdit()->maximumWidth();
    }
    QApplication::setFont(original);
    QVERIFY2(largeFrom > smallFrom * 3 / 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(largeFrom).arg(smallFrom)));
    QVERIFY2(largeFilter > smallFilter * 3 / 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(largeFilter).arg(smallFilter)));
}

void tst_WindowLayout::tabFollowsTheVisualOrder()
{
    {
        // Disconnected, the account box comes first, then the filter.
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *box = window.findChild<QComboBox *>(QStringLiteral("accountBox"));
        box->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(box->hasFocus());
        QTest::keyClick(box, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), window.filterEdit());
    }
    FakePop3Server server;
    MainWindow window;
    open(window, server, true);
    window.messageView()->setCurrentIndex(window.proxyModel()->index(0, 0));
    QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
    // Connected, the account box is disabled: Tab from the filter goes to
    // the list (below it), then through the viewer's widgets and the status
    // bar, each below or right of the one before.
    window.filterEdit()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(window.filterEdit()->hasFocus());
    QList<QWidget *> order{nullptr, window.filterEdit()};
    for (int step = 0; step < 8; ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *focus = QApplication::focusWidget();
        if (!focus || order.contains(focus))
            break;
        order.append(focus);
    }
    order.removeFirst();
    QVERIFY2(order.size() >= 3, qPrintable(QString::number(order.size())));
    QCOMPARE(order.at(1), static_cast<QWidget *>(window.messageView()));
    for (int i = 2; i < order.size(); ++i) {
        const QPoint previous = order.at(i - 1)->mapTo(&window, QPoint(0, 0));
        const QPoint here = order.at(i)->mapTo(&window, QPoint(0, 0));
        QVERIFY2(
                here.y() >= previous.y() ||
                        (here.y() + order.at(i)->height() > previous.y() &&
                         here.x() > previous.x()),
                qPrintable(QStringLiteral("%1 at %2,%3 after %4 at %5,%6")
                                   .arg(QString::fromLatin1(order.at(i)->metaObject()->className()))
                                   .arg(here.x())
                                   .arg(here.y())
                                   .arg(QString::fromLatin1(
                                           order.at(i - 1)->metaObject()->className()))
                                   .arg(previous.x())
                                   .arg(previous.y())));
    }
    window.close();
    QTRY_VERIFY(!window.isVisible());
}

QTEST_MAIN(tst_WindowLayout)
#include "tst_windowlayout.moc"
