#include "pop3commands.h"

#include "auth/saslmechanism.h"
#include "pop3/pop3connection.h"

#include <QSignalSpy>

namespace Pop3Commands {

Pop3Reply *issue(Pop3Connection &connection, const QString &verb, const QVariantList &args,
                 QIODevice *output)
{
    const auto text = [&](int i) {
        return args.value(i).toString();
    };
    const auto number = [&](int i) {
        return args.value(i).toInt();
    };
    const bool bare = args.isEmpty();
    if (verb == QLatin1String("user"))
        return connection.user(text(0));
    if (verb == QLatin1String("pass"))
        return connection.pass(text(0));
    if (verb == QLatin1String("apop"))
        return connection.apop(text(0), text(1));
    if (verb == QLatin1String("rpop"))
        return connection.rpop(text(0));
    if (verb == QLatin1String("stat"))
        return connection.stat();
    if (verb == QLatin1String("list"))
        return bare ? connection.list() : connection.list(number(0));
    if (verb == QLatin1String("uidl"))
        return bare ? connection.uidl() : connection.uidl(number(0));
    if (verb == QLatin1String("retr"))
        return connection.retr(number(0), output);
    if (verb == QLatin1String("top"))
        return connection.top(number(0), number(1), output);
    if (verb == QLatin1String("dele"))
        return connection.dele(number(0));
    if (verb == QLatin1String("rset"))
        return connection.rset();
    if (verb == QLatin1String("noop"))
        return connection.noop();
    if (verb == QLatin1String("quit"))
        return connection.quit();
    if (verb == QLatin1String("utf8"))
        return connection.utf8();
    if (verb == QLatin1String("lang"))
        return connection.lang(text(0));
    if (verb == QLatin1String("capa"))
        return connection.capa();
    if (verb == QLatin1String("stls"))
        return connection.stls();
    if (verb == QLatin1String("auth")) {
        SaslCredentials credentials;
        credentials.user = text(1);
        credentials.secret = text(2);
        return connection.auth(Sasl::create(text(0).toLatin1(), credentials));
    }
    qFatal("unknown command in test table: %s", qPrintable(verb));
    return nullptr;
}

Pop3Reply *issue(Pop3Connection &connection, const QStringList &command, QIODevice *output)
{
    QVariantList args;
    for (qsizetype i = 1; i < command.size(); ++i)
        args.append(command.at(i));
    return issue(connection, command.value(0), args, output);
}

bool waitFinished(Pop3Reply *reply, int ms)
{
    if (reply->isFinished())
        return true;
    QSignalSpy finished(reply, &Pop3Reply::finished);
    return finished.wait(ms) || reply->isFinished();
}

} // namespace Pop3Commands
