#include "passwordsource.h"

#include <QProcess>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace {
QString firstLine(const QByteArray &output)
{
    QByteArray line = output;
    const qsizetype newline = line.indexOf('\n');
    if (newline >= 0)
        line.truncate(newline);
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

bool promptOnTerminal(const QString &prompt, QString *secret, QString *error)
{
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        *error = QStringLiteral("no password: set MAILPEEK_PASSWORD or --password-command "
                                "(no terminal to prompt on)");
        return false;
    }
    const QByteArray text = prompt.toUtf8();
    (void)!::write(tty, text.constData(), size_t(text.size()));
    termios saved{};
    const bool isTerminal = ::tcgetattr(tty, &saved) == 0;
    if (isTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && line.size() < 4096)
        line.append(c);
    if (isTerminal)
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    (void)!::write(tty, "\n", 1);
    ::close(tty);
    *secret = firstLine(line);
    return true;
}

// Once read, MAILPEEK_PASSWORD is wiped where the initial environment lies
// (the string getenv() points at is in the block /proc/<pid>/environ shows,
// to root even when the process is not dumpable) and removed, so no child
// process inherits it.
void forgetEnvironmentSecret()
{
    if (char *value = std::getenv("MAILPEEK_PASSWORD"))
        ::explicit_bzero(value, std::strlen(value));
    ::unsetenv("MAILPEEK_PASSWORD");
}
} // namespace

bool obtainSecret(const QString &passwordCommand, const QString &prompt, QString *secret,
                  QString *error)
{
    if (qEnvironmentVariableIsSet("MAILPEEK_PASSWORD")) {
        *secret = qEnvironmentVariable("MAILPEEK_PASSWORD");
        forgetEnvironmentSecret();
        return true;
    }
    if (!passwordCommand.isEmpty()) {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), passwordCommand});
        // The CLI may block here: this is app code, before any connection.
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            *error = QStringLiteral("--password-command failed (exit code %1)")
                             .arg(process.exitCode());
            return false;
        }
        *secret = firstLine(process.readAllStandardOutput());
        return true;
    }
    return promptOnTerminal(prompt, secret, error);
}
