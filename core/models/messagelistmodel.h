#pragma once

#include "cache/headercache.h"
#include "mime/headersummary.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// One row a message of a POP3 mailbox. Rows appear all at once from the
// LIST/UIDL answers (number and size), and From/Subject/Date fill in later
// as the TOP n 0 answers arrive (dataChanged). A mailbox can hold 100,000
// messages, so a row is a small struct in a QList, never a QObject, and
// lookups by message number are a binary search over the sorted rows.
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        FromColumn,
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
        // Sender and subject in one string, for the quick filter.
        FilterRole,
    };
    Q_ENUM(Role)

    enum class LoadState { Pending, Loaded, Failed };
    Q_ENUM(LoadState)

    struct Listing
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid;
        // Headers already known (the header cache): the row starts Loaded.
        std::optional<HeaderSummary> headers = std::nullopt;
    };

    explicit MessageListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Replaces every row (a new LIST); marks survive for messages whose
    // unique-id is unchanged, since message numbers may shift between sessions.
    void setListing(const QList<Listing> &listing);
    void clear();

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

    // -1 when there is no such message.
    [[nodiscard]] int rowForNumber(int number) const;
    [[nodiscard]] int rowForUid(const QByteArray &uid) const { return m_rowByUid.value(uid, -1); }
    [[nodiscard]] int numberAt(int row) const;
    [[nodiscard]] QByteArray uidAt(int row) const;
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

private:
    struct Entry
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid;
        QString from;
        QString subject;
        QDateTime date;
        LoadState state = LoadState::Pending;
        bool marked = false;
        bool exported = false;
    };

    static void fillHeaders(Entry &entry, const HeaderSummary &headers);
    void emitRowChanged(int row, int firstColumn, int lastColumn);

    QList<Entry> m_entries; // ascending by message number
    QHash<QByteArray, int> m_rowByUid;
    int m_markedCount = 0;
    qint64 m_totalOctets = 0;
};
