#pragma once

#include "cache/headercache.h"
#include "mime/headersummary.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>
#include <utility>

class AsyncHeaderCache;
class MessageListModel;

// Keeps a MessageListModel and the header cache file in step: after a
// listing, reads the cached headers of its unique-ids (the rows on screen
// first, then the rest in batches, all on the cache's own thread), stores
// the headers TOP or RETR brought, and prunes the entries of unique-ids
// that left the server. Without a cache file every call does nothing, so
// the session works the same without one.
class HeaderCacheSync : public QObject
{
    Q_OBJECT
public:
    enum class Load {
        Idle,
        WaitingForFirst, // no TOP yet: the rows on screen may be cached
        Streaming, // TOPs only for rows on screen that the cache did not have
    };

    // Cached rows read a batch at a time on the cache's thread.
    static constexpr int LoadBatchRows = 500;

    explicit HeaderCacheSync(MessageListModel *model, QObject *parent = nullptr);
    // Writes the last batch, without any signal.
    ~HeaderCacheSync() override;

    // Opens `path` (empty: no cache). False, with errorString(), when it
    // cannot be opened.
    bool setPath(const QString &path);
    [[nodiscard]] QString path() const;
    [[nodiscard]] bool isOpen() const { return bool(m_cache); }
    // The last failure to open, read or write, or empty.
    [[nodiscard]] QString errorString() const { return m_error; }
    // Whose entries these are: host, effective port and user.
    void setAccount(const HeaderCache::Account &account) { m_account = account; }

    // The listing just reached the model. Only a complete set of unique-ids
    // tells which messages left the server: prune only after one.
    void setPruneAfterLoad(bool prune) { m_pruneAfterLoad = prune && isOpen(); }
    // Reads the cached headers, the rows of `onScreen` (message numbers)
    // first; rowsArrived() after the first batch and at the end.
    void startLoad(const QList<int> &onScreen);
    [[nodiscard]] Load load() const { return m_load; }
    void cancelLoad();

    // Headers of message `number`, from TOP or RETR. Until the model's
    // unique-id index is complete they wait (keying them would build the
    // index in one turn); the rows are not reset before they are written.
    void store(int number, const HeaderSummary &headers);
    // The session ends (commit, abort, a dropped line): writes what is
    // pending, and completes a prune still being assembled unless
    // `finishPrune` is false (then it goes on a slice a turn).
    void flush(bool finishPrune = true);
    void cancelPrune();

Q_SIGNALS:
    // The load moved on (first batch, or all of it): previews may go on.
    void rowsArrived();
    void errorOccurred(const QString &text);

private:
    void onRows(quint64 id, const QList<HeaderCache::Row> &rows, bool first);
    void onLoaded(quint64 id, bool ok);
    void fillRows(const QList<HeaderCache::Row> &rows, bool first);
    // Hands the stores and the batches that waited for the model's unique-id
    // index over (a batch a turn; then the end of the load, if it came
    // meanwhile) once it is complete.
    void handOverWaiting();
    // Writes the stores that waited, keyed by the rows they were taken for
    // (completing the index if need be: the rows are about to change).
    void storeWaiting();
    // Adds the next unique-ids to the prune set (all of them when `all`),
    // and hands the set to the cache once complete.
    void continuePrune(bool all);
    // The unique-id to key message `number`'s entry by, or empty.
    [[nodiscard]] QByteArray cacheKey(int number) const;

    MessageListModel *m_model;
    std::unique_ptr<AsyncHeaderCache> m_cache;
    QString m_error;
    HeaderCache::Account m_account;
    Load m_load = Load::Idle;
    quint64 m_loadId = 0;
    bool m_pruneAfterLoad = false;
    // Batches that came before the model's unique-id index was complete
    // (issue 13: looking them up would build it all in one turn).
    struct Waiting
    {
        quint64 id = 0;
        QList<HeaderCache::Row> rows;
        bool first = false;
    };
    QList<Waiting> m_waiting;
    bool m_loadedWaiting = false; // loadFinished() came behind them
    // Headers to store that came before the index was complete (issue 13:
    // the first TOP answer after a listing built all of it, 15-18 ms).
    QList<std::pair<int, HeaderSummary>> m_storesWaiting;
    QTimer m_waitTimer;
    // The live unique-ids for prune(), built 2,500 rows a turn: the set of
    // 100,000 took ~50 ms in one go (issue 6), 10,000 rows 3-13 ms of a turn
    // (issue 13). m_pruneRow < 0: none pending.
    QSet<QByteArray> m_pruneLive;
    int m_pruneRow = -1;
    QTimer m_pruneTimer;
};
