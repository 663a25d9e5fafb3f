#include "clioptions.h"
#include "clirunner.h"
#include "crashguard.h"
#include "demo/demoserver.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // Before anything reads the password (MAILPEEK_PASSWORD, the prompt).
    CrashGuard::install("mailpeek-cli");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mailpeek-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mailpeek"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILPEEK_VERSION));

    CliInvocation invocation;
    int exitCode = 0;
    if (!parseCommandLine(QCoreApplication::arguments(), &invocation, &exitCode))
        return exitCode;

    std::unique_ptr<DemoServer> demo;
    if (invocation.demo) {
        demo = std::make_unique<DemoServer>();
        QString error;
        if (!demo->listen(&error)) {
            std::fprintf(stderr, "mailpeek-cli: %s\n", qPrintable(error));
            return 3;
        }
        invocation.settings.port = demo->port();
        // The demo account carries its own secret, so a real account's
        // password in MAILPEEK_PASSWORD is never read, let alone sent.
        invocation.settings.secret = DemoServer::password();
    }

    CliRunner runner(std::move(invocation));
    QObject::connect(&runner, &CliRunner::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    runner.start();
    return QCoreApplication::exec();
}
