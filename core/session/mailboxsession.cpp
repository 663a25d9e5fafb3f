#include "mailboxsession.h"

#include "cache/asyncheadercache.h"
#include "exportrunner.h"
#include "loginsequence.h"
#include "mailboxlisting.h"
#include "mime/headersummary.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <memory>
#include <utility>

MailboxSession::MailboxSession(QObject *parent)
    : QObject(parent)
    , m_model(new MessageListModel(this))
    , m_exportRunner(new ExportRunner(this))
{
    connect(m_exportRunner, &ExportRunner::progress, this, &MailboxSession::exportProgress);
    connect(m_exportRunner, &ExportRunner::notice, this, &MailboxSession::exportNotice);
    connect(m_exportRunner, &ExportRunner::debugMessage, this, &MailboxSession::debugMessage);
    connect(m_exportRunner, &ExportRunner::finished, this, &MailboxSession::onExportFinished);
    m_keepAlive.setInterval(60000);
    m_keepAlive.setSingleShot(true);
    connect(&m_keepAlive, &QTimer::timeout, this, &MailboxSession::sendKeepAlive);
    m_pruneTimer.setSingleShot(true);
    m_pruneTimer.setInterval(0);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { continuePrune(false); });
}

MailboxSession::~MailboxSession()
{
    // Going away without commit(): the server deletes nothing. The
    // connection's last signals must not reach a half-destroyed session.
    ++m_generation;
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
    }
    // Writes the last batch without flushHeaderCache(): no signal may leave a
    // session being destroyed.
    m_headerCache.reset();
}

void MailboxSession::setKeepAliveInterval(int milliseconds)
{
    m_keepAlive.setInterval(milliseconds);
    if (milliseconds <= 0)
        m_keepAlive.stop();
    else if (m_state == State::Ready)
        m_keepAlive.start();
}

void MailboxSession::setDebugLevel(int level)
{
    m_debugLevel = level;
    if (m_connection)
        m_connection->setDebugLevel(level);
}

namespace {

HeaderCache::Account cacheAccount(const ConnectionSettings &settings)
{
    return {settings.host, settings.effectivePort(), settings.user};
}

} // namespace

void MailboxSession::setHeaderCachePath(const QString &path)
{
    cancelCacheLoad();
    cancelPrune();
    m_headerCache.reset();
    m_headerCacheError.clear();
    if (path.isEmpty())
        return;
    auto cache = std::make_unique<AsyncHeaderCache>(path);
    if (!cache->open()) {
        m_headerCacheError = cache->errorString();
        Q_EMIT debugMessage(m_headerCacheError);
        return;
    }
    connect(cache.get(), &AsyncHeaderCache::rowsLoaded, this, &MailboxSession::onCacheRows);
    connect(cache.get(), &AsyncHeaderCache::loadFinished, this, &MailboxSession::onCacheLoaded);
    connect(cache.get(), &AsyncHeaderCache::errorOccurred, this, [this](const QString &text) {
        m_headerCacheError = text;
        Q_EMIT debugMessage(text);
    });
    m_headerCache = std::move(cache);
}

QString MailboxSession::headerCachePath() const
{
    return m_headerCache ? m_headerCache->path() : QString();
}

void MailboxSession::flushHeaderCache(bool finishPrune)
{
    // The session ends (commit, abort, a dropped line): a prune still being
    // assembled is completed now rather than lost.
    if (finishPrune)
        continuePrune(true);
    // Written on the cache's thread; a failure comes back as errorOccurred().
    if (m_headerCache)
        m_headerCache->flush();
}

void MailboxSession::startCacheLoad()
{
    // The rows on screen (prioritize() has just named them) come in the
    // first batch, a few primary-key lookups; then the rest, in batches.
    QList<QByteArray> first;
    for (const int number : m_priority.first(qMin<qsizetype>(m_priority.size(), 200))) {
        const QByteArray uid = m_model->uidAt(m_model->rowForNumber(number));
        if (!uid.isEmpty())
            first.append(uid);
    }
    for (int row = 0; first.isEmpty() && row < qMin(m_model->messageCount(), 100); ++row) {
        if (!m_model->uidAt(row).isEmpty())
            first.append(m_model->uidAt(row));
    }
    m_cacheLoad = CacheLoad::WaitingForFirst;
    m_cacheLoadId = m_headerCache->load(cacheAccount(m_settings), first);
}

void MailboxSession::onCacheRows(quint64 id, const QList<HeaderCache::Row> &rows, bool first)
{
    if (id != m_cacheLoadId || m_cacheLoad == CacheLoad::Idle)
        return;
    m_model->setCachedHeaders(rows);
    if (first) {
        m_cacheLoad = CacheLoad::Streaming;
        fillPreviews();
    }
}

void MailboxSession::onCacheLoaded(quint64 id, bool ok)
{
    Q_UNUSED(ok);
    if (id != m_cacheLoadId || m_cacheLoad == CacheLoad::Idle)
        return;
    m_cacheLoad = CacheLoad::Idle;
    // Only a complete UIDL tells which messages left the server; without
    // one (no UIDL, or -ERR) nothing is pruned. On the cache's thread.
    if (std::exchange(m_pruneAfterLoad, false) && m_headerCache) {
        cancelPrune();
        m_pruneLive.reserve(m_model->messageCount());
        m_pruneRow = 0;
        continuePrune(false);
    }
    fillPreviews();
}

void MailboxSession::continuePrune(bool all)
{
    if (m_pruneRow < 0)
        return;
    if (!m_headerCache) {
        cancelPrune();
        return;
    }
    const int count = m_model->messageCount();
    const int end = all ? count : qMin(count, m_pruneRow + 10000);
    for (; m_pruneRow < end; ++m_pruneRow)
        m_pruneLive.insert(m_model->uidAt(m_pruneRow));
    if (m_pruneRow < count) {
        m_pruneTimer.start();
        return;
    }
    m_headerCache->prune(cacheAccount(m_settings), std::exchange(m_pruneLive, {}));
    m_pruneRow = -1;
}

void MailboxSession::cancelPrune()
{
    m_pruneTimer.stop();
    m_pruneLive = {};
    m_pruneRow = -1;
}

void MailboxSession::cancelCacheLoad()
{
    if (m_headerCache)
        m_headerCache->cancelLoad();
    m_cacheLoad = CacheLoad::Idle;
    m_pruneAfterLoad = false;
}

void MailboxSession::open(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_hasSettings = true;
    m_trustAsked = false;
    m_exportRunner->cancel();
    m_model->clear();
    failPending(Pop3Error::cancelled());
    startConnection();
}

void MailboxSession::startConnection()
{
    ++m_generation;
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
        m_connection->deleteLater();
    }
    if (m_login)
        m_login->deleteLater();
    if (m_listing)
        m_listing->deleteLater();
    m_listing = nullptr;
    m_keepAlive.stop();
    m_previewsInFlight.clear();
    cancelCacheLoad();

    auto *connection = new Pop3Connection(this);
    m_connection = connection;
    connect(connection, &Pop3Connection::errorOccurred, this, &MailboxSession::onConnectionError);
    connect(connection, &Pop3Connection::disconnected, this, &MailboxSession::onDisconnected);
    m_sslErrors.clear();
    m_sslChain.clear();
    connect(connection, &Pop3Connection::sslErrorsOccurred, this,
            [this](const QList<QSslError> &errors, const QList<QSslCertificate> &chain) {
                m_sslErrors = errors;
                m_sslChain = chain;
                Q_EMIT sslErrorsOccurred(errors, chain);
            });
    connect(connection, &Pop3Connection::debugMessage, this, &MailboxSession::debugMessage);

    ConnectionSettings settings = m_settings;
    if (m_debugLevel >= 0)
        settings.debugLevel = m_debugLevel;
    m_login = new LoginSequence(connection, settings, this);
    connect(m_login, &LoginSequence::stageChanged, this, [this](LoginSequence::Stage stage) {
        switch (stage) {
        case LoginSequence::Stage::Connect:
            Q_EMIT statusMessage(tr("Connecting to %1…").arg(m_settings.host));
            break;
        case LoginSequence::Stage::StartTls:
            Q_EMIT statusMessage(tr("Starting TLS…"));
            break;
        case LoginSequence::Stage::Authenticate:
            Q_EMIT statusMessage(tr("Logging in…"));
            break;
        case LoginSequence::Stage::Capabilities:
        case LoginSequence::Stage::Done:
            break;
        }
    });
    connect(m_login, &LoginSequence::finished, this, &MailboxSession::onLoggedIn);
    setState(State::Connecting);
    m_login->start();
}

void MailboxSession::onLoggedIn(const Pop3Error &error)
{
    if (error.isError()) {
        failOpen(error);
        return;
    }
    m_authMethod = m_login ? m_login->authenticationMethod() : QString();
    setState(State::Listing);
    Q_EMIT statusMessage(tr("Reading the message list…"));

    // STAT, LIST and UIDL in one write when the server pipelines: the list
    // appears after a single round trip. The listing object is the context
    // of its replies: a reconnect deletes it, and with it their handlers.
    m_listing = new MailboxListing(m_connection, this);
    connect(m_listing, &MailboxListing::finished, this,
            [this, generation = m_generation](const Pop3Error &listingError) {
                if (generation == m_generation && m_state == State::Listing)
                    onListingFinished(listingError);
            });
    m_listing->start();
}

void MailboxSession::failOpen(const Pop3Error &error)
{
    ++m_generation;
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
    }
    setState(State::Disconnected);
    failPending(error);
    if (askTrust(error))
        return;
    Q_EMIT openFailed(error);
}

bool MailboxSession::askTrust(const Pop3Error &error)
{
    // Once per open(): a failure after pinning is final, not a new question.
    if (!m_trustDecider || m_trustAsked || error.kind() != Pop3Error::Kind::Tls ||
        m_sslChain.isEmpty())
        return false;
    m_trustAsked = true;
    const TrustQuestion question{m_settings.host, m_settings.effectivePort(), m_sslErrors,
                                 m_sslChain};
    QPointer<MailboxSession> self(this);
    const quint64 generation = m_generation;
    m_trustDecider->decide(question,
                           [self, generation, error, question](const QSslCertificate &pin) {
                               // Dropped when the session is gone or was opened again meanwhile.
                               if (!self || self->m_generation != generation)
                                   return;
                               if (pin.isNull() || !question.chain.contains(pin)) {
                                   Q_EMIT self->openFailed(error);
                                   return;
                               }
                               self->m_settings.pinnedCertificate = pin;
                               self->m_model->clear();
                               self->startConnection();
                           });
    return true;
}

void MailboxSession::onListingFinished(const Pop3Error &error)
{
    if (error.isError()) {
        failOpen(error);
        return;
    }
    // Parsing 100,000 UIDL lines took this turn of the event loop already:
    // the rows come in a later one (issue 6: each turn under 50 ms). A 1 ms
    // timer rather than a posted call: timers and input already due (a
    // repaint, a key) run first instead of queueing behind the listing.
    QTimer::singleShot(1, this, [this, generation = m_generation] {
        if (generation == m_generation && m_state == State::Listing)
            finishListing();
    });
}

void MailboxSession::finishListing()
{
    // Rows at once, from the listing alone; cached headers follow from the
    // cache's thread (onCacheRows), the rows on screen first.
    const QList<MailboxListing::Entry> &entries = m_listing->entries();
    QList<MessageListModel::Listing> listing;
    listing.reserve(entries.size());
    for (const MailboxListing::Entry &entry : entries)
        listing.append({entry.number, entry.octets, entry.uid});
    // Only a complete set of unique-ids tells which messages left the
    // server; without one nothing is pruned.
    m_pruneAfterLoad =
            m_headerCache && m_listing->hasUidl() && m_listing->numbersWithoutUid().isEmpty();
    // Decided on the CAPA after login, which answered before STAT did.
    m_topAvailable = !m_connection || MailboxListing::mayHaveTop(m_connection->capabilities());
    // The rows change under a prune set still being assembled.
    cancelPrune();
    const QList<int> droppedMarks = m_model->setListing(listing);
    ++m_listingSerial;
    const QString uidNotice = m_listing->uidNotice();
    m_listing->deleteLater();
    m_listing = nullptr;

    if (!m_topAvailable) {
        // Every row at once: no TOP will fill them. RETR does, on opening.
        for (const int number : m_model->pendingNumbers())
            m_model->setLoadFailed(number);
    }
    m_previewOrder = m_model->pendingNumbers();
    m_previewCursor = 0;
    m_previewsDone = false;
    m_topRefusalNoticed = false;
    setState(State::Ready);
    Q_EMIT statusMessage(tr("%Ln message(s)", nullptr, m_model->messageCount()));
    if (!uidNotice.isEmpty())
        Q_EMIT notice(uidNotice);
    if (!droppedMarks.isEmpty()) {
        Q_EMIT notice(tr("The deletion mark on %n message(s) (%1 before reconnecting) was "
                         "removed: without a usable unique-id they cannot be told apart from "
                         "other messages after a reconnect. Mark them again if you still want "
                         "them deleted.",
                         nullptr, int(droppedMarks.size()))
                              .arg(MailboxListing::numberList(droppedMarks)));
    }
    if (!m_topAvailable && m_model->messageCount() > 0) {
        Q_EMIT notice(tr("The server does not offer TOP, so headers are unavailable in the "
                         "list; they appear when you open a message."));
    }
    Q_EMIT opened();

    // User actions that waited for the reconnect go before the bulk previews.
    const QList<PendingAction> pending = std::exchange(m_pending, {});
    for (const PendingAction &action : pending)
        action.run();
    if (m_headerCache)
        startCacheLoad();
    fillPreviews();
    if (m_keepAlive.interval() > 0)
        m_keepAlive.start();
}

void MailboxSession::prioritize(const QList<int> &numbers)
{
    // The previous priority list was what used to be on screen: replaced.
    m_priority = numbers;
    fillPreviews();
}

void MailboxSession::fillPreviews()
{
    if (m_state != State::Ready || !m_connection)
        return;
    // Until the cache has answered for the rows on screen, no TOP: they may
    // be cached. While the rest streams in, only the rows on screen.
    if (m_cacheLoad == CacheLoad::WaitingForFirst)
        return;
    const bool bulk = m_cacheLoad == CacheLoad::Idle;
    const auto wanted = [this](int number) {
        return !m_previewsInFlight.contains(number) &&
                m_model->loadState(number) == MessageListModel::LoadState::Pending;
    };
    // Lock-step servers answer one command a round trip; keep fewer queued
    // there so a user's own request is not stuck behind them.
    const int window = m_connection->isPipelining() ? m_previewWindow : qMin(m_previewWindow, 2);
    while (m_previewsInFlight.size() < window) {
        int next = 0;
        while (!m_priority.isEmpty() && next == 0) {
            const int candidate = m_priority.takeFirst();
            if (wanted(candidate))
                next = candidate;
        }
        while (bulk && next == 0 && m_previewCursor < m_previewOrder.size()) {
            const int candidate = m_previewOrder.at(m_previewCursor++);
            if (wanted(candidate))
                next = candidate;
        }
        if (next == 0)
            break;
        m_previewsInFlight.insert(next);
        onReply(m_connection->top(next, 0), [this](Pop3Reply *reply) {
            const int number = reply->messageNumber();
            m_previewsInFlight.remove(number);
            if (!reply->hasError()) {
                const HeaderSummary headers = parseHeaderSummary(reply->data());
                m_model->setHeaders(number, headers);
                if (m_headerCache) {
                    m_headerCache->store(cacheAccount(m_settings), cacheKey(number),
                                         m_model->octetsForNumber(number), headers);
                }
            } else if (reply->error().kind() == Pop3Error::Kind::Server) {
                m_model->setLoadFailed(number);
                // Once a listing: a server without TOP refuses every one.
                if (!std::exchange(m_topRefusalNoticed, true)) {
                    Q_EMIT notice(tr("Some headers are unavailable in the list (%1); they "
                                     "appear when you open a message.")
                                          .arg(reply->errorString()));
                }
            } else {
                // The connection went; the row stays pending for the reconnect.
                return;
            }
            fillPreviews();
        });
    }
    if (bulk && m_previewsInFlight.isEmpty() && !m_previewsDone) {
        m_previewsDone = true;
        // The prune set keeps being assembled a slice a turn.
        flushHeaderCache(false);
        m_previewOrder.clear();
        m_previewOrder.squeeze();
        Q_EMIT statusMessage(tr("All headers loaded"));
        Q_EMIT previewsFinished();
    }
}

void MailboxSession::preview(int number, int lines)
{
    const QByteArray uid = m_model->uidAt(m_model->rowForNumber(number));
    whenReady(
            [this, number, uid, lines, serial = m_listingSerial] {
                Pop3Error error;
                const int current = currentNumber(number, uid, serial, &error);
                if (!error.isError() && !m_topAvailable)
                    error = Pop3Error(Pop3Error::Kind::Server,
                                      tr("The server does not offer TOP, so it cannot show a "
                                         "preview; open the message to read it."));
                if (error.isError()) {
                    Q_EMIT previewFailed(number, error);
                    return;
                }
                onReply(m_connection->top(current, lines), [this, number](Pop3Reply *reply) {
                    if (reply->hasError())
                        Q_EMIT previewFailed(number, reply->error());
                    else
                        Q_EMIT previewReady(number, reply->data());
                });
            },
            [this, number](const Pop3Error &error) { Q_EMIT previewFailed(number, error); });
}

namespace {

// The header block of a message: up to its first empty line, at most 1 MB
// (a header block that long is broken anyway; what fits is still parsed).
QByteArray headerBlock(QByteArrayView message)
{
    constexpr qsizetype Limit = qsizetype(1) << 20;
    message = message.first(qMin(message.size(), Limit));
    qsizetype end = message.indexOf("\r\n\r\n");
    if (end < 0)
        end = message.indexOf("\n\n");
    return (end < 0 ? message : message.first(end + 2)).toByteArray() + "\r\n";
}

} // namespace

void MailboxSession::fetchMessage(int number)
{
    const QByteArray uid = m_model->uidAt(m_model->rowForNumber(number));
    whenReady(
            [this, number, uid, serial = m_listingSerial] {
                Pop3Error error;
                const int current = currentNumber(number, uid, serial, &error);
                if (error.isError()) {
                    Q_EMIT messageFailed(number, error);
                    return;
                }
                const qint64 total = m_model->octetsForNumber(current);
                // A big message goes to a file as it arrives: memory stays
                // bounded whatever its size (issue 6).
                std::shared_ptr<QTemporaryFile> spool;
                if (total >= m_spoolThreshold) {
                    const QDir directory(m_spoolDirectory.isEmpty() ? QDir::tempPath()
                                                                    : m_spoolDirectory);
                    spool = std::make_shared<QTemporaryFile>(
                            directory.filePath(QStringLiteral("mailpeek-retr-XXXXXX.eml")));
                    if (!spool->open()) {
                        Q_EMIT messageFailed(
                                number,
                                Pop3Error(Pop3Error::Kind::LocalIo,
                                          tr("Could not create a temporary file in %1: %2")
                                                  .arg(directory.path(), spool->errorString())));
                        return;
                    }
                }
                Pop3Reply *reply = m_connection->retr(current, spool.get());
                connect(reply, &Pop3Reply::progress, this, [this, number, total](qint64 received) {
                    Q_EMIT messageProgress(number, received, total);
                });
                onReply(reply, [this, number, current, spool](Pop3Reply *finished) {
                    if (finished->hasError()) {
                        Q_EMIT messageFailed(number, finished->error());
                    } else if (!spool) {
                        fillHeadersFromMessage(current, headerBlock(finished->data()));
                        Q_EMIT messageReady(number, finished->data());
                    } else if (!spool->flush()) {
                        Q_EMIT messageFailed(
                                number,
                                Pop3Error(Pop3Error::Kind::LocalIo,
                                          tr("Could not write %1: %2")
                                                  .arg(spool->fileName(), spool->errorString())));
                    } else {
                        QFile head(spool->fileName());
                        if (head.open(QIODevice::ReadOnly))
                            fillHeadersFromMessage(current, headerBlock(head.read(1 << 20)));
                        Q_EMIT messageSpooled(number, spool);
                    }
                });
            },
            [this, number](const Pop3Error &error) { Q_EMIT messageFailed(number, error); });
}

void MailboxSession::fillHeadersFromMessage(int number, const QByteArray &head)
{
    // A row TOP could not fill (no TOP, TOP refused, or not reached yet)
    // gets its headers from the whole message once it is opened.
    if (m_model->rowForNumber(number) < 0 ||
        m_model->loadState(number) == MessageListModel::LoadState::Loaded)
        return;
    const HeaderSummary headers = parseHeaderSummary(head);
    m_model->setHeaders(number, headers);
    if (m_headerCache) {
        m_headerCache->store(cacheAccount(m_settings), cacheKey(number),
                             m_model->octetsForNumber(number), headers);
    }
}

void MailboxSession::markForDeletion(const QList<int> &numbers)
{
    // Local only: DELE goes out at commit, so a crash or a dropped line
    // cannot delete anything the user did not confirm.
    m_model->setMarked(numbers, true);
}

void MailboxSession::unmark(const QList<int> &numbers)
{
    m_model->setMarked(numbers, false);
}

void MailboxSession::reset()
{
    m_model->clearMarks();
    if (m_state != State::Ready || !m_connection) {
        // Disconnected: no DELE was ever sent, so there is nothing to undo
        // on the server.
        Q_EMIT resetFinished({});
        return;
    }
    onReply(m_connection->rset(),
            [this](Pop3Reply *reply) { Q_EMIT resetFinished(reply->error()); });
}

void MailboxSession::commit()
{
    const QList<int> marked = m_model->markedNumbers();
    if (m_state == State::Committing || m_state == State::Closed)
        return;
    if (m_state == State::Exporting) {
        // The export's own QUIT comes first; the commit runs once the
        // session is back.
        whenReady([this] { commit(); },
                  [this, count = int(marked.size())](const Pop3Error &error) {
                      CommitResult result;
                      result.requested = count;
                      result.error = error;
                      setState(State::Closed);
                      Q_EMIT committed(result);
                  });
        return;
    }
    if (m_state != State::Ready) {
        if (marked.isEmpty() || !m_hasSettings) {
            // Nothing to delete and no session to end politely.
            ++m_generation;
            if (m_connection) {
                m_connection->disconnect(this);
                m_connection->abort();
            }
            failPending(Pop3Error::cancelled());
            setState(State::Closed);
            Q_EMIT committed({});
            return;
        }
        whenReady([this] { commit(); },
                  [this, count = int(marked.size())](const Pop3Error &error) {
                      CommitResult result;
                      result.requested = count;
                      result.error = error;
                      setState(State::Closed);
                      Q_EMIT committed(result);
                  });
        return;
    }

    setState(State::Committing);
    flushHeaderCache();
    Q_EMIT statusMessage(marked.isEmpty() ? tr("Closing the session…")
                                          : tr("Deleting %1 marked…").arg(marked.size()));
    m_keepAlive.stop();
    auto result = std::make_shared<CommitResult>();
    result->requested = int(marked.size());
    // DELE answers seen, +OK or -ERR: while some are missing, a lock-step
    // connection has not sent QUIT yet.
    auto answered = std::make_shared<int>(0);
    const bool pipelined = m_connection->isPipelining();
    for (const int number : marked) {
        onReply(m_connection->dele(number), [result, answered](Pop3Reply *reply) {
            if (reply->error().kind() == Pop3Error::Kind::Server || !reply->hasError())
                ++*answered;
            if (!reply->hasError())
                ++result->confirmed;
            else if (!result->error.isError())
                result->error = reply->error();
        });
    }
    // The same generation check as everywhere would drop this handler if
    // the connection were replaced; during a commit it never is.
    Pop3Reply *quit = m_connection->quit();
    connect(quit, &Pop3Reply::finished, this, [this, quit, result, answered, pipelined] {
        quit->deleteLater();
        if (quit->hasError()) {
            result->quitConfirmed = false;
            // The QUIT failure explains the outcome better than a cancelled DELE.
            result->error = quit->error();
            // Did QUIT reach the server? It went out with the DELEs on a
            // pipelined link, and after the last DELE answer on a lock-step
            // one. If it did, the server may have deleted the messages whose
            // DELE it took (RFC 1939 section 6), and -ERR to QUIT itself
            // means "some deleted messages not removed": some may be gone.
            // Only when no DELE can have been taken is "nothing" certain.
            const bool quitMayHaveArrived = pipelined || *answered == result->requested ||
                    quit->error().kind() == Pop3Error::Kind::Server;
            const bool deleMayHaveBeenTaken =
                    result->confirmed > 0 || *answered < result->requested;
            result->outcomeUnknown = quitMayHaveArrived && deleMayHaveBeenTaken;
        } else {
            result->quitConfirmed = true;
        }
        ++m_generation;
        if (m_connection)
            m_connection->disconnect(this);
        setState(State::Closed);
        Q_EMIT committed(*result);
    });
}

void MailboxSession::abort()
{
    m_exportRunner->cancel();
    ++m_generation;
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
    }
    m_keepAlive.stop();
    cancelCacheLoad();
    flushHeaderCache();
    failPending(Pop3Error::cancelled());
    setState(State::Closed);
}

void MailboxSession::onConnectionError(const Pop3Error &error)
{
    dropConnection(error);
}

void MailboxSession::onDisconnected()
{
    dropConnection(Pop3Error(Pop3Error::Kind::Network, tr("The server closed the connection")));
}

void MailboxSession::dropConnection(const Pop3Error &error)
{
    // Login and listing failures arrive through their own replies; the
    // commit handles its own outcome.
    if (m_state != State::Ready)
        return;
    ++m_generation;
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
    }
    m_keepAlive.stop();
    m_previewsInFlight.clear();
    flushHeaderCache();
    setState(State::Disconnected);
    Q_EMIT statusMessage(tr("Connection lost; it will be reopened on the next action"));
    Q_EMIT connectionLost(error);
}

void MailboxSession::sendKeepAlive()
{
    if (m_state != State::Ready || !m_connection)
        return;
    if (m_connection->pendingCommands() > 0) {
        m_keepAlive.start();
        return;
    }
    onReply(m_connection->noop(), [](Pop3Reply *) {});
}

void MailboxSession::whenReady(std::function<void()> action,
                               std::function<void(const Pop3Error &)> failed)
{
    switch (m_state) {
    case State::Ready:
        action();
        return;
    case State::Connecting:
    case State::Listing:
    case State::Exporting:
        m_pending.append({std::move(action), std::move(failed)});
        return;
    case State::Disconnected:
        if (!m_hasSettings) {
            failed(Pop3Error(Pop3Error::Kind::Cancelled, tr("Not connected")));
            return;
        }
        m_pending.append({std::move(action), std::move(failed)});
        Q_EMIT reconnecting();
        Q_EMIT statusMessage(tr("Reconnecting to %1…").arg(m_settings.host));
        startConnection();
        return;
    case State::Committing:
    case State::Closed:
        failed(Pop3Error(Pop3Error::Kind::Cancelled, tr("The session is closed")));
        return;
    }
}

void MailboxSession::failPending(const Pop3Error &error)
{
    const QList<PendingAction> pending = std::exchange(m_pending, {});
    for (const PendingAction &action : pending)
        action.fail(error);
}

void MailboxSession::onReply(Pop3Reply *reply, std::function<void(Pop3Reply *)> handler)
{
    if (m_keepAlive.interval() > 0 && m_state == State::Ready)
        m_keepAlive.start();
    const quint64 generation = m_generation;
    connect(reply, &Pop3Reply::finished, this,
            [this, reply, generation, handler = std::move(handler)] {
                reply->deleteLater();
                if (generation != m_generation)
                    return;
                handler(reply);
            });
}

void MailboxSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

int MailboxSession::currentNumber(int number, const QByteArray &uid, quint64 serial,
                                  Pop3Error *error) const
{
    // Within one listing the message number is the identity.
    if (serial == m_listingSerial)
        return number;
    // A reconnect came in between, and numbers may have shifted (another
    // client deleted mail). Only a usable unique-id finds the message again;
    // falling back to the number could show or delete another message.
    if (uid.isEmpty()) {
        *error = Pop3Error(Pop3Error::Kind::Cancelled,
                           tr("Message %1 has no usable unique-id, so after reconnecting it "
                              "cannot be told apart from the others. Select it again in the "
                              "refreshed list.")
                                   .arg(number));
        return 0;
    }
    const int current = numberForUid(uid);
    if (current <= 0)
        *error = Pop3Error(Pop3Error::Kind::Server,
                           tr("Message %1 is no longer on the server.").arg(number));
    return current;
}

QByteArray MailboxSession::cacheKey(int number) const
{
    // Only a unique-id that finds this very row again: never one that is
    // empty or shared (the cache ignores an empty key).
    const int row = m_model->rowForNumber(number);
    const QByteArray uid = m_model->uidAt(row);
    return !uid.isEmpty() && m_model->rowForUid(uid) == row ? uid : QByteArray();
}

int MailboxSession::numberForUid(const QByteArray &uid) const
{
    const int row = uid.isEmpty() ? -1 : m_model->rowForUid(uid);
    return row < 0 ? 0 : m_model->numberAt(row);
}

void MailboxSession::startExport(const QString &target, const ExportJob::Options &options,
                                 const QString &statePath)
{
    if (m_state == State::Exporting || m_exportRunner->isRunning()) {
        Q_EMIT exportFinished(
                {}, Pop3Error(Pop3Error::Kind::Cancelled, tr("An export is already running")));
        return;
    }
    whenReady(
            [this, target, options, statePath] {
                setState(State::Exporting);
                Q_EMIT statusMessage(tr("Exporting…"));
                m_keepAlive.stop();
                // Previews still in flight are dropped; their rows stay
                // pending and are asked for again after the export.
                ++m_generation;
                m_previewsInFlight.clear();
                Pop3Connection *connection = m_connection;
                m_connection = nullptr;
                if (!connection) {
                    launchExport(target, options, statePath);
                    return;
                }
                connection->disconnect(this);
                if (connection->state() != Pop3Connection::State::Transaction) {
                    connection->abort();
                    connection->deleteLater();
                    launchExport(target, options, statePath);
                    return;
                }
                // After everything already queued on it (POP3 answers in
                // order). No DELE was ever sent, so this QUIT deletes nothing.
                Pop3Reply *quit = connection->quit();
                connect(quit, &Pop3Reply::finished, this,
                        [this, quit, connection, target, options, statePath] {
                            quit->deleteLater();
                            connection->deleteLater();
                            launchExport(target, options, statePath);
                        });
            },
            [this](const Pop3Error &error) { Q_EMIT exportFinished({}, error); });
}

void MailboxSession::launchExport(const QString &target, const ExportJob::Options &options,
                                  const QString &statePath)
{
    ExportRunner::Request request;
    request.settings = m_settings;
    if (m_debugLevel >= 0)
        request.settings.debugLevel = m_debugLevel;
    request.target = target;
    request.options = options;
    request.statePath = statePath;
    request.uids.reserve(m_model->messageCount());
    for (int row = 0; row < m_model->messageCount(); ++row)
        request.uids.append(m_model->uidAt(row));
    m_exportRunner->start(request);
}

void MailboxSession::cancelExport()
{
    m_exportRunner->cancel();
}

void MailboxSession::onExportFinished(const ExportJob::Summary &summary, const Pop3Error &error,
                                      const QList<QByteArray> &exportedUids)
{
    for (const QByteArray &uid : exportedUids) {
        const int number = numberForUid(uid);
        if (number > 0)
            m_model->setExported(number, true);
    }
    if (m_state != State::Exporting) {
        // abort() or a new open() came first; they decide what happens next.
        Q_EMIT exportFinished(summary, error);
        return;
    }
    setState(State::Disconnected);
    Q_EMIT exportFinished(summary, error);
    // Deleted messages leave the list, and numbers may have shifted: list
    // again. Marks, headers and export flags follow the unique-ids.
    if (m_hasSettings && m_state == State::Disconnected)
        startConnection();
}
