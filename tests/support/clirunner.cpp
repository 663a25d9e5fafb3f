#include "clirunner.h"

#include <QProcess>
#include <QSignalSpy>

CliResult runCli(const QStringList &arguments, const CliRunOptions &options)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("MAILPEEK_PASSWORD"));
    if (!options.password.isNull())
        environment.insert(QStringLiteral("MAILPEEK_PASSWORD"), options.password);
    for (const QString &entry : options.environment)
        environment.insert(entry.section(QLatin1Char('='), 0, 0),
                           entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(MAILPEEK_CLI_PATH), arguments);
    const bool ended = options.runEventLoop ? finished.wait(options.timeoutMs)
                                            : process.waitForFinished(options.timeoutMs);
    CliResult result;
    if (!ended) {
        process.kill();
        process.waitForFinished();
        result.err = QByteArray("mailpeek-cli did not finish within ") +
                QByteArray::number(options.timeoutMs / 1000) + " s";
        return result;
    }
    result.finished = true;
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = result.crashed ? -2 : process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
