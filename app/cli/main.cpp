#include "clioptions.h"
#include "clirunner.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mailpeek-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mailpeek"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILPEEK_VERSION));

    CliInvocation invocation;
    int exitCode = 0;
    if (!parseCommandLine(QCoreApplication::arguments(), &invocation, &exitCode))
        return exitCode;

    CliRunner runner(std::move(invocation));
    QObject::connect(&runner, &CliRunner::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    runner.start();
    return QCoreApplication::exec();
}
