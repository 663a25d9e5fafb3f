// ExportPlanner: listing, journal and options in, plan out, with no server
// and no files. Each rule of ExportJob's planning is a row here.

#include "export/exportplanner.h"

#include <QCryptographicHash>
#include <QTest>

using Recorded = ExportStateStore::Recorded;
using Selector = ExportOptions::Selector;

class tst_ExportPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listIsTheTruth();
    void withoutUidl();
    void unusableUidsGetOneNotice();
    void manyUnusableUidsAreCounted();
    void numbersBeyondTheMailbox();
    void messageRangeSelects();
    void headerKeys();
    void refusedHeadersCountAsFailed();
    void journal_data();
    void journal();
    void journalNotAskedWithoutOnlyNew();
    void journalNoticesAreCounted();
    void selectionByKey_data();
    void selectionByKey();

private:
    const ExportAccount m_account{QStringLiteral("pop.example.org"), 995, QStringLiteral("bob")};
};

namespace {

QList<ScanEntry> listing(int count, qint64 base = 100)
{
    QList<ScanEntry> entries;
    for (int n = 1; n <= count; ++n)
        entries.append({n, base * n});
    return entries;
}

QList<UniqueIdEntry> uids(int count)
{
    QList<UniqueIdEntry> entries;
    for (int n = 1; n <= count; ++n)
        entries.append({n, "uid-" + QByteArray::number(n)});
    return entries;
}

QList<int> numbers(const QList<ExportPlanner::Item> &items)
{
    QList<int> result;
    for (const ExportPlanner::Item &item : items)
        result.append(item.number);
    return result;
}

// The raw LIST and UIDL answers through MailboxListing's merge, as the job
// hands them to the planner (the rules of that merge are MailboxListing's,
// tested in tst_sessionjobs and tst_hostileservers).
QStringList readListing(ExportPlanner &planner, const QList<ScanEntry> &list, bool haveUidl,
                        const QList<UniqueIdEntry> &uidl = {},
                        const QList<UnusableUniqueId> &unusable = {})
{
    return planner.readListing(MailboxListing::mergeListing(list, uidl, unusable, haveUidl));
}

// A journal that knows nothing.
ExportPlanner::Lookup nothingRecorded()
{
    return [](const ExportKey &, qint64) {
        return ExportStateStore::Lookup{};
    };
}

} // namespace

void tst_ExportPlanner::listIsTheTruth()
{
    ExportPlanner planner({}, m_account);
    // UIDL names a message LIST does not have (9): never looked at.
    QList<UniqueIdEntry> uidl = uids(3);
    uidl.append({9, "ghost"});
    QVERIFY(readListing(planner, listing(3), true, uidl).isEmpty());
    QVERIFY(!planner.usesFallbackKeys());
    QCOMPARE(numbers(planner.candidates()), (QList<int>{1, 2, 3}));
    QVERIFY(planner.needsHeaders().isEmpty());
    QCOMPARE(planner.listedOctets(QStringLiteral("uid-2")), 200);
    QCOMPARE(planner.listedOctets(QStringLiteral("ghost")), -1);
    const ExportPlanner::Plan plan = planner.plan(nothingRecorded(), QStringLiteral("T"));
    QCOMPARE(numbers(plan.toFetch), (QList<int>{1, 2, 3}));
    QCOMPARE(plan.bytesTotal, 600);
    QCOMPARE(plan.toFetch.at(1).key,
             ExportKey::fromUidl(m_account.host, m_account.port, m_account.user,
                                 QStringLiteral("uid-2")));
    QVERIFY(plan.notices.isEmpty());
}

void tst_ExportPlanner::withoutUidl()
{
    ExportPlanner planner({}, m_account);
    const QStringList notices = readListing(planner, listing(2), false);
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.at(0).contains(QLatin1String("does not support UIDL")),
             qPrintable(notices.at(0)));
    QVERIFY(planner.usesFallbackKeys());
    QCOMPARE(planner.needsHeaders(), (QList<qsizetype>{0, 1}));
}

void tst_ExportPlanner::unusableUidsGetOneNotice()
{
    // Message 2's UID is malformed, 3's is shared with 4: all three are keyed
    // by their headers, with one notice naming them.
    ExportPlanner planner({}, m_account);
    const QList<UniqueIdEntry> usable{{1, "uid-1"}};
    const QList<UnusableUniqueId> unusable{
            {2, "bad\x01", UnusableUniqueId::Reason::Malformed},
            {3, "twin", UnusableUniqueId::Reason::Shared},
            {4, "twin", UnusableUniqueId::Reason::Shared},
    };
    const QStringList notices = readListing(planner, listing(4), true, usable, unusable);
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.at(0).contains(QLatin1String("message(s) 2, 3, 4 ")),
             qPrintable(notices.at(0)));
    QVERIFY(planner.usesFallbackKeys());
    QCOMPARE(planner.needsHeaders(), (QList<qsizetype>{1, 2, 3}));
    QCOMPARE(planner.listedOctets(QStringLiteral("twin")), -1); // a shared UID is no key
}

void tst_ExportPlanner::manyUnusableUidsAreCounted()
{
    ExportPlanner planner({}, m_account);
    const QStringList notices = readListing(planner, listing(25), true, {});
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.at(0).contains(QLatin1String("1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more")),
             qPrintable(notices.at(0)));
}

void tst_ExportPlanner::numbersBeyondTheMailbox()
{
    ExportOptions options;
    options.messages = MessageRange::parse(u"2,5-9");
    ExportPlanner planner(options, m_account);
    const QStringList notices = readListing(planner, listing(6), true, uids(6));
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.at(0).contains(QLatin1String("only 6 messages")), qPrintable(notices.at(0)));
    QCOMPARE(numbers(planner.candidates()), (QList<int>{2, 5, 6}));
}

void tst_ExportPlanner::messageRangeSelects()
{
    ExportOptions options;
    options.messages = MessageRange::parse(u"1,3-");
    ExportPlanner planner(options, m_account);
    QVERIFY(readListing(planner, listing(4), true, uids(4)).isEmpty());
    QCOMPARE(numbers(planner.plan(nothingRecorded(), {}).toFetch), (QList<int>{1, 3, 4}));
}

void tst_ExportPlanner::headerKeys()
{
    const QByteArray withId = "Subject: a\r\nMessage-ID: <id@example.org>\r\n\r\n";
    const QByteArray withoutId = "Subject: b\r\nReceived: from x; Tue, 1 Dec 2026\r\n\r\n";
    QCOMPARE(ExportPlanner::keyIdOfHeaders(withId), QStringLiteral("id@example.org"));
    QCOMPARE(ExportPlanner::keyIdOfHeaders(withoutId),
             QStringLiteral("headers-sha256:") +
                     QString::fromLatin1(
                             QCryptographicHash::hash(withoutId, QCryptographicHash::Sha256)
                                     .toHex()));

    ExportPlanner planner({}, m_account);
    (void)readListing(planner, listing(2), false);
    planner.setHeaders(0, withId);
    planner.setHeaders(1, withoutId);
    QVERIFY(planner.needsHeaders().isEmpty());
    const ExportPlanner::Plan plan = planner.plan(nothingRecorded(), {});
    QCOMPARE(numbers(plan.toFetch), (QList<int>{1, 2}));
    const ExportKey key = plan.toFetch.at(0).key;
    QVERIFY(key.isFallback());
    QCOMPARE(key,
             ExportKey::fromMessageId(m_account.host, 995, m_account.user,
                                      QStringLiteral("id@example.org"), 100));
}

void tst_ExportPlanner::refusedHeadersCountAsFailed()
{
    ExportPlanner planner({}, m_account);
    (void)readListing(planner, listing(3), false);
    planner.setHeaders(1, "Message-ID: <only@two>\r\n\r\n");
    const ExportPlanner::Plan plan = planner.plan(nothingRecorded(), {});
    QCOMPARE(numbers(plan.toFetch), (QList<int>{2}));
    QCOMPARE(plan.failed, 2);
}

void tst_ExportPlanner::journal_data()
{
    QTest::addColumn<int>("recorded");
    QTest::addColumn<bool>("deleteAfter");
    QTest::addColumn<bool>("fetched");
    QTest::addColumn<bool>("deleteOnly");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("notice"); // a part of the one notice, or empty for none

    const auto row = [](const char *name, Recorded recorded, bool deleteAfter, bool fetched,
                        bool deleteOnly, int skipped, const char *notice) {
        QTest::newRow(name) << int(recorded) << deleteAfter << fetched << deleteOnly << skipped
                            << QString::fromLatin1(notice);
    };
    row("new", Recorded::No, false, true, false, 0, "");
    row("new, delete", Recorded::No, true, true, false, 0, "");
    row("here", Recorded::Here, false, false, false, 1, "");
    // Durably here already: only DELE is left to do.
    row("here, delete", Recorded::Here, true, false, true, 1, "");
    // Nobody knows where: skipped, and never deleted on its strength...
    row("legacy", Recorded::Legacy, false, false, false, 1, "skipped as exported before");
    // ...or exported here again, so that DELE follows a durable copy.
    row("legacy, delete", Recorded::Legacy, true, true, false, 0, "exported to T again");
    row("elsewhere", Recorded::Elsewhere, false, true, false, 0, "to another destination");
    row("elsewhere, delete", Recorded::Elsewhere, true, true, false, 0, "to another destination");
    row("other size", Recorded::OtherSize, false, true, false, 0, "reused UID uid-1");
    row("other size, delete", Recorded::OtherSize, true, true, false, 0, "(size 100, was 77)");
}

void tst_ExportPlanner::journal()
{
    QFETCH(int, recorded);
    QFETCH(bool, deleteAfter);
    QFETCH(bool, fetched);
    QFETCH(bool, deleteOnly);
    QFETCH(int, skipped);
    QFETCH(QString, notice);

    ExportOptions options;
    options.onlyNew = true;
    options.deleteAfter = deleteAfter;
    ExportPlanner planner(options, m_account);
    (void)readListing(planner, listing(1), true, uids(1));
    QList<std::pair<ExportKey, qint64>> asked;
    const ExportPlanner::Plan plan = planner.plan(
            [&](const ExportKey &key, qint64 octets) {
                asked.append({key, octets});
                return ExportStateStore::Lookup{Recorded(recorded), 77};
            },
            QStringLiteral("T"));
    // Asked once, with the size LIST gives now.
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).first.id(), QStringLiteral("uid-1"));
    QCOMPARE(asked.at(0).second, 100);
    QCOMPARE(plan.toFetch.size(), fetched ? 1 : 0);
    QCOMPARE(plan.bytesTotal, fetched ? 100 : 0);
    QCOMPARE(plan.deleteOnly, deleteOnly ? QList<int>{1} : QList<int>{});
    QCOMPARE(plan.skipped, skipped);
    QCOMPARE(plan.failed, 0);
    if (notice.isEmpty()) {
        QCOMPARE(plan.notices, QStringList());
    } else {
        QCOMPARE(plan.notices.size(), 1);
        QVERIFY2(plan.notices.at(0).contains(notice), qPrintable(plan.notices.at(0)));
    }
}

void tst_ExportPlanner::journalNotAskedWithoutOnlyNew()
{
    ExportOptions options;
    options.deleteAfter = true;
    ExportPlanner planner(options, m_account);
    (void)readListing(planner, listing(2), true, uids(2));
    int asked = 0;
    const ExportPlanner::Plan plan = planner.plan(
            [&asked](const ExportKey &, qint64) {
                ++asked;
                return ExportStateStore::Lookup{Recorded::Here, -1};
            },
            {});
    QCOMPARE(asked, 0);
    QCOMPARE(numbers(plan.toFetch), (QList<int>{1, 2}));
    QVERIFY(plan.deleteOnly.isEmpty());
}

void tst_ExportPlanner::journalNoticesAreCounted()
{
    // One notice a case with the count, not one a message; in a fixed order.
    ExportOptions options;
    options.onlyNew = true;
    ExportPlanner planner(options, m_account);
    (void)readListing(planner, listing(6), true, uids(6));
    const QList<Recorded> answers{Recorded::Legacy,    Recorded::Elsewhere, Recorded::Legacy,
                                  Recorded::Elsewhere, Recorded::Elsewhere, Recorded::No};
    const ExportPlanner::Plan plan = planner.plan(
            [&](const ExportKey &key, qint64) {
                const int n = key.id().mid(4).toInt();
                return ExportStateStore::Lookup{answers.at(n - 1), -1};
            },
            QStringLiteral("T"));
    QCOMPARE(numbers(plan.toFetch), (QList<int>{2, 4, 5, 6}));
    QCOMPARE(plan.skipped, 2);
    QCOMPARE(plan.notices.size(), 2);
    QVERIFY2(plan.notices.at(0).startsWith(QLatin1String("2 message(s) were exported by an older")),
             qPrintable(plan.notices.at(0)));
    QVERIFY2(plan.notices.at(1).startsWith(QLatin1String("3 message(s) exported before")),
             qPrintable(plan.notices.at(1)));
}

void tst_ExportPlanner::selectionByKey_data()
{
    QTest::addColumn<QList<Selector>>("selection");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<int>("notFound");
    QTest::addColumn<QString>("notice"); // part of the one notice, if notFound

    // The listing: 1 uid-1, 2 uid-2, 3 and 4 share "twin", 5 and 6 have no
    // UID and one Message-ID and size, 7 has no UID and its own Message-ID.
    QTest::newRow("by UID, renumbered")
            << QList<Selector>{{"uid-2", {}, -1, 9}} << QList<int>{2} << 0 << QString();
    QTest::newRow("in listing order") << QList<Selector>{{"uid-2", {}, -1, 2}, {"uid-1", {}, -1, 1}}
                                      << QList<int>{1, 2} << 0 << QString();
    QTest::newRow("UID gone") << QList<Selector>{{"gone", {}, -1, 4}} << QList<int>{} << 1
                              << QStringLiteral("Message 4 (UID gone) was not exported: it is "
                                                "no longer on the server.");
    QTest::newRow("UID shared now") << QList<Selector>{{"twin", {}, -1, 3}} << QList<int>{} << 1
                                    << QStringLiteral("gives that UID to several messages");
    QTest::newRow("by Message-ID and size")
            << QList<Selector>{{{}, QStringLiteral("seven@x"), 700, 7}} << QList<int>{7} << 0
            << QString();
    QTest::newRow("Message-ID, other size")
            << QList<Selector>{{{}, QStringLiteral("seven@x"), 701, 7}} << QList<int>{} << 1
            << QStringLiteral("(Message-ID seven@x) was not exported: it is no longer");
    QTest::newRow("Message-ID and size ambiguous")
            << QList<Selector>{{{}, QStringLiteral("same@x"), 500, 0}} << QList<int>{} << 1
            << QStringLiteral("Message ? (Message-ID same@x) was not exported: 2 messages");
    QTest::newRow("no key at all") << QList<Selector>{{{}, {}, 100, 1}} << QList<int>{} << 1
                                   << QStringLiteral("neither a UID nor a Message-ID");
}

void tst_ExportPlanner::selectionByKey()
{
    QFETCH(QList<Selector>, selection);
    QFETCH(QList<int>, expected);
    QFETCH(int, notFound);
    QFETCH(QString, notice);

    ExportOptions options;
    options.selectByKey = true;
    options.selection = selection;
    options.messages = MessageRange::parse(u"1"); // ignored when selecting by key
    ExportPlanner planner(options, m_account);
    const QList<ScanEntry> list{{1, 100}, {2, 200}, {3, 300}, {4, 400},
                                {5, 500}, {6, 500}, {7, 700}};
    const QList<UniqueIdEntry> usable{{1, "uid-1"}, {2, "uid-2"}};
    const QList<UnusableUniqueId> unusable{{3, "twin", UnusableUniqueId::Reason::Shared},
                                           {4, "twin", UnusableUniqueId::Reason::Shared}};
    (void)readListing(planner, list, true, usable, unusable);
    for (qsizetype i : planner.needsHeaders()) {
        const int number = planner.candidates().at(i).number;
        planner.setHeaders(
                i, number == 7 ? "Message-ID: <seven@x>\r\n\r\n" : "Message-ID: <same@x>\r\n\r\n");
    }
    const ExportPlanner::Plan plan = planner.plan(nothingRecorded(), {});
    QCOMPARE(numbers(plan.toFetch), expected);
    QCOMPARE(plan.notFound, notFound);
    QCOMPARE(plan.notices.size(), notFound);
    if (notFound > 0)
        QVERIFY2(plan.notices.at(0).contains(notice), qPrintable(plan.notices.at(0)));
}

QTEST_GUILESS_MAIN(tst_ExportPlanner)
#include "tst_exportplanner.moc"
