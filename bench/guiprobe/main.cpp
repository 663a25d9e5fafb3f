// guiprobe: the GUI benchmark of issues 6 and 13. Opens the real MainWindow
// (offscreen by default) against a POP3 server with N generated messages
// running in a child process, and measures on the GUI thread, with a probe
// timer, how long the event loop stalls in each phase of a scripted session:
// the open (LIST/UIDL, the rows), the headers loading (TOP n 0 for every
// message) while the list is sorted by one column after another, sorting by
// every column once loaded, typing into the filter, and a second open served
// from the header cache; then the cold start of the demo (a child process
// doing what `mailpeek --demo` does) to the first painted list. Prints a
// table and a stall histogram per phase; exits 1 when a target (stall 16 ms,
// peak RSS 200 MB, first screen of rows 300 ms, cold start 400 ms) is missed.
// See bench/README.md.

#include "probeserver.h"

#include "demo/demoserver.h"
#include "mainwindow.h"
#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"
#include "translations.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QHostAddress>
#include <QLineEdit>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>

#include <sys/prctl.h>
#include <time.h>

namespace {

constexpr double TargetRssMb = 200;
constexpr double TargetStallMs = 16; // one frame at 60 Hz
constexpr double TargetFirstScreenMs = 300; // Connect to the first painted rows, 0 RTT
constexpr double TargetColdStartMs = 400; // `mailpeek --demo` to the first painted list

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

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
    double slowThresholdMs = 8;

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
        if (ms >= slowThresholdMs) {
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

// Stalls (gap between two probe ticks minus the interval) by length.
constexpr std::array<double, 5> BucketLimitsMs = {4, 8, 16, 33, 50};

struct Phase
{
    QString name;
    qint64 start = 0; // ns on the probe clock
    qint64 end = -1;
    qint64 firstRows = -1; // rows in the model
    qint64 firstPaint = -1; // the list painted with rows in it
    qint64 visibleRows = -1; // the rows on screen show headers
    qint64 allRows = -1; // previewsFinished
    qint64 origin = 0; // what its times count from: the open's start
    bool opens = false; // a phase that opens the mailbox
    bool watchesHeaders = false; // times visibleRows
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
    // Ticks per stall bucket: <= 4, <= 8, <= 16, <= 33, <= 50, > 50 ms.
    [[nodiscard]] std::array<int, BucketLimitsMs.size() + 1> histogram(int intervalMs) const
    {
        std::array<int, BucketLimitsMs.size() + 1> counts{};
        for (const double gap : gapsMs) {
            const double stall = qMax(0.0, gap - intervalMs);
            std::size_t bucket = 0;
            while (bucket < BucketLimitsMs.size() && stall > BucketLimitsMs.at(bucket))
                ++bucket;
            ++counts.at(bucket);
        }
        return counts;
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

// Calls `onPaint` once a paint event of the watched widget has been
// handled (the next turn): the time includes painting.
class PaintWatch : public QObject
{
public:
    explicit PaintWatch(std::function<void()> onPaint)
        : m_onPaint(std::move(onPaint))
    { }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            QTimer::singleShot(0, this, m_onPaint);
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onPaint;
};

// The child of the cold-start phase: what app/gui/main.cpp does with
// --demo, plus a watch on the list's viewport. Prints the milliseconds from
// `launchedNs` (CLOCK_MONOTONIC, taken by the parent just before it started
// this process) to the first paint with rows and to the first paint whose
// rows on screen all show headers, then exits.
int coldDemo(int argc, char **argv, qint64 launchedNs)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Mailpeek"));
    QApplication::setApplicationName(QStringLiteral("Mailpeek"));
    Translations::install(QLocale::system());
    MainWindow window;
    DemoServer demoServer;
    QString error;
    if (!demoServer.listen(&error)) {
        std::fprintf(stderr, "guiprobe: the demo server could not start: %s\n", qPrintable(error));
        return 2;
    }
    QTreeView *view = window.messageView();
    qint64 firstRows = -1;
    const auto onPaint = [&] {
        const QAbstractItemModel *proxy = view->model();
        if (proxy->rowCount() == 0)
            return;
        const qint64 now = monotonicNs();
        if (firstRows < 0)
            firstRows = now;
        const int last = qMin(proxy->rowCount(), 20);
        for (int row = 0; row < last; ++row) {
            if (proxy->index(row, 0)
                        .data(MessageListModel::LoadStateRole)
                        .value<MessageListModel::LoadState>() ==
                MessageListModel::LoadState::Pending)
                return;
        }
        std::printf("COLD %.1f %.1f\n", double(firstRows - launchedNs) / 1e6,
                    double(now - launchedNs) / 1e6);
        std::fflush(stdout);
        QTimer::singleShot(0, &app, [] { QCoreApplication::exit(0); });
    };
    PaintWatch watch(onPaint);
    view->viewport()->installEventFilter(&watch);
    window.show();
    window.openSession(DemoServer::demoSettings(demoServer.port()));
    QTimer::singleShot(10000, &app, [] {
        std::fprintf(stderr, "guiprobe: the demo list was never painted\n");
        QCoreApplication::exit(3);
    });
    return QApplication::exec();
}

struct ColdStart
{
    double rowsMs = -1; // first paint with rows
    double headersMs = -1; // first paint with the headers of the rows on screen
};

ColdStart runColdDemo()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const qint64 launched = monotonicNs();
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--cold-demo"), QString::number(launched)});
    ColdStart result;
    if (!child.waitForFinished(20000)) {
        child.kill();
        child.waitForFinished(2000);
        return result;
    }
    const QList<QByteArray> words = child.readAllStandardOutput().trimmed().split(' ');
    if (words.size() == 3 && words.at(0) == "COLD") {
        result.rowsMs = words.at(1).toDouble();
        result.headersMs = words.at(2).toDouble();
    }
    return result;
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
    if (argc >= 3 && qstrcmp(argv[1], "--cold-demo") == 0)
        return coldDemo(argc, argv, QByteArray(argv[2]).toLongLong());
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
            QStringLiteral("List the N slowest event dispatches (over 8 ms) of each phase."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption windowOption(
            QStringLiteral("preview-window"),
            QStringLiteral("TOP n 0 commands the session keeps in flight (0: its default)."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption sortOption(
            QStringLiteral("sort-column"),
            QStringLiteral("Sort the list by this column, descending, before the first open "
                           "(-1: the model's order)."),
            QStringLiteral("column"), QStringLiteral("-1"));
    const QCommandLineOption coldOption(
            QStringLiteral("cold-starts"),
            QStringLiteral("Cold starts of the demo to measure at the end (0: none)."),
            QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({messagesOption, intervalOption, timeoutOption, slowOption, windowOption,
                       sortOption, coldOption});
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
    // An index, not a pointer: phases grows.
    qsizetype current = -1;
    const auto phase = [&]() -> Phase * {
        return current >= 0 ? &phases[current] : nullptr;
    };
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
        Phase *p = phase();
        if (p && lastTick >= 0)
            p->gapsMs.append(double(now - lastTick) / 1e6);
        lastTick = now;
        if (!p)
            return;
        const Memory memory = readMemory();
        p->peakRssMb = qMax(p->peakRssMb, memory.rssMb);
        if (p->opens && p->firstRows < 0 && model->rowCount() > 0)
            p->firstRows = now;
        if (p->watchesHeaders && model->rowCount() > 0 && p->visibleRows < 0 && visibleLoaded())
            p->visibleRows = now;
    });

    // The first paint of the list with rows in it.
    PaintWatch paintWatch([&] {
        Phase *p = phase();
        if (p && p->opens && p->firstPaint < 0 && proxy->rowCount() > 0)
            p->firstPaint = clock.nsecsElapsed();
    });
    view->viewport()->installEventFilter(&paintWatch);

    const auto startPhase = [&](const QString &name, bool opens = false) {
        phases.append(Phase{});
        current = phases.size() - 1;
        Phase *p = phase();
        p->name = name;
        p->opens = opens;
        p->watchesHeaders = opens;
        p->start = clock.nsecsElapsed();
        p->origin = p->start;
        app.slow.clear();
        app.phaseStart = p->start;
        lastTick = p->start;
    };
    const auto finishPhase = [&] {
        Phase *p = phase();
        if (!p)
            return;
        p->end = clock.nsecsElapsed();
        if (p->watchesHeaders && p->visibleRows < 0 && visibleLoaded())
            p->visibleRows = p->end;
        p->pendingAtEnd = p->opens ? int(model->pendingNumbers().size()) : 0;
        const Memory memory = readMemory();
        p->peakRssMb = qMax(p->peakRssMb, memory.rssMb);
        p->hwmMb = memory.hwmMb;
        p->slow = std::exchange(app.slow, {});
        current = -1;
    };

    // The script. Each step runs after the previous one has settled.
    // Columns sorted by while the headers load, one every 600 ms; the last
    // stays until the end of the load (and for the reopen).
    const QList<std::pair<int, Qt::SortOrder>> sortsWhileLoading = {
            {MessageListModel::FromColumn, Qt::AscendingOrder},
            {MessageListModel::SubjectColumn, Qt::DescendingOrder},
            {MessageListModel::SizeColumn, Qt::AscendingOrder},
            {MessageListModel::StateColumn, Qt::DescendingOrder},
            {MessageListModel::NumberColumn, Qt::DescendingOrder},
            {MessageListModel::DateColumn, Qt::DescendingOrder},
    };
    const QString filterText = QStringLiteral("#4242");
    QTimer sortTimer;
    sortTimer.setInterval(600);
    qsizetype nextSort = 0;
    QObject::connect(&sortTimer, &QTimer::timeout, &app, [&] {
        if (nextSort >= sortsWhileLoading.size()) {
            sortTimer.stop();
            return;
        }
        const auto [column, order] = sortsWhileLoading.at(nextSort++);
        view->sortByColumn(column, order);
    });
    enum class Step { Open, Loading, SortAfter, Filter, Reopen, Done };
    Step step = Step::Open;
    std::function<void()> afterLoad;

    const auto sortEveryColumn = [&] {
        step = Step::SortAfter;
        startPhase(QStringLiteral("sort after load"));
        auto index = std::make_shared<int>(0);
        auto *timer = new QTimer(&app);
        timer->setInterval(500);
        QObject::connect(timer, &QTimer::timeout, &app, [&, index, timer] {
            const int at = (*index)++;
            if (at < 2 * MessageListModel::ColumnCount) {
                view->sortByColumn(at / 2, at % 2 == 0 ? Qt::AscendingOrder : Qt::DescendingOrder);
                return;
            }
            timer->deleteLater();
            // Left sorted by date, newest first, for the filter and the reopen.
            view->sortByColumn(MessageListModel::DateColumn, Qt::DescendingOrder);
            QTimer::singleShot(500, &app, [&] {
                finishPhase();
                step = Step::Filter;
                startPhase(QStringLiteral("filter typing"));
                // Typed at 120 ms a key, then erased the same way.
                auto keys = std::make_shared<int>(0);
                auto *typing = new QTimer(&app);
                typing->setInterval(120);
                QObject::connect(typing, &QTimer::timeout, &app, [&, keys, typing] {
                    const int key = (*keys)++;
                    const int length = int(filterText.size());
                    if (key < 2 * length + 1) {
                        window.filterEdit()->setText(
                                filterText.first(key <= length ? key : 2 * length - key));
                        return;
                    }
                    typing->deleteLater();
                    QTimer::singleShot(500, &app, [&] {
                        finishPhase();
                        step = Step::Reopen;
                        session->commit();
                    });
                });
                typing->start();
            });
        });
        timer->start();
    };

    QObject::connect(model, &MessageListModel::allRowsInserted, &app, [&] {
        if (step != Step::Open || !phase())
            return;
        // The open ends with the last rows in the list; the headers go on.
        QTimer::singleShot(100, &app, [&] {
            finishPhase();
            step = Step::Loading;
            const bool headersShown = phases.last().visibleRows >= 0;
            const qint64 openedAt = phases.last().start;
            startPhase(QStringLiteral("load headers, sorting"));
            phase()->origin = openedAt;
            phase()->watchesHeaders = !headersShown;
            nextSort = 0;
            sortTimer.start();
        });
    });
    QObject::connect(session, &MailboxSession::previewsFinished, &app, [&] {
        if (!phase() || (step != Step::Loading && step != Step::Reopen) || phase()->allRows >= 0)
            return;
        phase()->allRows = clock.nsecsElapsed();
        // The probe keeps ticking for a moment: work queued behind the
        // last row (repaints, cache writes, a last sort) counts too.
        QTimer::singleShot(250, &app, [&] {
            sortTimer.stop();
            // The load phase takes the open's first-screen times along.
            finishPhase();
            if (step == Step::Loading)
                sortEveryColumn();
            else
                app.quit();
        });
    });
    QObject::connect(session, &MailboxSession::committed, &app, [&] {
        if (step == Step::Reopen)
            QTimer::singleShot(100, &app, [&] {
                startPhase(QStringLiteral("reopen (cache), by date"), true);
                window.openSession(settings);
            });
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
    QTimer::singleShot(200, &app, [&] {
        startPhase(QStringLiteral("open"), true);
        window.openSession(settings);
    });
    const int status = app.exec();
    probe.stop();
    server.closeWriteChannel();
    server.kill();
    server.waitForFinished(5000);
    if (status != 0)
        return status;

    QList<ColdStart> coldStarts;
    for (int i = 0; i < parser.value(coldOption).toInt(); ++i)
        coldStarts.append(runColdDemo());

    QTextStream out(stdout);
    const auto ms = [](const Phase &p, qint64 at) {
        return at < 0 ? QStringLiteral("-") : QString::number(double(at - p.origin) / 1e6, 'f', 0);
    };
    out << QStringLiteral("guiprobe: %1 messages, probe every %2 ms, QPA %3\n\n")
                    .arg(messages)
                    .arg(interval)
                    .arg(QGuiApplication::platformName());
    out << QStringLiteral("| phase | length ms | rows listed ms | first paint ms | visible headers "
                          "ms | all headers ms | max stall ms | p99 stall ms | peak RSS MB | "
                          "VmHWM MB |\n");
    out << QStringLiteral("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    bool ok = true;
    // The open's phase ends with the rows; its headers are timed in the
    // next, from the open's start.
    for (const Phase &p : std::as_const(phases)) {
        const double maxStall = qMax(0.0, p.maxGap() - interval);
        const double p99Stall = qMax(0.0, p.percentile(0.99) - interval);
        out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 |\n")
                        .arg(p.name, QString::number(double(p.end - p.start) / 1e6, 'f', 0),
                             ms(p, p.firstRows), ms(p, p.firstPaint), ms(p, p.visibleRows),
                             ms(p, p.allRows))
                        .arg(maxStall, 0, 'f', 1)
                        .arg(p99Stall, 0, 'f', 1)
                        .arg(p.peakRssMb, 0, 'f', 0)
                        .arg(p.hwmMb, 0, 'f', 0);
        ok = ok && maxStall <= TargetStallMs && p.hwmMb <= TargetRssMb;
        if (p.opens &&
            (p.firstPaint < 0 || double(p.firstPaint - p.start) / 1e6 > TargetFirstScreenMs))
            ok = false;
        if (p.pendingAtEnd > 0 && p.allRows >= 0) {
            out << QStringLiteral("  (%1 rows still pending at the end)\n").arg(p.pendingAtEnd);
            ok = false;
        }
    }
    out << QStringLiteral("\nstall histogram (probe ticks per stall length):\n\n");
    out << QStringLiteral(
            "| phase | ticks | <=4 ms | <=8 ms | <=16 ms | <=33 ms | <=50 ms | >50 ms |\n");
    out << QStringLiteral("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Phase &p : std::as_const(phases)) {
        const auto counts = p.histogram(interval);
        out << QStringLiteral("| %1 | %2").arg(p.name).arg(p.gapsMs.size());
        for (const int count : counts)
            out << QStringLiteral(" | %1").arg(count);
        out << QStringLiteral(" |\n");
    }
    if (!coldStarts.isEmpty()) {
        out << QStringLiteral(
                "\ncold start of the demo (process start to first painted list), ms:\n");
        for (const ColdStart &cold : std::as_const(coldStarts)) {
            out << QStringLiteral("  rows %1, headers %2\n")
                            .arg(cold.rowsMs, 0, 'f', 0)
                            .arg(cold.headersMs, 0, 'f', 0);
            ok = ok && cold.headersMs >= 0 && cold.headersMs <= TargetColdStartMs;
        }
    }
    const int slowCount = parser.value(slowOption).toInt();
    for (const Phase &p : std::as_const(phases)) {
        if (slowCount <= 0)
            break;
        QList<ProbeApplication::Slow> slow = p.slow;
        std::sort(slow.begin(), slow.end(),
                  [](const auto &a, const auto &b) { return a.ms > b.ms; });
        out << QStringLiteral("\nslowest event dispatches, %1 (%2 over %3 ms):\n")
                        .arg(p.name)
                        .arg(slow.size())
                        .arg(app.slowThresholdMs);
        for (const auto &event : slow.first(qMin<qsizetype>(slowCount, slow.size())))
            out << QStringLiteral("  %1 ms at %2 ms: %3\n")
                            .arg(event.ms, 0, 'f', 1)
                            .arg(event.atMs, 0, 'f', 0)
                            .arg(event.what);
    }
    out << QStringLiteral(
                   "\ntargets: max stall <= %1 ms in every phase, peak RSS (VmHWM) <= %2 MB, "
                   "first paint of rows <= %3 ms, cold start to headers <= %4 ms: %5\n")
                    .arg(TargetStallMs)
                    .arg(TargetRssMb)
                    .arg(TargetFirstScreenMs)
                    .arg(TargetColdStartMs)
                    .arg(ok ? QStringLiteral("met") : QStringLiteral("MISSED"));
    return ok ? 0 : 1;
}
