#include "export/messagerange.h"

#include <QTest>

class tst_MessageRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void invalid_data();
    void invalid();
    void containsAndNumbers();
    void hugeRangeCostsNothing();
};

void tst_MessageRange::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QList<int>>("numbersOf10");

    QTest::newRow("empty is all") << QString() << QString()
                                  << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("blank is all") << QStringLiteral("  ") << QString()
                                  << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("single") << QStringLiteral("3") << QStringLiteral("3") << QList<int>{3};
    QTest::newRow("list and range")
            << QStringLiteral("1,4-7") << QStringLiteral("1,4-7") << QList<int>{1, 4, 5, 6, 7};
    QTest::newRow("unsorted") << QStringLiteral("9,2") << QStringLiteral("2,9") << QList<int>{2, 9};
    QTest::newRow("overlap merged")
            << QStringLiteral("3-6,5-8") << QStringLiteral("3-8") << QList<int>{3, 4, 5, 6, 7, 8};
    QTest::newRow("adjacent merged")
            << QStringLiteral("1-3,4") << QStringLiteral("1-4") << QList<int>{1, 2, 3, 4};
    QTest::newRow("duplicates") << QStringLiteral("2,2,2") << QStringLiteral("2") << QList<int>{2};
    QTest::newRow("one-element range")
            << QStringLiteral("5-5") << QStringLiteral("5") << QList<int>{5};
    QTest::newRow("open end") << QStringLiteral("8-") << QStringLiteral("8-")
                              << QList<int>{8, 9, 10};
    QTest::newRow("open end swallows later")
            << QStringLiteral("12,6-,7-9") << QStringLiteral("6-") << QList<int>{6, 7, 8, 9, 10};
    QTest::newRow("spaces around parts")
            << QStringLiteral(" 1 , 3 - 4 ") << QStringLiteral("1,3-4") << QList<int>{1, 3, 4};
    QTest::newRow("beyond the mailbox")
            << QStringLiteral("10-20") << QStringLiteral("10-20") << QList<int>{10};
    QTest::newRow("all beyond") << QStringLiteral("11,40") << QStringLiteral("11,40")
                                << QList<int>{};
}

void tst_MessageRange::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QList<int>, numbersOf10);

    QString error;
    const MessageRange range = MessageRange::parse(text, &error);
    QVERIFY2(range.isValid(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(range.toString(), canonical);
    QCOMPARE(range.isAll(), canonical.isEmpty());
    QCOMPARE(range.numbers(10), numbersOf10);
    // The canonical form means the same.
    QCOMPARE(MessageRange::parse(range.toString()).numbers(10), numbersOf10);
}

void tst_MessageRange::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named"); // the part the error must quote

    QTest::newRow("zero") << QStringLiteral("0") << QStringLiteral("\"0\"");
    QTest::newRow("negative") << QStringLiteral("-3") << QStringLiteral("\"-3\"");
    QTest::newRow("word") << QStringLiteral("1,all") << QStringLiteral("\"all\"");
    QTest::newRow("sign") << QStringLiteral("+4") << QStringLiteral("\"+4\"");
    QTest::newRow("backwards") << QStringLiteral("7-4") << QStringLiteral("\"7-4\"");
    QTest::newRow("empty part") << QStringLiteral("1,,2") << QStringLiteral("\"\"");
    QTest::newRow("trailing comma") << QStringLiteral("1,") << QStringLiteral("\"\"");
    QTest::newRow("two dashes") << QStringLiteral("1-2-3") << QStringLiteral("\"1-2-3\"");
    QTest::newRow("overflow") << QStringLiteral("99999999999") << QStringLiteral("99999999999");
    QTest::newRow("hex") << QStringLiteral("0x10") << QStringLiteral("\"0x10\"");
    QTest::newRow("fraction") << QStringLiteral("1.5") << QStringLiteral("\"1.5\"");
}

void tst_MessageRange::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, named);

    QString error;
    const MessageRange range = MessageRange::parse(text, &error);
    QVERIFY(!range.isValid());
    QVERIFY(!range.isAll());
    QVERIFY2(error.contains(named), qPrintable(error));
    QVERIFY(!range.contains(1));
    QVERIFY(range.numbers(10).isEmpty());
}

void tst_MessageRange::containsAndNumbers()
{
    const MessageRange range = MessageRange::parse(u"2,5-6,9-");
    QVERIFY(!range.contains(0));
    QVERIFY(!range.contains(1));
    QVERIFY(range.contains(2));
    QVERIFY(!range.contains(4));
    QVERIFY(range.contains(6));
    QVERIFY(range.contains(9));
    QVERIFY(range.contains(1000000));
    QCOMPARE(range.highestNamed(), 9);
    QCOMPARE(range.numbers(0), QList<int>{});
    QCOMPARE(range.numbers(5), (QList<int>{2, 5}));

    const MessageRange all;
    QVERIFY(all.isAll());
    QVERIFY(all.contains(1));
    QVERIFY(!all.contains(-1));
    QCOMPARE(all.highestNamed(), 0);
}

void tst_MessageRange::hugeRangeCostsNothing()
{
    // Intervals, not expanded lists: a range up to INT_MAX is as cheap as "1".
    const MessageRange range = MessageRange::parse(u"1-2147483647");
    QVERIFY(range.isValid());
    QCOMPARE(range.intervals().size(), 1);
    QCOMPARE(range.numbers(3), (QList<int>{1, 2, 3}));
    QCOMPARE(range.highestNamed(), 2147483647);
}

QTEST_GUILESS_MAIN(tst_MessageRange)
#include "tst_messagerange.moc"
