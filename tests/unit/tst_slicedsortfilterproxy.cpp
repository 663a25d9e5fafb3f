#include "models/messagelistmodel.h"
#include "models/searchfolding.h"
#include "models/slicedsortfilterproxy.h"
#include "models/steppedmergesort.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <algorithm>

// SlicedSortFilterProxy must give the order and the rows
// QSortFilterProxyModel gives (stable, case-insensitive, raw sort roles),
// whether it works at once (a small model) or in slices (a large one), and
// rows that change while it is sorted must end where a fresh sort puts them.
// No timing here: how long a slice takes is the GUI probe's business.
namespace {

using Model = MessageListModel;

// Senders and subjects with repeats (ties), case differences and empties.
const char *const Names[] = {"alice", "Bob", "ALICE", "", "carol", "bob", "Émile", "dave"};
const char *const Subjects[] = {"Report", "lunch", "report draft", "", "Re: lunch", "Zebra"};

HeaderSummary headersFor(int number)
{
    HeaderSummary headers;
    headers.fromName = QString::fromUtf8(Names[(number * 7) % 8]);
    headers.from = headers.fromName;
    headers.subject = QString::fromUtf8(Subjects[(number * 5) % 6]);
    // Some undated, many equal dates.
    if (number % 9 != 0)
        headers.date = QDateTime(QDate(2024, 1 + number % 3, 1), QTime(10, 0), Qt::UTC);
    return headers;
}

QList<Model::Listing> listing(int count)
{
    QList<Model::Listing> rows;
    for (int n = 1; n <= count; ++n)
        rows.append({n, qint64((n * 37) % 11) * 100, QByteArray("uid-") + QByteArray::number(n)});
    return rows;
}

QList<int> numbers(const QAbstractItemModel &proxy)
{
    QList<int> result;
    for (int row = 0; row < proxy.rowCount(); ++row)
        result.append(proxy.index(row, 0).data(Model::NumberRole).toInt());
    return result;
}

// What QSortFilterProxyModel shows for the same sort and filter.
QList<int> reference(Model *model, int column, Qt::SortOrder order, const QString &filter = {})
{
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(model);
    proxy.setSortRole(Model::SortRole);
    proxy.setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterRole(Model::FilterRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    // The model's filter text is folded: so is what is looked for.
    proxy.setFilterFixedString(SearchFolding::fold(filter));
    proxy.sort(column, order);
    return numbers(proxy);
}

// Works in slices: every model counts as large, one millisecond a slice,
// changed rows gathered for no time at all.
void makeSliced(SlicedSortFilterProxy &proxy)
{
    proxy.setImmediateRows(0);
    proxy.setSliceBudget(1);
    proxy.setBatchInterval(0);
}

// `rows` messages, all shown at once, under a proxy that sorts and filters
// by the list's roles, checked by QAbstractItemModelTester throughout.
struct Rig
{
    explicit Rig(int rows, bool sliced = false)
    {
        model.setInsertChunking(qMax(rows, 1), qMax(rows, 1));
        model.setListing(listing(rows));
        if (sliced)
            makeSliced(proxy);
        proxy.setSortRole(Model::SortRole);
        proxy.setFilterRole(Model::FilterRole);
        proxy.setSourceModel(&model);
    }

    Model model;
    SlicedSortFilterProxy proxy;
    QAbstractItemModelTester tester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

} // namespace

class tst_SlicedSortFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void steppedMergeSortIsStable();
    void sortsLikeQSortFilterProxyModel_data();
    void sortsLikeQSortFilterProxyModel();
    void filtersLikeQSortFilterProxyModel_data();
    void filtersLikeQSortFilterProxyModel();
    void filterFindsAddressesWhateverCaseAndAccents_data();
    void filterFindsAddressesWhateverCaseAndAccents();
    void slicedSortKeepsOldOrderUntilDone();
    void sortRequestedWhileHeadersLoad_data();
    void sortRequestedWhileHeadersLoad();
    void rowsAppendedWhileSorted();
    void changedRowsAreGatheredIntoOneLayoutChange();
    void sourceOrderIgnoresChangesNoFilterNeeds();
    void selectionFollowsTheRow();
};

void tst_SlicedSortFilterProxy::steppedMergeSortIsStable()
{
    // Keys with many ties; stopped after every 256 comparisons.
    QList<int> items(5000);
    for (int i = 0; i < items.size(); ++i)
        items[i] = i;
    const auto key = [](int item) {
        return (item * 7919) % 13;
    };
    const auto less = [&](int a, int b) {
        return key(a) < key(b);
    };
    QList<int> expected = items;
    std::stable_sort(expected.begin(), expected.end(), less);
    SteppedMergeSort sort;
    sort.start(items);
    int pauses = 0;
    while (!sort.run(less, [] { return true; }))
        ++pauses;
    QVERIFY(pauses > 10);
    QCOMPARE(sort.take(), expected);
}

void tst_SlicedSortFilterProxy::sortsLikeQSortFilterProxyModel_data()
{
    QTest::addColumn<bool>("sliced");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    for (const bool sliced : {false, true}) {
        for (int column = 0; column < Model::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QTest::addRow("%s, column %d, %s", sliced ? "sliced" : "at once", column,
                              order == Qt::AscendingOrder ? "ascending" : "descending")
                        << sliced << column << int(order);
            }
        }
    }
}

void tst_SlicedSortFilterProxy::sortsLikeQSortFilterProxyModel()
{
    QFETCH(bool, sliced);
    QFETCH(int, column);
    QFETCH(int, order);
    Model model;
    model.setInsertChunking(1000, 1000);
    model.setListing(listing(400));
    // A third of the rows still pending (empty sender), one failed, some marked.
    for (int n = 1; n <= 400; ++n) {
        if (n % 3 != 0)
            model.setHeaders(n, headersFor(n));
    }
    model.setLoadFailed(3);
    model.setMarked({5, 6, 7, 200}, true);
    model.setExported(6, true);

    SlicedSortFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (sliced)
        makeSliced(proxy);
    proxy.setSortRole(Model::SortRole);
    proxy.setSourceModel(&model);
    QSignalSpy settled(&proxy, &SlicedSortFilterProxy::settled);
    proxy.sort(column, Qt::SortOrder(order));
    if (sliced) {
        QVERIFY(proxy.isSettling());
        QVERIFY(settled.wait(5000));
    }
    QVERIFY(!proxy.isSettling());
    QCOMPARE(numbers(proxy), reference(&model, column, Qt::SortOrder(order)));
    QCOMPARE(proxy.sortColumn(), column);
}

void tst_SlicedSortFilterProxy::filtersLikeQSortFilterProxyModel_data()
{
    QTest::addColumn<bool>("sliced");
    QTest::addColumn<QStringList>("typed");
    for (const bool sliced : {false, true}) {
        const char *mode = sliced ? "sliced" : "at once";
        // Typed on (narrowing), changed, erased.
        QTest::addRow("%s, typing", mode)
                << sliced << QStringList{u"r"_qs, u"re"_qs, u"rep"_qs, u"REPORT"_qs};
        QTest::addRow("%s, other text", mode) << sliced << QStringList{u"lunch"_qs, u"bob"_qs};
        QTest::addRow("%s, accented", mode) << sliced << QStringList{u"émile"_qs};
        QTest::addRow("%s, erased", mode) << sliced << QStringList{u"zeb"_qs, u"ze"_qs, QString()};
        QTest::addRow("%s, nothing matches", mode) << sliced << QStringList{u"qqq"_qs};
    }
}

void tst_SlicedSortFilterProxy::filtersLikeQSortFilterProxyModel()
{
    QFETCH(bool, sliced);
    QFETCH(QStringList, typed);
    Rig rig(300, sliced);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    for (int n = 1; n <= 300; ++n)
        model.setHeaders(n, headersFor(n));
    proxy.sort(Model::SubjectColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!proxy.isSettling());
    // Each key while the previous text may still be worked in.
    for (const QString &text : std::as_const(typed))
        proxy.setFilterFixedString(text);
    QTRY_VERIFY(!proxy.isSettling());
    QCOMPARE(numbers(proxy),
             reference(&model, Model::SubjectColumn, Qt::DescendingOrder, typed.constLast()));

    // A header arriving takes its row into (or out of) the filtered list.
    HeaderSummary late = headersFor(1);
    late.subject = QStringLiteral("%1 late").arg(typed.constLast());
    model.setHeaders(1, late);
    QTRY_VERIFY(!proxy.isSettling());
    QCOMPARE(numbers(proxy),
             reference(&model, Model::SubjectColumn, Qt::DescendingOrder, typed.constLast()));
}

void tst_SlicedSortFilterProxy::filterFindsAddressesWhateverCaseAndAccents_data()
{
    QTest::addColumn<bool>("sliced");
    QTest::addColumn<bool>("foldedByModel");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QList<int>>("found");
    // 1: Zoë Martin <zm@photos.example>, "Ferien in der Straße"
    // 2: zoe@example.org (no name), "Quarterly report"
    // 3: 김민준 <minjun@example.kr>, "회의 자료"
    // 4: Bob <bob@example.org>, "각서"
    const struct
    {
        const char *name;
        QString typed;
        QList<int> found;
    } cases[] = {
            {"address the list does not show", u"photos.example"_qs, {1}},
            {"address in capitals", u"EXAMPLE.ORG"_qs, {2, 4}},
            {"name without its accent", u"zoe"_qs, {1, 2}},
            {"accent typed, none written", u"ZOË@"_qs, {2}},
            {"ss for sharp s", u"strasse"_qs, {1}},
            {"Hangul name", u"김민준"_qs, {3}},
            {"Hangul subject", u"회의"_qs, {3}},
            {"no partial Hangul syllable", u"가"_qs, {}},
            {"name and address are separate lines", u"martin zm"_qs, {}},
    };
    for (const bool sliced : {false, true}) {
        for (const bool folded : {true, false}) {
            for (const auto &c : cases) {
                QTest::addRow("%s, %s, %s", sliced ? "sliced" : "at once",
                              folded ? "folded by the model" : "folded by the proxy", c.name)
                        << sliced << folded << c.typed << c.found;
            }
        }
    }
}

void tst_SlicedSortFilterProxy::filterFindsAddressesWhateverCaseAndAccents()
{
    QFETCH(bool, sliced);
    QFETCH(bool, foldedByModel);
    QFETCH(QString, typed);
    QFETCH(QList<int>, found);
    Rig rig(4, sliced);
    rig.proxy.setFilterRoleFolded(foldedByModel);
    const auto from = [](const QString &name, const QString &address, const QString &subject) {
        HeaderSummary headers;
        headers.fromName = name;
        headers.fromAddress = address;
        headers.from = name.isEmpty() ? address : u"%1 <%2>"_qs.arg(name, address);
        headers.subject = subject;
        return headers;
    };
    rig.model.setHeaders(
            1, from(u"Zoë Martin"_qs, u"zm@photos.example"_qs, u"Ferien in der Straße"_qs));
    rig.model.setHeaders(2, from({}, u"zoe@example.org"_qs, u"Quarterly report"_qs));
    rig.model.setHeaders(3, from(u"김민준"_qs, u"minjun@example.kr"_qs, u"회의 자료"_qs));
    rig.model.setHeaders(4, from(u"Bob"_qs, u"bob@example.org"_qs, u"각서"_qs));
    rig.proxy.sort(Model::NumberColumn);
    rig.proxy.setFilterFixedString(typed);
    QTRY_VERIFY(!rig.proxy.isSettling());
    QCOMPARE(numbers(rig.proxy), found);
}

void tst_SlicedSortFilterProxy::slicedSortKeepsOldOrderUntilDone()
{
    Rig rig(3000, true);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    for (int n = 1; n <= 3000; ++n)
        model.setHeaders(n, headersFor(n));
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy settled(&proxy, &SlicedSortFilterProxy::settled);
    const QList<int> before = numbers(proxy);
    proxy.sort(Model::FromColumn);
    // Not inside the call: in slices, the view keeps its order meanwhile.
    QCOMPARE(numbers(proxy), before);
    QVERIFY(settled.wait(5000));
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(numbers(proxy), reference(&model, Model::FromColumn, Qt::AscendingOrder));
}

void tst_SlicedSortFilterProxy::sortRequestedWhileHeadersLoad_data()
{
    QTest::addColumn<bool>("sliced");
    QTest::addColumn<int>("column");
    QTest::addRow("at once, from") << false << int(Model::FromColumn);
    QTest::addRow("sliced, from") << true << int(Model::FromColumn);
    QTest::addRow("sliced, date") << true << int(Model::DateColumn);
    QTest::addRow("sliced, state") << true << int(Model::StateColumn);
}

// The case of issue 13: sorted by a header column while the headers arrive,
// a few each turn of the event loop, with a sort asked for midway.
void tst_SlicedSortFilterProxy::sortRequestedWhileHeadersLoad()
{
    QFETCH(bool, sliced);
    QFETCH(int, column);
    Rig rig(800, sliced);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    QRandomGenerator random(13);
    QList<int> pending(800);
    std::iota(pending.begin(), pending.end(), 1);
    std::shuffle(pending.begin(), pending.end(), random);
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (i == 100)
            proxy.sort(column, Qt::DescendingOrder);
        const int number = pending.at(i);
        model.setHeaders(number, headersFor(number));
        if (number % 4 == 0)
            model.setMarked({number}, true);
        if (i % 40 == 0)
            QCoreApplication::processEvents();
    }
    QTRY_VERIFY(!proxy.isSettling());
    QCOMPARE(numbers(proxy), reference(&model, column, Qt::DescendingOrder));
}

void tst_SlicedSortFilterProxy::rowsAppendedWhileSorted()
{
    // The model shows its rows in chunks, a turn each, after the reset.
    Model model;
    model.setInsertChunking(10, 25);
    SlicedSortFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    makeSliced(proxy);
    proxy.setSortRole(Model::SortRole);
    proxy.setFilterRole(Model::FilterRole);
    proxy.setSourceModel(&model);
    proxy.sort(Model::SizeColumn, Qt::DescendingOrder);
    proxy.setFilterFixedString(u"o"_qs);
    QSignalSpy allInserted(&model, &Model::allRowsInserted);
    model.setListing(listing(200));
    for (int n = 1; n <= 200; ++n)
        model.setHeaders(n, headersFor(n));
    QVERIFY(allInserted.wait(5000));
    QTRY_VERIFY(!proxy.isSettling());
    QCOMPARE(numbers(proxy), reference(&model, Model::SizeColumn, Qt::DescendingOrder, u"o"_qs));
    QVERIFY(proxy.rowCount() > 0);
}

void tst_SlicedSortFilterProxy::changedRowsAreGatheredIntoOneLayoutChange()
{
    // A large model (sliced), sorted by sender: 500 headers in one turn move
    // their rows with one layout change, not 500 of them.
    Rig rig(600);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    proxy.setImmediateRows(0);
    QSignalSpy settled(&proxy, &SlicedSortFilterProxy::settled);
    proxy.sort(Model::FromColumn);
    QVERIFY(settled.wait(5000));
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
    int keptKey = 0;
    for (int n = 1; n <= 500; ++n) {
        model.setHeaders(n, headersFor(n));
        keptKey += headersFor(n).fromName.isEmpty() ? 1 : 0;
    }
    // Rows about to move: the layout change repaints them, no dataChanged
    // each (a view looks every changed index up among all its rows). Rows
    // whose sender stays empty keep their place: repainted where they are.
    QVERIFY(keptKey > 0);
    QCOMPARE(changed.count(), keptKey);
    QCOMPARE(layouts.count(), 0);
    QVERIFY(proxy.isSettling());
    QVERIFY(settled.wait(5000));
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(numbers(proxy), reference(&model, Model::FromColumn, Qt::AscendingOrder));

    // A change that leaves the key as it was moves nothing: it reaches the
    // view as it is, and no work is gathered.
    HeaderSummary same = headersFor(10);
    same.subject = QStringLiteral("A new subject, the same sender");
    model.setHeaders(10, same);
    QVERIFY(!proxy.isSettling());
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(changed.count(), keptKey + 1);
    const QModelIndex row10 = proxy.mapFromSource(model.index(9, Model::SubjectColumn));
    QCOMPARE(row10.data().toString(), same.subject);
}

void tst_SlicedSortFilterProxy::sourceOrderIgnoresChangesNoFilterNeeds()
{
    Rig rig(50);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    for (int n = 1; n <= 50; ++n)
        model.setHeaders(n, headersFor(n));
    QVERIFY(!proxy.isSettling());
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(numbers(proxy), reference(&model, -1, Qt::AscendingOrder));
}

void tst_SlicedSortFilterProxy::selectionFollowsTheRow()
{
    Rig rig(300, true);
    Model &model = rig.model;
    SlicedSortFilterProxy &proxy = rig.proxy;
    for (int n = 1; n <= 300; ++n)
        model.setHeaders(n, headersFor(n));
    const QPersistentModelIndex message42(proxy.index(41, Model::SubjectColumn));
    QCOMPARE(message42.data(Model::NumberRole).toInt(), 42);
    proxy.sort(Model::SubjectColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!proxy.isSettling());
    QVERIFY(message42.row() != 41);
    QCOMPARE(message42.data(Model::NumberRole).toInt(), 42);
    QCOMPARE(message42.column(), int(Model::SubjectColumn));
    // Filtered out: gone; filtered in again: not brought back (as a view's).
    proxy.setFilterFixedString(u"no such text"_qs);
    QTRY_VERIFY(!proxy.isSettling());
    QVERIFY(!message42.isValid());
}

QTEST_GUILESS_MAIN(tst_SlicedSortFilterProxy)
#include "tst_slicedsortfilterproxy.moc"
