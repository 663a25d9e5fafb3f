#pragma once

#include "cache/headercache.h"
#include "mime/headersummary.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimer>

// One row a message of a POP3 mailbox. Rows come from the LIST/UIDL answers
// (number and size), and From/Subject/Date fill in later as the TOP n 0
// answers arrive (dataChanged). A mailbox can hold 100,000 messages, so a
// row is a small struct in a QList, never a QObject, and lookups by message
// number are a binary search over the sorted rows.
//
// Every message is in the model's store as soon as setListing() returns or
// listingApplied() comes (messageCount(), the lookups by number and
// unique-id, marks, headers), but views see the rows arrive in chunks: the
// first initialRows() with the reset, then chunkRows() more each event-loop
// turn (rowsInserted), so a QTreeView and a sort/filter proxy never take
// 100,000 rows in one go (issue 6: that froze the window for half a
// second). rowCount() is the rows views know about so far; data set for a
// row not shown yet is kept and simply shows when the row is inserted.
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        FromColumn,
        // The paperclip: HasAttachmentsRole, drawn by the UI (no icons in
        // core). Between From and Subject, as mail clients place it.
        AttachmentColumn,
        SubjectColumn,
        DateColumn,
        SizeColumn,
        StateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // Raw values for sorting: numbers as numbers, dates as milliseconds.
        SortRole = Qt::UserRole + 1,
        NumberRole,
        UidRole,
        LoadStateRole,
        MarkedRole,
        ExportedRole,
        // The sender's name and address and the subject, one a line, folded
        // for the quick filter (SearchFolding::fold()), as UTF-8 (a
        // QByteArray): built once, when the headers arrive, so that
        // filtering 100,000 rows folds only what the user typed. UTF-8 is
        // half the memory of the mostly ASCII text (10 MB at 100,000 rows).
        FilterRole,
        // bool: the message has attachments (HeaderSummary::hasAttachments,
        // then what opening it found: setHasAttachments()).
        HasAttachmentsRole,
    };
    Q_ENUM(Role)

    enum class LoadState { Pending, Loaded, Failed };
    Q_ENUM(LoadState)

    struct Listing
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid;
        // Headers come later: setHeaders(), setCachedHeaders(). (A Listing
        // of 100,000 carried an optional HeaderSummary each, 27 MB unused.)
    };

    explicit MessageListModel(QObject *parent = nullptr);

    // The rows views have been told about so far (see the class comment);
    // messageCount() is every message.
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    // Only Qt::DecorationRole of a horizontal section: the UI gives the
    // attachment column its icon.
    bool setHeaderData(int section, Qt::Orientation orientation, const QVariant &value,
                       int role = Qt::EditRole) override;

    // Replaces every row (a new LIST). Marks, export flags and headers
    // survive for messages whose unique-id is unchanged and given to one row
    // only, old and new, since message numbers may shift between sessions.
    // Returns the old numbers of marked messages whose mark could not
    // follow because they had no usable unique-id (messages that left the
    // server are not in it): the caller tells the user.
    QList<int> setListing(const QList<Listing> &listing);
    // The same as setListing(), with the new rows built a chunk a turn
    // (setApplyChunking(); issue 13: 100,000 rows took 8-13 ms in one turn)
    // and put in place in a last one, where marks, export flags and headers
    // follow them; listingApplied() then carries what setListing() returns.
    // Until then the model keeps and shows the rows it had.
    // setListing(), clear(), cancelListing() or another applyListing()
    // meanwhile drop it: listingApplied() does not come.
    void applyListing(const QList<Listing> &listing);
    void cancelListing();
    [[nodiscard]] bool isApplyingListing() const { return m_applying; }
    // Rows applyListing() builds a turn, at least 1. Default 20,000 (about
    // 1.5 ms on the machine of docs/benchmarks.md).
    void setApplyChunking(int rows);
    void clear();

    // Every message of the listing, shown or not yet.
    [[nodiscard]] int messageCount() const { return int(m_entries.size()); }
    // True once rowCount() == messageCount().
    [[nodiscard]] bool allRowsShown() const { return m_shown == m_entries.size(); }
    // Rows shown with the reset, and rows inserted a turn after that; both
    // at least 1. Defaults 2000 and 5000.
    void setInsertChunking(int initialRows, int chunkRows);

    void setHeaders(int number, const HeaderSummary &headers);
    // Headers from the header cache, for the rows that are still Pending and
    // whose unique-id and size match (a different size means the unique-id
    // was reused). One dataChanged() per run of adjacent rows, not one a row.
    // Returns how many rows were filled.
    int setCachedHeaders(const QList<HeaderCache::Row> &rows);
    void setLoadFailed(int number);
    void setMarked(const QList<int> &numbers, bool marked);
    void clearMarks();
    void setExported(int number, bool exported);
    // What opening the message found, replacing the hint from its headers.
    void setHasAttachments(int number, bool hasAttachments);

    // -1 when there is no such message. rowForUid() also answers -1 for a
    // unique-id that several rows share: it identifies neither.
    [[nodiscard]] int rowForNumber(int number) const;
    // Whether the unique-id index is complete: until then the first
    // rowForUid() completes it in one go (~30 ms at 100,000 rows on a busy
    // machine); callers with many rows to look up can wait a few turns.
    [[nodiscard]] bool uidIndexComplete() const { return m_indexedRows >= m_entries.size(); }
    [[nodiscard]] int rowForUid(const QByteArray &uid) const;
    [[nodiscard]] int numberAt(int row) const;
    // Empty for a row without a usable unique-id, as far as the index has
    // been built (see indexUids(); rowForUid() completes it): to key
    // something by it, check that rowForUid() finds this row again.
    [[nodiscard]] QByteArray uidAt(int row) const;
    [[nodiscard]] QString subjectAt(int row) const;
    [[nodiscard]] qint64 octetsForNumber(int number) const;
    [[nodiscard]] LoadState loadState(int number) const;
    [[nodiscard]] bool isMarked(int number) const;
    // Message numbers, ascending.
    [[nodiscard]] QList<int> markedNumbers() const;
    [[nodiscard]] QList<int> pendingNumbers() const;
    [[nodiscard]] int markedCount() const { return m_markedCount; }
    [[nodiscard]] qint64 totalOctets() const { return m_totalOctets; }
    [[nodiscard]] qint64 markedOctets() const;

Q_SIGNALS:
    void markedCountChanged(int count);
    // The last chunk of a listing reached the views (also right after a
    // listing small enough to show at once).
    void allRowsInserted();
    // An applyListing() is complete: the rows are the new ones.
    void listingApplied(const QList<int> &orphanedMarks);

private:
    struct Entry
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid;
        QString from;
        QString subject;
        QByteArray filterText; // FilterRole
        QDateTime date;
        LoadState state = LoadState::Pending;
        bool marked = false;
        bool exported = false;
        bool hasAttachments = false;
    };

    static void fillHeaders(Entry &entry, const HeaderSummary &headers);
    // Rows of `listing` up to `until`, after those `entries` has, as a new
    // listing has them (nothing inherited yet).
    // A row of the listing as it arrives: number, size and unique-id only.
    static Entry entryFor(const Listing &item);
    static void appendEntries(QList<Entry> &entries, const QList<Listing> &listing,
                              qsizetype until);
    // Makes `entries` (built from `listing`, in its order) the rows: the
    // inheritance from the old rows, the totals, the reset.
    QList<int> installListing(QList<Entry> entries, const QList<Listing> &listing);
    void applyNextSlice();
    void emitRowChanged(int row, int firstColumn, int lastColumn);
    void insertNextChunk();
    // Open addressing over row numbers, keyed by the rows' own unique-ids:
    // for 100,000 messages a QHash<QByteArray, int> took ~60 ms to build on
    // the UI thread (a node and a key copy each); this takes a few.
    // Built 10,000 rows a turn after setListing() (the rest at once on a
    // rowForUid() before that), so no turn carries all of it.
    void indexUids(qsizetype untilRow) const;
    void ensureUidIndex() const { indexUids(m_entries.size()); }
    void indexNextSlice();

    QList<Entry> m_entries; // ascending by message number
    mutable QList<int> m_uidSlots; // indexUids(); -1 is an empty slot
    mutable qsizetype m_indexedRows = 0; // rows [0, m_indexedRows) are in m_uidSlots
    mutable QSet<int> m_sharedUidRows; // rows whose unique-id another row has too
    QTimer m_indexTimer;
    int m_markedCount = 0;
    qint64 m_totalOctets = 0;
    qsizetype m_shown = 0; // rows views know about: m_entries[0, m_shown)
    int m_initialRows = 2000;
    int m_chunkRows = 5000;
    QTimer m_insertTimer;
    // applyListing(): the listing being built into rows, and the rows so far.
    QList<Listing> m_pendingListing;
    QList<Entry> m_pendingEntries;
    bool m_applying = false;
    int m_applyRows = 20000;
    QTimer m_applyTimer;
    QHash<int, QVariant> m_headerDecorations; // by section
};
