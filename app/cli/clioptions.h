#pragma once

#include "session/connectionsettings.h"

#include <QString>
#include <QStringList>

// The parsed command line of mailpeek-cli (the contract in DESIGN.md).
struct CliInvocation
{
    ConnectionSettings settings;
    QString command;
    QStringList arguments;
    QString passwordCommand;
    // Options of `export`.
    QString exportTarget;
    bool onlyNew = false;
    bool deleteAfterExport = false;
    QString messageRange;
    // --demo: talk to the built-in DemoServer that main() starts.
    bool demo = false;
};

// Parses argv. On --help/--version prints and sets *exitCode to 0; on a
// usage error prints to stderr and sets *exitCode to 2. Returns true when
// the invocation should run.
bool parseCommandLine(const QStringList &arguments, CliInvocation *invocation, int *exitCode);

// Every command the CLI knows, with the number of arguments it takes.
bool validateCommandArguments(const CliInvocation &invocation, QString *error);
