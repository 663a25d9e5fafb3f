#include "exportrunner.h"

#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "export/messagesink.h"
#include "exportaccount.h"
#include "loginsequence.h"
#include "pop3/pop3connection.h"

#include <QThread>

#include <memory>

// Lives on the worker thread; everything it creates lives there too.
class ExportWorker : public QObject
{
public:
    ExportWorker(ExportRunner *runner, ExportRunner::Request request)
        : m_runner(runner)
        , m_request(std::move(request))
    { }

    ~ExportWorker() override
    {
        // The job reads the sink and store until it is gone: it goes first.
        delete m_job;
    }

    void run()
    {
        m_connection = new Pop3Connection(this);
        connect(m_connection, &Pop3Connection::debugMessage, this, [this](const QString &line) {
            post([runner = m_runner, line] { Q_EMIT runner->debugMessage(line); });
        });
        auto *login = new LoginSequence(m_connection, m_request.settings, this);
        connect(login, &LoginSequence::finished, this, [this](const Pop3Error &error) {
            if (error.isError())
                done(error);
            else
                startJob();
        });
        login->start();
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
        // The same account identity as the CLI's, so each sees the other's records.
        m_job->setAccount(exportAccountOf(m_request.settings));
        m_job->setOptions(m_request.options);
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
            done(m_cancelled && !error.isError() ? Pop3Error::cancelled() : error);
        });
        m_job->start();
    }

    void done(const Pop3Error &error)
    {
        const ExportJob::Summary summary = m_job ? m_job->summary() : ExportJob::Summary();
        QList<QByteArray> exported;
        if (m_store && m_store->isOpen() && m_job) {
            const ExportAccount account = exportAccountOf(m_request.settings);
            const QString destination = m_job->destination();
            for (const QByteArray &uid : std::as_const(m_request.uids)) {
                if (uid.isEmpty())
                    continue;
                const QString id = QString::fromUtf8(uid);
                const ExportKey key =
                        ExportKey::fromUidl(account.host, account.port, account.user, id);
                // Exported to this export's destination (the rule --only-new
                // follows), at the size the server listed: a reused UIDL
                // whose new message was not exported is not shown as exported.
                if (!destination.isEmpty() &&
                    m_store->isExported(key, m_job->listedOctets(id), destination))
                    exported.append(uid);
            }
        }
        if (m_connection) {
            m_connection->disconnect(this);
            m_connection->abort();
        }
        post([runner = m_runner, summary, error, exported] {
            runner->onWorkerFinished(summary, error, exported);
        });
    }

    ExportRunner *m_runner;
    ExportRunner::Request m_request;
    QPointer<Pop3Connection> m_connection;
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
    // QUIT means nothing is deleted.
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->cancel(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ExportRunner::start(const Request &request)
{
    if (m_running)
        return;
    m_running = true;
    if (!m_thread) {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("export"));
    }
    m_worker = new ExportWorker(this, request);
    m_worker->moveToThread(m_thread);
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

void ExportRunner::onWorkerFinished(const ExportJob::Summary &summary, const Pop3Error &error,
                                    const QList<QByteArray> &exportedUids)
{
    m_running = false;
    // The worker (and its connection, sink and store) go with the thread's
    // event loop; the next start() gets a fresh thread.
    QThread *thread = std::exchange(m_thread, nullptr);
    m_worker = nullptr;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->quit();
    Q_EMIT finished(summary, error, exportedUids);
}
