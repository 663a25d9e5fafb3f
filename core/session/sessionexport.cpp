#include "sessionexport.h"

#include "connectionsettings.h"
#include "exportaccount.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QSet>

#include <algorithm>

SessionExport::SessionExport(MessageListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_runner(new ExportRunner(this))
{
    connect(m_runner, &ExportRunner::progress, this, &SessionExport::progress);
    connect(m_runner, &ExportRunner::notice, this, &SessionExport::notice);
    connect(m_runner, &ExportRunner::debugMessage, this, &SessionExport::debugMessage);
    connect(m_runner, &ExportRunner::finished, this, &SessionExport::onRunnerFinished);
}

ExportRunner::Request SessionExport::request(const ConnectionSettings &settings,
                                             const QString &target,
                                             const ExportJob::Options &options,
                                             const QString &statePath) const
{
    ExportRunner::Request request;
    request.target = target;
    request.options = options;
    request.statePath = statePath;
    request.account = exportAccountOf(settings);
    request.uids.reserve(m_model->messageCount());
    for (int row = 0; row < m_model->messageCount(); ++row)
        request.uids.append(m_model->uidAt(row));
    return request;
}

void SessionExport::start(Pop3Connection *connection, const ExportRunner::Request &request,
                          std::function<Pop3Connection *()> handOver)
{
    m_awaitingCommit = false;
    if (connection->pendingCommands() == 0) {
        launch(request, std::move(handOver));
        return;
    }
    // POP3 answers in order: NOOP's comes after all of them. Not bound to the
    // session's connection context: an abort() or open() meanwhile aborts
    // the connection, NOOP finishes as cancelled, and handOver() says no.
    Pop3Reply *barrier = connection->noop();
    connect(barrier, &Pop3Reply::finished, this,
            [this, barrier, request, handOver = std::move(handOver)] {
                barrier->deleteLater();
                launch(request, handOver);
            });
}

void SessionExport::launch(const ExportRunner::Request &request,
                           std::function<Pop3Connection *()> handOver)
{
    // A turn later: the connection may be inside one of its own signals
    // (NOOP's finished(), or a preview's that started this export), and the
    // rest of that call must not run after it moved to the worker thread.
    QMetaObject::invokeMethod(
            this,
            [this, request, handOver = std::move(handOver)] {
                Pop3Connection *connection = handOver();
                if (connection)
                    m_runner->start(connection, request);
                else
                    Q_EMIT finished({}, Pop3Error::cancelled());
            },
            Qt::QueuedConnection);
}

void SessionExport::onRunnerFinished(Pop3Connection *connection,
                                     const ExportRunner::Outcome &outcome)
{
    for (const QByteArray &uid : outcome.exportedUids) {
        const int row = m_model->rowForUid(uid);
        if (row >= 0)
            m_model->setExported(m_model->numberAt(row), true);
    }
    Q_EMIT returned(connection, outcome);
}

QList<int> SessionExport::markForCommit(const ExportRunner::Outcome &outcome)
{
    if (outcome.deletable.isEmpty())
        return {};
    // The connection is the one the list was read on, and no DELE went out
    // on it: the export's message numbers are the list's.
    const QSet<int> exported(outcome.deletable.cbegin(), outcome.deletable.cend());
    int others = 0;
    for (const int number : m_model->markedNumbers())
        others += exported.contains(number) ? 0 : 1;
    if (others > 0) {
        Q_EMIT notice(tr("Only exported messages are deleted. The deletion mark on %n other "
                         "message(s) is not sent; mark them again after reconnecting if you "
                         "still want them deleted.",
                         nullptr, others));
    }
    m_model->setMarked(outcome.deletable, true);
    m_awaitingCommit = true;
    m_outcome = outcome;
    // In list order, as the user's commit sends them.
    QList<int> numbers = outcome.deletable;
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void SessionExport::onCommitted(const CommitJob::Result &result)
{
    if (!std::exchange(m_awaitingCommit, false))
        return;
    ExportRunner::Outcome outcome = std::exchange(m_outcome, {});
    // As ExportJob counts them with its own QUIT: deleted only once confirmed.
    outcome.summary.deletesSent = result.confirmed;
    outcome.summary.quitConfirmed = result.quitConfirmed;
    outcome.summary.deleted = result.deleted();
    finish(outcome);
}

void SessionExport::finish(const ExportRunner::Outcome &outcome)
{
    // The commit's own problems are in its report (MailboxSession::committed()).
    Q_EMIT finished(outcome.summary, outcome.error);
}
