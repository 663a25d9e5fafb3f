#include "exportscripts.h"

#include "fakepop3server.h"

namespace ExportScripts {

Script greetingAndLogin(bool pipelining)
{
    Script lines{"S: +OK ready"};
    if (pipelining)
        lines += Script{"C: CAPA", "S: +OK", "S: PIPELINING", "S: UIDL", "S: ."};
    return lines + Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in"};
}

Script listing(const QList<QByteArray> &messages, bool uidl)
{
    Script lines{"C: LIST", "S: +OK"};
    for (int n = 1; n <= messages.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + ' ' +
                     QByteArray::number(messages[n - 1].size()));
    lines += Script{"S: .", "C: UIDL"};
    if (!uidl)
        return lines + Script{"S: -ERR unknown command"};
    lines.append("S: +OK");
    for (int n = 1; n <= messages.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " uid-" + QByteArray::number(n));
    return lines + Script{"S: ."};
}

Script retr(int n, const QByteArray &bytes, bool announceSize)
{
    const QByteArray status =
            announceSize ? "S: +OK " + QByteArray::number(bytes.size()) : QByteArray("S: +OK");
    return {"C: RETR " + QByteArray::number(n), status, FakePop3Server::multiline(bytes)};
}

Script dele(int n)
{
    return {"C: DELE " + QByteArray::number(n), "S: +OK marked"};
}

Script quitOk()
{
    return {"C: QUIT", "S: +OK bye", "X"};
}

} // namespace ExportScripts
