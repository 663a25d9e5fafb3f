#pragma once

// runCli(): runs the real mailpeek-cli from a test and collects its exit code
// and both output streams.

#include <QByteArray>
#include <QString>
#include <QStringList>

struct CliResult
{
    int exitCode = -1; // -2: the CLI crashed; -1: it did not finish in time
    QByteArray out;
    QByteArray err;
    bool finished = false; // false: killed after the timeout
    bool crashed = false;
};

struct CliRunOptions
{
    // MAILPEEK_PASSWORD for the run; a null string removes it, so a test
    // never picks up the password of the shell it runs in.
    QString password{};
    // More NAME=VALUE entries for the CLI's environment.
    QStringList environment{};
    int timeoutMs = 60000;
    // Wait with the event loop running: needed when the server the CLI talks
    // to (a FakePop3Server) runs in the test's own thread.
    bool runEventLoop = false;
};

// stdin is the null device: a CLI that needs a password must fail, never prompt.
CliResult runCli(const QStringList &arguments, const CliRunOptions &options = {});
