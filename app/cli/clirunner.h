#pragma once

#include "clioptions.h"
#include "pop3/pop3error.h"

#include <QFile>
#include <QObject>
#include <QPointer>

class LoginSequence;
class Pop3Connection;
class Pop3Reply;

// Runs one mailpeek-cli command: log in as far as the command needs, do
// it, end with QUIT, print results on stdout and errors on stderr, and
// report the contract's exit status through finished().
class CliRunner : public QObject
{
    Q_OBJECT
public:
    explicit CliRunner(CliInvocation invocation, QObject *parent = nullptr);

    void start();
    [[nodiscard]] int exitCode() const { return m_exitCode; }

    static int exitCodeFor(const Pop3Error &error);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void runCommand();
    void listSizeFirst(int message);
    void runDele();
    void runScan();
    void runExport();
    void whenDone(Pop3Reply *reply, void (CliRunner::*onSuccess)(Pop3Reply *));
    void printStat(Pop3Reply *reply);
    void printScanListing(Pop3Reply *reply);
    void printUidListing(Pop3Reply *reply);
    void printNothing(Pop3Reply *reply);
    // Ends the session with QUIT (queued now unless queueQuit() did it
    // already) and exits once QUIT is answered.
    void quitAndExit(int exitCode = 0);
    // QUIT behind the commands queued so far, for a command that only reads
    // and has queued its last command: on a pipelining link it leaves with
    // them instead of a round trip after their answers.
    void queueQuit();
    void onQuitAnswered();
    void failWith(const Pop3Error &error);
    void exitWith(int exitCode);
    void writeOut(QByteArrayView bytes);

    CliInvocation m_invocation;
    Pop3Connection *m_connection = nullptr;
    LoginSequence *m_login = nullptr;
    QFile m_stdout;
    int m_exitCode = 0;
    bool m_done = false;
    QPointer<Pop3Reply> m_quit;
    bool m_quitAnswered = false;
    bool m_exitAfterQuit = false; // quitAndExit() was called
    int m_exitCodeAfterQuit = 0;
};
