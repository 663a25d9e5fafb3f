#include "exportscripts.h"

#include "fakepop3server.h"

namespace ExportScripts {

QByteArray message(int n)
{
    const QByteArray num = QByteArray::number(n);
    return "Return-Path: <s" + num + "@example.org>\r\nFrom: Sender " + num + " <s" + num +
            "@example.org>\r\nSubject: Message " + num + "\r\nDate: Tue, 2 Jan 2024 10:0" +
            QByteArray::number(n % 10) + ":00 +0000\r\nMessage-ID: <" + num +
            "@example.org>\r\n\r\nBody of " + num + "\r\n.line with a dot\r\n";
}

QList<QByteArray> messages(int count)
{
    QList<QByteArray> list;
    for (int n = 1; n <= count; ++n)
        list.append(message(n));
    return list;
}

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
