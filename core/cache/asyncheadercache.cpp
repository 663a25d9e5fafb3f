#include "asyncheadercache.h"

#include <QSemaphore>
#include <QThread>

#include <atomic>

// Flow control of one load: the worker takes a credit per batch and the
// receiving thread gives it back once the batch is handled.
struct AsyncHeaderCache::LoadControl
{
    static constexpr int Credits = 2;

    quint64 id = 0;
    QSemaphore credits{Credits};
    std::atomic<bool> cancelled{false};
};

// Lives on the cache's thread; everything it does is queued there.
class AsyncHeaderCache::Worker : public QObject
{
public:
    explicit Worker(AsyncHeaderCache *owner, QString path)
        : m_owner(owner)
        , m_path(std::move(path))
    { }

    bool open(QString *error)
    {
        if (!m_cache) {
            m_cache = std::make_unique<HeaderCache>(m_path);
            if (!m_cache->open()) {
                *error = m_cache->errorString();
                m_cache.reset();
                return false;
            }
        }
        return true;
    }

    void close()
    {
        if (m_cache && !m_cache->flush())
            report(m_cache->errorString());
        // The connection goes on the thread it was made on.
        m_cache.reset();
    }

    void load(const std::shared_ptr<LoadControl> &control, const HeaderCache::Account &account,
              const QList<QByteArray> &first, int batchSize)
    {
        if (!m_cache) {
            finish(control, false, {});
            return;
        }
        // Each batch waits for a credit; a cancelled load stops at once.
        const auto send = [this, &control](QList<HeaderCache::Row> &&rows, bool isFirst) {
            while (!control->credits.tryAcquire(1, 50)) {
                if (control->cancelled)
                    return false;
            }
            if (control->cancelled)
                return false;
            QMetaObject::invokeMethod(
                    m_owner,
                    [owner = m_owner, control, rows = std::move(rows), isFirst]() mutable {
                        owner->deliver(control, std::move(rows), isFirst);
                    },
                    Qt::QueuedConnection);
            return true;
        };
        if (!send(m_cache->lookup(account, first), true))
            return;
        const bool ok =
                m_cache->loadInBatches(account, batchSize, [&send](QList<HeaderCache::Row> &&rows) {
                    return send(std::move(rows), false);
                });
        finish(control, ok, ok ? QString() : m_cache->errorString());
    }

    void store(const QList<Stored> &entries)
    {
        if (!m_cache)
            return;
        for (const Stored &entry : entries)
            m_cache->store(entry.account, entry.uid, entry.octets, entry.headers);
        if (!m_cache->flush())
            report(m_cache->errorString());
    }

    void prune(const HeaderCache::Account &account, const QSet<QByteArray> &live)
    {
        if (m_cache && !m_cache->prune(account, live))
            report(m_cache->errorString());
    }

private:
    void finish(const std::shared_ptr<LoadControl> &control, bool ok, const QString &error)
    {
        QMetaObject::invokeMethod(
                m_owner,
                [owner = m_owner, control, ok, error] { owner->finishLoad(control, ok, error); },
                Qt::QueuedConnection);
    }

    void report(const QString &text)
    {
        QMetaObject::invokeMethod(
                m_owner, [owner = m_owner, text] { owner->reportError(text); },
                Qt::QueuedConnection);
    }

    AsyncHeaderCache *m_owner;
    QString m_path;
    std::unique_ptr<HeaderCache> m_cache;
};

AsyncHeaderCache::AsyncHeaderCache(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_thread(new QThread)
    , m_worker(new Worker(this, path))
{
    m_thread->setObjectName(QStringLiteral("mailpeek-headercache"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

AsyncHeaderCache::~AsyncHeaderCache()
{
    cancelLoad();
    flush();
    // quit() from here would end the thread's loop with the writes still
    // queued; the thread quits itself once it has done them.
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker] {
                worker->close();
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
    delete m_thread;
    // Signals the worker queued for us die with this object.
}

bool AsyncHeaderCache::open()
{
    QString error;
    bool ok = false;
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, &ok, &error] { ok = worker->open(&error); },
            Qt::BlockingQueuedConnection);
    m_errorString = error;
    return ok;
}

quint64 AsyncHeaderCache::load(const HeaderCache::Account &account, const QList<QByteArray> &first)
{
    cancelLoad();
    auto control = std::make_shared<LoadControl>();
    control->id = ++m_lastLoadId;
    m_control = control;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, control, account, first, batch = m_loadBatchSize] {
                worker->load(control, account, first, batch);
            },
            Qt::QueuedConnection);
    return control->id;
}

void AsyncHeaderCache::cancelLoad()
{
    if (!m_control)
        return;
    m_control->cancelled = true;
    m_control.reset();
}

void AsyncHeaderCache::deliver(const std::shared_ptr<LoadControl> &control,
                               QList<HeaderCache::Row> rows, bool first)
{
    if (control != m_control)
        return;
    Q_EMIT rowsLoaded(control->id, rows, first);
    rows.clear();
    control->credits.release();
}

void AsyncHeaderCache::finishLoad(const std::shared_ptr<LoadControl> &control, bool ok,
                                  const QString &error)
{
    if (control != m_control)
        return;
    m_control.reset();
    if (!ok && !error.isEmpty())
        reportError(error);
    Q_EMIT loadFinished(control->id, ok);
}

void AsyncHeaderCache::reportError(const QString &text)
{
    m_errorString = text;
    Q_EMIT errorOccurred(text);
}

void AsyncHeaderCache::store(const HeaderCache::Account &account, const QByteArray &uid,
                             qint64 octets, const HeaderSummary &headers)
{
    if (uid.isEmpty())
        return;
    m_stored.append({account, uid, octets, headers});
    if (m_stored.size() >= m_storeBatchSize)
        flush();
}

void AsyncHeaderCache::flush()
{
    if (m_stored.isEmpty())
        return;
    QList<Stored> entries = std::exchange(m_stored, {});
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, entries = std::move(entries)] { worker->store(entries); },
            Qt::QueuedConnection);
}

void AsyncHeaderCache::prune(const HeaderCache::Account &account, const QSet<QByteArray> &liveUids)
{
    flush();
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, account, liveUids] { worker->prune(account, liveUids); },
            Qt::QueuedConnection);
}
