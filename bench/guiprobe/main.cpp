// guiprobe: the GUI benchmark of issue 6. Opens the real MainWindow
// (offscreen by default) against a POP3 server with N generated messages
// running in a child process, and measures on the GUI thread, with a probe
// timer, how long the event loop stalls while the mailbox loads: first a
// cold open (LIST/UIDL at once, TOP n 0 for every message), then a second
// open served from the header cache. Prints a table; exits 1 when a target
// (peak RSS 200 MB, max stall 50 ms) is missed. See bench/README.md.

#include "probeserver.h"

#include "mainwindow.h"
#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <utility>

#include <sys/prctl.h>

namespace {

constexpr double TargetRssMb = 200;
constexpr double TargetStallMs = 50;

struct Memory
{
    double rssMb = 0;
    double hwmMb = 0;
};

Memory readMemory()
{
    Memory memory;
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return memory;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const auto value = [&line] {
            return line.mid(line.indexOf(':') + 1).trimmed().split(' ').value(0).toDouble() /
                    1024.0;
        };
        if (line.startsWith("VmRSS:"))
            memory.rssMb = value();
        else if (line.startsWith("VmHWM:"))
            memory.hwmMb = value();
    }
    return memory;
}

// Times every event the GUI thread dispatches from its event loop (nested
// sends count in the outer one) and keeps the slow ones: what stalled.
class ProbeApplication : public QApplication
{
public:
    using QApplication::QApplication;

    struct Slow
    {
        double ms = 0;
        double atMs = 0;
        QString what;
    };
    QList<Slow> slow;
    QElapsedTimer *clock = nullptr;
    qint64 phaseStart = 0;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Only the GUI thread: the header cache's worker runs events too.
        if (m_depth > 0 || !clock || QThread::currentThread() != thread()) {
            ++m_depth;
            const bool result = QApplication::notify(receiver, event);
            --m_depth;
            return result;
        }
        ++m_depth;
        const qint64 start = clock->nsecsElapsed();
        // The names first: the receiver may be gone afterwards.
        const QObject *parent = receiver->parent();
        const char *receiverClass = receiver->metaObject()->className();
        const char *parentClass = parent ? parent->metaObject()->className() : "-";
        const int type = int(event->type());
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(clock->nsecsElapsed() - start) / 1e6;
        if (ms >= 15) {
            slow.append({ms, double(start - phaseStart) / 1e6,
                         QStringLiteral("%1 (in %2), event %3")
                                 .arg(QLatin1String(receiverClass), QLatin1String(parentClass))
                                 .arg(type)});
        }
        return result;
    }

private:
    int m_depth = 0;
};

struct Phase
{
    QString name;
    qint64 start = 0; // ns on the probe clock
    qint64 firstRows = -1; // rows in the list
    qint64 visibleRows = -1; // the rows on screen show headers
    qint64 allRows = -1; // previewsFinished
    QList<double> gapsMs;
    QList<ProbeApplication::Slow> slow;
    double peakRssMb = 0;
    double hwmMb = 0;
    int pendingAtEnd = -1;

    [[nodiscard]] double maxGap() const
    {
        return gapsMs.isEmpty() ? 0 : *std::max_element(gapsMs.cbegin(), gapsMs.cend());
    }
    [[nodiscard]] double percentile(double p) const
    {
        if (gapsMs.isEmpty())
            return 0;
        QList<double> sorted = gapsMs;
        std::sort(sorted.begin(), sorted.end());
        const auto at = qsizetype(p * double(sorted.size() - 1) + 0.5);
        return sorted.at(qBound<qsizetype>(0, at, sorted.size() - 1));
    }
};

int serve(int messages)
{
    ProbeServer server(messages);
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "guiprobe server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("PORT %d\n", int(server.serverPort()));
    std::fflush(stdout);
    // The probe kills us when it is done; if it dies first, so do we.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--serve") == 0) {
        QCoreApplication app(argc, argv);
        return serve(QByteArray(argv[2]).toInt());
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    ProbeApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Event-loop stalls and memory of the Mailpeek window loading a large mailbox"));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages in the mailbox."),
                                            QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("Probe timer interval in ms."),
                                            QStringLiteral("ms"), QStringLiteral("5"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this many seconds."),
                                           QStringLiteral("s"), QStringLiteral("900"));
    const QCommandLineOption slowOption(
            QStringLiteral("slow-events"),
            QStringLiteral("List the N slowest event dispatches of each phase (0: none)."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption windowOption(
            QStringLiteral("preview-window"),
            QStringLiteral("TOP n 0 commands the session keeps in flight (0: its default)."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption sortOption(
            QStringLiteral("sort-column"),
            QStringLiteral(
                    "Sort the list by this column first, descending (-1: the model's order)."),
            QStringLiteral("column"), QStringLiteral("-1"));
    parser.addOptions(
            {messagesOption, intervalOption, timeoutOption, slowOption, windowOption, sortOption});
    parser.process(app);
    const int messages = parser.value(messagesOption).toInt();
    const int interval = qMax(1, parser.value(intervalOption).toInt());

    // The server: a child process, so its work and memory are not ours.
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    quint16 port = 0;
    QEventLoop waitForPort;
    QObject::connect(&server, &QProcess::readyReadStandardOutput, &waitForPort, [&] {
        while (server.canReadLine()) {
            const QByteArray line = server.readLine().trimmed();
            if (line.startsWith("PORT "))
                port = quint16(line.mid(5).toUInt());
        }
        if (port != 0)
            waitForPort.quit();
    });
    QObject::connect(&server, &QProcess::finished, &waitForPort, [&] { waitForPort.quit(); });
    server.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--serve"), QString::number(messages)});
    waitForPort.exec();
    if (port == 0) {
        std::fprintf(stderr, "guiprobe: the server did not start\n");
        return 2;
    }

    QTemporaryDir cacheDir;
    MainWindow window;
    window.session()->setHeaderCachePath(cacheDir.filePath(QStringLiteral("headers.sqlite")));
    if (parser.value(windowOption).toInt() > 0)
        window.session()->setPreviewWindow(parser.value(windowOption).toInt());
    window.show();
    if (parser.value(sortOption).toInt() >= 0)
        window.messageView()->sortByColumn(parser.value(sortOption).toInt(), Qt::DescendingOrder);

    ConnectionSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = Pop3Connection::Security::None;
    settings.authMethod = ConnectionSettings::AuthMethod::User;
    settings.user = QStringLiteral("probe");
    settings.secret = QStringLiteral("probe");

    QElapsedTimer clock;
    clock.start();
    QList<Phase> phases;
    Phase *phase = nullptr;
    qint64 lastTick = -1;
    MailboxSession *session = window.session();
    MessageListModel *model = session->model();
    QTreeView *view = window.messageView();
    QAbstractItemModel *proxy = view->model();

    const auto visibleLoaded = [&] {
        if (proxy->rowCount() == 0)
            return false;
        const QModelIndex first = view->indexAt(QPoint(1, 1));
        const QModelIndex last = view->indexAt(QPoint(1, view->viewport()->height() - 2));
        const int firstRow = first.isValid() ? first.row() : 0;
        const int lastRow = last.isValid() ? last.row() : qMin(proxy->rowCount() - 1, 30);
        for (int row = firstRow; row <= lastRow; ++row) {
            if (proxy->index(row, 0)
                        .data(MessageListModel::LoadStateRole)
                        .value<MessageListModel::LoadState>() ==
                MessageListModel::LoadState::Pending)
                return false;
        }
        return true;
    };

    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(interval);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (phase && lastTick >= 0)
            phase->gapsMs.append(double(now - lastTick) / 1e6);
        lastTick = now;
        if (!phase)
            return;
        const Memory memory = readMemory();
        phase->peakRssMb = qMax(phase->peakRssMb, memory.rssMb);
        if (phase->firstRows < 0 && model->rowCount() > 0)
            phase->firstRows = now;
        if (phase->firstRows >= 0 && phase->visibleRows < 0 && visibleLoaded())
            phase->visibleRows = now;
    });

    const auto startPhase = [&](const QString &name) {
        phases.append(Phase{});
        phase = &phases.last();
        phase->name = name;
        phase->start = clock.nsecsElapsed();
        app.slow.clear();
        app.phaseStart = phase->start;
        lastTick = phase->start;
        window.openSession(settings);
    };
    const auto finishPhase = [&] {
        if (!phase)
            return;
        phase->allRows = clock.nsecsElapsed();
        if (phase->visibleRows < 0 && visibleLoaded())
            phase->visibleRows = phase->allRows;
        phase->pendingAtEnd = int(model->pendingNumbers().size());
        const Memory memory = readMemory();
        phase->peakRssMb = qMax(phase->peakRssMb, memory.rssMb);
        phase->hwmMb = memory.hwmMb;
        phase->slow = std::exchange(app.slow, {});
        phase = nullptr;
    };

    QObject::connect(session, &MailboxSession::previewsFinished, &app, [&] {
        if (!phase || phase->allRows >= 0)
            return;
        // The probe keeps ticking for a moment: work queued behind the
        // last row (repaints, cache writes) counts too.
        QTimer::singleShot(250, &app, [&] {
            const bool first = phases.size() == 1;
            finishPhase();
            if (first) {
                // QUIT, then the same mailbox again: rows from the cache.
                session->commit();
            } else {
                app.quit();
            }
        });
    });
    QObject::connect(session, &MailboxSession::committed, &app, [&] {
        if (phases.size() == 1)
            QTimer::singleShot(100, &app, [&] { startPhase(QStringLiteral("reopen (cache)")); });
    });
    QObject::connect(session, &MailboxSession::openFailed, &app, [&](const Pop3Error &error) {
        std::fprintf(stderr, "guiprobe: open failed: %s\n", qPrintable(error.errorString()));
        app.exit(2);
    });
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app, [&] {
        std::fprintf(stderr, "guiprobe: timed out\n");
        app.exit(3);
    });

    app.clock = &clock;
    probe.start();
    QTimer::singleShot(200, &app, [&] { startPhase(QStringLiteral("first open")); });
    const int status = app.exec();
    server.closeWriteChannel();
    server.kill();
    server.waitForFinished(5000);
    if (status != 0)
        return status;

    QTextStream out(stdout);
    const auto ms = [](const Phase &p, qint64 at) {
        return at < 0 ? QStringLiteral("-") : QString::number(double(at - p.start) / 1e6, 'f', 0);
    };
    out << QStringLiteral("guiprobe: %1 messages, probe every %2 ms, QPA %3\n\n")
                    .arg(messages)
                    .arg(interval)
                    .arg(QGuiApplication::platformName());
    out << QStringLiteral("| phase | messages | rows listed ms | visible rows ms | all rows ms | "
                          "max stall ms | p99 stall ms | peak RSS MB | VmHWM MB |\n");
    out << QStringLiteral("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    bool ok = true;
    for (const Phase &p : std::as_const(phases)) {
        // A gap is the time between two ticks; the stall is what exceeds the interval.
        const double maxStall = qMax(0.0, p.maxGap() - interval);
        const double p99Stall = qMax(0.0, p.percentile(0.99) - interval);
        out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                        .arg(p.name)
                        .arg(messages)
                        .arg(ms(p, p.firstRows), ms(p, p.visibleRows), ms(p, p.allRows))
                        .arg(maxStall, 0, 'f', 1)
                        .arg(p99Stall, 0, 'f', 1)
                        .arg(p.peakRssMb, 0, 'f', 0)
                        .arg(p.hwmMb, 0, 'f', 0);
        ok = ok && maxStall <= TargetStallMs && p.hwmMb <= TargetRssMb && p.pendingAtEnd == 0;
        if (p.pendingAtEnd != 0)
            out << QStringLiteral("  (%1 rows still pending at the end)\n").arg(p.pendingAtEnd);
    }
    const int slowCount = parser.value(slowOption).toInt();
    for (const Phase &p : std::as_const(phases)) {
        if (slowCount <= 0)
            break;
        QList<ProbeApplication::Slow> slow = p.slow;
        std::sort(slow.begin(), slow.end(),
                  [](const auto &a, const auto &b) { return a.ms > b.ms; });
        out << QStringLiteral("\nslowest event dispatches, %1 (%2 over 15 ms):\n")
                        .arg(p.name)
                        .arg(slow.size());
        for (const auto &event : slow.first(qMin<qsizetype>(slowCount, slow.size())))
            out << QStringLiteral("  %1 ms at %2 ms: %3\n")
                            .arg(event.ms, 0, 'f', 1)
                            .arg(event.atMs, 0, 'f', 0)
                            .arg(event.what);
    }
    out << QStringLiteral("\ntargets: max stall <= %1 ms, peak RSS (VmHWM) <= %2 MB: %3\n")
                    .arg(TargetStallMs)
                    .arg(TargetRssMb)
                    .arg(ok ? QStringLiteral("met") : QStringLiteral("MISSED"));
    return ok ? 0 : 1;
}
