#include "exportrunner.h"

#include "export/exporttarget.h"
#include "export/messagesink.h"
#include "pop3/pop3connection.h"

#include <QThread>

#include <memory>
#include <utility>

namespace {
// The connection on its way back to the runner's thread. The posted call
// takes it; should the runner go before that call runs (shutdown during an
// export), the call is dropped with this, which deletes the connection on
// the runner's thread, where it lives by then. No QUIT: nothing is deleted.
class ReturnedConnection
{
public:
    explicit ReturnedConnection(Pop3Connection *connection)
        : m_connection(connection)
    { }
    ReturnedConnection(const ReturnedConnection &) = delete;
    ReturnedConnection &operator=(const ReturnedConnection &) = delete;
    ~ReturnedConnection() { delete m_connection; }
    Pop3Connection *take() { return std::exchange(m_connection, nullptr); }

private:
    Pop3Connection *m_connection;
};
} // namespace

// Lives on the worker thread; everything it creates lives there too, and so
// does the connection while the job runs (as the worker's child, so that a
// worker deleted at shutdown takes it along).
class ExportWorker : public QObject
{
public:
    ExportWorker(ExportRunner *runner, Pop3Connection *connection, ExportRunner::Request request)
        : m_runner(runner)
        , m_home(runner->thread())
        , m_connection(connection)
        , m_request(std::move(request))
    { }

    ~ExportWorker() override
    {
        // The job reads the sink and store until it is gone: it goes first.
        delete m_job;
    }

    void run()
    {
        m_connection->setParent(this);
        connect(m_connection, &Pop3Connection::debugMessage, this, [this](const QString &line) {
            post([runner = m_runner, line] { Q_EMIT runner->debugMessage(line); });
        });
        startJob();
    }

    void cancel()
    {
        m_cancelled = true;
        if (m_connection)
            m_connection->abort();
    }

private:
    template<typename Functor> void post(Functor &&functor)
    {
        // Runs on the runner's thread; dropped if the runner is gone.
        QMetaObject::invokeMethod(m_runner, std::forward<Functor>(functor), Qt::QueuedConnection);
    }

    void startJob()
    {
        if (m_cancelled) {
            done(Pop3Error::cancelled());
            return;
        }
        QString problem;
        const ExportTarget target = ExportTarget::parse(m_request.target, &problem);
        if (!target.isValid()) {
            done(Pop3Error(Pop3Error::Code::ExportTargetInvalid, problem));
            return;
        }
        m_sink = target.createSink();
        m_store = std::make_unique<ExportStateStore>(m_request.statePath);
        m_job = new ExportJob(m_connection, m_sink.get(), m_store.get(), this);
        m_job->setAccount(m_request.account);
        m_job->setOptions(m_request.options);
        // The session goes on after the export: it deletes, and it says goodbye.
        m_job->setSessionEnd(ExportJob::SessionEnd::KeepOpen);
        connect(m_job, &ExportJob::progress, this,
                [this](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
                    post([runner = m_runner, done, total, bytesDone, bytesTotal] {
                        Q_EMIT runner->progress(done, total, bytesDone, bytesTotal);
                    });
                });
        connect(m_job, &ExportJob::notice, this, [this](const QString &text) {
            post([runner = m_runner, text] { Q_EMIT runner->notice(text); });
        });
        connect(m_job, &ExportJob::finished, this, [this](const Pop3Error &error) {
            // finished() comes from inside the connection (a reply's handler,
            // or abort()): it may move threads only once that has unwound.
            QMetaObject::invokeMethod(
                    this, [this, error] { done(error); }, Qt::QueuedConnection);
        });
        m_job->start();
    }

    void done(const Pop3Error &error)
    {
        ExportRunner::Outcome outcome;
        outcome.error = m_cancelled ? Pop3Error::cancelled() : error;
        if (m_job) {
            outcome.summary = m_job->summary();
            // After a cancel nothing is deleted, not even what was written.
            if (!m_cancelled)
                outcome.deletable = m_job->deletableNumbers();
        }
        if (m_store && m_store->isOpen() && m_job) {
            const QString destination = m_job->destination();
            for (const QByteArray &uid : std::as_const(m_request.uids)) {
                if (uid.isEmpty())
                    continue;
                const QString id = QString::fromUtf8(uid);
                const ExportKey key = ExportKey::fromUidl(
                        m_request.account.host, m_request.account.port, m_request.account.user, id);
                // Exported to this export's destination (the rule --only-new
                // follows), at the size the server listed: a reused UIDL
                // whose new message was not exported is not shown as exported.
                if (!destination.isEmpty() &&
                    m_store->isExported(key, m_job->listedOctets(id), destination))
                    outcome.exportedUids.append(uid);
            }
        }
        // moveToThread() from the thread the connection lives in, and
        // without a parent; the job is finished and touches it no more.
        Pop3Connection *connection = std::exchange(m_connection, nullptr);
        auto returned = std::make_shared<ReturnedConnection>(connection);
        if (connection) {
            connection->disconnect(this);
            connection->setParent(nullptr);
            connection->moveToThread(m_home);
        }
        post([runner = m_runner, returned, outcome] {
            runner->onWorkerFinished(returned->take(), outcome);
        });
    }

    ExportRunner *m_runner;
    QThread *m_home; // the runner's thread, where the connection goes back
    QPointer<Pop3Connection> m_connection;
    ExportRunner::Request m_request;
    std::unique_ptr<MessageSink> m_sink;
    std::unique_ptr<ExportStateStore> m_store;
    QPointer<ExportJob> m_job;
    bool m_cancelled = false;
};

ExportRunner::ExportRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ExportJob::Summary>();
}

ExportRunner::~ExportRunner()
{
    if (!m_thread)
        return;
    // Only on shutdown with an export running: the worker must not outlive
    // its runner. Aborting the connection makes the wait short, and no
    // QUIT means nothing is deleted. A worker that never saw the cancel is
    // deleted as the thread finishes, and the connection with it.
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->cancel(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ExportRunner::start(Pop3Connection *connection, const Request &request)
{
    if (m_running || !connection)
        return;
    m_running = true;
    if (!m_thread) {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("export"));
    }
    m_worker = new ExportWorker(this, connection, request);
    m_worker->moveToThread(m_thread);
    // An object with a parent cannot change threads; the worker adopts it there.
    connection->setParent(nullptr);
    connection->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    if (!m_thread->isRunning())
        m_thread->start();
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->run(); }, Qt::QueuedConnection);
}

void ExportRunner::cancel()
{
    if (!m_running || !m_worker)
        return;
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->cancel(); }, Qt::QueuedConnection);
}

void ExportRunner::onWorkerFinished(Pop3Connection *connection, const Outcome &outcome)
{
    m_running = false;
    // The worker (with its sink and store) goes with the thread's event
    // loop; the next start() gets a fresh thread.
    QThread *thread = std::exchange(m_thread, nullptr);
    m_worker = nullptr;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->quit();
    Q_EMIT finished(connection, outcome);
}
