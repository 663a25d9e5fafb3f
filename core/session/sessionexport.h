#pragma once

#include "commitjob.h"
#include "exportrunner.h"

#include <QList>
#include <QObject>

#include <functional>

class MessageListModel;
class Pop3Connection;
struct ConnectionSettings;

// A GUI export, as the session runs it: on the session's own logged-in
// connection, so the whole session is one login (issue 12: a second login
// is refused by servers that announce LOGIN-DELAY). MailboxSession hands the
// connection over once every command it queued is answered; ExportRunner
// runs the job on its worker thread and hands the connection back
// (returned()), flagging the rows now exported to that destination. The
// session then takes the connection up again: a plain export lists again on
// it, and with deleteAfter the durably exported messages become the
// session's deletion marks (markForCommit()), sent by its own CommitJob (DELE
// + QUIT). finished() comes once per start(), after that commit when there is
// one, with the deletions QUIT confirmed.
class SessionExport : public QObject
{
    Q_OBJECT
public:
    explicit SessionExport(MessageListModel *model, QObject *parent = nullptr);

    [[nodiscard]] bool isRunning() const { return m_runner->isRunning(); }
    // The runner's request for the rows listed now.
    [[nodiscard]] ExportRunner::Request request(const ConnectionSettings &settings,
                                                const QString &target,
                                                const ExportJob::Options &options,
                                                const QString &statePath) const;
    // Runs the export on `connection` (logged in) once every command already
    // queued on it is answered; those answers still reach their handlers.
    // Then `handOver` gives the connection up (the session ends its context
    // and lets go of it) or returns null when the session no longer wants
    // the export (finished() says cancelled). Away until returned().
    void start(Pop3Connection *connection, const ExportRunner::Request &request,
               std::function<Pop3Connection *()> handOver);
    // Aborts the connection without QUIT (ExportRunner::cancel()).
    void cancel() { m_runner->cancel(); }

    // The messages of `outcome` to delete, marked in the list: only those
    // the export made durable, never a message it did not write. Marks the
    // user set are left out of that commit (a notice says so). finished()
    // then waits for onCommitted(); with nothing to delete it does not.
    [[nodiscard]] QList<int> markForCommit(const ExportRunner::Outcome &outcome);
    // The session's commit ended: the deletions it confirmed are the export's.
    void onCommitted(const CommitJob::Result &result);
    // Ends an export that deletes nothing (or could not).
    void finish(const ExportRunner::Outcome &outcome);

Q_SIGNALS:
    void progress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    void notice(const QString &text);
    void debugMessage(const QString &line);
    // The job ended and `connection` (unparented; the receiver owns it) is
    // back on this thread.
    void returned(Pop3Connection *connection, const ExportRunner::Outcome &outcome);
    void finished(const ExportJob::Summary &summary, const Pop3Error &error);

private:
    void launch(const ExportRunner::Request &request, std::function<Pop3Connection *()> handOver);
    void onRunnerFinished(Pop3Connection *connection, const ExportRunner::Outcome &outcome);

    MessageListModel *m_model;
    ExportRunner *m_runner;
    bool m_awaitingCommit = false;
    ExportRunner::Outcome m_outcome; // while awaiting the commit
};
