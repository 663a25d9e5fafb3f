// How fast a large multi-line answer goes through the parser: MultilineDecoder
// alone (the bytes as socket reads hand them over, 64 KiB at a time), and
// Pop3Connection end to end (a RETR answer from FakePop3Server over loopback
// TCP). Each prints MB/s with qInfo and checks that the decoded bytes are
// exactly the message. The fake server runs in the test's own thread, so
// the end-to-end figure includes its copies and writes: a lower bound for
// the client. Under CTest QBENCHMARK runs its body once; for steadier
// numbers run the binary with -iterations 5 (or -callgrind), and
// MAILPEEK_BENCH_MB=256 for a bigger answer (64 MB by default).

#include "fakepop3server.h"
#include "pop3/multilinedecoder.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace {

// A mail as big mailboxes hold them: a long header block (Received,
// DKIM-Signature), quoted-printable text with dot-leading lines ("..." in
// prose, ".signature"), and base64 attachments in 76-column lines, CRLF.
QByteArray realisticMessage(qsizetype targetBytes)
{
    QRandomGenerator random(20240103); // the same bytes every run
    QByteArray out;
    out.reserve(targetBytes + 4096);
    for (int hop = 0; hop < 6; ++hop) {
        out += "Received: from mx" + QByteArray::number(hop) +
                ".example.net (mx.example.net [192.0.2." + QByteArray::number(10 + hop) +
                "])\r\n\tby mail.example.org (Postfix) with ESMTPS id 4T9xQ" +
                QByteArray::number(random.generate(), 16) +
                "\r\n\tfor <bob@example.org>; Wed, 03 Jan 2024 10:00:0" + QByteArray::number(hop) +
                " +0000\r\n";
    }
    out += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=sel1;\r\n"
           "\th=from:to:subject:date:message-id; "
           "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
           "\tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR\r\n"
           "From: Alice <alice@example.net>\r\nTo: Bob <bob@example.org>\r\n"
           "Subject: Quarterly report\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\n"
           "Message-ID: <bench.1@example.net>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";
    static const char alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char *const prose[] = {
            "Hello Bob, the figures for the quarter are attached as promised.",
            "...and that is why the numbers differ from last year's.",
            ".",
            "..",
            ".signature: Alice, Finance",
            "Please see the table below; totals are in EUR.",
            "",
            "> quoted text from the previous mail, kept for context",
    };
    while (out.size() < targetBytes) {
        out += "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        for (int line = 0; line < 40; ++line) {
            out += prose[random.bounded(int(std::size(prose)))];
            out += "\r\n";
        }
        out += "--b1\r\nContent-Type: application/pdf\r\n"
               "Content-Transfer-Encoding: base64\r\n\r\n";
        const int lines = 200 + random.bounded(800);
        for (int line = 0; line < lines; ++line) {
            char text[78];
            for (int i = 0; i < 76; ++i)
                text[i] = alphabet[random.bounded(64)];
            text[76] = '\r';
            text[77] = '\n';
            out.append(text, sizeof text);
        }
    }
    out += "--b1--\r\n";
    return out;
}

qsizetype benchBytes()
{
    bool ok = false;
    const int megabytes = qEnvironmentVariableIntValue("MAILPEEK_BENCH_MB", &ok);
    return qsizetype(ok && megabytes > 0 ? megabytes : 64) << 20;
}

double megabytesPerSecond(qsizetype bytes, qint64 nanoseconds)
{
    return nanoseconds > 0 ? double(bytes) / (1024.0 * 1024.0) / (double(nanoseconds) / 1e9) : 0;
}

} // namespace

class tst_ParserBenchmark : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void multilineDecoder();
    void pop3ConnectionRetr();

private:
    QByteArray m_message;
    QByteArray m_wire; // dot-stuffed, with the terminator
};

void tst_ParserBenchmark::initTestCase()
{
    m_message = realisticMessage(benchBytes());
    m_wire = FakePop3Server::dotStuffed(m_message);
    QVERIFY(m_wire.endsWith("\r\n.\r\n"));
    // The answer must exercise unstuffing, or the benchmark measures memchr.
    QVERIFY(m_wire.contains("\r\n..\r\n"));
    QVERIFY(m_wire.contains("\r\n...."));
}

void tst_ParserBenchmark::multilineDecoder()
{
    // What a socket read hands over at a time.
    constexpr qsizetype chunk = 64 * 1024;
    QByteArray output;
    output.reserve(m_message.size());
    qint64 nanoseconds = 0;
    QBENCHMARK
    {
        output.resize(0);
        QElapsedTimer timer;
        timer.start();
        MultilineDecoder decoder;
        const auto sink = [&output](QByteArrayView bytes) {
            output.append(bytes);
        };
        qsizetype offset = 0;
        QByteArray carry; // bytes left unconsumed at the end of a chunk
        while (offset < m_wire.size() && !decoder.isFinished()) {
            const qsizetype take = qMin(chunk, m_wire.size() - offset);
            qsizetype used = 0;
            if (carry.isEmpty()) {
                used = decoder.feed(QByteArrayView(m_wire.constData() + offset, take), sink);
                if (used < take)
                    carry = QByteArray(m_wire.constData() + offset + used, take - used);
            } else {
                carry.append(m_wire.constData() + offset, take);
                used = decoder.feed(carry, sink);
                carry.remove(0, used);
            }
            offset += take;
        }
        nanoseconds = timer.nsecsElapsed();
        QVERIFY(decoder.isFinished());
    }
    QCOMPARE(output.size(), m_message.size());
    QVERIFY(output == m_message);
    qInfo("MultilineDecoder: %lld MB answer in %.1f ms: %.0f MB/s", qint64(m_wire.size() >> 20),
          double(nanoseconds) / 1e6, megabytesPerSecond(m_wire.size(), nanoseconds));
}

void tst_ParserBenchmark::pop3ConnectionRetr()
{
    FakePop3Server server;
    QVERIFY(server.isListening());
    QByteArray data;
    qint64 nanoseconds = 0;
    QBENCHMARK
    {
        // A connection per iteration: the server plays one scenario each.
        server.addScenario({"S: +OK ready", "C: RETR 1",
                            "S: +OK " + QByteArray::number(m_message.size()) + " octets",
                            QByteArrayLiteral("S* ") + m_wire, "C: QUIT", "S: +OK bye"});
        Pop3Connection connection;
        connection.setTimeout(30000);
        Pop3Reply *greeting = connection.connectToHost(QStringLiteral("127.0.0.1"), server.port(),
                                                       Pop3Connection::Security::None);
        QSignalSpy greeted(greeting, &Pop3Reply::finished);
        QVERIFY(greeted.wait(5000));
        QVERIFY2(!greeting->hasError(), qPrintable(greeting->error().errorString()));
        greeting->deleteLater();

        QElapsedTimer timer;
        timer.start();
        Pop3Reply *retr = connection.retr(1);
        QSignalSpy finished(retr, &Pop3Reply::finished);
        QVERIFY(finished.wait(30000));
        nanoseconds = timer.nsecsElapsed();
        QVERIFY2(!retr->hasError(), qPrintable(retr->error().errorString()));
        data = retr->data();
        retr->deleteLater();

        Pop3Reply *quit = connection.quit();
        QSignalSpy quitDone(quit, &Pop3Reply::finished);
        QVERIFY(quitDone.wait(5000));
        quit->deleteLater();
    }
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
    QCOMPARE(data.size(), m_message.size());
    QVERIFY(data == m_message);
    qInfo("Pop3Connection RETR over loopback: %lld MB answer in %.1f ms: %.0f MB/s",
          qint64(m_wire.size() >> 20), double(nanoseconds) / 1e6,
          megabytesPerSecond(m_wire.size(), nanoseconds));
}

QTEST_GUILESS_MAIN(tst_ParserBenchmark)
#include "tst_parserbenchmark.moc"
