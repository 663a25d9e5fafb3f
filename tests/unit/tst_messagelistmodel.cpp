#include "models/messagelistmodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

QList<MessageListModel::Listing> listing(int count)
{
    QList<MessageListModel::Listing> rows;
    for (int n = 1; n <= count; ++n)
        rows.append({n, qint64(n) * 100, QByteArray("uid-") + QByteArray::number(n)});
    return rows;
}

HeaderSummary summary(const char *from, const char *subject, const QDateTime &date)
{
    HeaderSummary headers;
    headers.fromName = QString::fromUtf8(from);
    headers.from = headers.fromName;
    headers.subject = QString::fromUtf8(subject);
    headers.date = date;
    return headers;
}

} // namespace

class tst_MessageListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAppearFromListing();
    void headersFillInWithDataChanged();
    void loadFailure();
    void marksAndCounts();
    void marksFollowUidAcrossListings();
    void sharedUidIsNeverAKey();
    void sortRolesAreRaw();
    void paperclipColumn();
    void filterRoleCoversSenderAndSubject();
    void hundredThousandRows();
    void rowsArriveInChunks();
    void applyListingBuildsRowsInSlices();
    void applyListingIsDroppedByANewerListing();
};

void tst_MessageListModel::rowsAppearFromListing()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(3));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));
    QCOMPARE(model.totalOctets(), qint64(600));
    QCOMPARE(model.index(1, MessageListModel::NumberColumn).data().toInt(), 2);
    QCOMPARE(model.index(1, MessageListModel::SizeColumn)
                     .data(MessageListModel::SortRole)
                     .toLongLong(),
             qint64(200));
    QCOMPARE(model.index(2, 0)
                     .data(MessageListModel::LoadStateRole)
                     .value<MessageListModel::LoadState>(),
             MessageListModel::LoadState::Pending);
    QCOMPARE(model.pendingNumbers(), QList<int>({1, 2, 3}));
    QCOMPARE(model.uidAt(0), QByteArray("uid-1"));
    QCOMPARE(model.headerData(MessageListModel::SubjectColumn, Qt::Horizontal).toString(),
             QStringLiteral("Subject"));
}

void tst_MessageListModel::headersFillInWithDataChanged()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(3));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QDateTime date(QDate(2024, 1, 3), QTime(10, 0), Qt::UTC);
    model.setHeaders(2, summary("Alice", "Quarterly report", date));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("Alice"));
    QCOMPARE(model.index(1, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Quarterly report"));
    QVERIFY(!model.index(1, MessageListModel::DateColumn).data().toString().isEmpty());
    QCOMPARE(model.loadState(2), MessageListModel::LoadState::Loaded);
    QCOMPARE(model.pendingNumbers(), QList<int>({1, 3}));

    // An unknown number (message gone) is ignored, not a crash.
    model.setHeaders(99, summary("x", "y", date));
    QCOMPARE(changed.count(), 1);

    // From falls back to the address when there is no display name.
    HeaderSummary bare;
    bare.fromAddress = QStringLiteral("bob@example.org");
    model.setHeaders(3, bare);
    QCOMPARE(model.index(2, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("bob@example.org"));
}

void tst_MessageListModel::loadFailure()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(2));
    model.setLoadFailed(1);
    QCOMPARE(model.loadState(1), MessageListModel::LoadState::Failed);
    QCOMPARE(model.pendingNumbers(), QList<int>({2}));
    QVERIFY(!model.index(0, MessageListModel::StateColumn).data().toString().isEmpty());
}

void tst_MessageListModel::marksAndCounts()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(5));
    QSignalSpy counts(&model, &MessageListModel::markedCountChanged);
    model.setMarked({2, 4}, true);
    QCOMPARE(model.markedCount(), 2);
    QCOMPARE(counts.count(), 1);
    QCOMPARE(counts.last().at(0).toInt(), 2);
    QCOMPARE(model.markedNumbers(), QList<int>({2, 4}));
    QCOMPARE(model.markedOctets(), qint64(600));
    QVERIFY(model.index(1, 0).data(MessageListModel::MarkedRole).toBool());
    QCOMPARE(model.index(1, MessageListModel::StateColumn).data().toString(),
             QStringLiteral("Marked for deletion"));

    // Marking again changes nothing and says nothing.
    model.setMarked({2}, true);
    QCOMPARE(counts.count(), 1);

    model.setMarked({2}, false);
    QCOMPARE(model.markedCount(), 1);
    model.clearMarks();
    QCOMPARE(model.markedCount(), 0);
    QVERIFY(model.markedNumbers().isEmpty());

    model.setExported(3, true);
    QVERIFY(model.index(2, 0).data(MessageListModel::ExportedRole).toBool());
    QCOMPARE(model.index(2, MessageListModel::StateColumn).data().toString(),
             QStringLiteral("Exported"));
}

void tst_MessageListModel::marksFollowUidAcrossListings()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(3));
    model.setHeaders(3, summary("Carol", "Third", {}));
    model.setMarked({3}, true);

    // Message 1 vanished meanwhile: uid-3 is now number 2.
    QList<MessageListModel::Listing> after = {{1, 200, "uid-2"}, {2, 300, "uid-3"}};
    model.setListing(after);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.markedNumbers(), QList<int>({2}));
    QCOMPARE(model.markedCount(), 1);
    // Headers already known are kept, the others wait for TOP again.
    QCOMPARE(model.loadState(2), MessageListModel::LoadState::Loaded);
    QCOMPARE(model.index(1, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("Carol"));
    QCOMPARE(model.loadState(1), MessageListModel::LoadState::Pending);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.markedCount(), 0);
}

void tst_MessageListModel::sharedUidIsNeverAKey()
{
    // Issue 11: a unique-id on two rows identifies neither. Before, the
    // index named the last row with it (a preview or RETR of the first
    // showed the second), and a new listing copied a mark onto every row
    // that had it.
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing({{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}});
    model.setHeaders(1, summary("Alice", "one", {}));
    model.setMarked({1, 3}, true);

    // "a" is now on two messages (a server that derives ids from content,
    // or one that reuses them); "c" stays unique and moved.
    const QList<int> orphaned =
            model.setListing({{1, 100, "a"}, {2, 150, "a"}, {3, 200, "b"}, {4, 300, "c"}});
    QCOMPARE(model.rowForUid("a"), -1);
    QVERIFY(model.uidAt(0).isEmpty());
    QVERIFY(model.uidAt(1).isEmpty());
    QVERIFY(model.index(0, 0).data(MessageListModel::UidRole).toByteArray().isEmpty());
    QCOMPARE(model.markedNumbers(), QList<int>({4}));
    QCOMPARE(model.markedCount(), 1);
    // Neither inherits the headers either.
    QCOMPARE(model.loadState(1), MessageListModel::LoadState::Pending);
    QCOMPARE(model.loadState(2), MessageListModel::LoadState::Pending);
    // The mark that could not follow is reported by its old number.
    QCOMPARE(orphaned, QList<int>({1}));
    QCOMPARE(model.rowForUid("c"), 3);

    // Within this listing, numbers still work for those rows.
    model.setMarked({2}, true);
    QVERIFY(model.isMarked(2));
    // And across the next one, a mark on a row without a usable id stays behind.
    const QList<int> next = model.setListing({{1, 100, "a"}, {2, 150, "a"}, {3, 300, "c"}});
    QCOMPARE(next, QList<int>({2}));
    QCOMPARE(model.markedNumbers(), QList<int>({3}));

    // Shared within one listing from the start: the index refuses it too.
    model.setListing({{1, 100, "x"}, {2, 100, "y"}, {3, 100, "x"}});
    QCOMPARE(model.rowForUid("x"), -1);
    QCOMPARE(model.rowForUid("y"), 1);
    QVERIFY(model.uidAt(2).isEmpty());
}

void tst_MessageListModel::sortRolesAreRaw()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Sizes whose text order differs from their numeric order.
    model.setListing({{1, 900, "a"}, {2, 10000, "b"}, {3, 80, "c"}});
    model.setHeaders(1, summary("b", "x", QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC)));
    model.setHeaders(2, summary("a", "x", QDateTime(QDate(2023, 5, 1), QTime(0, 0), Qt::UTC)));
    model.setHeaders(3, summary("c", "x", {}));

    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(MessageListModel::SortRole);

    const auto order = [&proxy] {
        QList<int> numbers;
        for (int row = 0; row < proxy.rowCount(); ++row)
            numbers.append(proxy.index(row, 0).data(MessageListModel::NumberRole).toInt());
        return numbers;
    };
    proxy.sort(MessageListModel::SizeColumn);
    QCOMPARE(order(), QList<int>({3, 1, 2}));
    proxy.sort(MessageListModel::DateColumn);
    QCOMPARE(order(), QList<int>({3, 2, 1})); // undated first
    proxy.sort(MessageListModel::FromColumn, Qt::DescendingOrder);
    QCOMPARE(order(), QList<int>({3, 1, 2}));

    // A header arriving later re-sorts the live proxy.
    model.setHeaders(3, summary("0", "x", {}));
    QCOMPARE(order(), QList<int>({1, 2, 3}));
}

void tst_MessageListModel::paperclipColumn()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(3));
    HeaderSummary withFiles = summary("Ann", "Report", {});
    withFiles.hasAttachments = true;
    model.setHeaders(1, withFiles);
    model.setHeaders(2, summary("Bob", "Lunch", {}));
    const auto cell = [&model](int row) {
        return model.index(row, MessageListModel::AttachmentColumn);
    };
    QCOMPARE(cell(0).data(MessageListModel::HasAttachmentsRole).toBool(), true);
    QCOMPARE(cell(1).data(MessageListModel::HasAttachmentsRole).toBool(), false);
    QCOMPARE(cell(0).data(MessageListModel::SortRole).toInt(), 1);
    QCOMPARE(cell(1).data(MessageListModel::SortRole).toInt(), 0);
    QCOMPARE(cell(0).data(Qt::AccessibleTextRole).toString(), QStringLiteral("Has attachments"));
    QCOMPARE(cell(0).data(Qt::DisplayRole).toString(), QString());

    // Sorting by the column puts the messages with attachments together.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(MessageListModel::SortRole);
    proxy.sort(MessageListModel::AttachmentColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(MessageListModel::NumberRole).toInt(), 1);

    // Opening a message refines the hint, with one dataChanged for the cell.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHasAttachments(2, true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), cell(1));
    QVERIFY(cell(1).data(MessageListModel::HasAttachmentsRole).toBool());
    model.setHasAttachments(2, true);
    QCOMPARE(changed.count(), 1);

    // The paperclip follows its message to a new listing.
    model.setListing(listing(3));
    QVERIFY(cell(0).data(MessageListModel::HasAttachmentsRole).toBool());

    // The UI gives the header its icon (core holds none).
    QVERIFY(model.setHeaderData(MessageListModel::AttachmentColumn, Qt::Horizontal,
                                QStringLiteral("icon"), Qt::DecorationRole));
    QCOMPARE(model.headerData(MessageListModel::AttachmentColumn, Qt::Horizontal,
                              Qt::DecorationRole),
             QVariant(QStringLiteral("icon")));
    QCOMPARE(model.headerData(MessageListModel::AttachmentColumn, Qt::Horizontal, Qt::ToolTipRole)
                     .toString(),
             QStringLiteral("Attachments"));
}

void tst_MessageListModel::filterRoleCoversSenderAndSubject()
{
    MessageListModel model;
    model.setListing(listing(3));
    model.setHeaders(1, summary("Alice", "Quarterly report", {}));
    model.setHeaders(2, summary("Spam Inc", "You won", {}));
    model.setHeaders(3, summary("Bob", "Re: report draft", {}));

    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setFilterRole(MessageListModel::FilterRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(QStringLiteral("REPORT"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setFilterFixedString(QStringLiteral("spam"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(MessageListModel::NumberRole).toInt(), 2);
}

void tst_MessageListModel::hundredThousandRows()
{
    MessageListModel model;
    QSignalSpy allInserted(&model, &MessageListModel::allRowsInserted);
    QElapsedTimer timer;
    timer.start();
    model.setListing(listing(100000));
    // Every message is in the store at once; views get them in chunks.
    QCOMPARE(model.messageCount(), 100000);
    QVERIFY(model.rowCount() < 100000);
    for (int n = 1; n <= 100000; ++n)
        model.setHeaders(n, summary("Sender", "Subject", {}));
    model.setMarked({50000, 99999}, true);
    QCOMPARE(model.rowForNumber(77777), 77776);
    QCOMPARE(model.markedNumbers(), QList<int>({50000, 99999}));
    // Generous bound: it is about 100 ms here; per-row QObjects or linear
    // lookups would take many seconds.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(allInserted.wait(10000));
    QCOMPARE(model.rowCount(), 100000);
    QVERIFY(model.allRowsShown());
    QCOMPARE(model.index(99998, MessageListModel::NumberColumn).data().toInt(), 99999);
    QCOMPARE(model.index(99998, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Subject"));
    QVERIFY(model.index(99998, 0).data(MessageListModel::MarkedRole).toBool());
}

void tst_MessageListModel::rowsArriveInChunks()
{
    MessageListModel model;
    model.setInsertChunking(10, 25);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setDynamicSortFilter(true);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy allInserted(&model, &MessageListModel::allRowsInserted);

    model.setListing(listing(60));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(proxy.rowCount(), 10);
    QCOMPARE(model.messageCount(), 60);
    QVERIFY(!model.allRowsShown());
    QCOMPARE(model.totalOctets(), qint64(60 * 61 / 2) * 100);

    // Data for rows views do not know yet: kept, no signal for them.
    const QDateTime date(QDate(2024, 1, 3), QTime(10, 0), Qt::UTC);
    model.setHeaders(40, summary("Late", "Row forty", date));
    model.setLoadFailed(55);
    model.setMarked({50}, true);
    HeaderCache::Row cached;
    cached.uid = "uid-45";
    cached.entry.octets = 4500;
    cached.entry.headers = summary("Cached", "Row forty-five", date);
    HeaderCache::Row visible;
    visible.uid = "uid-2";
    visible.entry.octets = 200;
    visible.entry.headers = summary("Cached", "Row two", date);
    QCOMPARE(model.setCachedHeaders({cached, visible}), 2);
    // Only row 2 (row index 1) is shown: one dataChanged, for it.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(model.markedCount(), 1);
    QCOMPARE(model.rowForNumber(40), 39);
    QCOMPARE(model.rowForUid("uid-45"), 44);
    QCOMPARE(model.uidAt(59), QByteArray("uid-60"));
    QCOMPARE(model.subjectAt(39), QStringLiteral("Row forty"));
    QCOMPARE(model.loadState(55), MessageListModel::LoadState::Failed);
    QCOMPARE(model.markedNumbers(), QList<int>({50}));
    QVERIFY(!model.pendingNumbers().contains(40));
    QVERIFY(!model.index(39, 0).isValid());

    // Then 25, 25: one rowsInserted each, a turn of the event loop apart.
    QVERIFY(allInserted.wait(5000));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 10);
    QCOMPARE(inserted.at(0).at(2).toInt(), 34);
    QCOMPARE(inserted.at(1).at(1).toInt(), 35);
    QCOMPARE(inserted.at(1).at(2).toInt(), 59);
    QCOMPARE(model.rowCount(), 60);
    QCOMPARE(proxy.rowCount(), 60);
    QVERIFY(model.allRowsShown());
    QCOMPARE(model.index(39, MessageListModel::FromColumn).data().toString(),
             QStringLiteral("Late"));
    QCOMPARE(model.index(39, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Row forty"));
    QCOMPARE(model.index(44, MessageListModel::SubjectColumn).data().toString(),
             QStringLiteral("Row forty-five"));
    QCOMPARE(proxy.index(49, 0).data(MessageListModel::MarkedRole).toBool(), true);
    QCOMPARE(model.index(54, 0)
                     .data(MessageListModel::LoadStateRole)
                     .value<MessageListModel::LoadState>(),
             MessageListModel::LoadState::Failed);
    QCOMPARE(model.index(10, 0)
                     .data(MessageListModel::LoadStateRole)
                     .value<MessageListModel::LoadState>(),
             MessageListModel::LoadState::Pending);

    // A new listing mid-way starts over: no chunk of the old one follows.
    model.setListing(listing(30));
    model.setListing(listing(5));
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.allRowsShown());
    QCoreApplication::processEvents();
    QCOMPARE(model.rowCount(), 5);
}

QTEST_GUILESS_MAIN(tst_MessageListModel)
// Issue 13: 100,000 rows took 8-13 ms of one turn in setListing().
// applyListing() builds them a slice a turn and changes the rows in one
// last turn: until then the model is the old listing, views included, and
// a mark set meanwhile still follows its unique-id.
void tst_MessageListModel::applyListingBuildsRowsInSlices()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing(3));
    model.setHeaders(3, summary("Carol", "Third", {}));
    model.setApplyChunking(10);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy applied(&model, &MessageListModel::listingApplied);

    // uid-1 left the server; 44 new messages behind the old ones.
    QList<MessageListModel::Listing> after = listing(46).sliced(1);
    for (MessageListModel::Listing &item : after)
        --item.number;
    model.applyListing(after);
    QVERIFY(model.isApplyingListing());
    int turns = 0;
    while (applied.isEmpty() && turns < 100) {
        QCoreApplication::processEvents();
        ++turns;
        if (applied.isEmpty()) {
            // Still the old listing, whole, in the model and in its views.
            QCOMPARE(reset.count(), 0);
            QCOMPARE(model.messageCount(), 3);
            QCOMPARE(model.rowCount(), 3);
            QCOMPARE(model.rowForUid("uid-1"), 0);
        }
        if (turns == 2)
            model.setMarked({2, 3}, true); // uid-2 and uid-3, marked while it builds
    }
    QCOMPARE(applied.count(), 1);
    QVERIFY(turns >= 5); // 45 rows, 10 a turn, then the change
    QVERIFY(!model.isApplyingListing());
    QCOMPARE(applied.at(0).at(0).value<QList<int>>(), QList<int>());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.messageCount(), 45);
    QCOMPARE(model.rowForUid("uid-1"), -1);
    QCOMPARE(model.numberAt(model.rowForUid("uid-46")), 45);
    // The marks and the headers followed the unique-ids to their new numbers.
    QCOMPARE(model.markedNumbers(), QList<int>({1, 2}));
    QCOMPARE(model.markedCount(), 2);
    QCOMPARE(model.loadState(2), MessageListModel::LoadState::Loaded);
    QCOMPARE(model.subjectAt(model.rowForNumber(2)), QStringLiteral("Third"));
    QCOMPARE(model.loadState(1), MessageListModel::LoadState::Pending);
}

// A listing being built is dropped by whatever replaces the rows first: no
// late listingApplied(), no rows of it.
void tst_MessageListModel::applyListingIsDroppedByANewerListing()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setApplyChunking(5);
    QSignalSpy applied(&model, &MessageListModel::listingApplied);

    model.applyListing(listing(40));
    QCoreApplication::processEvents();
    model.setListing(listing(2));
    QVERIFY(!model.isApplyingListing());
    model.applyListing(listing(30));
    QCoreApplication::processEvents();
    model.clear();
    model.applyListing(listing(20));
    QCoreApplication::processEvents();
    model.cancelListing();
    for (int turn = 0; turn < 20; ++turn)
        QCoreApplication::processEvents();
    QCOMPARE(applied.count(), 0);
    QCOMPARE(model.messageCount(), 0);

    model.applyListing(listing(12));
    model.applyListing(listing(7)); // the later one wins
    QVERIFY(applied.wait(5000));
    QCOMPARE(model.messageCount(), 7);
    for (int turn = 0; turn < 20; ++turn)
        QCoreApplication::processEvents();
    QCOMPARE(applied.count(), 1);
}

#include "tst_messagelistmodel.moc"
