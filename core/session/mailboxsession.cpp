#include "mailboxsession.h"

#include "connectioncontext.h"
#include "exportaccount.h"
#include "headercachesync.h"
#include "keepalive.h"
#include "loginsequence.h"
#include "messageretriever.h"
#include "mime/headersummary.h"
#include "models/messagelistmodel.h"
#include "pop3/mailboxlisting.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"
#include "previewscheduler.h"
#include "sessionexport.h"

#include <QTemporaryFile>
#include <QTimer>

#include <memory>
#include <utility>

MailboxSession::MailboxSession(QObject *parent)
    : QObject(parent)
    , m_model(new MessageListModel(this))
    , m_previews(new PreviewScheduler(m_model, this))
    , m_headerCache(new HeaderCacheSync(m_model, this))
    , m_retriever(new MessageRetriever(this))
    , m_keepAlive(new KeepAlive(this))
    , m_export(new SessionExport(m_model, this))
{
    connect(m_export, &SessionExport::progress, this, &MailboxSession::exportProgress);
    connect(m_export, &SessionExport::notice, this, &MailboxSession::exportNotice);
    connect(m_export, &SessionExport::debugMessage, this, &MailboxSession::debugMessage);
    connect(m_export, &SessionExport::returned, this, &MailboxSession::onExportReturned);
    connect(m_export, &SessionExport::finished, this, &MailboxSession::exportFinished);

    connect(m_model, &MessageListModel::listingApplied, this, &MailboxSession::onListingApplied);
    connect(m_previews, &PreviewScheduler::headersLoaded, m_headerCache, &HeaderCacheSync::store);
    connect(m_previews, &PreviewScheduler::answered, this, &MailboxSession::fillPreviews);
    connect(m_previews, &PreviewScheduler::notice, this, &MailboxSession::notice);
    connect(m_previews, &PreviewScheduler::finished, this, &MailboxSession::onPreviewsFinished);

    connect(m_headerCache, &HeaderCacheSync::rowsArrived, this, &MailboxSession::fillPreviews);
    connect(m_headerCache, &HeaderCacheSync::errorOccurred, this, &MailboxSession::debugMessage);

    connect(m_retriever, &MessageRetriever::progress, this, &MailboxSession::messageProgress);
    connect(m_retriever, &MessageRetriever::headerBlockRead, this,
            &MailboxSession::fillHeadersFromMessage);
    connect(m_retriever, &MessageRetriever::messageReady, this, &MailboxSession::messageReady);
    connect(m_retriever, &MessageRetriever::messageSpooled, this, &MailboxSession::messageSpooled);
    connect(m_retriever, &MessageRetriever::messageFailed, this, &MailboxSession::messageFailed);
}

MailboxSession::~MailboxSession()
{
    // Going away without commit(): the server deletes nothing. The
    // connection's last signals must not reach a half-destroyed session.
    endContext();
    if (m_connection)
        m_connection->abort();
    // Writes the last batch now, while nothing it says can reach a session
    // being destroyed.
    m_headerCache->disconnect(this);
    delete m_headerCache;
}

void MailboxSession::setKeepAliveInterval(int milliseconds)
{
    m_keepAlive->setInterval(milliseconds);
}

void MailboxSession::setDebugLevel(int level)
{
    m_debugLevel = level;
    if (m_connection)
        m_connection->setDebugLevel(level);
}

void MailboxSession::setPreviewWindow(int commands)
{
    m_previews->setWindow(commands);
}

void MailboxSession::setSpoolThreshold(qint64 bytes)
{
    m_retriever->setSpoolThreshold(bytes);
}

qint64 MailboxSession::spoolThreshold() const
{
    return m_retriever->spoolThreshold();
}

void MailboxSession::setSpoolDirectory(const QString &path)
{
    m_retriever->setSpoolDirectory(path);
}

void MailboxSession::setHeaderCachePath(const QString &path)
{
    if (!m_headerCache->setPath(path))
        Q_EMIT debugMessage(m_headerCache->errorString());
}

QString MailboxSession::headerCachePath() const
{
    return m_headerCache->path();
}

QString MailboxSession::headerCacheError() const
{
    return m_headerCache->errorString();
}

SecuritySummary MailboxSession::securitySummary() const
{
    if (m_state == State::Exporting)
        return m_lastSecurity; // unchanged while the connection is on the export's thread
    if (m_state != State::Ready && m_state != State::Committing)
        return SecuritySummary();
    return SecuritySummary::of(m_connection, m_authMethod);
}

int MailboxSession::loginDelay() const
{
    if (!m_connection)
        return -1;
    const QList<QByteArray> delay = m_connection->capabilities().parameters("LOGIN-DELAY");
    return delay.isEmpty() ? -1 : delay.first().toInt();
}

void MailboxSession::open(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_hasSettings = true;
    // The mailbox's one identity (the host as typed, the port actually
    // connected to, the user), the same the export journal keys by.
    const ExportAccount account = exportAccountOf(settings);
    m_headerCache->setAccount({account.host, account.port, account.user});
    m_trustAsked = false;
    delete m_trustGuard; // an answer to an earlier open()'s question is dropped
    m_trustGuard = nullptr;
    m_export->cancel();
    m_model->clear();
    failPending(Pop3Error::cancelled());
    startConnection();
}

void MailboxSession::endContext()
{
    // Deleting the context disconnects every handler connected through it:
    // the connection's signals, its replies', the login's and the listing's.
    delete m_context;
    m_keepAlive->setContext(nullptr);
    // Rows a listing of that connection was building never arrive.
    m_model->cancelListing();
}

void MailboxSession::startConnection()
{
    endContext();
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
    }
    if (m_login)
        m_login->deleteLater();
    if (m_listing)
        m_listing->deleteLater();
    m_listing = nullptr;
    m_previews->forgetInFlight();
    m_headerCache->cancelLoad();

    m_sslErrors.clear();
    m_sslChain.clear();
    attach(new Pop3Connection(this));
    ConnectionSettings settings = m_settings;
    if (m_debugLevel >= 0)
        settings.debugLevel = m_debugLevel;
    m_login = new LoginSequence(m_connection, settings, this);
    connect(m_login, &LoginSequence::stageChanged, m_context, [this](LoginSequence::Stage stage) {
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
    connect(m_login, &LoginSequence::finished, m_context,
            [this](const Pop3Error &error) { onLoggedIn(error); });
    setState(State::Connecting);
    m_login->start();
}

void MailboxSession::attach(Pop3Connection *connection)
{
    m_connection = connection;
    m_context = new ConnectionContext(connection, this);
    ConnectionContext *context = m_context;
    m_keepAlive->setContext(context);
    if (m_debugLevel >= 0) // set meanwhile, for a connection back from an export
        connection->setDebugLevel(m_debugLevel);
    connect(context, &ConnectionContext::commandQueued, m_keepAlive, &KeepAlive::restart);
    connect(connection, &Pop3Connection::errorOccurred, context,
            [this](const Pop3Error &error) { dropConnection(error); });
    connect(connection, &Pop3Connection::disconnected, context, [this] {
        dropConnection(
                Pop3Error(Pop3Error::Code::ClosedByServer, tr("The server closed the connection")));
    });
    connect(connection, &Pop3Connection::sslErrorsOccurred, context,
            [this](const QList<QSslError> &errors, const QList<QSslCertificate> &chain) {
                m_sslErrors = errors;
                m_sslChain = chain;
                Q_EMIT sslErrorsOccurred(errors, chain);
            });
    connect(connection, &Pop3Connection::debugMessage, context,
            [this](const QString &line) { Q_EMIT debugMessage(line); });
}

void MailboxSession::onLoggedIn(const Pop3Error &error)
{
    if (error.isError()) {
        failOpen(error);
        return;
    }
    m_authMethod = m_login ? m_login->authenticationMethod() : QString();
    startListing();
}

void MailboxSession::startListing()
{
    setState(State::Listing);
    Q_EMIT statusMessage(tr("Reading the message list…"));

    // STAT, LIST and UIDL in one write when the server pipelines: the list
    // appears after a single round trip. Its end is handled through the
    // connection's context, so a reconnect meanwhile discards it.
    m_listing = new MailboxListing(m_connection, this);
    connect(m_listing, &MailboxListing::finished, m_context, [this](const Pop3Error &listingError) {
        if (m_state == State::Listing)
            onListingFinished(listingError);
    });
    m_listing->start();
}

void MailboxSession::failOpen(const Pop3Error &error)
{
    endContext();
    if (m_connection)
        m_connection->abort();
    setState(State::Disconnected);
    failPending(error);
    if (askTrust(error))
        return;
    Q_EMIT openFailed(error);
}

bool MailboxSession::askTrust(const Pop3Error &error)
{
    // Once per open(): a failure after pinning is final, not a new question.
    if (!m_trustDecider || m_trustAsked || error.code() != Pop3Error::Code::UntrustedCertificate ||
        m_sslChain.isEmpty())
        return false;
    m_trustAsked = true;
    const TrustQuestion question{m_settings.host, m_settings.effectivePort(), m_sslErrors,
                                 m_sslChain};
    // The answer belongs to this open(): a guard object that the next open()
    // (or the session's end) deletes, like the connection's context.
    delete m_trustGuard;
    m_trustGuard = new QObject(this);
    QPointer<QObject> guard(m_trustGuard);
    QPointer<MailboxSession> self(this);
    m_trustDecider->decide(question, [self, guard, error, question](const QSslCertificate &pin) {
        // Dropped when the session is gone or was opened again meanwhile.
        if (!self || !guard)
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
    QTimer::singleShot(1, m_context, [this] {
        if (m_state == State::Listing)
            finishListing();
    });
}

void MailboxSession::finishListing()
{
    // Rows from the listing alone; cached headers follow from the cache's
    // thread, the rows on screen first.
    const QList<MailboxListing::Entry> &entries = m_listing->entries();
    QList<MessageListModel::Listing> listing;
    listing.reserve(entries.size());
    for (const MailboxListing::Entry &entry : entries)
        listing.append({entry.number, entry.octets, entry.uid});
    // Only a complete set of unique-ids tells which messages left the
    // server; without one nothing is pruned.
    m_headerCache->setPruneAfterLoad(m_listing->hasUidl() &&
                                     m_listing->numbersWithoutUid().isEmpty());
    // Decided on the CAPA after login, which answered before STAT did.
    m_topAvailable = !m_connection || MailboxListing::mayHaveTop(m_connection->capabilities());
    // The rows change under a prune set still being assembled.
    m_headerCache->cancelPrune();
    m_uidNotice = m_listing->uidNotice();
    m_listing->deleteLater();
    m_listing = nullptr;
    // Built a slice a turn (issue 13); onListingApplied() goes on. A drop
    // meanwhile cancels it (endContext()).
    m_model->applyListing(listing);
}

void MailboxSession::onListingApplied(const QList<int> &droppedMarks)
{
    if (m_state != State::Listing)
        return;
    ++m_listingSerial;
    const QString uidNotice = std::exchange(m_uidNotice, {});

    if (!m_topAvailable) {
        // Every row at once: no TOP will fill them. RETR does, on opening.
        for (const int number : m_model->pendingNumbers())
            m_model->setLoadFailed(number);
    }
    m_previews->startListing(m_model->pendingNumbers());
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
    if (m_headerCache->isOpen())
        m_headerCache->startLoad(m_previews->priority());
    fillPreviews();
    m_keepAlive->restart();
}

void MailboxSession::prioritize(const QList<int> &numbers)
{
    // The previous priority list was what used to be on screen: replaced.
    m_previews->prioritize(numbers);
    fillPreviews();
}

void MailboxSession::fillPreviews()
{
    if (m_state != State::Ready || !m_connection)
        return;
    // Until the cache has answered for the rows on screen, no TOP: they may
    // be cached. While the rest streams in, only the rows on screen.
    PreviewScheduler::Scope scope = PreviewScheduler::Scope::All;
    if (m_headerCache->load() == HeaderCacheSync::Load::WaitingForFirst)
        scope = PreviewScheduler::Scope::None;
    else if (m_headerCache->load() == HeaderCacheSync::Load::Streaming)
        scope = PreviewScheduler::Scope::OnScreen;
    m_previews->fill(m_context, scope);
}

void MailboxSession::onPreviewsFinished()
{
    // The prune set keeps being assembled a slice a turn.
    m_headerCache->flush(false);
    Q_EMIT statusMessage(tr("All headers loaded"));
    Q_EMIT previewsFinished();
}

void MailboxSession::preview(int number, int lines)
{
    const QByteArray uid = m_model->uidAt(m_model->rowForNumber(number));
    whenReady(
            [this, number, uid, lines, serial = m_listingSerial] {
                Pop3Error error;
                const int current = currentNumber(number, uid, serial, &error);
                if (!error.isError() && !m_topAvailable)
                    error = Pop3Error(Pop3Error::Code::TopNotOffered,
                                      tr("The server does not offer TOP, so it cannot show a "
                                         "preview; open the message to read it."));
                if (error.isError()) {
                    Q_EMIT previewFailed(number, error);
                    return;
                }
                m_context->onReply(m_connection->top(current, lines),
                                   [this, number](Pop3Reply *reply) {
                                       if (reply->hasError())
                                           Q_EMIT previewFailed(number, reply->error());
                                       else
                                           Q_EMIT previewReady(number, reply->data());
                                   });
            },
            [this, number](const Pop3Error &error) { Q_EMIT previewFailed(number, error); });
}

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
                m_retriever->retrieve(m_context, number, current,
                                      m_model->octetsForNumber(current));
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
    m_headerCache->store(number, headers);
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
    m_context->onReply(m_connection->rset(),
                       [this](Pop3Reply *reply) { Q_EMIT resetFinished(reply->error()); });
}

void MailboxSession::commit()
{
    const QList<int> marked = m_model->markedNumbers();
    if (m_state == State::Committing || m_state == State::Closed)
        return;
    if (m_state != State::Ready && m_state != State::Exporting &&
        (marked.isEmpty() || !m_hasSettings)) {
        // Nothing to delete and no session to end politely.
        endContext();
        if (m_connection)
            m_connection->abort();
        failPending(Pop3Error::cancelled());
        setState(State::Closed);
        Q_EMIT committed({});
        return;
    }
    if (m_state != State::Ready) {
        // Once the session is back (after the export's own QUIT, or a
        // reconnect), the commit runs.
        whenReady([this] { commit(); },
                  [this, count = int(marked.size())](const Pop3Error &error) {
                      failCommit(count, error);
                  });
        return;
    }

    runCommit(marked);
}

void MailboxSession::runCommit(const QList<int> &marked)
{
    setState(State::Committing);
    m_headerCache->flush();
    Q_EMIT statusMessage(
            marked.isEmpty() ? tr("Closing the session…")
                             : tr("Deleting %n marked message(s)…", nullptr, int(marked.size())));
    auto *job = new CommitJob(m_context, marked, this);
    connect(job, &CommitJob::finished, this, [this, job](const CommitResult &result) {
        job->deleteLater();
        onCommitted(result);
    });
    job->start();
}

void MailboxSession::failCommit(int requested, const Pop3Error &error)
{
    setState(State::Closed);
    Q_EMIT committed(CommitResult::notSent(requested, error));
}

void MailboxSession::onCommitted(const CommitResult &result)
{
    endContext();
    setState(State::Closed);
    // Actions that waited for an export ending in this commit.
    failPending(Pop3Error(Pop3Error::Code::SessionClosed, tr("The session is closed")));
    Q_EMIT committed(result);
    m_export->onCommitted(result);
}

void MailboxSession::abort()
{
    m_export->cancel();
    endContext();
    if (m_connection)
        m_connection->abort();
    m_headerCache->cancelLoad();
    m_headerCache->flush();
    failPending(Pop3Error::cancelled());
    setState(State::Closed);
}

void MailboxSession::dropConnection(const Pop3Error &error)
{
    // Login and listing failures arrive through their own replies; the
    // commit handles its own outcome. Still Listing here means the listing
    // has answered (its replies fail before this signal) and its rows are
    // being built, a slice a turn (issue 13): the drop ends the open before
    // rows of a dead connection appear.
    if (m_state == State::Listing) {
        failOpen(error);
        return;
    }
    if (m_state != State::Ready)
        return;
    endContext();
    if (m_connection)
        m_connection->abort();
    m_previews->forgetInFlight();
    m_headerCache->flush();
    setState(State::Disconnected);
    Q_EMIT statusMessage(tr("Connection lost; it will be reopened on the next action"));
    Q_EMIT connectionLost(error);
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
            failed(Pop3Error(Pop3Error::Code::NoSession, tr("Not connected")));
            return;
        }
        m_pending.append({std::move(action), std::move(failed)});
        Q_EMIT reconnecting();
        Q_EMIT statusMessage(tr("Reconnecting to %1…").arg(m_settings.host));
        startConnection();
        return;
    case State::Committing:
    case State::Closed:
        failed(Pop3Error(Pop3Error::Code::SessionClosed, tr("The session is closed")));
        return;
    }
}

void MailboxSession::failPending(const Pop3Error &error)
{
    const QList<PendingAction> pending = std::exchange(m_pending, {});
    for (const PendingAction &action : pending)
        action.fail(error);
}

void MailboxSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    // NOOP only keeps a session alive that is waiting for the user.
    m_keepAlive->setActive(state == State::Ready);
    Q_EMIT stateChanged(state);
    const SecuritySummary security = securitySummary();
    if (security != m_lastSecurity) {
        m_lastSecurity = security;
        Q_EMIT securityChanged(security);
    }
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
        *error = Pop3Error(Pop3Error::Code::MessageNotIdentifiable,
                           tr("Message %1 has no usable unique-id, so after reconnecting it "
                              "cannot be told apart from the others. Select it again in the "
                              "refreshed list.")
                                   .arg(number));
        return 0;
    }
    const int current = numberForUid(uid);
    if (current <= 0)
        *error = Pop3Error(Pop3Error::Code::NoSuchMessage,
                           tr("Message %1 is no longer on the server.").arg(number));
    return current;
}

int MailboxSession::numberForUid(const QByteArray &uid) const
{
    const int row = uid.isEmpty() ? -1 : m_model->rowForUid(uid);
    return row < 0 ? 0 : m_model->numberAt(row);
}

void MailboxSession::startExport(const QString &target, const ExportJob::Options &options,
                                 const QString &statePath)
{
    if (m_state == State::Exporting || m_export->isRunning()) {
        Q_EMIT exportFinished(
                {}, Pop3Error(Pop3Error::Code::AlreadyRunning, tr("An export is already running")));
        return;
    }
    whenReady(
            [this, target, options, statePath] {
                // Previews and the keep-alive pause (they run only when Ready).
                setState(State::Exporting);
                Q_EMIT statusMessage(tr("Exporting…"));
                m_export->start(m_connection,
                                m_export->request(m_settings, target, options, statePath),
                                [this]() -> Pop3Connection * {
                                    if (m_state != State::Exporting)
                                        return nullptr; // abort() or open() came first
                                    endContext();
                                    m_previews->forgetInFlight();
                                    // Away until onExportReturned(): untouched here meanwhile.
                                    return std::exchange(m_connection, nullptr);
                                });
            },
            [this](const Pop3Error &error) { Q_EMIT exportFinished({}, error); });
}

void MailboxSession::onExportReturned(Pop3Connection *connection,
                                      const ExportRunner::Outcome &outcome)
{
    const bool loggedIn = connection && connection->state() == Pop3Connection::State::Transaction;
    if (m_state != State::Exporting || !loggedIn) {
        // abort() or open() came first, or the export's connection ended (a
        // cancel, a drop): no QUIT went out, so nothing was deleted.
        if (connection) {
            connection->abort();
            connection->deleteLater();
        }
        if (m_state == State::Exporting)
            setState(State::Disconnected);
        m_export->finish(outcome);
        // Actions that waited for the export reconnect now; the next one would anyway.
        if (m_state == State::Disconnected && !m_pending.isEmpty())
            startConnection();
        return;
    }
    connection->setParent(this);
    attach(connection);
    const QList<int> toDelete = m_export->markForCommit(outcome);
    if (!toDelete.isEmpty()) {
        // The same DELE + QUIT, and the same report, as the user's commit.
        runCommit(toDelete);
        return;
    }
    m_export->finish(outcome);
    // On the same connection, no new login: marks, headers and export flags
    // follow the unique-ids.
    startListing();
}
