#pragma once

#include "exportresult.h"
#include "exportstatestore.h"
#include "messagerange.h"
#include "pop3/pop3error.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class MessageSink;
class Pop3Connection;
class Pop3Reply;
class ExportStream;

// Exports the messages of a logged-in POP3 session into a MessageSink, then
// ends the session with QUIT.
//
//   1. LIST and UIDL (pipelined). Without UIDL the job says so through
//      notice() and keys messages by Message-ID + size, read with TOP n 0
//      (a message without Message-ID is keyed by a hash of its header block).
//   2. Already exported messages are skipped (onlyNew), the free space of
//      the target is checked against the LIST sizes of the rest.
//   3. For each message: RETR streams into an ExportStream that holds back
//      the header block, opens the sink with From/Date/Subject from it, and
//      forwards the rest, so memory stays bounded by the header block
//      (capped) whatever the message size. Up to retrWindow() RETRs are in
//      flight; since POP3 answers in order, message k's bytes only start
//      once k-1's RETR has finished and been committed, so one sink serves
//      them all.
//   4. A pending record (key, size and SHA-256 of the stored form, fsync'd)
//      next to the journal, commit() (fsync'd), markExported() (fsync'd),
//      and only then DELE when deleteAfter is set. If the process dies
//      after commit() but before markExported(), the next start() finds the
//      pending record, looks for that exact message in the target and, if
//      it is there, records it instead of exporting it a second time. A message exported by an
//      earlier run (skipped) is deleted too: that is what lets a rerun finish what a killed run
//      started without exporting anything twice.
//   5. QUIT. Deletions count only once QUIT got +OK.
//
// A local failure (sink, disk full, state store) stops the export: nothing
// more is fetched, nothing more is deleted, and QUIT still commits the
// deletions of the messages already safely written before it.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool onlyNew = false;
        bool deleteAfter = false;
        MessageRange messages; // default: every message
        int retrWindow = 4; // RETRs in flight at once
        bool checkFreeSpace = true;
    };

    struct Summary
    {
        int exported = 0;
        int skipped = 0; // exported by an earlier run (onlyNew)
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

    void setAccount(const QString &host, quint16 port, const QString &user);
    void setOptions(const Options &options) { m_options = options; }
    [[nodiscard]] const Options &options() const { return m_options; }

    void start();

    [[nodiscard]] const Summary &summary() const { return m_summary; }
    [[nodiscard]] bool isFinished() const { return m_finished; }

Q_SIGNALS:
    // After planning: messagesTotal and bytesTotal count what will be fetched.
    void progress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    // Something the user should know that is not an error (no UIDL, a
    // message that vanished, deletions not confirmed).
    void notice(const QString &text);
    // Once, after QUIT (or after the connection failed). The summary is
    // final by then; error is the first thing that went wrong.
    void finished(const Pop3Error &error);

private:
    struct Item
    {
        int number = 0;
        qint64 octets = 0;
        QString uid;
        ExportKey key;
    };

    void onListingsDone();
    void requestHeaderKeys();
    void plan();
    void fetchMore();
    void onRetrFinished(Pop3Reply *reply, ExportStream *stream, int index);
    void sendDele(int number);
    void stopWith(const Pop3Error &error);
    void maybeQuit();
    void quit();
    void finish();
    void emitProgress();
    // Crash recovery for the moment between a message's file appearing and
    // the journal recording it (see writePending()).
    [[nodiscard]] QString pendingPath() const;
    [[nodiscard]] ExportResult writePending(const ExportKey &key, qint64 storedSize,
                                            const QByteArray &storedHash);
    void clearPending();
    void recoverPending();
    [[nodiscard]] bool storedInTarget(qint64 size, const QByteArray &hash) const;
    [[nodiscard]] Pop3Error localError(const QString &text) const;

    QPointer<Pop3Connection> m_connection;
    MessageSink *m_sink = nullptr;
    ExportStateStore *m_store = nullptr;
    QString m_host;
    quint16 m_port = 0;
    QString m_user;
    Options m_options;
    Summary m_summary;
    QElapsedTimer m_clock;

    Pop3Reply *m_listReply = nullptr;
    Pop3Reply *m_uidlReply = nullptr;
    QList<Item> m_candidates; // selected messages, in order
    QList<Item> m_toFetch;
    int m_nextFetch = 0;
    int m_retrsInFlight = 0;
    int m_retrsFinished = 0;
    int m_outstanding = 0; // replies (TOP, RETR, DELE) not answered yet
    int m_messagesDone = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesDone = 0; // finished RETRs
    qint64 m_currentBytes = 0; // the RETR being received
    Pop3Error m_error;
    bool m_stopping = false;
    bool m_quitSent = false;
    bool m_finished = false;
};
