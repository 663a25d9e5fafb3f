#pragma once

#include "headercache.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

class QThread;

// HeaderCache on a thread of its own, so that no SQLite work (reading
// 100,000 entries takes most of a second, every batch written is a commit)
// ever runs on the thread that owns it (the UI thread in the app). The
// worker has its own QSqlDatabase connection, created on that thread.
//
// load() streams entries back as rowsLoaded() batches: first the unique-ids
// asked for by name (the rows on screen), then all of the account's
// entries. At most two batches are on their way at once, so a slow
// receiver holds a few thousand entries, never the whole cache.
// store() queues entries and hands them over in batches; prune() and
// flush() are queued behind whatever the worker is doing. Failures are
// reported through errorOccurred() and otherwise ignored: a cache is a
// convenience.
class AsyncHeaderCache : public QObject
{
    Q_OBJECT
public:
    explicit AsyncHeaderCache(const QString &path, QObject *parent = nullptr);
    // Writes what is queued and waits for the worker to finish.
    ~AsyncHeaderCache() override;

    // Opens the file on the worker thread and waits for the answer (a few
    // milliseconds, once). False with errorString() when it cannot be used.
    [[nodiscard]] bool open();
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString errorString() const { return m_errorString; }

    // Entries per rowsLoaded() batch.
    void setLoadBatchSize(int rows) { m_loadBatchSize = qMax(1, rows); }
    // Entries store() collects before handing them to the worker.
    void setStoreBatchSize(int entries) { m_storeBatchSize = qMax(1, entries); }

    // Starts streaming the account's entries, the unique-ids in `first`
    // in the first batch (which is sent even when empty); cancels any load
    // still running. Returns the id its signals carry.
    quint64 load(const HeaderCache::Account &account, const QList<QByteArray> &first = {});
    void cancelLoad();
    [[nodiscard]] bool isLoading() const { return m_control != nullptr; }

    void store(const HeaderCache::Account &account, const QByteArray &uid, qint64 octets,
               const HeaderSummary &headers);
    // Hands over what store() collected and has the worker commit it.
    void flush();
    // Removes the account's entries whose unique-id is not in liveUids.
    void prune(const HeaderCache::Account &account, const QSet<QByteArray> &liveUids);

Q_SIGNALS:
    // `first` is true for the batch of the unique-ids load() named.
    void rowsLoaded(quint64 id, const QList<HeaderCache::Row> &rows, bool first);
    void loadFinished(quint64 id, bool ok);
    void errorOccurred(const QString &text);

private:
    class Worker;
    struct LoadControl;
    struct Stored
    {
        HeaderCache::Account account;
        QByteArray uid;
        qint64 octets = 0;
        HeaderSummary headers;
    };

    void deliver(const std::shared_ptr<LoadControl> &control, QList<HeaderCache::Row> rows,
                 bool first);
    void finishLoad(const std::shared_ptr<LoadControl> &control, bool ok, const QString &error);
    void reportError(const QString &text);

    QString m_path;
    QString m_errorString;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
    std::shared_ptr<LoadControl> m_control;
    quint64 m_lastLoadId = 0;
    int m_loadBatchSize = 1000;
    int m_storeBatchSize = 256;
    QList<Stored> m_stored;
};
