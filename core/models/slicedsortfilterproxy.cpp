#include "slicedsortfilterproxy.h"

#include "searchfolding.h"

#include <QElapsedTimer>

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

namespace {

QList<int> allRows(int count)
{
    QList<int> rows(count);
    std::iota(rows.begin(), rows.end(), 0);
    return rows;
}

} // namespace

SlicedSortFilterProxy::SlicedSortFilterProxy(QObject *parent)
    : QAbstractProxyModel(parent)
{
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, [this] { work(true); });
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(100);
    connect(&m_batchTimer, &QTimer::timeout, this, [this] { work(true); });
}

void SlicedSortFilterProxy::setSourceModel(QAbstractItemModel *source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    beginResetModel();
    QAbstractProxyModel::setSourceModel(source);
    m_source = source;
    if (source) {
        using M = QAbstractItemModel;
        connect(source, &M::modelAboutToBeReset, this,
                &SlicedSortFilterProxy::onSourceAboutToBeReset);
        connect(source, &M::modelReset, this, &SlicedSortFilterProxy::onSourceReset);
        connect(source, &M::rowsInserted, this, &SlicedSortFilterProxy::onRowsInserted);
        connect(source, &M::dataChanged, this, &SlicedSortFilterProxy::onDataChanged);
        connect(source, &M::headerDataChanged, this, &M::headerDataChanged);
        // What a message list never does is handled as a reset.
        for (const auto aboutTo : {&M::rowsAboutToBeRemoved, &M::columnsAboutToBeInserted,
                                   &M::columnsAboutToBeRemoved}) {
            connect(source, aboutTo, this, &SlicedSortFilterProxy::onSourceAboutToBeReset);
        }
        for (const auto done : {&M::rowsRemoved, &M::columnsInserted, &M::columnsRemoved})
            connect(source, done, this, &SlicedSortFilterProxy::onSourceReset);
        connect(source, &M::rowsAboutToBeMoved, this,
                &SlicedSortFilterProxy::onSourceAboutToBeReset);
        connect(source, &M::rowsMoved, this, &SlicedSortFilterProxy::onSourceReset);
        connect(source, &M::columnsAboutToBeMoved, this,
                &SlicedSortFilterProxy::onSourceAboutToBeReset);
        connect(source, &M::columnsMoved, this, &SlicedSortFilterProxy::onSourceReset);
        connect(source, &M::layoutAboutToBeChanged, this,
                &SlicedSortFilterProxy::onSourceAboutToBeReset);
        connect(source, &M::layoutChanged, this, &SlicedSortFilterProxy::onSourceReset);
    }
    rebuild();
    endResetModel();
    schedule(false);
}

void SlicedSortFilterProxy::setSortRole(int role)
{
    if (role == m_sortRole)
        return;
    m_sortRole = role;
    if (sorted()) {
        const int column = std::exchange(m_sortColumn, -2);
        sort(column, m_sortOrder);
    }
}

void SlicedSortFilterProxy::setFilterRole(int role)
{
    if (role == m_filterRole)
        return;
    m_filterRole = role;
    refilterFromScratch();
}

void SlicedSortFilterProxy::setFilterRoleFolded(bool folded)
{
    if (folded == m_filterRoleFolded)
        return;
    m_filterRoleFolded = folded;
    refilterFromScratch();
}

void SlicedSortFilterProxy::refilterFromScratch()
{
    if (!filtering())
        return;
    const QString text = std::exchange(m_filterText, {});
    m_filterNeedle.clear();
    m_filterNeedleUtf8.clear();
    setFilterFixedString(text);
}

bool SlicedSortFilterProxy::isSettling() const
{
    return m_busy;
}

int SlicedSortFilterProxy::sourceRows() const
{
    return int(m_placed.size());
}

SlicedSortFilterProxy::Key SlicedSortFilterProxy::keyOf(int sourceRow) const
{
    const QVariant value = m_source->index(sourceRow, m_sortColumn).data(m_sortRole);
    Key key;
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Float:
    case QMetaType::Double:
        // Exact for every integer a message list sorts by (below 2^53, and
        // the qint64 minimum that puts undated messages first).
        key.number = value.toDouble();
        break;
    default:
        key.text = value.toString().toCaseFolded();
        key.isText = true;
        break;
    }
    return key;
}

bool SlicedSortFilterProxy::accepts(int sourceRow) const
{
    const QVariant value = m_source->index(sourceRow, 0).data(m_filterRole);
    if (m_filterRoleFolded && value.typeId() == QMetaType::QByteArray) {
        // A substring of valid UTF-8 is a substring of its characters.
        return value.toByteArray().contains(m_filterNeedleUtf8);
    }
    const QString text = value.toString();
    return (m_filterRoleFolded ? text : SearchFolding::fold(text)).contains(m_filterNeedle);
}

bool SlicedSortFilterProxy::lessRows(int a, int b) const
{
    const Key &left = m_keys.at(a);
    const Key &right = m_keys.at(b);
    int order = 0;
    if (left.isText != right.isText)
        order = left.isText ? 1 : -1;
    else if (!left.isText)
        order = left.number < right.number ? -1 : (right.number < left.number ? 1 : 0);
    else
        order = left.text.compare(right.text);
    // Equal keys keep the source's order, in both directions.
    if (order == 0)
        return a < b;
    return m_sortOrder == Qt::AscendingOrder ? order < 0 : order > 0;
}

void SlicedSortFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (column < -1)
        column = -1;
    if (column == m_sortColumn && (column < 0 || order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    cancelMerge();
    m_sort.clear();
    const int count = sourceRows();
    if (column < 0) {
        // The source's order needs no key and no sorting.
        m_keys = {};
        m_needResort = false;
        m_order = allRows(count);
        m_placed.fill(1);
        m_applyPending = true;
        schedule(false);
        return;
    }
    m_keys = QList<Key>(count);
    m_needResort = true;
    m_resortSorting = false;
    m_resortRow = 0;
    m_resortRows = count;
    schedule(false);
}

void SlicedSortFilterProxy::setFilterFixedString(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    // Folded once here, not once a row.
    QString needle = SearchFolding::fold(text);
    if (needle == m_filterNeedle)
        return; // "Zoe" after "zoe": the same rows
    // Typing on: a row the shorter text hid stays hidden, only the shown
    // ones are tested (when that shorter text's pass had finished).
    m_refilterNarrowing = !m_needRefilter && filtering() && needle.contains(m_filterNeedle);
    m_filterNeedle = std::move(needle);
    m_filterNeedleUtf8 = m_filterNeedle.toUtf8();
    m_refilterRow = 0;
    if (!filtering()) {
        m_needRefilter = false;
        m_accepted.fill(1);
        m_applyPending = true;
    } else {
        m_needRefilter = true;
    }
    schedule(false);
}

QModelIndex SlicedSortFilterProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= m_proxyToSource.size() ||
        column >= m_columns)
        return {};
    return createIndex(row, column);
}

QModelIndex SlicedSortFilterProxy::parent(const QModelIndex &child) const
{
    Q_UNUSED(child);
    return {};
}

QModelIndex SlicedSortFilterProxy::sibling(int row, int column, const QModelIndex &idx) const
{
    Q_UNUSED(idx);
    return index(row, column);
}

int SlicedSortFilterProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_proxyToSource.size());
}

int SlicedSortFilterProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool SlicedSortFilterProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QVariant SlicedSortFilterProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    if (section < 0 || section >= m_proxyToSource.size())
        return {};
    return sourceModel()->headerData(m_proxyToSource.at(section), orientation, role);
}

QModelIndex SlicedSortFilterProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !m_source || proxyIndex.row() >= m_proxyToSource.size())
        return {};
    return m_source->index(m_proxyToSource.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex SlicedSortFilterProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.parent().isValid() ||
        sourceIndex.row() >= m_sourceToProxy.size())
        return {};
    const int row = m_sourceToProxy.at(sourceIndex.row());
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

Qt::ItemFlags SlicedSortFilterProxy::flags(const QModelIndex &index) const
{
    return m_source ? m_source->flags(mapToSource(index)) : Qt::NoItemFlags;
}

void SlicedSortFilterProxy::onSourceAboutToBeReset()
{
    if (std::exchange(m_resetting, true))
        return;
    beginResetModel();
}

void SlicedSortFilterProxy::onSourceReset()
{
    if (!std::exchange(m_resetting, false))
        beginResetModel();
    rebuild();
    endResetModel();
    schedule(false);
}

void SlicedSortFilterProxy::rebuild()
{
    m_sliceTimer.stop();
    m_batchTimer.stop();
    cancelMerge();
    m_sort.clear();
    m_dirty.clear();
    const int count = m_source ? m_source->rowCount() : 0;
    m_columns = m_source ? m_source->columnCount() : 0;
    m_heldChanges = false;
    m_order = allRows(count);
    m_placed = QList<char>(count, 1);
    m_accepted = QList<char>(count, 1);
    m_isDirty = QList<char>(count, 0);
    // Shown in the source's order until the sort and the filter are done.
    m_proxyToSource = m_order;
    m_sourceToProxy = m_order;
    m_keys = sorted() ? QList<Key>(count) : QList<Key>();
    m_needResort = sorted();
    m_resortSorting = false;
    m_resortRow = 0;
    m_resortRows = count;
    m_needRefilter = filtering();
    m_refilterNarrowing = false;
    m_refilterRow = 0;
    m_applyPending = false;
}

void SlicedSortFilterProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (first != sourceRows()) {
        // Not appended: start over.
        beginResetModel();
        rebuild();
        endResetModel();
        schedule(false);
        return;
    }
    const int count = last - first + 1;
    m_placed.insert(m_placed.size(), count, 0);
    m_accepted.insert(m_accepted.size(), count, 1);
    m_isDirty.insert(m_isDirty.size(), count, 0);
    m_sourceToProxy.insert(m_sourceToProxy.size(), count, -1);
    if (sorted()) {
        // Placed with the next batch (at once in a small model).
        m_keys.resize(m_placed.size());
        for (int row = first; row <= last; ++row)
            markDirty(row);
        schedule(true);
        return;
    }
    // In the source's order they go at the end, shown at once.
    QList<int> shown;
    shown.reserve(count);
    for (int row = first; row <= last; ++row) {
        m_order.append(row);
        m_placed[row] = 1;
        if (filtering())
            m_accepted[row] = accepts(row) ? 1 : 0;
        if (m_accepted.at(row))
            shown.append(row);
    }
    if (shown.isEmpty())
        return;
    const int at = rowCount();
    beginInsertRows({}, at, at + int(shown.size()) - 1);
    for (const int row : std::as_const(shown)) {
        m_sourceToProxy[row] = int(m_proxyToSource.size());
        m_proxyToSource.append(row);
    }
    endInsertRows();
}

void SlicedSortFilterProxy::onDataChanged(const QModelIndex &topLeft,
                                          const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid() || m_resetting)
        return;
    const int top = topLeft.row();
    const int bottom = qMin(bottomRight.row(), sourceRows() - 1);
    const bool keyColumn = sorted() && m_sortColumn >= topLeft.column() &&
            m_sortColumn <= bottomRight.column() && (roles.isEmpty() || roles.contains(m_sortRole));
    const bool filterChanged = filtering() && (roles.isEmpty() || roles.contains(m_filterRole));
    // Where the rows are shown now; one signal over the span (a run of
    // adjacent source rows is scattered once sorted). A row whose key
    // changed is left out: it is about to move, and the layout change
    // repaints it (a view looks each changed index up among all its rows:
    // 100,000 lookups of 100,000 rows while headers load, issue 13).
    int first = std::numeric_limits<int>::max();
    int last = -1;
    bool gathered = false;
    for (int row = top; row <= bottom; ++row) {
        bool moves = false;
        if (keyColumn) {
            // A row not placed is new or being placed: looked at again.
            moves = m_placed.at(row) && !sameKey(m_keys.at(row), keyOf(row));
            if (moves || !m_placed.at(row)) {
                markDirty(row);
                gathered = true;
            }
        }
        if (filterChanged) {
            markDirty(row);
            gathered = true;
        }
        const int shown = m_sourceToProxy.at(row);
        if (shown < 0)
            continue;
        if (moves && !immediate()) {
            m_heldChanges = true;
            continue;
        }
        first = qMin(first, shown);
        last = qMax(last, shown);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, topLeft.column()), index(last, bottomRight.column()),
                           roles);
    if (gathered)
        schedule(true);
}

bool SlicedSortFilterProxy::sameKey(const Key &a, const Key &b)
{
    return a.isText == b.isText && (a.isText ? a.text == b.text : a.number == b.number);
}

void SlicedSortFilterProxy::markDirty(int sourceRow)
{
    if (m_isDirty.at(sourceRow))
        return;
    m_isDirty[sourceRow] = 1;
    m_dirty.append(sourceRow);
}

void SlicedSortFilterProxy::cancelMerge()
{
    if (m_merge == Merge::Idle)
        return;
    // Its rows are gathered again for the next one.
    for (const int row : std::as_const(m_batch))
        markDirty(row);
    m_sort.clear();
    m_batch = {};
    m_rest = {};
    m_positions = {};
    m_merge = Merge::Idle;
}

void SlicedSortFilterProxy::schedule(bool gathered)
{
    m_busy = true;
    if (m_working) {
        // Asked from inside a step (a view reacting to a layout change):
        // the work goes on in the next turn.
        m_sliceTimer.start();
        return;
    }
    if (immediate()) {
        m_sliceTimer.stop();
        m_batchTimer.stop();
        work(false);
        return;
    }
    if (m_sliceTimer.isActive())
        return;
    const bool onlyGathered =
            !m_needResort && !m_needRefilter && m_merge == Merge::Idle && !m_applyPending;
    if (gathered && onlyGathered) {
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
        return;
    }
    m_sliceTimer.start();
}

void SlicedSortFilterProxy::work(bool bounded)
{
    if (!sourceModel())
        return;
    m_working = true;
    QElapsedTimer clock;
    clock.start();
    const auto expired = [&clock, bounded, this] {
        return bounded && clock.elapsed() >= m_sliceBudgetMs;
    };
    // The filter first (typing wants an answer), then a whole new sort, then
    // the gathered rows (they need the sort's order to be placed in).
    const bool complete = (!m_needRefilter || refilterStep(expired)) &&
            (!m_needResort || resortStep(expired)) && mergeStep(expired);
    if (std::exchange(m_applyPending, false))
        apply();
    m_working = false;
    if (!complete) {
        m_sliceTimer.start();
        return;
    }
    if (!m_dirty.isEmpty()) {
        // Gathered while this ran.
        if (!bounded) {
            work(false);
            return;
        }
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
        return;
    }
    if (std::exchange(m_busy, false))
        Q_EMIT settled();
}

template<typename Expired> bool SlicedSortFilterProxy::refilterStep(Expired expired)
{
    const int count = sourceRows();
    while (m_refilterRow < count) {
        const int row = m_refilterRow++;
        if (!m_refilterNarrowing || m_accepted.at(row))
            m_accepted[row] = accepts(row) ? 1 : 0;
        if ((m_refilterRow & 127) == 0 && expired())
            return false;
    }
    m_needRefilter = false;
    m_applyPending = true;
    return true;
}

template<typename Expired> bool SlicedSortFilterProxy::resortStep(Expired expired)
{
    while (m_resortRow < m_resortRows) {
        const int row = m_resortRow++;
        m_keys[row] = keyOf(row);
        if ((m_resortRow & 127) == 0 && expired())
            return false;
    }
    if (!m_resortSorting) {
        m_sort.start(allRows(m_resortRows));
        m_resortSorting = true;
    }
    if (!m_sort.run([this](int a, int b) { return lessRows(a, b); }, expired))
        return false;
    m_order = m_sort.take();
    // Rows appended meanwhile stay unplaced (and gathered) for the next batch.
    std::fill(m_placed.begin(), m_placed.begin() + m_resortRows, char(1));
    m_needResort = false;
    m_resortSorting = false;
    m_applyPending = true;
    return true;
}

template<typename Expired> bool SlicedSortFilterProxy::mergeStep(Expired expired)
{
    if (m_merge == Merge::Idle) {
        if (m_dirty.isEmpty())
            return true;
        m_batch = std::exchange(m_dirty, {});
        for (const int row : std::as_const(m_batch))
            m_isDirty[row] = 0;
        m_batchCursor = 0;
        m_merge = Merge::Refresh;
    }
    const auto less = [this](int a, int b) {
        return lessRows(a, b);
    };
    if (m_merge == Merge::Refresh) {
        while (m_batchCursor < m_batch.size()) {
            const int row = m_batch.at(m_batchCursor++);
            if (filtering())
                m_accepted[row] = accepts(row) ? 1 : 0;
            if (sorted())
                m_keys[row] = keyOf(row);
            if ((m_batchCursor & 63) == 0 && expired())
                return false;
        }
        if (!sorted()) {
            // The source's order: every row is placed already.
            m_batch = {};
            m_merge = Merge::Idle;
            m_applyPending = true;
            return true;
        }
        m_sort.start(std::exchange(m_batch, {}));
        m_merge = Merge::SortBatch;
    }
    if (m_merge == Merge::SortBatch) {
        if (!m_sort.run(less, expired))
            return false;
        m_batch = m_sort.take();
        // The rest keeps its order; the batch's rows leave it.
        for (const int row : std::as_const(m_batch))
            m_placed[row] = 0;
        m_rest.clear();
        m_rest.reserve(m_order.size());
        for (const int row : std::as_const(m_order)) {
            if (m_placed.at(row))
                m_rest.append(row);
        }
        m_positions.clear();
        m_positions.reserve(m_batch.size());
        m_batchCursor = 0;
        m_merge = Merge::Place;
    }
    // Merge::Place: a binary search in the rest for each (sorted) batch row,
    // from where the previous one went.
    qsizetype from = m_positions.isEmpty() ? 0 : m_positions.constLast();
    while (m_batchCursor < m_batch.size()) {
        const int row = m_batch.at(m_batchCursor++);
        const auto at = std::partition_point(m_rest.cbegin() + from, m_rest.cend(),
                                             [&](int other) { return less(other, row); });
        from = at - m_rest.cbegin();
        m_positions.append(from);
        if ((m_batchCursor & 31) == 0 && expired())
            return false;
    }
    QList<int> order(m_rest.size() + m_batch.size());
    int *out = order.data();
    const int *rest = m_rest.constData();
    qsizetype restAt = 0;
    for (qsizetype i = 0; i < m_batch.size(); ++i) {
        const qsizetype to = m_positions.at(i);
        out = std::copy(rest + restAt, rest + to, out);
        *out++ = m_batch.at(i);
        m_placed[m_batch.at(i)] = 1;
        restAt = to;
    }
    std::copy(rest + restAt, rest + m_rest.size(), out);
    m_order = std::move(order);
    m_batch = {};
    m_rest = {};
    m_positions = {};
    m_merge = Merge::Idle;
    m_applyPending = true;
    return true;
}

void SlicedSortFilterProxy::apply()
{
    QList<int> shown;
    shown.reserve(m_order.size());
    for (const int row : std::as_const(m_order)) {
        if (m_accepted.at(row))
            shown.append(row);
    }
    // Rows held back by onDataChanged() are repainted by the layout change,
    // even when none of them moved after all.
    if (shown == m_proxyToSource && !m_heldChanges)
        return;
    m_heldChanges = false;
    const auto hint = shown.size() == m_proxyToSource.size()
            ? QAbstractItemModel::VerticalSortHint
            : QAbstractItemModel::NoLayoutChangeHint;
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList from = persistentIndexList();
    QList<int> sourceRowsOfFrom;
    sourceRowsOfFrom.reserve(from.size());
    for (const QModelIndex &index : from)
        sourceRowsOfFrom.append(m_proxyToSource.value(index.row(), -1));
    m_proxyToSource = std::move(shown);
    m_sourceToProxy.fill(-1);
    for (qsizetype row = 0; row < m_proxyToSource.size(); ++row)
        m_sourceToProxy[m_proxyToSource.at(row)] = int(row);
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int sourceRow = sourceRowsOfFrom.at(i);
        const int row = sourceRow >= 0 ? m_sourceToProxy.at(sourceRow) : -1;
        to.append(row >= 0 ? createIndex(row, from.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, hint);
}
