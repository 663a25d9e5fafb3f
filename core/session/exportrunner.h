#pragma once

#include "connectionsettings.h"
#include "export/exportjob.h"
#include "pop3/pop3error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QThread;
class ExportWorker;

// Runs one ExportJob on a worker thread with a connection of its own.
//
// Why not on the session's connection: ExportJob writes and fsyncs each
// message synchronously on the thread it lives on, and a Pop3Connection
// cannot follow it to another thread (its timers are members, not
// children, so moveToThread would leave them behind). The UI thread must
// never wait on the disk, so the worker logs in again with the same
// settings, runs the job and ends with the job's own QUIT. MailboxSession
// makes sure its own connection has sent QUIT first, so the server never
// sees two sessions on one mailbox.
//
// Cancelling aborts the worker's connection without QUIT: messages already
// written stay written and the server deletes nothing.
class ExportRunner : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        ConnectionSettings settings;
        QString target; // "eml:DIR", "mbox:FILE" or "maildir:DIR" (ExportTarget)
        // Selected messages go by key (options.selectByKey, options.selection):
        // this login's message numbers need not be the GUI session's.
        ExportJob::Options options;
        QString statePath; // empty: ExportStateStore's default journal
        // UIDs of the rows shown, checked against the journal at the end
        // so the list can show which are exported to this destination now.
        QList<QByteArray> uids;
    };

    explicit ExportRunner(QObject *parent = nullptr);
    ~ExportRunner() override;

    void start(const Request &request);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    void notice(const QString &text);
    void debugMessage(const QString &line);
    // exportedUids: those of Request::uids the journal now records as exported.
    void finished(const ExportJob::Summary &summary, const Pop3Error &error,
                  const QList<QByteArray> &exportedUids);

private:
    friend class ExportWorker;
    void onWorkerFinished(const ExportJob::Summary &summary, const Pop3Error &error,
                          const QList<QByteArray> &exportedUids);

    QThread *m_thread = nullptr;
    ExportWorker *m_worker = nullptr;
    bool m_running = false;
};

Q_DECLARE_METATYPE(ExportJob::Summary)
