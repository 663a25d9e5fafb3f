#pragma once

#include "pop3/pop3error.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>

class ConnectionContext;
class Pop3Reply;

// Ends a session for good: DELE for each marked message, then QUIT, and a
// report of what the server did. Nothing is deleted unless QUIT is
// acknowledged (RFC 1939: deletions happen in the UPDATE state); when QUIT
// may have reached the server without its +OK coming back, the report says
// the outcome is unknown instead of guessing either way.
class CommitJob : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        int requested = 0; // messages marked for deletion when commit() was called
        int confirmed = 0; // DELE answered +OK
        bool quitConfirmed = false; // QUIT answered +OK: the deletions are final
        // QUIT may have reached the server, but no +OK came back (the line
        // dropped, or -ERR "some deleted messages not removed"): the marked
        // messages may or may not have been deleted. The next connection's
        // listing shows the truth.
        bool outcomeUnknown = false;
        Pop3Error error; // the first thing that went wrong, if anything

        // Messages the server has deleted, as far as the protocol can tell.
        [[nodiscard]] int deleted() const { return quitConfirmed ? confirmed : 0; }
        // A commit that never reached the server: nothing was deleted.
        [[nodiscard]] static Result notSent(int requested, const Pop3Error &error);
    };

    // `context` is the connection's; the DELE handlers live as long as it.
    // The QUIT handler lives as long as this job: the session does not end
    // the context during a commit, and the report must come whatever happens.
    CommitJob(ConnectionContext *context, const QList<int> &marked, QObject *parent = nullptr);

    // Sends everything at once (the connection pipelines or queues it).
    void start();

Q_SIGNALS:
    void finished(const CommitJob::Result &result);

private:
    void onQuit(Pop3Reply *quit);

    QPointer<ConnectionContext> m_context;
    QList<int> m_marked;
    Result m_result;
    // DELE answers seen, +OK or -ERR: while some are missing, a lock-step
    // connection has not sent QUIT yet.
    int m_answered = 0;
    bool m_pipelined = false;
};

Q_DECLARE_METATYPE(CommitJob::Result)
