#include "probeserver.h"

#include <QTcpSocket>

namespace {

// A small deterministic generator: the same mailbox every run.
quint32 mix(quint32 x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

const char *const Names[] = {"Alice Martin", "Bob Chen",       "Carla Rossi", "Dmitri Ivanov",
                             "Eun-ji Park",  "Fatima Haddad",  "Gustav Berg", "Hana Sato",
                             "Ivo Novak",    "Julia Fernández"};
const char *const Words[] = {"quarterly", "report", "meeting", "invoice", "draft",  "update",
                             "release",   "notes",  "budget",  "review",  "travel", "plans",
                             "server",    "backup", "design",  "question"};

QByteArray headerBlock(int index)
{
    const quint32 r = mix(quint32(index) * 2654435761U + 1);
    const QByteArray name = Names[r % 10];
    const QByteArray address = name.toLower().replace(' ', '.') + "@example.org";
    QByteArray subject;
    for (int i = 0; i < 3 + int(r % 5); ++i) {
        if (i > 0)
            subject += ' ';
        subject += Words[mix(r + quint32(i)) % 16];
    }
    subject += " #" + QByteArray::number(index + 1);
    QByteArray h;
    h.reserve(3200);
    const int hops = 3 + int(r % 4);
    for (int i = 0; i < hops; ++i) {
        h += "Received: from mx" + QByteArray::number(i) + ".relay.example.net (mx" +
                QByteArray::number(i) + ".relay.example.net [192.0.2." +
                QByteArray::number(10 + i) +
                "])\r\n\tby mail.example.org (Postfix) with ESMTPS "
                "id 4Q" +
                QByteArray::number(mix(r + quint32(i)), 16).toUpper() +
                "\r\n\tfor <me@example.org>; Mon, 3 Jun 2024 10:" + QByteArray::number(10 + i) +
                ":00 +0200 (CEST)\r\n";
    }
    h += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=mail;\r\n"
         "\tt=1717402200; bh=" +
            QByteArray(43, 'A' + char(r % 26)) +
            "=;\r\n"
            "\th=From:To:Subject:Date:Message-ID;\r\n"
            "\tb=" +
            QByteArray(76, 'a' + char(r % 26)) + "\r\n\t " + QByteArray(76, 'Q') + "\r\n\t " +
            QByteArray(76, 'z') + "\r\n\t " + QByteArray(60, 'k') + "\r\n";
    h += "Authentication-Results: mail.example.org; dkim=pass header.d=example.org;\r\n"
         "\tspf=pass smtp.mailfrom=" +
            address + "; dmarc=pass\r\n";
    h += "Return-Path: <" + address + ">\r\n";
    h += "From: " + name + " <" + address + ">\r\n";
    h += "To: Me <me@example.org>\r\n";
    h += "Subject: " + subject + "\r\n";
    h += "Date: " + QByteArray::number(1 + index % 28) + " Jun 2024 " +
            QByteArray::number(10 + index % 12) + ":" + QByteArray::number(10 + index % 50) +
            ":00 +0200\r\n";
    h += "Message-ID: <" + QByteArray::number(index) + "." + QByteArray::number(r) +
            "@example.org>\r\n";
    h += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n";
    return h;
}

class Session : public QObject
{
public:
    Session(ProbeServer *server, QTcpSocket *socket)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { onRead(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_socket->write("+OK probe POP3 server ready\r\n");
    }

private:
    void onRead()
    {
        m_in += m_socket->readAll();
        QByteArray out;
        qsizetype start = 0;
        for (;;) {
            const qsizetype end = m_in.indexOf("\r\n", start);
            if (end < 0)
                break;
            answer(QByteArrayView(m_in).sliced(start, end - start), out);
            start = end + 2;
        }
        m_in.remove(0, start);
        if (!out.isEmpty())
            m_socket->write(out);
        if (m_quit)
            m_socket->disconnectFromHost();
    }

    static void multiline(QByteArray &out, QByteArrayView body)
    {
        // Generated messages have no line starting with '.'.
        out += body;
        out += ".\r\n";
    }

    void answer(QByteArrayView line, QByteArray &out)
    {
        const qsizetype space = line.indexOf(' ');
        const QByteArray command = (space < 0 ? line : line.first(space)).toByteArray().toUpper();
        const QByteArrayView argument = space < 0 ? QByteArrayView() : line.sliced(space + 1);
        const int count = m_server->count();
        const auto numberArg = [&](qsizetype *rest = nullptr) {
            const qsizetype sp = argument.indexOf(' ');
            if (rest)
                *rest = sp;
            bool ok = false;
            const int n = (sp < 0 ? argument : argument.first(sp)).toInt(&ok);
            return ok && n >= 1 && n <= count ? n : 0;
        };
        if (command == "CAPA") {
            out += "+OK\r\nUSER\r\nPIPELINING\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n.\r\n";
        } else if (command == "USER") {
            out += "+OK\r\n";
        } else if (command == "PASS") {
            out += "+OK logged in\r\n";
        } else if (command == "STAT") {
            out += "+OK " + QByteArray::number(count) + ' ' +
                    QByteArray::number(m_server->totalSize()) + "\r\n";
        } else if (command == "LIST" && argument.isEmpty()) {
            out += "+OK\r\n";
            for (int i = 0; i < count; ++i)
                out += QByteArray::number(i + 1) + ' ' + QByteArray::number(m_server->size(i)) +
                        "\r\n";
            out += ".\r\n";
        } else if (command == "UIDL" && argument.isEmpty()) {
            out += "+OK\r\n";
            for (int i = 0; i < count; ++i)
                out += QByteArray::number(i + 1) + ' ' + ProbeServer::uid(i) + "\r\n";
            out += ".\r\n";
        } else if (command == "TOP") {
            qsizetype rest = -1;
            const int n = numberArg(&rest);
            if (n == 0 || rest < 0) {
                out += "-ERR no such message\r\n";
                return;
            }
            const int lines = argument.sliced(rest + 1).toInt();
            const QByteArray text = ProbeServer::message(n - 1);
            const qsizetype headerEnd = text.indexOf("\r\n\r\n") + 4;
            qsizetype end = headerEnd;
            for (int i = 0; i < lines && end < text.size(); ++i) {
                const qsizetype next = text.indexOf("\r\n", end);
                end = next < 0 ? text.size() : next + 2;
            }
            out += "+OK\r\n";
            multiline(out, QByteArrayView(text).first(end));
        } else if (command == "RETR") {
            const int n = numberArg();
            if (n == 0) {
                out += "-ERR no such message\r\n";
                return;
            }
            out += "+OK\r\n";
            multiline(out, ProbeServer::message(n - 1));
        } else if (command == "NOOP" || command == "RSET" || command == "DELE") {
            out += "+OK\r\n";
        } else if (command == "QUIT") {
            out += "+OK bye\r\n";
            m_quit = true;
        } else {
            out += "-ERR unknown command\r\n";
        }
    }

    ProbeServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_in;
    bool m_quit = false;
};

} // namespace

ProbeServer::ProbeServer(int messages, QObject *parent)
    : QTcpServer(parent)
{
    m_sizes.reserve(messages);
    for (int i = 0; i < messages; ++i) {
        m_sizes.append(message(i).size());
        m_total += m_sizes.last();
    }
}

QByteArray ProbeServer::uid(int index)
{
    return "probe-" + QByteArray::number(index + 1).rightJustified(8, '0');
}

QByteArray ProbeServer::message(int index)
{
    QByteArray text = headerBlock(index);
    text += "\r\n";
    const quint32 r = mix(quint32(index) + 77);
    const int lines = 5 + int(r % 40);
    for (int i = 0; i < lines; ++i)
        text += "Line " + QByteArray::number(i) +
                " of a generated body, with some words in it.\r\n";
    return text;
}

void ProbeServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    new Session(this, socket);
}
