#include "clioptions.h"

#include "export/exporttarget.h"
#include "export/messagerange.h"

#include "demo/demoserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {
void printError(const QString &text)
{
    std::fprintf(stderr, "mailpeek-cli: %s\n", qPrintable(text));
}

bool isPositiveNumber(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0;
}

bool isCount(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0;
}

const char *const CommandSummary =
        "Commands:\n"
        "  welcome               print the server's greeting\n"
        "  capa                  print the server's capabilities, one a line\n"
        "  stat                  print COUNT OCTETS\n"
        "  list [N]              print N OCTETS lines (one line with N)\n"
        "  uidl [N]              print N UID lines (one line with N)\n"
        "  top N LINES           print the headers and LINES body lines of message N\n"
        "  retr N                print message N (octets as stored, CRLF kept)\n"
        "  dele N...             delete messages; committed by the QUIT ending the run\n"
        "  noop                  keep-alive\n"
        "  rset                  clear deletion marks\n"
        "  scan                  one line a message: N OCTETS UID DATE FROM SUBJECT (TABs)\n"
        "  export --to maildir:DIR|mbox:FILE|eml:DIR [--only-new] [--delete] [--messages N,M-K]\n"
        "\n"
        "The password (or OAuth token) comes from MAILPEEK_PASSWORD, else from\n"
        "--password-command, else an interactive prompt; never from the command line.\n"
        "\n"
        "Exit status: 0 success; 1 the server said -ERR; 2 usage; 3 network, TLS or\n"
        "timeout; 4 protocol violation by the server; 5 local I/O.";
} // namespace

bool parseCommandLine(const QStringList &arguments, CliInvocation *invocation, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mailpeek's command-line POP3 client.\n\n%1")
                                             .arg(QLatin1String(CommandSummary)));
    // Options after the command belong to it (`export --to ...`).
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption host({QStringLiteral("host")}, QStringLiteral("Server host name."),
                                  QStringLiteral("H"), QStringLiteral("localhost"));
    const QCommandLineOption port(
            {QStringLiteral("port")},
            QStringLiteral("Server port (default 995 for tls, 110 otherwise)."),
            QStringLiteral("P"));
    const QCommandLineOption security(
            {QStringLiteral("security")},
            QStringLiteral(
                    "tls (implicit TLS, default), starttls (STLS, fails if refused) or none."),
            QStringLiteral("tls|starttls|none"), QStringLiteral("tls"));
    const QCommandLineOption user({QStringLiteral("user")}, QStringLiteral("User name."),
                                  QStringLiteral("U"));
    const QCommandLineOption auth(
            {QStringLiteral("auth")},
            QStringLiteral(
                    "auto (default: strongest safe mechanism), user, apop, rpop, plain, login, "
                    "cram-md5, scram-sha-1, scram-sha-256, xoauth2 or oauthbearer."),
            QStringLiteral("METHOD"), QStringLiteral("auto"));
    const QCommandLineOption caFile(
            {QStringLiteral("ca-file")},
            QStringLiteral("Also trust the CA certificates in this PEM file."),
            QStringLiteral("PEM"));
    const QCommandLineOption clientCert({QStringLiteral("client-cert")},
                                        QStringLiteral("Client certificate (PEM) for TLS."),
                                        QStringLiteral("PEM"));
    const QCommandLineOption clientKey(
            {QStringLiteral("client-key")},
            QStringLiteral("Private key (PEM) of the client certificate."), QStringLiteral("PEM"));
    const QCommandLineOption timeout({QStringLiteral("timeout")},
                                     QStringLiteral("Seconds to wait for the server (default 60)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("60"));
    const QCommandLineOption minRate(
            {QStringLiteral("min-rate")},
            QStringLiteral("Fail an answer (a message, a listing) that arrives more slowly than "
                           "BYTES per second on average, after a head start of --timeout "
                           "(default %1; 0 turns the check off).")
                    .arg(Pop3Connection::DefaultMinTransferRate),
            QStringLiteral("BYTES"), QString::number(Pop3Connection::DefaultMinTransferRate));
    const QCommandLineOption debug({QStringLiteral("debug")},
                                   QStringLiteral("0 quiet, 1 one line per command, 2 every line "
                                                  "(on stderr, secrets masked)."),
                                   QStringLiteral("0|1|2"), QStringLiteral("0"));
    const QCommandLineOption passwordCommand(
            {QStringLiteral("password-command")},
            QStringLiteral(
                    "Run CMD with /bin/sh and use the first line it prints as the password."),
            QStringLiteral("CMD"));
    const QCommandLineOption noPipelining({QStringLiteral("no-pipelining")},
                                          QStringLiteral("Send commands one at a time even if the "
                                                         "server offers PIPELINING."));
    const QCommandLineOption exportTo({QStringLiteral("to")},
                                      QStringLiteral("export: maildir:DIR, mbox:FILE or eml:DIR."),
                                      QStringLiteral("TARGET"));
    const QCommandLineOption onlyNew({QStringLiteral("only-new")},
                                     QStringLiteral("export: skip messages exported before."));
    const QCommandLineOption deleteAfter(
            {QStringLiteral("delete")},
            QStringLiteral(
                    "export: delete each message from the server once it is safely written."));
    const QCommandLineOption messages({QStringLiteral("messages")},
                                      QStringLiteral("export: only these messages, e.g. 1,4-7."),
                                      QStringLiteral("N,M-K"));
    const QCommandLineOption demo(
            {QStringLiteral("demo")},
            QStringLiteral("Use the built-in demo mailbox (a POP3 server inside this process)."));
    parser.addOptions({host, port, security, user, auth, caFile, clientCert, clientKey, timeout,
                       minRate, debug, passwordCommand, noPipelining, exportTo, onlyNew,
                       deleteAfter, messages, demo});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("welcome, capa, stat, list, uidl, top, retr, dele, "
                                                "noop, rset, scan or export."));
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("The command's arguments."),
                                 QStringLiteral("[args...]"));

    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitCode = 0;
        return false;
    }
    if (parser.isSet(versionOption)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        *exitCode = 0;
        return false;
    }

    ConnectionSettings &settings = invocation->settings;
    settings.host = parser.value(host);
    const QString securityText = parser.value(security).toLower();
    if (securityText == QLatin1String("tls")) {
        settings.security = Pop3Connection::Security::ImplicitTls;
    } else if (securityText == QLatin1String("starttls")) {
        settings.security = Pop3Connection::Security::StartTls;
    } else if (securityText == QLatin1String("none")) {
        settings.security = Pop3Connection::Security::None;
    } else {
        printError(QStringLiteral("--security must be tls, starttls or none"));
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value == 0 || value > 65535) {
            printError(QStringLiteral("--port must be a number from 1 to 65535"));
            *exitCode = 2;
            return false;
        }
        settings.port = quint16(value);
    }
    settings.user = parser.value(user);
    if (!ConnectionSettings::parseAuthMethod(parser.value(auth), &settings.authMethod,
                                             &settings.saslMechanism)) {
        printError(QStringLiteral("unknown --auth method: %1").arg(parser.value(auth)));
        *exitCode = 2;
        return false;
    }
    settings.caFile = parser.value(caFile);
    settings.clientCertificateFile = parser.value(clientCert);
    settings.clientKeyFile = parser.value(clientKey);
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400) {
        printError(QStringLiteral("--timeout must be a number of seconds above 0"));
        *exitCode = 2;
        return false;
    }
    settings.timeoutMs = int(seconds * 1000);
    settings.connectTimeoutMs = settings.timeoutMs;
    const qint64 rate = parser.value(minRate).toLongLong(&ok);
    if (!ok || rate < 0) {
        printError(QStringLiteral("--min-rate must be a number of bytes per second, 0 or more"));
        *exitCode = 2;
        return false;
    }
    settings.minTransferRate = rate;
    const int level = parser.value(debug).toInt(&ok);
    if (!ok || level < 0 || level > 2) {
        printError(QStringLiteral("--debug must be 0, 1 or 2"));
        *exitCode = 2;
        return false;
    }
    settings.debugLevel = level;
    settings.pipelining = !parser.isSet(noPipelining);
    invocation->passwordCommand = parser.value(passwordCommand);
    invocation->exportTarget = parser.value(exportTo);
    invocation->onlyNew = parser.isSet(onlyNew);
    invocation->deleteAfterExport = parser.isSet(deleteAfter);
    invocation->messageRange = parser.value(messages);
    if (parser.isSet(demo)) {
        // The demo account replaces the connection options; main() fills in
        // the port once the server listens.
        invocation->demo = true;
        const ConnectionSettings chosen = settings;
        settings = DemoServer::demoSettings(0);
        settings.timeoutMs = chosen.timeoutMs;
        settings.connectTimeoutMs = chosen.connectTimeoutMs;
        settings.minTransferRate = chosen.minTransferRate;
        settings.debugLevel = chosen.debugLevel;
        settings.pipelining = chosen.pipelining;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        printError(QStringLiteral("no command given (try --help)"));
        *exitCode = 2;
        return false;
    }
    invocation->command = positional.first().toLower();
    invocation->arguments = positional.mid(1);
    QString error;
    if (!validateCommandArguments(*invocation, &error)) {
        printError(error);
        *exitCode = 2;
        return false;
    }
    return true;
}

bool validateCommandArguments(const CliInvocation &invocation, QString *error)
{
    const QString &command = invocation.command;
    const QStringList &args = invocation.arguments;
    const auto expect = [&](bool valid, const char *usage) {
        if (!valid)
            *error = QStringLiteral("usage: mailpeek-cli [options] %1").arg(QLatin1String(usage));
        return valid;
    };
    if (command == QLatin1String("welcome") || command == QLatin1String("capa") ||
        command == QLatin1String("stat") || command == QLatin1String("noop") ||
        command == QLatin1String("rset") || command == QLatin1String("scan")) {
        return expect(args.isEmpty(), qPrintable(command));
    }
    if (command == QLatin1String("list") || command == QLatin1String("uidl")) {
        return expect(args.isEmpty() || (args.size() == 1 && isPositiveNumber(args.first())),
                      command == QLatin1String("list") ? "list [N]" : "uidl [N]");
    }
    if (command == QLatin1String("top")) {
        return expect(args.size() == 2 && isPositiveNumber(args.at(0)) && isCount(args.at(1)),
                      "top N LINES");
    }
    if (command == QLatin1String("retr"))
        return expect(args.size() == 1 && isPositiveNumber(args.first()), "retr N");
    if (command == QLatin1String("dele")) {
        return expect(!args.isEmpty() && std::all_of(args.begin(), args.end(), isPositiveNumber),
                      "dele N...");
    }
    if (command == QLatin1String("export")) {
        if (!expect(args.isEmpty() && !invocation.exportTarget.isEmpty(),
                    "export --to maildir:DIR|mbox:FILE|eml:DIR [--only-new] [--delete] "
                    "[--messages N,M-K]")) {
            return false;
        }
        // Checked before connecting: a typo must not cost a login.
        QString problem;
        if (!ExportTarget::parse(invocation.exportTarget, &problem).isValid()) {
            *error = QStringLiteral("--to: %1").arg(problem);
            return false;
        }
        if (!invocation.messageRange.isEmpty()) {
            if (!MessageRange::parse(invocation.messageRange, &problem).isValid()) {
                *error = QStringLiteral("--messages: %1").arg(problem);
                return false;
            }
        }
        return true;
    }
    *error = QStringLiteral("unknown command \"%1\" (try --help)").arg(command);
    return false;
}
