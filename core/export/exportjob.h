#pragma once

#include "exportoptions.h"
#include "exportplanner.h"
#include "exportresult.h"
#include "exportstatestore.h"
#include "pendingbatchrecord.h"
#include "pop3/pop3error.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class MailboxListing;
class MessageSink;
class Pop3Connection;
class Pop3Reply;
class ExportStream;

// Exports the messages of a logged-in POP3 session into a MessageSink, then
// ends the session with QUIT (or leaves it open, SessionEnd::KeepOpen). The
// job owns the protocol and the order of
// things; its other jobs are classes of their own: ExportPlanner decides
// what to fetch, skip and delete, ExportStream is the device each RETR
// streams into, PendingBatchRecord is the crash-recovery file.
//
//   1. LIST and UIDL through MailboxListing (the listing of the scan and
//      the GUI session too, so all three read a server the same way), then
//      TOP n 0 for the messages without a usable UID (ExportPlanner says
//      which, and what their keys are). The job never reads the
//      connection's capabilities (MailboxListing::Mode::Export): UIDL and
//      TOP are simply sent, and -ERR means "not supported". So the answer
//      to the CAPA LoginSequence sends after login (not waited for) cannot
//      be overtaken, no round trip is spent waiting for it, and a server
//      whose CAPA forgets UIDL keeps the journal keys it always had.
//   2. The plan (ExportPlanner::plan(), with the journal's answers for this
//      destination, ExportTarget::destinationOf()). The free space of the
//      target is checked against the LIST sizes of what is to be fetched.
//   3. For each message: RETR streams into an ExportStream, so memory stays
//      bounded by the header block (capped) whatever the message size. Up
//      to retrWindow RETRs, and retrWindowBytes of LIST-announced octets,
//      are in flight; since POP3 answers in order, message k's bytes only
//      start once k-1's RETR has finished and been staged, so one sink
//      serves them all.
//   4. Group commit. A finished message is staged: its file is complete but
//      not yet durable or visible (Maildir tmp/, a hidden .eml temporary, or
//      appended to the locked mbox). A batch is committed when it reaches
//      batchMessages or batchBytes, when it is batchMilliseconds old as a
//      message finishes, when no RETR is left in flight, or when the job
//      stops: the PendingBatchRecord (key, offset, size and SHA-256 of the
//      stored form of each message) next to the journal, the sink's
//      commitBatch() (one sync of the data, renames, one directory fsync),
//      one markExported() for the batch (one write, one fsync), and only
//      then DELE for each message of the batch when deleteAfter is set.
//      The record is durable before the first file is published: fsync'd,
//      or, when the sink syncs the record's whole file system before it
//      publishes (MessageSink::batchSyncCovers()), by that sync. That is 3
//      syncs a batch (4 with the record's own) instead of 4 a message; the
//      record is emptied once, when the job ends. If the process
//      dies after the files became visible but before the journal has
//      them, the next start() finds the pending record, looks for those
//      exact messages in the target and records the ones that are there
//      instead of exporting them a second time (a pending record names its
//      target, so only a rerun to the same destination uses it). A message
//      exported to this destination by an earlier run (skipped) is deleted
//      too: that is what lets a rerun finish what a killed run started
//      without exporting anything twice.
//   5. QUIT, once the last batch is durable (and, with deleteAfter, its
//      DELEs are answered). Deletions count only once QUIT got +OK.
//
// With SessionEnd::KeepOpen (the GUI, whose session goes on after the
// export) steps 4 and 5 send nothing: no DELE and no QUIT. The messages a
// DELE would have gone to (the same rule: only once their batch is durable
// and recorded, or recorded here by an earlier run) are in
// deletableNumbers() when finished() comes, for the caller to delete
// through its own commit; the connection is left idle and logged in.
//
// A local failure (sink, disk full, state store) stops the export: nothing
// more is fetched, nothing more is deleted, and QUIT still commits the
// deletions of the messages already safely written before it.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    // Declared outside the class so that ExportPlanner can take them.
    using Options = ExportOptions;

    struct Summary
    {
        int exported = 0;
        int skipped = 0; // exported by an earlier run (onlyNew)
        int notFound = 0; // selected by key, but gone or ambiguous now
        int failed = 0; // the server refused RETR (e.g. removed meanwhile)
        int deleted = 0; // confirmed by QUIT's +OK only
        int deletesSent = 0; // DELE answered +OK, whether or not QUIT committed them
        bool quitConfirmed = false;
        qint64 bytes = 0; // octets fetched by RETR for exported messages
        double seconds = 0;
        bool usedFallbackKeys = false; // no UIDL: Message-ID + size
    };

    // The sink, store and connection must outlive the job. The store is
    // opened by start() if it is not open yet. host/port/user identify the
    // mailbox in the store (what the user typed, not a resolved address).
    ExportJob(Pop3Connection *connection, MessageSink *sink, ExportStateStore *store,
              QObject *parent = nullptr);
    ~ExportJob() override;

    void setAccount(const ExportAccount &account) { m_account = account; }
    void setAccount(const QString &host, quint16 port, const QString &user)
    {
        setAccount(ExportAccount{host, port, user});
    }
    void setOptions(const Options &options) { m_options = options; }
    [[nodiscard]] const Options &options() const { return m_options; }

    // How the job leaves the POP3 session (see step 5 above).
    enum class SessionEnd {
        Quit, // DELE as batches land, then QUIT: the session ends with the job
        KeepOpen, // no DELE, no QUIT: the caller's session goes on
    };
    Q_ENUM(SessionEnd)
    void setSessionEnd(SessionEnd end) { m_sessionEnd = end; }
    [[nodiscard]] SessionEnd sessionEnd() const { return m_sessionEnd; }
    // With deleteAfter and SessionEnd::KeepOpen: the messages (numbers of
    // this session) that are durably in the destination and recorded in
    // the journal, in the order a DELE would have gone to them. Only these
    // may be deleted; a message whose batch failed to commit is never here.
    [[nodiscard]] const QList<int> &deletableNumbers() const { return m_deletable; }

    void start();

    [[nodiscard]] const Summary &summary() const { return m_summary; }
    [[nodiscard]] bool isFinished() const { return m_state == State::Finished; }
    // The LIST size of the message with this UIDL in this session,
    // -1 if there is none (or the listing did not happen): with the key it
    // tells ExportStateStore::isExported() which message the UIDL names now.
    [[nodiscard]] qint64 listedOctets(const QString &uid) const
    {
        return m_planner ? m_planner->listedOctets(uid) : -1;
    }
    // Where this job exports to, as the journal records it; known once
    // start() has opened the sink.
    [[nodiscard]] QString destination() const { return m_destination; }
    // The crash-recovery record of exports to this destination, next to
    // the journal (see step 4 above).
    [[nodiscard]] static QString pendingPathFor(const QString &journalPath,
                                                const QString &destination);

    // Where the job is; every change goes through setState(), which checks
    // it against the one table of allowed transitions:
    //   Idle     -> Listing, Stopping (a local problem found before LIST),
    //               Finished (no logged-in connection)
    //   Listing  -> Keying, Stopping
    //   Keying   -> Fetching, Stopping
    //   Fetching -> Stopping, Quitting, Finished (KeepOpen: no QUIT)
    //   Stopping -> Quitting, Finished (KeepOpen: no QUIT)
    //   Quitting -> Finished
    // Stopping: something failed; nothing more is fetched or deleted, the
    // answers in flight are awaited and read off the wire, whatever is
    // staged is committed, then QUIT (which commits the DELEs already sent).
    enum class State {
        Idle, // start() not called yet
        Listing, // LIST and UIDL in flight
        Keying, // TOP n 0 for the messages without a usable UID
        Fetching, // RETRs in flight, batches committed, DELEs sent as batches land
        Stopping, // after a failure: draining the answers in flight
        Quitting, // QUIT sent
        Finished, // finished() emitted
    };
    Q_ENUM(State)
    [[nodiscard]] State state() const { return m_state; }

Q_SIGNALS:
    // After planning: messagesTotal and bytesTotal count what will be fetched.
    void progress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    // Something the user should know that is not an error (no UIDL, a
    // message that vanished, deletions not confirmed).
    void notice(const QString &text);
    // Once, after QUIT (or after the connection failed). The summary is
    // final by then; error is the first thing that went wrong.
    void finished(const Pop3Error &error);
    // Each step of the state machine, in order (Idle is never reported).
    void stateChanged(ExportJob::State state);

private:
    using Item = ExportPlanner::Item;
    // A message written and staged in the sink, waiting for its batch's commit.
    struct Staged
    {
        int index = 0; // in m_toFetch
        qint64 bodyOctets = 0;
        qint64 storedOffset = 0;
        qint64 storedSize = 0;
        QByteArray storedHash;
    };

    void setState(State next);
    [[nodiscard]] bool isStopping() const { return m_state == State::Stopping; }
    void onListingsDone(const Pop3Error &error);
    void requestHeaderKeys();
    void plan();
    void fetchMore();
    void onRetrFinished(Pop3Reply *reply, ExportStream *stream, int index);
    void commitBatch();
    // DELE now (SessionEnd::Quit), or remembered for the caller (KeepOpen).
    void deleteExported(int number);
    void sendDele(int number);
    void stopWith(const Pop3Error &error);
    void maybeQuit();
    void quit();
    void sendQuit();
    void finish();
    void emitProgress();
    [[nodiscard]] PendingBatchRecord pendingRecord(const QString &path) const;
    void recoverPending();
    void recoverPendingFrom(const PendingBatchRecord &record);
    [[nodiscard]] static Pop3Error localError(const QString &text);

    QPointer<Pop3Connection> m_connection;
    MessageSink *m_sink = nullptr;
    ExportStateStore *m_store = nullptr;
    ExportAccount m_account;
    QString m_destination;
    Options m_options;
    SessionEnd m_sessionEnd = SessionEnd::Quit;
    QList<int> m_deletable;
    Summary m_summary;
    State m_state = State::Idle;
    QElapsedTimer m_clock;

    QPointer<MailboxListing> m_listing; // while Listing
    std::unique_ptr<ExportPlanner> m_planner; // from the listing on
    QList<Item> m_toFetch;
    int m_nextFetch = 0;
    int m_retrsInFlight = 0;
    qint64 m_bytesInFlight = 0; // LIST sizes of the RETRs in flight
    QList<Staged> m_batch;
    qint64 m_batchBytes = 0;
    QElapsedTimer m_batchClock; // since the batch's first message was staged
    int m_retrsFinished = 0;
    int m_outstanding = 0; // replies (TOP, RETR, DELE) not answered yet
    int m_messagesDone = 0; // committed, or refused by the server
    qint64 m_bytesTotal = 0;
    qint64 m_bytesDone = 0; // finished RETRs (staged or committed)
    qint64 m_currentBytes = 0; // the RETR being received
    // The pending record names only messages the journal has (cleared by finish()).
    bool m_pendingRecordStale = false;
    Pop3Reply *m_quitReply = nullptr; // sent (by quit())
    bool m_quitAnswered = false;
    Pop3Error m_error;
};
