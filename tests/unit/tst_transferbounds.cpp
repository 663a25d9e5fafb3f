#include "pop3/listedsizes.h"
#include "pop3/ratefloor.h"

#include <QTest>

#include <limits>

// The arithmetic behind issue 11's bounded transfers, without a network:
// how large a RETR/TOP body may be next to what LIST said (ListedSizes),
// and the overall deadline of a multi-line answer (RateFloor).
// tst_hostileservers and tst_clihostile play the same cases on the wire.
class tst_TransferBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bodyLimit_data();
    void bodyLimit();
    void remembersTheLatestAnswer();
    void unsortedListing();
    void rateFloorHeadStartAndCredit();
    void rateFloorCountsOnlyWaiting();
    void rateFloorOff();
};

void tst_TransferBounds::bodyLimit_data()
{
    QTest::addColumn<qint64>("listed");
    QTest::addColumn<qint64>("limit");

    constexpr qint64 max = std::numeric_limits<qint64>::max();
    QTest::newRow("0 octets") << qint64(0) << ListedSizes::SlackOctets;
    QTest::newRow("10 octets") << qint64(10) << 20 + ListedSizes::SlackOctets;
    // Every line empty and counted as bare LF: CRLF on the wire doubles it.
    QTest::newRow("1 MB") << qint64(1000000) << 2000000 + ListedSizes::SlackOctets;
    QTest::newRow("negative (never from the parser)") << qint64(-5) << ListedSizes::SlackOctets;
    QTest::newRow("saturates") << max / 2 << max;
    QTest::newRow("largest") << max << max;
}

void tst_TransferBounds::bodyLimit()
{
    QFETCH(qint64, listed);
    QFETCH(qint64, limit);
    QCOMPARE(ListedSizes::bodyLimit(listed), limit);
}

void tst_TransferBounds::remembersTheLatestAnswer()
{
    ListedSizes sizes;
    QVERIFY(!sizes.octets(1));
    sizes.replace({{1, 100}, {2, 200}, {7, 700}});
    QCOMPARE(sizes.octets(2).value_or(-1), qint64(200));
    QVERIFY(!sizes.octets(3)); // a gap
    sizes.remember({2, 250}); // LIST 2 later in the session
    sizes.remember({5, 500});
    QCOMPARE(sizes.octets(2).value_or(-1), qint64(250));
    QCOMPARE(sizes.octets(5).value_or(-1), qint64(500));
    QCOMPARE(sizes.octets(7).value_or(-1), qint64(700));
    // A new full listing is the truth: what it leaves out is forgotten.
    sizes.replace({{1, 110}});
    QCOMPARE(sizes.octets(1).value_or(-1), qint64(110));
    QVERIFY(!sizes.octets(5));
    sizes.clear();
    QVERIFY(!sizes.octets(1));
}

void tst_TransferBounds::unsortedListing()
{
    ListedSizes sizes;
    sizes.replace({{9, 90}, {3, 30}, {5, 50}});
    QCOMPARE(sizes.octets(3).value_or(-1), qint64(30));
    QCOMPARE(sizes.octets(5).value_or(-1), qint64(50));
    QCOMPARE(sizes.octets(9).value_or(-1), qint64(90));
    QVERIFY(!sizes.octets(4));
}

void tst_TransferBounds::rateFloorHeadStartAndCredit()
{
    RateFloor floor;
    floor.start(60000, 512);
    QVERIFY(floor.isActive());
    floor.startWaiting(1000);
    // Nothing yet: the head start alone.
    QCOMPARE(floor.remainingMs(1000), qint64(60000));
    QCOMPARE(floor.remainingMs(61000), qint64(0));
    // 51200 octets buy 100 s more, however fast they came: a server that
    // sent them in the first second may then pause for a long time.
    floor.stopWaiting(2000);
    floor.add(51200);
    floor.startWaiting(2000);
    QCOMPARE(floor.remainingMs(2000), qint64(159000));
    QCOMPARE(floor.remainingMs(161000), qint64(0));
    QCOMPARE(floor.bytes(), qint64(51200));
    QCOMPARE(floor.waitedMs(161000), qint64(160000));
    // A trickle just above the inactivity rule (512 octets a minute) falls
    // behind: after 10 minutes it has bought 10 s, not 600.
    RateFloor trickle;
    trickle.start(60000, 512);
    trickle.startWaiting(0);
    for (int minute = 1; minute <= 10; ++minute) {
        trickle.stopWaiting(minute * 60000);
        trickle.add(512);
        trickle.startWaiting(minute * 60000);
    }
    QVERIFY(trickle.remainingMs(600000) < 0);
    // A new body starts a new clock.
    trickle.start(60000, 512);
    trickle.startWaiting(600000);
    QCOMPARE(trickle.remainingMs(600000), qint64(60000));
}

void tst_TransferBounds::rateFloorCountsOnlyWaiting()
{
    // The octets came at once; writing them into a pipe nobody read took
    // ten minutes. That is this process's time, not the server's.
    RateFloor floor;
    floor.start(60000, 512);
    floor.add(4096);
    QVERIFY(!floor.isWaiting());
    QCOMPARE(floor.remainingMs(600000), qint64(68000));
    floor.startWaiting(600000);
    QVERIFY(floor.isWaiting());
    floor.startWaiting(650000); // still waiting since 600000
    QCOMPARE(floor.waitedMs(660000), qint64(60000));
    floor.stopWaiting(660000);
    QCOMPARE(floor.waitedMs(900000), qint64(60000)); // busy again: the clock holds
    QCOMPARE(floor.remainingMs(900000), qint64(8000));
}

void tst_TransferBounds::rateFloorOff()
{
    RateFloor floor;
    QVERIFY(!floor.isActive());
    floor.start(1000, 0);
    QVERIFY(!floor.isActive());
    floor.start(1000, 512);
    floor.stop();
    QVERIFY(!floor.isActive());
}

QTEST_GUILESS_MAIN(tst_TransferBounds)
#include "tst_transferbounds.moc"
