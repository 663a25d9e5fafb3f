#include "commitjob.h"

#include "connectioncontext.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

CommitJob::Result CommitJob::Result::notSent(int requested, const Pop3Error &error)
{
    Result result;
    result.requested = requested;
    result.error = error;
    return result;
}

CommitJob::CommitJob(ConnectionContext *context, const QList<int> &marked, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_marked(marked)
{
    m_result.requested = int(marked.size());
}

void CommitJob::start()
{
    Pop3Connection *connection = m_context ? m_context->connection() : nullptr;
    if (!connection) {
        m_result.error = Pop3Error::cancelled();
        Q_EMIT finished(m_result);
        return;
    }
    m_pipelined = connection->isPipelining();
    for (const int number : std::as_const(m_marked)) {
        m_context->onReply(connection->dele(number), [this](Pop3Reply *reply) {
            if (reply->error().kind() == Pop3Error::Kind::Server || !reply->hasError())
                ++m_answered;
            if (!reply->hasError())
                ++m_result.confirmed;
            else if (!m_result.error.isError())
                m_result.error = reply->error();
        });
    }
    Pop3Reply *quit = connection->quit();
    connect(quit, &Pop3Reply::finished, this, [this, quit] { onQuit(quit); });
}

void CommitJob::onQuit(Pop3Reply *quit)
{
    quit->deleteLater();
    if (quit->hasError()) {
        m_result.quitConfirmed = false;
        // The QUIT failure explains the outcome better than a cancelled DELE.
        m_result.error = quit->error();
        // Did QUIT reach the server? It went out with the DELEs on a
        // pipelined link, and after the last DELE answer on a lock-step
        // one. If it did, the server may have deleted the messages whose
        // DELE it took (RFC 1939 section 6), and -ERR to QUIT itself
        // means "some deleted messages not removed": some may be gone.
        // Only when no DELE can have been taken is "nothing" certain.
        const bool quitMayHaveArrived = m_pipelined || m_answered == m_result.requested ||
                quit->error().kind() == Pop3Error::Kind::Server;
        const bool deleMayHaveBeenTaken = m_result.confirmed > 0 || m_answered < m_result.requested;
        m_result.outcomeUnknown = quitMayHaveArrived && deleMayHaveBeenTaken;
    } else {
        m_result.quitConfirmed = true;
    }
    Q_EMIT finished(m_result);
}
