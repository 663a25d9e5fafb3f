#include "exportjob.h"

#include "exportlog.h"
#include "exportstream.h"
#include "exporttarget.h"
#include "freespace.h"
#include "messagesink.h"
#include "pop3/mailboxlisting.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

ExportJob::ExportJob(Pop3Connection *connection, MessageSink *sink, ExportStateStore *store,
                     QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_sink(sink)
    , m_store(store)
{
    if (connection) {
        m_account.host = connection->host();
        m_account.port = connection->port();
    }
}

ExportJob::~ExportJob()
{
    // A job destroyed mid-message must not leave a partial file behind, nor
    // staged messages that no journal line or pending record knows about.
    if (m_sink)
        m_sink->rollbackBatch();
}

Pop3Error ExportJob::localError(const QString &text)
{
    return {Pop3Error::Code::ExportFailed, text};
}

void ExportJob::setState(State next)
{
    // The one table of transitions (see State in the header).
    const auto allowed = [this](State to) {
        switch (m_state) {
        case State::Idle:
            return to == State::Listing || to == State::Stopping || to == State::Finished;
        case State::Listing:
            return to == State::Keying || to == State::Stopping;
        case State::Keying:
            return to == State::Fetching || to == State::Stopping;
        case State::Fetching:
            return to == State::Stopping || to == State::Quitting ||
                    (to == State::Finished && m_sessionEnd == SessionEnd::KeepOpen);
        case State::Stopping:
            return to == State::Quitting ||
                    (to == State::Finished && m_sessionEnd == SessionEnd::KeepOpen);
        case State::Quitting:
            return to == State::Finished;
        case State::Finished:
            return false;
        }
        return false;
    };
    if (!allowed(next)) {
        qCWarning(lcExport) << "export: no transition from" << m_state << "to" << next;
        Q_ASSERT_X(false, "ExportJob::setState", "transition not in the table");
        return;
    }
    m_state = next;
    Q_EMIT stateChanged(next);
}

void ExportJob::start()
{
    if (m_state != State::Idle)
        return;
    m_clock.start();
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        m_error = Pop3Error(Pop3Error::Code::NotConnected, tr("Not logged in to a POP3 server"));
        QMetaObject::invokeMethod(this, &ExportJob::finish, Qt::QueuedConnection);
        return;
    }
    if (!m_options.messages.isValid()) {
        stopWith(localError(tr("The message list is not valid")));
        maybeQuit();
        return;
    }
    // Local problems are found before anything is fetched.
    if (!m_store->isOpen() && !m_store->open()) {
        stopWith(localError(tr("Cannot open the export state %1: %2")
                                    .arg(m_store->path(), m_store->errorString())));
        maybeQuit();
        return;
    }
    if (!m_sink->isOpen()) {
        const ExportResult opened = m_sink->open();
        if (opened.isError()) {
            stopWith(localError(opened.errorString()));
            maybeQuit();
            return;
        }
    }
    // After open(): the target exists now, so its canonical form is complete.
    m_destination = ExportTarget::destinationOf(m_sink->format(), m_sink->targetPath());
    recoverPending();

    setState(State::Listing);
    // The listing every workflow shares (its rules for a server without
    // UIDL or with bad UIDL lines live there), in its export mode.
    m_listing = new MailboxListing(m_connection, MailboxListing::Mode::Export, this);
    connect(m_listing, &MailboxListing::finished, this, &ExportJob::onListingsDone);
    m_listing->start();
}

void ExportJob::onListingsDone(const Pop3Error &error)
{
    m_listing->deleteLater();
    if (error.isError()) {
        stopWith(error);
        maybeQuit();
        return;
    }
    m_planner = std::make_unique<ExportPlanner>(m_options, m_account);
    const QStringList notices = m_planner->readListing(m_listing->merged());
    m_summary.usedFallbackKeys = m_planner->usesFallbackKeys();
    for (const QString &text : notices)
        Q_EMIT notice(text);
    setState(State::Keying);
    requestHeaderKeys();
}

void ExportJob::requestHeaderKeys()
{
    // Messages without a usable UID are keyed by what TOP n 0 shows
    // (ExportPlanner::setHeaders()).
    const QList<ExportPlanner::Item> &candidates = m_planner->candidates();
    for (qsizetype i : m_planner->needsHeaders()) {
        const int number = candidates.at(i).number;
        Pop3Reply *reply = m_connection->top(number, 0);
        ++m_outstanding;
        connect(reply, &Pop3Reply::finished, this, [this, reply, i, number] {
            reply->deleteLater();
            --m_outstanding;
            if (!reply->hasError()) {
                m_planner->setHeaders(i, reply->data());
            } else if (reply->error().kind() == Pop3Error::Kind::Server) {
                Q_EMIT notice(tr("Message %1 is skipped: the server refused to show its "
                                 "headers (%2)")
                                      .arg(number)
                                      .arg(reply->errorString()));
            } else {
                stopWith(reply->error());
            }
            if (m_outstanding == 0) {
                if (isStopping())
                    maybeQuit();
                else
                    plan();
            }
        });
    }
    if (m_outstanding == 0)
        plan();
}

void ExportJob::plan()
{
    const ExportPlanner::Plan plan = m_planner->plan(
            [this](const ExportKey &key, qint64 octets) {
                return m_store->lookup(key, octets, m_destination);
            },
            m_sink->targetPath());
    m_summary.failed += plan.failed;
    m_summary.skipped += plan.skipped;
    m_summary.notFound += plan.notFound;
    m_toFetch = plan.toFetch;
    m_bytesTotal = plan.bytesTotal;
    for (const QString &text : plan.notices)
        Q_EMIT notice(text);

    QString spaceError;
    if (m_options.checkFreeSpace && m_bytesTotal > 0 &&
        !hasFreeSpace(m_sink->targetPath(), m_bytesTotal, &spaceError)) {
        m_toFetch.clear();
        stopWith(localError(spaceError));
        maybeQuit();
        return;
    }

    setState(State::Fetching);
    // Exported to this destination before: durably there, so DELE is safe.
    for (int number : plan.deleteOnly)
        deleteExported(number);
    emitProgress();
    fetchMore();
    maybeQuit();
}

void ExportJob::fetchMore()
{
    // Bounded in messages and in bytes: small messages fill the pipe (one
    // round trip moves many), large ones cannot pile up in the socket
    // buffers. One RETR is always allowed, whatever its size.
    while (!isStopping() && m_nextFetch < m_toFetch.size() &&
           (m_retrsInFlight == 0 ||
            (m_retrsInFlight < m_options.retrWindow &&
             m_bytesInFlight + m_toFetch.at(m_nextFetch).octets <= m_options.retrWindowBytes))) {
        const int index = m_nextFetch++;
        const Item &item = m_toFetch.at(index);
        m_bytesInFlight += item.octets;
        ExportMessageInfo info;
        info.number = item.number;
        info.uid = item.uid;
        info.octets = item.octets;
        auto *stream = new ExportStream(
                m_sink, info, [this] { return isStopping(); }, this);
        Pop3Reply *reply = m_connection->retr(item.number, stream);
        ++m_outstanding;
        ++m_retrsInFlight;
        connect(reply, &Pop3Reply::progress, this, [this](qint64 received) {
            m_currentBytes = received;
            emitProgress();
        });
        connect(reply, &Pop3Reply::finished, this,
                [this, reply, stream, index] { onRetrFinished(reply, stream, index); });
    }
}

void ExportJob::onRetrFinished(Pop3Reply *reply, ExportStream *stream, int index)
{
    reply->deleteLater();
    stream->deleteLater();
    --m_outstanding;
    --m_retrsInFlight;
    m_currentBytes = 0;
    ++m_retrsFinished;
    const Item &item = m_toFetch.at(index);
    m_bytesInFlight -= item.octets;

    if (isStopping()) {
        stream->abandon();
    } else if (reply->hasError()) {
        stream->abandon();
        const Pop3Error &error = reply->error();
        if (error.kind() == Pop3Error::Kind::LocalIo) {
            const ExportResult cause = stream->error();
            stopWith(localError(cause.isError() ? cause.errorString() : error.errorString()));
        } else if (error.kind() == Pop3Error::Kind::Server) {
            // E.g. another client deleted it meanwhile: the others go on.
            ++m_summary.failed;
            ++m_messagesDone;
            m_bytesDone += item.octets;
            Q_EMIT notice(tr("Message %1 was not exported: %2")
                                  .arg(item.number)
                                  .arg(error.errorString()));
        } else {
            stopWith(error);
        }
    } else {
        ExportResult staged = stream->prepareCommit();
        if (staged.isOk())
            staged = stream->stage();
        if (staged.isError()) {
            stream->abandon();
            stopWith(localError(staged.errorString()));
        } else {
            if (m_batch.isEmpty())
                m_batchClock.start();
            Staged entry;
            entry.index = index;
            entry.bodyOctets = reply->bodyOctets();
            entry.storedOffset = m_sink->lastStagedOffset();
            entry.storedSize = stream->storedSize();
            entry.storedHash = stream->storedHash();
            m_batch.append(entry);
            m_batchBytes += entry.storedSize;
            m_bytesDone += item.octets;
        }
    }
    fetchMore();
    // After fetchMore(): with nothing in flight now, no message is coming
    // to share the batch's syncs, so waiting would only delay the DELEs.
    if (!m_batch.isEmpty() &&
        (isStopping() || m_retrsInFlight == 0 || m_batch.size() >= m_options.batchMessages ||
         m_batchBytes >= m_options.batchBytes ||
         m_batchClock.elapsed() >= m_options.batchMilliseconds))
        commitBatch();
    emitProgress();
    maybeQuit();
}

void ExportJob::commitBatch()
{
    // Called between messages only: RETR answers come in order and each
    // message is staged in its reply's finished handler.
    if (m_batch.isEmpty() || m_sink->isInMessage())
        return;
    // The RETRs that replace the finished ones must reach the server
    // before the syncs below block this thread; otherwise the link idles
    // for the sync plus a round trip every batch (measured at 10 ms one-way:
    // 0.82 s for 1000 messages against the raw floor's 0.40 s).
    if (m_connection)
        m_connection->flush();
    const QList<Staged> batch = std::exchange(m_batch, {});
    m_batchBytes = 0;
    // Between the files becoming visible and the journal knowing about
    // them, a crash would make the rerun export them again: the pending
    // record lets the rerun recognise them instead.
    QList<PendingBatchRecord::Entry> pending;
    pending.reserve(batch.size());
    for (const Staged &entry : batch) {
        const Item &item = m_toFetch.at(entry.index);
        pending.append(
                {item.key, entry.storedOffset, entry.storedSize, entry.storedHash, item.octets});
    }
    const PendingBatchRecord record = pendingRecord(pendingPathFor(m_store->path(), m_destination));
    // The record must be durable before the first file of the batch is
    // visible. When the sink's commit syncs the record's whole file system
    // before it publishes anything (a Maildir or .eml batch of several
    // messages, the journal beside them), that sync is the record's too:
    // one fsync a batch less.
    const PendingBatchRecord::Sync recordSync = m_sink->batchSyncCovers(record.path())
            ? PendingBatchRecord::Sync::WithBatch
            : PendingBatchRecord::Sync::Now;
    m_pendingRecordStale = false;
    ExportResult committed = record.write(pending, recordSync);
    if (committed.isOk()) {
        committed = m_sink->commitBatch();
    } else {
        m_sink->rollbackBatch();
    }
    if (committed.isError()) {
        stopWith(localError(committed.errorString()));
        return;
    }
    QList<ExportRecord> records;
    records.reserve(batch.size());
    for (const Staged &entry : batch) {
        const Item &item = m_toFetch.at(entry.index);
        records.append({item.key, item.octets, m_destination});
    }
    if (!m_store->markExported(records)) {
        // On disk but not remembered: deleting them now would be safe, but
        // a rerun would export them again, so stop here instead; the
        // pending record stays for the rerun to recognise them.
        const Item &first = m_toFetch.at(batch.constFirst().index);
        stopWith(localError(
                tr("Message %1 was exported to %2, but recording that in %3 "
                   "failed: %4")
                        .arg(batch.size() == 1
                                     ? QString::number(first.number)
                                     : tr("%1 and %2 more").arg(first.number).arg(batch.size() - 1))
                        .arg(m_sink->lastCommittedPaths().value(0, m_sink->targetPath()),
                             m_store->path(), m_store->errorString())));
        return;
    }
    // The journal has the batch now, so the record names nothing a rerun
    // needs. It is emptied once, when the job ends (finish()), not after
    // every batch: the next batch's write() replaces it anyway.
    m_pendingRecordStale = true;
    for (const Staged &entry : batch) {
        ++m_summary.exported;
        ++m_messagesDone;
        m_summary.bytes += entry.bodyOctets;
        if (m_options.deleteAfter)
            deleteExported(m_toFetch.at(entry.index).number);
    }
}

void ExportJob::deleteExported(int number)
{
    // Callers reach here only for a message that is durably in the
    // destination and in the journal: the one rule for deleting.
    if (m_sessionEnd == SessionEnd::KeepOpen)
        m_deletable.append(number);
    else
        sendDele(number);
}

void ExportJob::sendDele(int number)
{
    // A dead connection cannot delete anything; QUIT will not come either.
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction)
        return;
    Pop3Reply *reply = m_connection->dele(number);
    ++m_outstanding;
    connect(reply, &Pop3Reply::finished, this, [this, reply, number] {
        reply->deleteLater();
        --m_outstanding;
        if (!reply->hasError()) {
            ++m_summary.deletesSent;
        } else if (reply->error().kind() == Pop3Error::Kind::Server) {
            Q_EMIT notice(tr("Message %1 stays on the server: DELE was refused (%2)")
                                  .arg(number)
                                  .arg(reply->errorString()));
        } else {
            stopWith(reply->error());
        }
        maybeQuit();
    });
}

void ExportJob::stopWith(const Pop3Error &error)
{
    if (!m_error.isError())
        m_error = error;
    // Once QUIT is sent there is nothing left to stop.
    if (m_state != State::Stopping && m_state != State::Quitting && m_state != State::Finished)
        setState(State::Stopping);
    qCDebug(lcExport) << "export stops:" << error.errorString();
}

void ExportJob::maybeQuit()
{
    if ((m_state != State::Fetching && m_state != State::Stopping) || m_outstanding > 0)
        return;
    if (!isStopping() && m_nextFetch < m_toFetch.size())
        return;
    // Whatever is staged is complete: make it durable (and delete it) before QUIT.
    if (!m_batch.isEmpty()) {
        commitBatch();
        if (m_outstanding > 0)
            return;
    }
    quit();
}

void ExportJob::quit()
{
    if (m_sessionEnd == SessionEnd::KeepOpen) {
        // The caller's session goes on: nothing is in flight now, and the
        // connection stays logged in for it.
        finish();
        return;
    }
    setState(State::Quitting);
    if (m_quitReply) { // sent already (quit())
        if (m_quitAnswered)
            finish();
        return;
    }
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        finish();
        return;
    }
    sendQuit();
}

void ExportJob::sendQuit()
{
    m_quitReply = m_connection->quit();
    Pop3Reply *reply = m_quitReply;
    connect(reply, &Pop3Reply::finished, this, [this, reply] {
        reply->deleteLater();
        m_quitAnswered = true;
        if (reply->hasError()) {
            if (!m_error.isError())
                m_error = reply->error();
        } else {
            m_summary.quitConfirmed = true;
        }
        // Sent by quit(), so the job is in Quitting; it may have finished
        // already if the connection failed meanwhile.
        if (m_state == State::Quitting)
            finish();
    });
}

void ExportJob::finish()
{
    if (m_state == State::Finished)
        return;
    setState(State::Finished);
    if (m_sink)
        m_sink->rollbackBatch(); // nothing staged is left by then, unless its commit failed
    m_batch.clear();
    if (m_pendingRecordStale) // not when the journal missed the last batch: a rerun needs it
        pendingRecord(pendingPathFor(m_store->path(), m_destination)).clear();
    m_summary.deleted = m_summary.quitConfirmed ? m_summary.deletesSent : 0;
    m_summary.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    if (m_summary.deletesSent > 0 && !m_summary.quitConfirmed) {
        Q_EMIT notice(tr("The server did not confirm QUIT, so nothing was deleted: the "
                         "messages marked for deletion (%1) stay on the server.")
                              .arg(m_summary.deletesSent));
    }
    Pop3Error error = m_error;
    if (!error.isError() && m_summary.failed > 0) {
        error = Pop3Error(Pop3Error::Code::MessagesRefused,
                          tr("Messages not exported because the server refused them: %1")
                                  .arg(m_summary.failed));
    }
    Q_EMIT finished(error);
}

void ExportJob::emitProgress()
{
    // Answers come in order: the one being received follows the last finished.
    const qint64 current = !isStopping() && m_retrsInFlight > 0
            ? std::min(m_currentBytes, m_toFetch.at(m_retrsFinished).octets)
            : 0;
    Q_EMIT progress(m_messagesDone, int(m_toFetch.size()), m_bytesDone + current, m_bytesTotal);
}

QString ExportJob::pendingPathFor(const QString &journalPath, const QString &destination)
{
    return PendingBatchRecord::pathFor(journalPath, destination);
}

PendingBatchRecord ExportJob::pendingRecord(const QString &path) const
{
    return {path, m_sink->format(), m_sink->targetPath(), m_destination};
}

void ExportJob::recoverPending()
{
    recoverPendingFrom(pendingRecord(pendingPathFor(m_store->path(), m_destination)));
    // Versions before issue 11 kept one record for every destination.
    recoverPendingFrom(pendingRecord(PendingBatchRecord::legacyPathFor(m_store->path())));
}

void ExportJob::recoverPendingFrom(const PendingBatchRecord &record)
{
    const PendingBatchRecord::Contents contents = record.read();
    switch (contents.status) {
    case PendingBatchRecord::Status::Missing:
    case PendingBatchRecord::Status::OtherDestination: // kept for a run to that destination
        return;
    case PendingBatchRecord::Status::Unreadable:
        qCWarning(lcExport) << "ignoring an unreadable pending export record in" << record.path();
        record.clear();
        return;
    case PendingBatchRecord::Status::Read:
        break;
    }
    QList<PendingBatchRecord::Entry> entries;
    for (const PendingBatchRecord::Entry &entry : contents.entries) {
        if (!m_store->isExported(entry.key, entry.octets, m_destination))
            entries.append(entry);
    }
    const QList<bool> found = record.findInTarget(entries);
    QList<ExportRecord> records;
    QStringList ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (found.at(i)) {
            records.append({entries.at(i).key, entries.at(i).octets, m_destination});
            ids.append(entries.at(i).key.id());
        }
    }
    if (!records.isEmpty()) {
        if (!m_store->markExported(records))
            return; // keep the record: the next run tries again
        Q_EMIT notice(tr("The previous export was interrupted right after writing %n message(s) "
                         "(%1); they are in %2 and will not be exported again.",
                         nullptr, int(records.size()))
                              .arg(ids.join(QLatin1String(", ")), m_sink->targetPath()));
    }
    record.clear();
}
