#pragma once

#include "export/exportjob.h"
#include "export/exportstatestore.h"
#include "pop3/pop3error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QThread;
class ExportWorker;
class Pop3Connection;

// Runs one ExportJob on a worker thread, on a logged-in connection it is
// handed for the time of the job, and hands that connection back.
//
// Why a thread: ExportJob writes and fsyncs each message synchronously on
// the thread it lives on, and the UI thread must never wait on the disk.
// Why the caller's connection: a second login for the export is refused by
// servers that announce LOGIN-DELAY, and by any server while the first
// session holds the maildrop lock (RFC 1939). So the connection itself
// moves: start() moves it to the worker thread (moveToThread carries its
// socket, timers and replies: all are its children), the job runs there
// with SessionEnd::KeepOpen (no DELE, no QUIT), and the worker moves the
// connection back to this object's thread before finished() hands it over.
// From start() until finished() nothing on the caller's thread may touch it.
//
// Deleting stays the caller's: finished() names the messages that are
// durably exported and recorded (ExportJob::deletableNumbers()), and the
// caller commits their deletion through its own DELE + QUIT.
//
// Cancelling aborts the connection on the worker thread without QUIT: what
// is written stays written, nothing is deleted on the server, and the
// connection comes back unconnected.
class ExportRunner : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString target; // "eml:DIR", "mbox:FILE" or "maildir:DIR" (ExportTarget)
        ExportJob::Options options;
        QString statePath; // empty: ExportStateStore's default journal
        // The journal's identity of the mailbox (exportAccountOf()), the
        // same as the CLI's, so each sees the other's records.
        ExportAccount account;
        // UIDs of the rows shown, checked against the journal at the end
        // so the list can show which are exported to this destination now.
        QList<QByteArray> uids;
    };

    struct Outcome
    {
        ExportJob::Summary summary;
        Pop3Error error; // the job's (Cancelled after cancel())
        // Those of Request::uids the journal now records as exported here.
        QList<QByteArray> exportedUids;
        // ExportJob::deletableNumbers(): empty unless options.deleteAfter.
        QList<int> deletable;
    };

    explicit ExportRunner(QObject *parent = nullptr);
    ~ExportRunner() override;

    // `connection` lives on this object's thread, is logged in and has no
    // command pending; its parent is dropped (moveToThread needs that) and
    // it is away until finished(). Not from inside one of the connection's
    // own signals: the rest of that call would run on the wrong thread.
    void start(Pop3Connection *connection, const Request &request);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    void notice(const QString &text);
    void debugMessage(const QString &line);
    // `connection` is back on this object's thread, without a parent: the
    // receiver owns it. It is unconnected after cancel() or a drop.
    void finished(Pop3Connection *connection, const ExportRunner::Outcome &outcome);

private:
    friend class ExportWorker;
    void onWorkerFinished(Pop3Connection *connection, const Outcome &outcome);

    QThread *m_thread = nullptr;
    ExportWorker *m_worker = nullptr;
    bool m_running = false;
};

Q_DECLARE_METATYPE(ExportJob::Summary)
