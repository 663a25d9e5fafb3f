#pragma once

#include "steppedmergesort.h"

#include <QAbstractProxyModel>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QTimer>

// Sorting and a fixed-string filter (case and accents folded) over a flat (table) model of up to a
// few hundred thousand rows that never holds the event loop for more than a few milliseconds (issue
// 13: one frame, 16 ms, at 100,000 messages).
//
// QSortFilterProxyModel sorts and filters in one go and, with a dynamic
// sort, moves a row on every dataChanged: 100,000 headers arriving while the
// list was sorted by sender took 60 s, and one sort of 100,000 rows by a
// text key is 50-100 ms. Here:
// - A model of at most immediateRows() rows is sorted and filtered at once,
//   inside the call, like QSortFilterProxyModel (the demo, the tests).
// - A larger one is sorted, filtered and re-sorted in slices of at most
//   sliceBudget() ms a turn of the event loop; the view keeps the previous
//   order until the new one is complete, then gets one layoutChanged().
// - Rows whose sort key or filter text changed (headers arriving) and rows
//   appended while sorted are gathered for batchInterval() ms, then their
//   keys are read again, they are sorted among themselves and each is put
//   in its place by a binary search in the rest: over a whole load, about
//   the comparisons of one sort, not one sort per row.
// - In the source's order (sort column -1) appended rows are appended, and
//   a dataChanged() that no filter depends on costs nothing.
//
// The order is stable: rows with equal keys keep the source's order, in
// both directions (as QSortFilterProxyModel's). Text keys compare case-
// insensitively; numbers (integers, doubles) as numbers, before any text.
// The source model must be flat; inserting rows anywhere but at its end,
// removing, moving or re-laying out rows is handled as a reset.
class SlicedSortFilterProxy : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit SlicedSortFilterProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    void setSortRole(int role);
    [[nodiscard]] int sortRole() const { return m_sortRole; }
    // The role whose text the filter searches, in column 0.
    void setFilterRole(int role);
    [[nodiscard]] int filterRole() const { return m_filterRole; }
    // Whether the source gives the filter role's text folded already
    // (SearchFolding::fold(); a QString, or a QByteArray in UTF-8 as
    // MessageListModel gives it, folded once a row): then only the typed
    // text is folded, once a keystroke. Otherwise every row's text is
    // folded at every test. Default false.
    void setFilterRoleFolded(bool folded);
    [[nodiscard]] bool filterRoleFolded() const { return m_filterRoleFolded; }
    // Shows only rows whose filter text contains `text`, both folded by
    // SearchFolding (case and accents do not count: "zoe" finds "Zoë"); a
    // text that folds to nothing shows every row.
    void setFilterFixedString(const QString &text);
    [[nodiscard]] QString filterFixedString() const { return m_filterText; }
    // Column -1: the source's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void setImmediateRows(int rows) { m_immediateRows = qMax(0, rows); }
    [[nodiscard]] int immediateRows() const { return m_immediateRows; }
    void setSliceBudget(int ms) { m_sliceBudgetMs = qMax(1, ms); }
    [[nodiscard]] int sliceBudget() const { return m_sliceBudgetMs; }
    void setBatchInterval(int ms) { m_batchTimer.setInterval(qMax(0, ms)); }
    [[nodiscard]] int batchInterval() const { return m_batchTimer.interval(); }
    // True while a sort, a filter or changed rows have not reached the view.
    [[nodiscard]] bool isSettling() const;

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    [[nodiscard]] QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    // Everything asked for (a sort, a filter, rows that changed) is shown.
    void settled();

private:
    struct Key
    {
        double number = 0;
        QString text; // case-folded
        bool isText = false;
    };
    // Where the work on gathered rows stands (see work()).
    enum class Merge { Idle, Refresh, SortBatch, Place };

    [[nodiscard]] int sourceRows() const;
    [[nodiscard]] bool sorted() const { return m_sortColumn >= 0; }
    [[nodiscard]] bool filtering() const { return !m_filterNeedle.isEmpty(); }
    [[nodiscard]] bool immediate() const { return sourceRows() <= m_immediateRows; }
    [[nodiscard]] Key keyOf(int sourceRow) const;
    [[nodiscard]] bool accepts(int sourceRow) const;
    // The filter again over every row (its role or how it is read changed).
    void refilterFromScratch();
    [[nodiscard]] bool lessRows(int a, int b) const;
    [[nodiscard]] static bool sameKey(const Key &a, const Key &b);

    void onSourceAboutToBeReset();
    void onSourceReset();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    // Rebuilds everything from the source inside begin/endResetModel().
    void rebuild();
    void markDirty(int sourceRow);
    void cancelMerge();

    // Asks for work: at once for a small model, otherwise on the slice
    // timer (a new sort or filter) or the batch timer (rows that changed).
    void schedule(bool gathered);
    // Does what is pending, for at most sliceBudget() ms when `bounded`.
    void work(bool bounded);
    // The steps of work(); each answers true once its job is complete.
    template<typename Expired> bool refilterStep(Expired expired);
    template<typename Expired> bool resortStep(Expired expired);
    template<typename Expired> bool mergeStep(Expired expired);
    // Shows m_order filtered by m_accepted, if that differs from what is shown.
    void apply();

    // sourceModel() and its column count, kept here: a view's layout asks
    // index() and flags() of every row (100,000 calls a layout).
    QAbstractItemModel *m_source = nullptr;
    int m_columns = 0;
    int m_sortRole = Qt::DisplayRole;
    int m_filterRole = Qt::DisplayRole;
    bool m_filterRoleFolded = false;
    QString m_filterText; // as given
    QString m_filterNeedle; // m_filterText folded
    QByteArray m_filterNeedleUtf8; // and in UTF-8, for folded QByteArray texts
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_immediateRows = 5000;
    int m_sliceBudgetMs = 6;

    // What is shown.
    QList<int> m_proxyToSource;
    QList<int> m_sourceToProxy; // -1: not shown
    // What is wanted, per source row.
    QList<int> m_order; // the placed rows, in sort order
    QList<char> m_placed; // in m_order
    QList<char> m_accepted; // by the filter
    QList<Key> m_keys; // of m_sortColumn, while sorted
    QList<int> m_dirty; // rows whose key or filter text changed, or not placed yet
    QList<char> m_isDirty;

    // A whole new filter (m_refilterRow: next row to test).
    bool m_needRefilter = false;
    bool m_refilterNarrowing = false; // only rows the last filter showed are tested
    int m_refilterRow = 0;
    // A whole new sort: keys first (m_resortRow), then m_sort.
    bool m_needResort = false;
    bool m_resortSorting = false; // the keys are read, m_sort runs
    int m_resortRow = 0;
    int m_resortRows = 0; // the rows it covers
    SteppedMergeSort m_sort;
    // Gathered rows being worked in.
    Merge m_merge = Merge::Idle;
    QList<int> m_batch;
    qsizetype m_batchCursor = 0;
    QList<int> m_rest; // m_order without the batch
    QList<qsizetype> m_positions; // where each batch row goes in m_rest

    bool m_applyPending = false; // m_order or m_accepted changed
    // A dataChanged() of rows about to move was held back: the next
    // apply() emits a layout change even if nothing moved.
    bool m_heldChanges = false;
    bool m_working = false; // inside work()
    bool m_resetting = false;
    bool m_busy = false; // settled() is due once the work is done
    QTimer m_sliceTimer;
    QTimer m_batchTimer;
};
