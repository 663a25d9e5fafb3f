#include "mailfixtures.h"

#include <QFile>

namespace MailFixtures {

QByteArray load(const QString &fileName)
{
    const QString path = QStringLiteral(MAILPEEK_TEST_DATA_DIR "/mail/") + fileName;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("MailFixtures: cannot read %s", qPrintable(path));
    return file.readAll();
}

QByteArray longLineMessage(qsizetype octets)
{
    QByteArray message = "From: Long Liner <long@example.org>\n"
                         "To: bob@example.org\n"
                         "Subject: One very long line\n"
                         "Date: Tue, 10 Jan 2023 14:00:00 +0000\n"
                         "\n"
                         "The next line is long.\n";
    // A repeating, recognisable pattern: an off-by-one anywhere shows.
    static constexpr char Pattern[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QByteArray line;
    line.reserve(octets);
    while (line.size() < octets)
        line.append(Pattern[line.size() % (sizeof(Pattern) - 1)]);
    message += line + "\nAnd this one is short.\n";
    return message;
}

QByteArray largeMessage(qsizetype octets)
{
    QByteArray message = "From: Big Sender <big@example.org>\n"
                         "To: bob@example.org\n"
                         "Subject: A large attachment\n"
                         "Date: Wed, 11 Jan 2023 15:00:00 +0000\n"
                         "MIME-Version: 1.0\n"
                         "Content-Type: application/octet-stream\n"
                         "Content-Transfer-Encoding: base64\n"
                         "\n";
    static constexpr char Alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    message.reserve(octets + 80);
    // A linear congruential generator: deterministic, and not so regular
    // that a bug repeating a block of lines would go unnoticed.
    quint32 state = 20230111;
    while (message.size() < octets) {
        for (int i = 0; i < 76; ++i) {
            state = state * 1664525u + 1013904223u;
            message.append(Alphabet[(state >> 24) & 63]);
        }
        message.append('\n');
    }
    return message;
}

QByteArray scanMessage(int index)
{
    static constexpr const char *Senders[] = {"Carol Jones <carol@example.com>",
                                              "\"Dave, the Builder\" <dave@example.net>",
                                              "erin@example.org"};
    static constexpr const char *Subjects[] = {"Lunch on Friday?", "Re: Invoice 2023-017",
                                               "Meeting notes"};
    const int i = index % 3;
    return QByteArray("From: ") + Senders[i] + "\nTo: bob@example.org\nSubject: " + Subjects[i] +
            "\nDate: Thu, 1" + QByteArray::number(2 + i) + " Jan 2023 09:3" +
            QByteArray::number(i) + ":00 +0000\nMessage-ID: <scan-" + QByteArray::number(index) +
            "@example.org>\n\nMessage number " + QByteArray::number(index) +
            " for the scan listing.\nSecond line.\nThird line.\n";
}

QList<Message> standardMessages()
{
    return {
            {QStringLiteral("simple"), load(QStringLiteral("simple.eml"))},
            {QStringLiteral("dots"), load(QStringLiteral("dots.eml"))},
            {QStringLiteral("korean-utf8"), load(QStringLiteral("korean-utf8.eml"))},
            {QStringLiteral("latin1"), load(QStringLiteral("latin1.eml"))},
            {QStringLiteral("header-only"), load(QStringLiteral("header-only.eml"))},
            {QStringLiteral("no-final-newline"), load(QStringLiteral("no-final-newline.eml"))},
            {QStringLiteral("crlf"), load(QStringLiteral("crlf.eml"))},
            {QStringLiteral("long-line"), longLineMessage(20000)},
            {QStringLiteral("scan-1"), scanMessage(1)},
            {QStringLiteral("scan-2"), scanMessage(2)},
            {QStringLiteral("scan-3"), scanMessage(3)},
            {QStringLiteral("large"), largeMessage(5 * 1024 * 1024)},
    };
}

QList<QByteArray> standardMailbox()
{
    QList<QByteArray> bytes;
    const QList<Message> messages = standardMessages();
    for (const Message &message : messages)
        bytes.append(message.bytes);
    return bytes;
}

} // namespace MailFixtures
