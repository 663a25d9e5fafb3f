#include "pop3/pipelinewindow.h"

#include <QTest>

// The adaptive pipelining window, fed with synthetic round trips: the same
// numbers Pop3Connection feeds it from its clock.
class tst_PipelineWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWideWithinTheCap();
    void capBelowTheFloorIsAFixedWindow();
    void growsWhileTheServerKeepsUp();
    void lockStepCallersDoNotInflateIt();
    void shrinksWhenTheServerQueues();
    void neverShrinksBelowTheFloor();
    void settlesAtBandwidthDelayPlusAShortQueue_data();
    void settlesAtBandwidthDelayPlusAShortQueue();
    void resetForgetsTheLink();
    void coarseClockIsSafe();
};

namespace {
constexpr qint64 Ms = 1000 * 1000;
}

void tst_PipelineWindow::startsWideWithinTheCap()
{
    PipelineWindow window;
    QCOMPARE(window.commands(), PipelineWindow::InitialCommands);
    QCOMPARE(window.cap(), PipelineWindow::MaxCommands);
    window.setCap(100);
    QCOMPARE(window.commands(), 100);
    window.setCap(0);
    QCOMPARE(window.cap(), 1);
    QCOMPARE(window.commands(), 1);
}

void tst_PipelineWindow::capBelowTheFloorIsAFixedWindow()
{
    PipelineWindow window;
    window.setCap(2);
    window.onAnswered(1 * Ms, 2);
    for (int i = 0; i < 100; ++i)
        window.onAnswered(50 * Ms, 2); // heavy queueing: would shrink if it could
    QCOMPARE(window.commands(), 2);
    for (int i = 0; i < 100; ++i)
        window.onAnswered(1 * Ms, 2);
    QCOMPARE(window.commands(), 2);
}

void tst_PipelineWindow::growsWhileTheServerKeepsUp()
{
    PipelineWindow window;
    // Every answer takes the bare round trip with the whole window out:
    // the network, not the server, is the limit.
    for (int i = 0; i < 10000; ++i)
        window.onAnswered(20 * Ms, window.commands());
    QCOMPARE(window.commands(), PipelineWindow::MaxCommands);
    QCOMPARE(window.baseRoundTripNs(), 20 * Ms);
}

void tst_PipelineWindow::lockStepCallersDoNotInflateIt()
{
    PipelineWindow window;
    for (int i = 0; i < 10000; ++i)
        window.onAnswered(20 * Ms, 1);
    QCOMPARE(window.commands(), PipelineWindow::InitialCommands);
}

void tst_PipelineWindow::shrinksWhenTheServerQueues()
{
    PipelineWindow window;
    window.onAnswered(1 * Ms, 1); // the bare round trip
    const int before = window.commands();
    // Whole window out, answers ten times slower than the link: about 90%
    // of the window waits at the server.
    for (int i = 0; i < 10; ++i)
        window.onAnswered(10 * Ms, window.commands());
    QCOMPARE(window.commands(), before - 10);
}

void tst_PipelineWindow::neverShrinksBelowTheFloor()
{
    PipelineWindow window;
    window.onAnswered(1 * Ms, 1);
    for (int i = 0; i < 10000; ++i)
        window.onAnswered(1000 * Ms, window.commands());
    // It stops shrinking once about QueueHigh commands wait, far above the
    // floor; the floor matters only for a cap set below it.
    QVERIFY(window.commands() >= PipelineWindow::MinCommands);
    QVERIFY(window.commands() <= int(PipelineWindow::QueueHigh) + 1);
}

void tst_PipelineWindow::settlesAtBandwidthDelayPlusAShortQueue_data()
{
    QTest::addColumn<qint64>("roundTripNs");
    QTest::addColumn<qint64>("serviceNs");
    QTest::newRow("loopback, fast server") << qint64(50'000) << qint64(20'000);
    QTest::newRow("20 ms link, fast server") << 20 * Ms << qint64(20'000);
    QTest::newRow("20 ms link, slow server") << 20 * Ms << qint64(500'000);
    QTest::newRow("100 ms link, slow server") << 100 * Ms << qint64(200'000);
}

void tst_PipelineWindow::settlesAtBandwidthDelayPlusAShortQueue()
{
    QFETCH(qint64, roundTripNs);
    QFETCH(qint64, serviceNs);
    // A server answering one command every serviceNs, behind a link of
    // roundTripNs: the commands beyond what the link holds wait in line.
    const double inTransit = double(roundTripNs) / double(serviceNs);
    PipelineWindow window;
    window.onAnswered(roundTripNs, 1);
    for (int i = 0; i < 20000; ++i) {
        const int out = window.commands();
        const double queued = std::max(0.0, out - inTransit);
        window.onAnswered(roundTripNs + qint64(queued * double(serviceNs)), out);
    }
    // The server is never starved (at least QueueLow waiting, when the cap
    // allows) and never holds much more than QueueHigh.
    const double settled = window.commands();
    const double expectedLow =
            std::min<double>(inTransit + PipelineWindow::QueueLow - 1, PipelineWindow::MaxCommands);
    QVERIFY2(settled >= expectedLow, qPrintable(QString::number(settled)));
    QVERIFY2(settled <= inTransit + 2 * PipelineWindow::QueueHigh,
             qPrintable(QString::number(settled)));
}

void tst_PipelineWindow::resetForgetsTheLink()
{
    PipelineWindow window;
    window.setCap(3000);
    window.onAnswered(1 * Ms, 1);
    for (int i = 0; i < 100; ++i)
        window.onAnswered(100 * Ms, window.commands());
    QVERIFY(window.commands() < PipelineWindow::InitialCommands);
    window.reset();
    QCOMPARE(window.commands(), PipelineWindow::InitialCommands);
    QCOMPARE(window.baseRoundTripNs(), qint64(-1));
    QCOMPARE(window.cap(), 3000);
}

void tst_PipelineWindow::coarseClockIsSafe()
{
    PipelineWindow window;
    window.onAnswered(0, 10);
    window.onAnswered(-5, 10);
    QCOMPARE(window.baseRoundTripNs(), qint64(1));
    QVERIFY(window.commands() >= PipelineWindow::MinCommands);
}

QTEST_APPLESS_MAIN(tst_PipelineWindow)
#include "tst_pipelinewindow.moc"
