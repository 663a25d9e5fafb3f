#include "headercachesync.h"

#include "cache/asyncheadercache.h"
#include "mime/headersummary.h"
#include "models/messagelistmodel.h"

#include <utility>

HeaderCacheSync::HeaderCacheSync(MessageListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_pruneTimer.setSingleShot(true);
    m_pruneTimer.setInterval(0);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { continuePrune(false); });
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setInterval(0);
    connect(&m_waitTimer, &QTimer::timeout, this, &HeaderCacheSync::handOverWaiting);
    // Waiting stores name rows by message number: written before the rows change.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &HeaderCacheSync::storeWaiting);
}

HeaderCacheSync::~HeaderCacheSync()
{
    storeWaiting();
}

bool HeaderCacheSync::setPath(const QString &path)
{
    cancelLoad();
    cancelPrune();
    m_cache.reset();
    m_error.clear();
    if (path.isEmpty())
        return true;
    auto cache = std::make_unique<AsyncHeaderCache>(path);
    if (!cache->open()) {
        m_error = cache->errorString();
        return false;
    }
    // A batch of 1,000 cached rows took 4-6 ms of a turn to fill (headers,
    // folded filter text, the sorted view's bookkeeping): halved (issue 13).
    cache->setLoadBatchSize(LoadBatchRows);
    connect(cache.get(), &AsyncHeaderCache::rowsLoaded, this, &HeaderCacheSync::onRows);
    connect(cache.get(), &AsyncHeaderCache::loadFinished, this, &HeaderCacheSync::onLoaded);
    connect(cache.get(), &AsyncHeaderCache::errorOccurred, this, [this](const QString &text) {
        m_error = text;
        Q_EMIT errorOccurred(text);
    });
    m_cache = std::move(cache);
    return true;
}

QString HeaderCacheSync::path() const
{
    return m_cache ? m_cache->path() : QString();
}

void HeaderCacheSync::startLoad(const QList<int> &onScreen)
{
    if (!m_cache)
        return;
    m_waitTimer.stop();
    m_waiting.clear();
    m_loadedWaiting = false;
    if (!m_storesWaiting.isEmpty())
        m_waitTimer.start();
    // The rows on screen (prioritize() has just named them) come in the
    // first batch, a few primary-key lookups; then the rest, in batches.
    QList<QByteArray> first;
    for (const int number : onScreen.first(qMin<qsizetype>(onScreen.size(), 200))) {
        const QByteArray uid = m_model->uidAt(m_model->rowForNumber(number));
        if (!uid.isEmpty())
            first.append(uid);
    }
    for (int row = 0; first.isEmpty() && row < qMin(m_model->messageCount(), 100); ++row) {
        if (!m_model->uidAt(row).isEmpty())
            first.append(m_model->uidAt(row));
    }
    m_load = Load::WaitingForFirst;
    m_loadId = m_cache->load(m_account, first);
}

void HeaderCacheSync::onRows(quint64 id, const QList<HeaderCache::Row> &rows, bool first)
{
    if (id != m_loadId || m_load == Load::Idle)
        return;
    if (!m_waiting.isEmpty() || !m_model->uidIndexComplete()) {
        // The model builds its index a slice a turn; the batch waits for it.
        m_waiting.append({id, rows, first});
        m_waitTimer.start();
        return;
    }
    fillRows(rows, first);
}

void HeaderCacheSync::fillRows(const QList<HeaderCache::Row> &rows, bool first)
{
    m_model->setCachedHeaders(rows);
    if (first) {
        m_load = Load::Streaming;
        Q_EMIT rowsArrived();
    }
}

void HeaderCacheSync::handOverWaiting()
{
    if (!m_model->uidIndexComplete()) {
        m_waitTimer.start();
        return;
    }
    storeWaiting();
    // One batch a turn, as they came: three at once took 12 ms (issue 13).
    if (!m_waiting.isEmpty()) {
        const Waiting batch = m_waiting.takeFirst();
        if (batch.id != m_loadId || m_load == Load::Idle) {
            m_waiting.clear();
            return;
        }
        fillRows(batch.rows, batch.first);
        if (!m_waiting.isEmpty()) {
            m_waitTimer.start();
            return;
        }
    }
    if (std::exchange(m_loadedWaiting, false))
        onLoaded(m_loadId, true);
}

void HeaderCacheSync::onLoaded(quint64 id, bool ok)
{
    Q_UNUSED(ok);
    if (id != m_loadId || m_load == Load::Idle)
        return;
    if (!m_waiting.isEmpty()) {
        m_loadedWaiting = true;
        return;
    }
    m_load = Load::Idle;
    // Only a complete UIDL tells which messages left the server; without
    // one (no UIDL, or -ERR) nothing is pruned. On the cache's thread.
    if (std::exchange(m_pruneAfterLoad, false) && m_cache) {
        cancelPrune();
        m_pruneLive.reserve(m_model->messageCount());
        m_pruneRow = 0;
        continuePrune(false);
    }
    Q_EMIT rowsArrived();
}

void HeaderCacheSync::cancelLoad()
{
    m_waitTimer.stop();
    m_waiting.clear();
    m_loadedWaiting = false;
    if (!m_storesWaiting.isEmpty())
        m_waitTimer.start();
    if (m_cache)
        m_cache->cancelLoad();
    m_load = Load::Idle;
    m_pruneAfterLoad = false;
}

void HeaderCacheSync::store(int number, const HeaderSummary &headers)
{
    if (!m_cache)
        return;
    if (!m_storesWaiting.isEmpty() || !m_model->uidIndexComplete()) {
        m_storesWaiting.append({number, headers});
        m_waitTimer.start();
        return;
    }
    m_cache->store(m_account, cacheKey(number), m_model->octetsForNumber(number), headers);
}

void HeaderCacheSync::storeWaiting()
{
    const QList<std::pair<int, HeaderSummary>> waiting = std::exchange(m_storesWaiting, {});
    if (!m_cache)
        return;
    for (const auto &[number, headers] : waiting)
        m_cache->store(m_account, cacheKey(number), m_model->octetsForNumber(number), headers);
}

void HeaderCacheSync::flush(bool finishPrune)
{
    storeWaiting();
    if (finishPrune)
        continuePrune(true);
    // Written on the cache's thread; a failure comes back as errorOccurred().
    if (m_cache)
        m_cache->flush();
}

void HeaderCacheSync::continuePrune(bool all)
{
    if (m_pruneRow < 0)
        return;
    if (!m_cache) {
        cancelPrune();
        return;
    }
    const int count = m_model->messageCount();
    const int end = all ? count : qMin(count, m_pruneRow + 2500);
    for (; m_pruneRow < end; ++m_pruneRow)
        m_pruneLive.insert(m_model->uidAt(m_pruneRow));
    if (m_pruneRow < count) {
        m_pruneTimer.start();
        return;
    }
    m_cache->prune(m_account, std::exchange(m_pruneLive, {}));
    m_pruneRow = -1;
}

void HeaderCacheSync::cancelPrune()
{
    m_pruneTimer.stop();
    m_pruneLive = {};
    m_pruneRow = -1;
}

QByteArray HeaderCacheSync::cacheKey(int number) const
{
    // Only a unique-id that finds this very row again: never one that is
    // empty or shared (the cache ignores an empty key).
    const int row = m_model->rowForNumber(number);
    const QByteArray uid = m_model->uidAt(row);
    return !uid.isEmpty() && m_model->rowForUid(uid) == row ? uid : QByteArray();
}
