#include "clirunner.h"

#include "export/exportjob.h"
#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "export/messagerange.h"
#include "exportprogress.h"
#include "passwordsource.h"
#include "pop3/mailboxlisting.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"
#include "session/exportaccount.h"
#include "session/loginsequence.h"
#include "session/scanjob.h"

#include <QDir>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {
void printError(const QString &text)
{
    std::fprintf(stderr, "mailpeek-cli: %s\n", qPrintable(text));
    std::fflush(stderr);
}

QString tabFree(QString text)
{
    // HeaderSummary already strips controls; this keeps the format safe
    // even for the UID, which comes straight from the server.
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text;
}
} // namespace

CliRunner::CliRunner(CliInvocation invocation, QObject *parent)
    : QObject(parent)
    , m_invocation(std::move(invocation))
{
    m_stdout.open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle);
}

int CliRunner::exitCodeFor(const Pop3Error &error)
{
    switch (error.kind()) {
    case Pop3Error::Kind::None:
        return 0;
    case Pop3Error::Kind::Server:
    case Pop3Error::Kind::Authentication:
        return 1;
    case Pop3Error::Kind::Network:
    case Pop3Error::Kind::Tls:
    case Pop3Error::Kind::Timeout:
    case Pop3Error::Kind::Cancelled:
        return 3;
    case Pop3Error::Kind::Protocol:
        return 4;
    case Pop3Error::Kind::LocalIo:
        return 5;
    }
    return 3;
}

void CliRunner::start()
{
    const QString &command = m_invocation.command;
    LoginSequence::Goal goal = LoginSequence::Goal::LoggedIn;
    if (command == QLatin1String("welcome"))
        goal = LoginSequence::Goal::Greeting;
    else if (command == QLatin1String("capa"))
        goal = LoginSequence::Goal::Capabilities;

    if (goal == LoginSequence::Goal::LoggedIn) {
        if (m_invocation.settings.user.isEmpty()) {
            printError(QStringLiteral("--user is needed for %1").arg(command));
            exitWith(2);
            return;
        }
        QString error;
        // The secret may already be set (the demo account carries its own).
        if (m_invocation.settings.authMethod != ConnectionSettings::AuthMethod::Rpop &&
            m_invocation.settings.secret.isEmpty() &&
            !obtainSecret(m_invocation.passwordCommand,
                          QStringLiteral("Password for %1@%2: ")
                                  .arg(m_invocation.settings.user, m_invocation.settings.host),
                          &m_invocation.settings.secret, &error)) {
            printError(error);
            exitWith(2);
            return;
        }
    }

    m_connection = new Pop3Connection(this);
    connect(m_connection, &Pop3Connection::debugMessage, this,
            [](const QString &line) { std::fprintf(stderr, "%s\n", qPrintable(line)); });
    m_login = new LoginSequence(m_connection, m_invocation.settings, this);
    connect(m_login, &LoginSequence::finished, this, [this](const Pop3Error &error) {
        if (error.isError()) {
            failWith(error);
            return;
        }
        runCommand();
    });
    m_login->start(goal);
}

void CliRunner::runCommand()
{
    const QString &command = m_invocation.command;
    const QStringList &args = m_invocation.arguments;
    const int first = args.isEmpty() ? 0 : args.first().toInt();

    if (command == QLatin1String("welcome")) {
        writeOut(m_connection->welcome());
        writeOut("\n");
        quitAndExit();
    } else if (command == QLatin1String("capa")) {
        for (const QByteArray &line : m_connection->capabilities().lines()) {
            writeOut(line);
            writeOut("\n");
        }
        quitAndExit();
    } else if (command == QLatin1String("stat")) {
        whenDone(m_connection->stat(), &CliRunner::printStat);
    } else if (command == QLatin1String("list")) {
        whenDone(args.isEmpty() ? m_connection->list() : m_connection->list(first),
                 &CliRunner::printScanListing);
    } else if (command == QLatin1String("uidl")) {
        whenDone(args.isEmpty() ? m_connection->uidl() : m_connection->uidl(first),
                 &CliRunner::printUidListing);
    } else if (command == QLatin1String("top")) {
        listSizeFirst(first);
        m_stdout.flush();
        whenDone(m_connection->top(first, args.at(1).toInt(), &m_stdout), &CliRunner::printNothing);
    } else if (command == QLatin1String("retr")) {
        listSizeFirst(first);
        whenDone(m_connection->retr(first, &m_stdout), &CliRunner::printNothing);
    } else if (command == QLatin1String("noop")) {
        whenDone(m_connection->noop(), &CliRunner::printNothing);
    } else if (command == QLatin1String("rset")) {
        whenDone(m_connection->rset(), &CliRunner::printNothing);
    } else if (command == QLatin1String("dele")) {
        runDele();
    } else if (command == QLatin1String("scan")) {
        runScan();
    } else if (command == QLatin1String("export")) {
        runExport();
    }
}

void CliRunner::listSizeFirst(int message)
{
    // LIST n ahead of RETR/TOP (in the same write when the server pipelines)
    // tells the connection the message's size, so a body far larger is
    // stopped (ListedSizes). Its answer is for that only: what is printed
    // and the exit status still come from RETR/TOP alone, exactly as
    // without it, whatever LIST n says (-ERR included).
    Pop3Reply *size = m_connection->list(message);
    connect(size, &Pop3Reply::finished, size, &QObject::deleteLater);
}

void CliRunner::whenDone(Pop3Reply *reply, void (CliRunner::*onSuccess)(Pop3Reply *))
{
    connect(reply, &Pop3Reply::finished, this, [this, reply, onSuccess] {
        reply->deleteLater();
        if (reply->hasError()) {
            failWith(reply->error());
            return;
        }
        (this->*onSuccess)(reply);
        quitAndExit();
    });
}

void CliRunner::printStat(Pop3Reply *reply)
{
    const MailboxStat stat = reply->stat();
    writeOut(QByteArray::number(stat.count) + ' ' + QByteArray::number(stat.octets) + '\n');
}

void CliRunner::printScanListing(Pop3Reply *reply)
{
    QByteArray out;
    for (const ScanEntry &entry : reply->scanListing())
        out += QByteArray::number(entry.number) + ' ' + QByteArray::number(entry.octets) + '\n';
    writeOut(out);
}

void CliRunner::printUidListing(Pop3Reply *reply)
{
    // `uidl` shows what the server said: a unique-id shared by several
    // messages is printed for each of them, as sent (only scan and the GUI
    // refuse to key on it). A line that cannot be printed as `N UID` (not
    // 1-70 printable octets, or a message number listed twice, so neither
    // line can be trusted) is skipped with one notice on stderr; the exit
    // status stays that of the command.
    struct Line
    {
        int number;
        QByteArray uid;
    };
    QList<Line> lines;
    lines.reserve(reply->uniqueIdListing().size() + reply->unusableUniqueIds().size());
    for (const UniqueIdEntry &entry : reply->uniqueIdListing())
        lines.append({entry.number, entry.uid});
    QList<int> skipped;
    int unnumbered = 0;
    for (const UnusableUniqueId &entry : reply->unusableUniqueIds()) {
        if (entry.reason == UnusableUniqueId::Reason::Shared)
            lines.append({entry.number, entry.uid});
        else if (entry.number > 0)
            skipped.append(entry.number);
        else
            ++unnumbered;
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line &a, const Line &b) { return a.number < b.number; });
    QByteArray out;
    for (const Line &line : std::as_const(lines))
        out += QByteArray::number(line.number) + ' ' + line.uid + '\n';
    writeOut(out);
    if (!skipped.isEmpty() || unnumbered > 0) {
        QString text = QStringLiteral("uidl: skipped %1 unusable line(s) of the server's answer")
                               .arg(skipped.size() + unnumbered);
        if (!skipped.isEmpty())
            text += QStringLiteral(" (messages %1)").arg(MailboxListing::numberList(skipped));
        printError(text + QStringLiteral(": malformed, or a message number listed twice"));
    }
}

void CliRunner::printNothing(Pop3Reply *reply)
{
    Q_UNUSED(reply);
}

void CliRunner::runDele()
{
    // All or nothing: if the server refuses any DELE, RSET undoes the
    // others before QUIT, so a typo never leaves a half-done deletion.
    auto outstanding = std::make_shared<int>(int(m_invocation.arguments.size()));
    auto firstError = std::make_shared<Pop3Error>();
    for (const QString &arg : std::as_const(m_invocation.arguments)) {
        Pop3Reply *reply = m_connection->dele(arg.toInt());
        connect(reply, &Pop3Reply::finished, this, [this, reply, outstanding, firstError] {
            reply->deleteLater();
            if (reply->hasError() && !firstError->isError())
                *firstError = reply->error();
            if (--*outstanding > 0 || m_done)
                return;
            if (!firstError->isError()) {
                quitAndExit();
                return;
            }
            printError(QStringLiteral("%1; no message was deleted").arg(firstError->errorString()));
            const int code = exitCodeFor(*firstError);
            Pop3Reply *reset = m_connection->rset();
            connect(reset, &Pop3Reply::finished, this, [this, reset, code] {
                reset->deleteLater();
                if (reset->hasError()) {
                    // Without RSET the QUIT would commit the others: abort
                    // instead, which deletes nothing.
                    m_connection->abort();
                    exitWith(code);
                    return;
                }
                quitAndExit(code);
            });
        });
    }
}

void CliRunner::runScan()
{
    auto *job = new ScanJob(m_connection, this);
    connect(job, &ScanJob::rowReady, this, [this](const ScanRow &row) {
        // Headers the server could not give (no TOP, or TOP refused) show
        // as `-` in DATE, FROM and SUBJECT. DATE is otherwise an ISO 8601
        // date or empty (no or unreadable Date header), so a `-` there tells
        // a script the headers are unavailable. The UID is empty when the
        // message has no usable unique-id.
        const QString unavailable = QStringLiteral("-");
        const QString line =
                QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n")
                        .arg(row.number)
                        .arg(row.octets)
                        .arg(tabFree(QString::fromLatin1(row.uid)),
                             row.headersAvailable ? row.headers.dateForScan() : unavailable,
                             row.headersAvailable ? tabFree(row.headers.from) : unavailable,
                             row.headersAvailable ? tabFree(row.headers.subject) : unavailable);
        writeOut(line.toUtf8());
    });
    connect(job, &ScanJob::rowFailed, this, [](int number, const Pop3Error &error) {
        printError(QStringLiteral("message %1: %2").arg(number).arg(error.errorString()));
    });
    connect(job, &ScanJob::notice, this,
            [](const QString &text) { printError(QStringLiteral("scan: %1").arg(text)); });
    // A scan only reads: QUIT can go out with the TOPs. Its answer is acted
    // on only after the scan has finished, so output and exit status are
    // what they were with QUIT sent after the last row.
    connect(job, &ScanJob::commandsQueued, this, &CliRunner::queueQuit);
    connect(job, &ScanJob::finished, this, [this](const Pop3Error &error) {
        if (error.isError()) {
            failWith(error);
            return;
        }
        quitAndExit();
    });
    job->start();
}

void CliRunner::runExport()
{
    QString error;
    const ExportTarget target = ExportTarget::parse(m_invocation.exportTarget, &error);
    if (!target.isValid()) {
        printError(error);
        quitAndExit(2);
        return;
    }
    ExportJob::Options options;
    options.onlyNew = m_invocation.onlyNew;
    options.deleteAfter = m_invocation.deleteAfterExport;
    options.messages = MessageRange::parse(m_invocation.messageRange, &error);
    if (!options.messages.isValid()) {
        printError(error);
        quitAndExit(2);
        return;
    }

    // MAILPEEK_STATE_DIR moves the journal (tests, several independent
    // backups); otherwise it lives in the XDG data directory.
    const QString stateDir = qEnvironmentVariable("MAILPEEK_STATE_DIR");
    auto store = std::make_shared<ExportStateStore>(
            stateDir.isEmpty() ? QString()
                               : QDir(stateDir).filePath(QStringLiteral("export-state.journal")));
    std::shared_ptr<MessageSink> sink = target.createSink();
    auto bar = std::make_shared<ExportProgress>(ExportProgress::terminalStream());

    auto *job = new ExportJob(m_connection, sink.get(), store.get(), this);
    job->setAccount(exportAccountOf(m_invocation.settings));
    job->setOptions(options);
    connect(job, &ExportJob::progress, this, [bar](int done, int total, qint64 bytes, qint64 all) {
        bar->update(done, total, bytes, all);
    });
    connect(job, &ExportJob::notice, this, [bar](const QString &text) {
        bar->clear();
        printError(text);
    });
    // The lambda keeps sink and store alive until the job is gone.
    connect(job, &ExportJob::finished, this,
            [this, job, sink, store, bar](const Pop3Error &outcome) {
                bar->clear();
                const ExportJob::Summary &summary = job->summary();
                if (outcome.isError())
                    printError(outcome.errorString());
                QString line = QStringLiteral("exported %1, skipped %2, deleted %3")
                                       .arg(summary.exported)
                                       .arg(summary.skipped)
                                       .arg(summary.deleted);
                if (summary.failed > 0)
                    line += QStringLiteral(", failed %1").arg(summary.failed);
                line += QStringLiteral(", %1 bytes, %2 seconds\n")
                                .arg(summary.bytes)
                                .arg(summary.seconds, 0, 'f', 2);
                writeOut(line.toUtf8());
                job->deleteLater();
                exitWith(exitCodeFor(outcome));
            });
    job->start();
}

void CliRunner::quitAndExit(int exitCode)
{
    m_stdout.flush();
    if (!m_quit && m_connection->state() == Pop3Connection::State::Unconnected) {
        exitWith(exitCode);
        return;
    }
    m_exitAfterQuit = true;
    m_exitCodeAfterQuit = exitCode;
    queueQuit();
    if (m_quitAnswered)
        onQuitAnswered();
}

void CliRunner::queueQuit()
{
    if (m_quit || m_connection->state() == Pop3Connection::State::Unconnected)
        return;
    m_quit = m_connection->quit();
    connect(m_quit, &Pop3Reply::finished, this, [this] {
        m_quitAnswered = true;
        if (m_exitAfterQuit)
            onQuitAnswered();
    });
}

void CliRunner::onQuitAnswered()
{
    Pop3Reply *quit = m_quit;
    if (!quit)
        return;
    quit->deleteLater();
    m_quit = nullptr;
    const int exitCode = m_exitCodeAfterQuit;
    if (quit->hasError()) {
        // For dele this matters: nothing is committed without QUIT's +OK.
        const QString what = m_invocation.command == QLatin1String("dele")
                ? QStringLiteral("QUIT failed, so the server did not confirm the deletions: %1")
                : QStringLiteral("QUIT failed: %1");
        printError(what.arg(quit->errorString()));
        exitWith(exitCode != 0 ? exitCode : exitCodeFor(quit->error()));
        return;
    }
    exitWith(exitCode);
}

void CliRunner::failWith(const Pop3Error &error)
{
    if (m_done)
        return;
    printError(error.errorString());
    const int code = exitCodeFor(error);
    // The session may still be usable (a -ERR): end it politely, but never
    // commit anything the user did not ask for; dele handles its own RSET.
    if (m_connection && m_connection->state() == Pop3Connection::State::Transaction &&
        error.kind() == Pop3Error::Kind::Server) {
        quitAndExit(code);
        return;
    }
    if (m_connection)
        m_connection->abort();
    exitWith(code);
}

void CliRunner::exitWith(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_exitCode = exitCode;
    m_stdout.flush();
    Q_EMIT finished(exitCode);
}

void CliRunner::writeOut(QByteArrayView bytes)
{
    m_stdout.write(bytes.data(), bytes.size());
}
