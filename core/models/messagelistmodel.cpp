#include "messagelistmodel.h"
#include "pop3/datasizetext.h"

#include "searchfolding.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // One chunk a turn of the event loop: input and repaints go in between.
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(0);
    connect(&m_insertTimer, &QTimer::timeout, this, &MessageListModel::insertNextChunk);
    m_indexTimer.setSingleShot(true);
    m_indexTimer.setInterval(0);
    connect(&m_indexTimer, &QTimer::timeout, this, &MessageListModel::indexNextSlice);
    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(0);
    connect(&m_applyTimer, &QTimer::timeout, this, &MessageListModel::applyNextSlice);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown);
}

void MessageListModel::setInsertChunking(int initialRows, int chunkRows)
{
    m_initialRows = qMax(1, initialRows);
    m_chunkRows = qMax(1, chunkRows);
}

void MessageListModel::setApplyChunking(int rows)
{
    m_applyRows = qMax(1, rows);
}

void MessageListModel::insertNextChunk()
{
    const qsizetype count = qMin<qsizetype>(m_chunkRows, m_entries.size() - m_shown);
    if (count <= 0)
        return;
    beginInsertRows({}, int(m_shown), int(m_shown + count - 1));
    m_shown += count;
    endInsertRows();
    if (m_shown < m_entries.size())
        m_insertTimer.start();
    else
        Q_EMIT allRowsInserted();
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return entry.number;
        case FromColumn:
            if (entry.state == LoadState::Pending)
                return tr("Loading…");
            return entry.from;
        case SubjectColumn:
            return entry.subject;
        case AttachmentColumn:
            return QString();
        case DateColumn:
            // Compact and sortable at a glance; the viewer shows the long form.
            return entry.date.isValid()
                    ? entry.date.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                    : QString();
        case SizeColumn:
            return dataSizeText(entry.octets);
        case StateColumn:
            if (entry.marked)
                return tr("Marked for deletion");
            if (entry.exported)
                return tr("Exported");
            if (entry.state == LoadState::Failed)
                return tr("Headers unavailable");
            return QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FromColumn || index.column() == SubjectColumn)
            return index.column() == FromColumn ? entry.from : entry.subject;
        if (index.column() == SizeColumn)
            return tr("%1 bytes").arg(QLocale().toString(entry.octets));
        if (index.column() == AttachmentColumn && entry.hasAttachments)
            return tr("Has attachments");
        break;
    case Qt::AccessibleTextRole:
        // The paperclip is a picture: say it.
        if (index.column() == AttachmentColumn)
            return entry.hasAttachments ? tr("Has attachments") : QString();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case SortRole:
        switch (index.column()) {
        case NumberColumn:
            return entry.number;
        case FromColumn:
            return entry.from.toCaseFolded();
        case SubjectColumn:
            return entry.subject.toCaseFolded();
        case AttachmentColumn:
            return entry.hasAttachments ? 1 : 0;
        case DateColumn:
            // Undated messages sort as the oldest.
            return entry.date.isValid() ? entry.date.toMSecsSinceEpoch()
                                        : std::numeric_limits<qint64>::min();
        case SizeColumn:
            return entry.octets;
        case StateColumn:
            return (entry.marked ? 2 : 0) + (entry.exported ? 1 : 0);
        }
        break;
    case NumberRole:
        return entry.number;
    case UidRole:
        return uidAt(index.row());
    case LoadStateRole:
        return QVariant::fromValue(entry.state);
    case MarkedRole:
        return entry.marked;
    case ExportedRole:
        return entry.exported;
    case FilterRole:
        return entry.filterText;
    case HasAttachmentsRole:
        return entry.hasAttachments;
    default:
        break;
    }
    return {};
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == AttachmentColumn) {
        if (role == Qt::DecorationRole)
            return m_headerDecorations.value(section);
        if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
            return tr("Attachments");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case FromColumn:
        return tr("From");
    case AttachmentColumn:
        return QString(); // the icon says it (setHeaderData)
    case SubjectColumn:
        return tr("Subject");
    case DateColumn:
        return tr("Date");
    case SizeColumn:
        return tr("Size");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

bool MessageListModel::setHeaderData(int section, Qt::Orientation orientation,
                                     const QVariant &value, int role)
{
    if (orientation != Qt::Horizontal || role != Qt::DecorationRole || section < 0 ||
        section >= ColumnCount)
        return false;
    m_headerDecorations.insert(section, value);
    Q_EMIT headerDataChanged(orientation, section, section);
    return true;
}

void MessageListModel::fillHeaders(Entry &entry, const HeaderSummary &headers)
{
    entry.from = headers.fromName.isEmpty() ? headers.from : headers.fromName;
    if (entry.from.isEmpty())
        entry.from = headers.fromAddress;
    entry.subject = headers.subject;
    // The address as well as the name: users filter by either.
    QStringList filterLines;
    for (const QString &field : {headers.fromName, headers.fromAddress})
        if (!field.isEmpty())
            filterLines.append(field);
    if (filterLines.isEmpty())
        filterLines.append(headers.from); // unparseable: the decoded text
    filterLines.append(headers.subject);
    entry.filterText = SearchFolding::fold(filterLines.join(QLatin1Char('\n'))).toUtf8();
    // toUtf8() reserves three bytes a character; kept 100,000 times.
    entry.filterText.squeeze();
    entry.date = headers.date;
    entry.hasAttachments = headers.hasAttachments;
    entry.state = LoadState::Loaded;
}

QList<int> MessageListModel::setListing(const QList<Listing> &listing)
{
    cancelListing();
    QList<Entry> entries;
    entries.reserve(listing.size());
    appendEntries(entries, listing, listing.size());
    return installListing(std::move(entries), listing);
}

void MessageListModel::applyListing(const QList<Listing> &listing)
{
    cancelListing();
    m_pendingListing = listing;
    m_pendingEntries.reserve(listing.size());
    m_applying = true;
    m_applyTimer.start();
}

void MessageListModel::cancelListing()
{
    m_applyTimer.stop();
    m_applying = false;
    m_pendingListing = {};
    m_pendingEntries = {};
}

void MessageListModel::applyNextSlice()
{
    if (!m_applying)
        return;
    if (m_pendingEntries.size() < m_pendingListing.size()) {
        appendEntries(m_pendingEntries, m_pendingListing, m_pendingEntries.size() + m_applyRows);
        m_applyTimer.start();
        return;
    }
    // The rows change in this turn, all at once: what the views see and
    // every lookup stay one listing's.
    const QList<Listing> listing = std::exchange(m_pendingListing, {});
    QList<Entry> entries = std::exchange(m_pendingEntries, {});
    m_applying = false;
    const QList<int> orphanedMarks = installListing(std::move(entries), listing);
    Q_EMIT listingApplied(orphanedMarks);
}

void MessageListModel::appendEntries(QList<Entry> &entries, const QList<Listing> &listing,
                                     qsizetype until)
{
    until = qMin(until, listing.size());
    for (qsizetype i = entries.size(); i < until; ++i)
        entries.append(entryFor(listing.at(i)));
}

MessageListModel::Entry MessageListModel::entryFor(const Listing &item)
{
    Entry entry;
    entry.number = item.number;
    entry.octets = item.octets;
    entry.uid = item.uid;
    return entry;
}

QList<int> MessageListModel::installListing(QList<Entry> entries, const QList<Listing> &listing)
{
    // Marks, export flags and headers follow the unique-id: after a
    // reconnect the same number may name another message if someone else
    // deleted mail meanwhile. The old rows are found through the old index:
    // no second table of 100,000 unique-ids to build on the UI thread.
    // A unique-id shared by several rows, old or new, carries nothing: it
    // names neither message (issue 11), so neither inherits a mark.
    // Done here, in the turn the rows change, so that a mark set on an old
    // row while applyListing() built the new ones is not missed.
    // For each old row, the new entry that took its state (-1: none); a
    // second taker means the new listing repeats that unique-id.
    QList<int> heirOf;
    QList<int> orphanedMarks;
    for (qsizetype i = 0; !m_entries.isEmpty() && i < entries.size(); ++i) {
        Entry &entry = entries[i];
        const int oldRow = entry.uid.isEmpty() ? -1 : rowForUid(entry.uid);
        if (oldRow < 0)
            continue;
        if (heirOf.isEmpty())
            heirOf = QList<int>(m_entries.size(), -1);
        const int earlier = heirOf.at(oldRow);
        if (earlier >= 0) {
            // Undo what the first row with this unique-id inherited.
            Entry &first = entries[earlier];
            if (first.marked)
                orphanedMarks.append(m_entries.at(oldRow).number);
            first = entryFor(listing.at(earlier));
            heirOf[oldRow] = int(i); // stays taken
            continue;
        }
        heirOf[oldRow] = int(i);
        const Entry &old = m_entries.at(oldRow);
        entry.marked = old.marked;
        entry.exported = old.exported;
        // Headers already fetched for that message need no second TOP.
        if (old.state == LoadState::Loaded) {
            entry.from = old.from;
            entry.subject = old.subject;
            entry.filterText = old.filterText;
            entry.date = old.date;
            entry.hasAttachments = old.hasAttachments;
            entry.state = LoadState::Loaded;
        }
    }
    // Marks on messages that had no usable unique-id cannot follow: the
    // caller says so rather than let them vanish unnoticed.
    for (const Entry &old : std::as_const(m_entries)) {
        if (old.marked && (old.uid.isEmpty() || rowForUid(old.uid) < 0))
            orphanedMarks.append(old.number);
    }
    std::sort(orphanedMarks.begin(), orphanedMarks.end());
    // A repeated unique-id is kept in the rows, but indexUids() refuses it
    // as a key and uidAt() (and UidRole) hide it.
    m_totalOctets = 0;
    int marked = 0;
    bool ascending = true;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &entry = entries.at(i);
        marked += entry.marked ? 1 : 0;
        m_totalOctets += entry.octets;
        if (i > 0 && entries.at(i - 1).number > entry.number)
            ascending = false;
    }
    // LIST answers in ascending order; anything else is sorted here.
    if (!ascending) {
        std::sort(entries.begin(), entries.end(),
                  [](const Entry &a, const Entry &b) { return a.number < b.number; });
    }

    m_insertTimer.stop();
    beginResetModel();
    m_entries = std::move(entries);
    m_uidSlots.clear();
    m_sharedUidRows.clear();
    m_indexedRows = 0;
    m_indexTimer.start();
    // The rest follows a chunk a turn (insertNextChunk).
    m_shown = qMin<qsizetype>(m_entries.size(), m_initialRows);
    endResetModel();
    if (marked != m_markedCount) {
        m_markedCount = marked;
        Q_EMIT markedCountChanged(m_markedCount);
    }
    if (m_shown < m_entries.size())
        m_insertTimer.start();
    else
        Q_EMIT allRowsInserted();
    return orphanedMarks;
}

void MessageListModel::clear()
{
    cancelListing();
    m_insertTimer.stop();
    beginResetModel();
    m_entries.clear();
    m_uidSlots.clear();
    m_sharedUidRows.clear();
    m_indexedRows = 0;
    m_indexTimer.stop();
    m_totalOctets = 0;
    m_shown = 0;
    endResetModel();
    if (m_markedCount != 0) {
        m_markedCount = 0;
        Q_EMIT markedCountChanged(0);
    }
}

void MessageListModel::setHeaders(int number, const HeaderSummary &headers)
{
    const int row = rowForNumber(number);
    if (row < 0)
        return;
    fillHeaders(m_entries[row], headers);
    emitRowChanged(row, FromColumn, StateColumn);
}

int MessageListModel::setCachedHeaders(const QList<HeaderCache::Row> &rows)
{
    QList<int> filled;
    filled.reserve(rows.size());
    for (const HeaderCache::Row &cached : rows) {
        const int row = rowForUid(cached.uid);
        if (row < 0)
            continue;
        Entry &entry = m_entries[row];
        // A Failed row (no TOP) takes them too: they came from an earlier TOP or RETR.
        if (entry.state == LoadState::Loaded || entry.octets != cached.entry.octets)
            continue;
        fillHeaders(entry, cached.entry.headers);
        filled.append(row);
    }
    std::sort(filled.begin(), filled.end());
    const auto unseen = std::lower_bound(filled.cbegin(), filled.cend(), m_shown);
    const int count = int(filled.size());
    // Rows views do not know yet show the headers when they are inserted.
    filled.erase(unseen, filled.cend());
    for (qsizetype i = 0; i < filled.size();) {
        qsizetype last = i;
        while (last + 1 < filled.size() && filled.at(last + 1) == filled.at(last) + 1)
            ++last;
        Q_EMIT dataChanged(index(filled.at(i), FromColumn), index(filled.at(last), StateColumn));
        i = last + 1;
    }
    return count;
}

void MessageListModel::setHasAttachments(int number, bool hasAttachments)
{
    const int row = rowForNumber(number);
    if (row < 0 || m_entries.at(row).hasAttachments == hasAttachments)
        return;
    m_entries[row].hasAttachments = hasAttachments;
    emitRowChanged(row, AttachmentColumn, AttachmentColumn);
}

void MessageListModel::setLoadFailed(int number)
{
    const int row = rowForNumber(number);
    if (row < 0)
        return;
    m_entries[row].state = LoadState::Failed;
    emitRowChanged(row, FromColumn, StateColumn);
}

void MessageListModel::setMarked(const QList<int> &numbers, bool marked)
{
    int changed = 0;
    for (const int number : numbers) {
        const int row = rowForNumber(number);
        if (row < 0 || m_entries.at(row).marked == marked)
            continue;
        m_entries[row].marked = marked;
        ++changed;
        // The whole row: views strike every column through.
        emitRowChanged(row, 0, ColumnCount - 1);
    }
    if (changed > 0) {
        m_markedCount += marked ? changed : -changed;
        Q_EMIT markedCountChanged(m_markedCount);
    }
}

void MessageListModel::clearMarks()
{
    setMarked(markedNumbers(), false);
}

void MessageListModel::setExported(int number, bool exported)
{
    const int row = rowForNumber(number);
    if (row < 0 || m_entries.at(row).exported == exported)
        return;
    m_entries[row].exported = exported;
    emitRowChanged(row, StateColumn, StateColumn);
}

namespace {

size_t uidHash(const QByteArray &uid)
{
    // Seeded: unique-ids come from the server.
    return qHash(QByteArrayView(uid), QHashSeed::globalSeed());
}

} // namespace

void MessageListModel::indexUids(qsizetype untilRow) const
{
    untilRow = qMin(untilRow, m_entries.size());
    if (m_indexedRows >= untilRow)
        return;
    if (m_uidSlots.isEmpty()) {
        qsizetype capacity = 16;
        while (capacity < m_entries.size() * 2)
            capacity *= 2;
        m_uidSlots = QList<int>(capacity, -1);
    }
    const size_t mask = size_t(m_uidSlots.size()) - 1;
    int *slots = m_uidSlots.data();
    for (; m_indexedRows < untilRow; ++m_indexedRows) {
        const QByteArray &uid = m_entries.at(m_indexedRows).uid;
        if (uid.isEmpty())
            continue;
        size_t slot = uidHash(uid) & mask;
        while (slots[slot] >= 0 && m_entries.at(slots[slot]).uid != uid)
            slot = (slot + 1) & mask;
        if (slots[slot] >= 0) {
            // A unique-id on two rows names neither (Pop3Parse already drops
            // them; this guards every other caller): the slot keeps the first
            // row, and rowForUid() refuses both.
            m_sharedUidRows.insert(slots[slot]);
            m_sharedUidRows.insert(int(m_indexedRows));
            continue;
        }
        slots[slot] = int(m_indexedRows);
    }
}

void MessageListModel::indexNextSlice()
{
    indexUids(m_indexedRows + 10000);
    if (m_indexedRows < m_entries.size())
        m_indexTimer.start();
}

int MessageListModel::rowForUid(const QByteArray &uid) const
{
    ensureUidIndex();
    if (uid.isEmpty() || m_uidSlots.isEmpty())
        return -1;
    const size_t mask = size_t(m_uidSlots.size()) - 1;
    for (size_t slot = uidHash(uid) & mask;; slot = (slot + 1) & mask) {
        const int row = m_uidSlots.at(qsizetype(slot));
        if (row < 0)
            return -1;
        if (m_entries.at(row).uid == uid)
            return m_sharedUidRows.contains(row) ? -1 : row;
    }
}

int MessageListModel::rowForNumber(int number) const
{
    const auto it = std::lower_bound(m_entries.cbegin(), m_entries.cend(), number,
                                     [](const Entry &e, int n) { return e.number < n; });
    if (it == m_entries.cend() || it->number != number)
        return -1;
    return int(it - m_entries.cbegin());
}

int MessageListModel::numberAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).number : 0;
}

QByteArray MessageListModel::uidAt(int row) const
{
    if (row < 0 || row >= m_entries.size() || m_sharedUidRows.contains(row))
        return {};
    return m_entries.at(row).uid;
}

QString MessageListModel::subjectAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).subject : QString();
}

qint64 MessageListModel::octetsForNumber(int number) const
{
    const int row = rowForNumber(number);
    return row < 0 ? 0 : m_entries.at(row).octets;
}

MessageListModel::LoadState MessageListModel::loadState(int number) const
{
    const int row = rowForNumber(number);
    return row < 0 ? LoadState::Failed : m_entries.at(row).state;
}

bool MessageListModel::isMarked(int number) const
{
    const int row = rowForNumber(number);
    return row >= 0 && m_entries.at(row).marked;
}

QList<int> MessageListModel::markedNumbers() const
{
    QList<int> numbers;
    numbers.reserve(m_markedCount);
    for (const Entry &entry : m_entries) {
        if (entry.marked)
            numbers.append(entry.number);
    }
    return numbers;
}

QList<int> MessageListModel::pendingNumbers() const
{
    QList<int> numbers;
    for (const Entry &entry : m_entries) {
        if (entry.state == LoadState::Pending)
            numbers.append(entry.number);
    }
    return numbers;
}

qint64 MessageListModel::markedOctets() const
{
    qint64 total = 0;
    for (const Entry &entry : m_entries) {
        if (entry.marked)
            total += entry.octets;
    }
    return total;
}

void MessageListModel::emitRowChanged(int row, int firstColumn, int lastColumn)
{
    // A row views do not know yet shows its data when it is inserted.
    if (row < m_shown)
        Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn));
}
