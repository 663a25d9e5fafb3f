#include "mime/htmlsanitizer.h"
#include "mime/parsedmessage.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

// Sample messages are stored with LF; POP3 RETR delivers CRLF. Every test
// runs on both.
QByteArray loadMessage(const char *name, bool crlf)
{
    QFile file(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/mime/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test message %s", name);
    QByteArray data = file.readAll();
    if (crlf)
        data.replace("\n", "\r\n");
    return data;
}

void addLineEndingRows()
{
    QTest::addColumn<bool>("crlf");
    QTest::newRow("LF") << false;
    QTest::newRow("CRLF") << true;
}

const QByteArray pngSignature("\x89PNG\r\n\x1a\n", 8);

// Writes raw to a file in dir and parses it from there.
ParsedMessage parseViaFile(const QTemporaryDir &dir, const QByteArray &raw, bool removeAfter)
{
    const QString path = dir.filePath(QStringLiteral("message.eml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(raw) != raw.size())
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    ParsedMessage message = ParsedMessage::parseFile(path);
    if (removeAfter)
        QFile::remove(path);
    return message;
}

} // namespace

class tst_ParsedMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultConstructed();
    void plainTextLatin1_data() { addLineEndingRows(); }
    void plainTextLatin1();
    void alternativeWithRelatedHtml_data() { addLineEndingRows(); }
    void alternativeWithRelatedHtml();
    void unsafeHtmlIsSanitized_data() { addLineEndingRows(); }
    void unsafeHtmlIsSanitized();
    void rfc2231Attachments_data() { addLineEndingRows(); }
    void rfc2231Attachments();
    void nestedMessage_data() { addLineEndingRows(); }
    void nestedMessage();
    void foldedEncodedHeaders();
    void garbage_data();
    void garbage();
    void truncatedMessage();
    void deepNestingIsBounded();
    void sanitizer_data();
    void sanitizer();
    void fileBackedMatchesInMemory_data();
    void fileBackedMatchesInMemory();
    void fileBackedCutsLongText();
    void fileBackedMissingFile();
};

void tst_ParsedMessage::defaultConstructed()
{
    const ParsedMessage message;
    QVERIFY(!message.isValid());
    QVERIFY(message.plainText().isEmpty());
    QVERIFY(message.attachments().isEmpty());
    QVERIFY(message.attachmentData(0).isEmpty());
    QVERIFY(message.partByContentId(QStringLiteral("cid:x")).isEmpty());
}

void tst_ParsedMessage::plainTextLatin1()
{
    QFETCH(bool, crlf);
    const ParsedMessage message = ParsedMessage::parse(loadMessage("latin1-plain.eml", crlf));
    QVERIFY2(message.isValid(), qPrintable(message.errorString()));
    QCOMPARE(message.plainText(), u8("Café crème brûlée.\nA soft break and a = sign.\n"));
    QVERIFY(message.html().isEmpty());
    QVERIFY(message.attachments().isEmpty());

    const HeaderSummary summary = message.summary();
    QCOMPARE(summary.subject, u8("Café"));
    QCOMPARE(summary.from, u8("René <rene@example.fr>"));
    QCOMPARE(summary.messageId, QStringLiteral("latin1@example.fr"));
    QCOMPARE(summary.dateForScan(), QStringLiteral("2023-01-02T10:00:00+01:00"));

    const auto headers = message.headers();
    QCOMPARE(headers.size(), 8);
    QCOMPARE(headers.at(0), qMakePair(QStringLiteral("From"), u8("René <rene@example.fr>")));
    QCOMPARE(headers.at(2), qMakePair(QStringLiteral("Subject"), u8("Café")));
    QCOMPARE(headers.at(6),
             qMakePair(QStringLiteral("Content-Type"),
                       QStringLiteral("text/plain; charset=iso-8859-1")));
}

void tst_ParsedMessage::alternativeWithRelatedHtml()
{
    QFETCH(bool, crlf);
    const ParsedMessage message = ParsedMessage::parse(loadMessage("alternative.eml", crlf));
    QVERIFY2(message.isValid(), qPrintable(message.errorString()));
    QCOMPARE(message.plainText(), u8("Hello World ✓"));
    QVERIFY(message.html().contains(u8("<p>Hello <b>World</b> ✓</p>")));
    QVERIFY(!message.html().contains(QLatin1Char('\r')));

    const QList<Attachment> attachments = message.attachments();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.at(0).mimeType, QStringLiteral("image/png"));
    QCOMPARE(attachments.at(0).contentId, QStringLiteral("logo@example.com"));
    QVERIFY(attachments.at(0).isInline);
    QVERIFY(attachments.at(0).fileName.isEmpty());
    QCOMPARE(attachments.at(0).size, message.attachmentData(0).size());
    QVERIFY(message.attachmentData(0).startsWith(pngSignature));

    QCOMPARE(message.partByContentId(QStringLiteral("cid:logo@example.com")),
             message.attachmentData(0));
    QCOMPARE(message.partByContentId(QStringLiteral("<logo@example.com>")),
             message.attachmentData(0));
    QCOMPARE(message.partByContentId(QStringLiteral("CID:LOGO%40example.com")),
             message.attachmentData(0));
    QVERIFY(message.partByContentId(QStringLiteral("cid:other@example.com")).isEmpty());
    QVERIFY(message.partByContentId(QString()).isEmpty());
    QVERIFY(message.sanitizedHtml().contains(
            QStringLiteral("<img src=\"cid:logo@example.com\" alt=\"logo\">")));
}

void tst_ParsedMessage::unsafeHtmlIsSanitized()
{
    QFETCH(bool, crlf);
    const ParsedMessage message = ParsedMessage::parse(loadMessage("unsafe-html.eml", crlf));
    QVERIFY2(message.isValid(), qPrintable(message.errorString()));
    QVERIFY(message.plainText().isEmpty());
    QVERIFY(message.html().contains(QStringLiteral("<script>alert(1)</script>"))); // html() is raw

    const QString safe = message.sanitizedHtml();
    for (const QString &forbidden :
         {QStringLiteral("script"), QStringLiteral("alert"), QStringLiteral("onload"),
          QStringLiteral("onclick"), QStringLiteral("tracker.example"),
          QStringLiteral("javascript")}) {
        QVERIFY2(!safe.contains(forbidden, Qt::CaseInsensitive), qPrintable(forbidden));
    }
    QVERIFY(safe.contains(QStringLiteral("<p>Hi</p>")));
    QVERIFY(safe.contains(QStringLiteral("<img src=\"\" width=\"1\">")));
    QVERIFY(safe.contains(QStringLiteral("<img src=\"cid:logo@example.com\">")));
    QVERIFY(safe.contains(QStringLiteral("<a>bad</a>")));
    QVERIFY(safe.contains(QStringLiteral("<a href=\"https://example.com/\">good</a>")));

    const QList<Attachment> attachments = message.attachments();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.at(0).fileName, QStringLiteral("logo.png"));
    QVERIFY(attachments.at(0).isInline);
    QVERIFY(message.partByContentId(QStringLiteral("cid:logo@example.com"))
                    .startsWith(pngSignature));
}

void tst_ParsedMessage::rfc2231Attachments()
{
    QFETCH(bool, crlf);
    const ParsedMessage message = ParsedMessage::parse(loadMessage("attachment-rfc2231.eml", crlf));
    QVERIFY2(message.isValid(), qPrintable(message.errorString()));
    QCOMPARE(message.plainText(), QStringLiteral("See attached."));

    const QList<Attachment> attachments = message.attachments();
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(attachments.at(0).fileName, u8("€ rates für 2023.pdf"));
    QCOMPARE(attachments.at(0).mimeType, QStringLiteral("application/pdf"));
    QVERIFY(!attachments.at(0).isInline);
    QVERIFY(attachments.at(0).contentId.isEmpty());
    const QByteArray pdf("%PDF-1.4 fake\x00\x01\x02\xff", 17);
    QCOMPARE(message.attachmentData(0), pdf);
    QCOMPARE(attachments.at(0).size, qint64(pdf.size()));

    // RFC 2231 continuations, the first one charset-encoded.
    QCOMPARE(attachments.at(1).fileName, u8("naïve notes.txt"));
    QCOMPARE(attachments.at(1).mimeType, QStringLiteral("text/plain"));
    QCOMPARE(message.attachmentData(1), "plain notes"_ba);

    QVERIFY(message.attachmentData(2).isEmpty());
    QVERIFY(message.attachmentData(-1).isEmpty());
}

void tst_ParsedMessage::nestedMessage()
{
    QFETCH(bool, crlf);
    const ParsedMessage message = ParsedMessage::parse(loadMessage("nested-rfc822.eml", crlf));
    QVERIFY2(message.isValid(), qPrintable(message.errorString()));
    QCOMPARE(message.plainText(), QStringLiteral("Forwarding this."));

    const QList<Attachment> attachments = message.attachments();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.at(0).mimeType, QStringLiteral("message/rfc822"));
    QCOMPARE(attachments.at(0).fileName, QStringLiteral("Inner message.eml"));

    // The attached message's octets parse as a message of their own.
    const ParsedMessage inner = ParsedMessage::parse(message.attachmentData(0));
    QVERIFY2(inner.isValid(), qPrintable(inner.errorString()));
    QCOMPARE(inner.summary().subject, QStringLiteral("Inner message"));
    QCOMPARE(inner.summary().from, QStringLiteral("Carol <carol@example.com>"));
    QCOMPARE(inner.plainText(), QStringLiteral("Forwarded body."));
}

void tst_ParsedMessage::foldedEncodedHeaders()
{
    const ParsedMessage message =
            ParsedMessage::parse("Subject: =?utf-8?q?caf=C3=A9?=\r\n =?utf-8?q?_au_lait?=\r\n"
                                 "X-Weird: a\tb\r\n\tc\r\n"
                                 "X-Bidi: \xE2\x80\xAEtxt.exe\r\n"
                                 "\r\nbody\r\n"_ba);
    QVERIFY(message.isValid());
    const auto headers = message.headers();
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(0), qMakePair(QStringLiteral("Subject"), u8("café au lait")));
    QCOMPARE(headers.at(1), qMakePair(QStringLiteral("X-Weird"), QStringLiteral("a b c")));
    QCOMPARE(headers.at(2), qMakePair(QStringLiteral("X-Bidi"), QStringLiteral("txt.exe")));
    // No Content-Type: RFC 2045 says text/plain; us-ascii.
    QCOMPARE(message.plainText(), QStringLiteral("body\n"));
}

void tst_ParsedMessage::garbage_data()
{
    QTest::addColumn<QByteArray>("input");

    QByteArray binary;
    for (int i = 0; i < 65536; ++i)
        binary.append(char((i * 7919 + 13) % 251));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("white space") << " \r\n\r\n\t"_ba;
    QTest::newRow("NULs") << QByteArray(1000, '\0');
    QTest::newRow("binary") << binary;
    QTest::newRow("no header") << "\r\njust a body\r\n"_ba;
}

void tst_ParsedMessage::garbage()
{
    QFETCH(QByteArray, input);
    const ParsedMessage message = ParsedMessage::parse(input);
    QVERIFY(!message.isValid());
    QVERIFY(!message.errorString().isEmpty());
}

void tst_ParsedMessage::truncatedMessage()
{
    const QByteArray full = loadMessage("alternative.eml", true);
    for (qsizetype cut = 1; cut < full.size(); cut += 37) {
        const ParsedMessage message = ParsedMessage::parse(full.left(cut));
        // Whatever was recovered must be consistent.
        QCOMPARE(message.attachments().size(), message.attachments().size());
        for (qsizetype i = 0; i < message.attachments().size(); ++i)
            QCOMPARE(message.attachments().at(i).size, message.attachmentData(int(i)).size());
    }
    const ParsedMessage half = ParsedMessage::parse(full.left(full.indexOf("--inner")));
    QVERIFY(half.isValid());
    QCOMPARE(half.plainText(), u8("Hello World ✓"));
}

void tst_ParsedMessage::deepNestingIsBounded()
{
    constexpr int levels = 10000;
    QByteArray raw = "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"_ba;
    for (int i = 1; i < levels; ++i) {
        raw += "--b" + QByteArray::number(i - 1) + "\r\nContent-Type: multipart/mixed; boundary=b" +
                QByteArray::number(i) + "\r\n\r\n";
    }
    raw += "--b" + QByteArray::number(levels - 1) + "\r\nContent-Type: text/plain\r\n\r\nleaf\r\n";
    const ParsedMessage message = ParsedMessage::parse(raw);
    QVERIFY(message.isValid());
    QCOMPARE(message.summary().subject, QStringLiteral("deep"));
    // The leaf lies past the depth limit and is not reached.
    QVERIFY(message.plainText().isEmpty());
}

void tst_ParsedMessage::sanitizer_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain markup kept") << QStringLiteral("<p class=\"x\">Hi <b>you</b></p>")
                                       << QStringLiteral("<p class=\"x\">Hi <b>you</b></p>");
    QTest::newRow("script dropped")
            << QStringLiteral("a<script>alert(1)</script>b") << QStringLiteral("ab");
    QTest::newRow("script upper case")
            << QStringLiteral("a<SCRIPT type=x>alert(1)</ScRiPt >b") << QStringLiteral("ab");
    QTest::newRow("unterminated script")
            << QStringLiteral("a<script>alert(1)") << QStringLiteral("a");
    QTest::newRow("script end in string")
            << QStringLiteral("<script>x='</scriptx>'</script>ok") << QStringLiteral("ok");
    QTest::newRow("event handlers")
            << QStringLiteral("<div onclick=\"x()\" ONMOUSEOVER=y id=a>t</div>")
            << QStringLiteral("<div id=\"a\">t</div>");
    QTest::newRow("remote img") << QStringLiteral("<img src=\"http://t.example/p.gif\" alt=\"p\">")
                                << QStringLiteral("<img src=\"\" alt=\"p\">");
    QTest::newRow("remote img unquoted") << QStringLiteral("<IMG SRC=https://t.example/p.gif>")
                                         << QStringLiteral("<img src=\"\">");
    QTest::newRow("protocol-relative img") << QStringLiteral("<img src=\"//t.example/p.gif\">")
                                           << QStringLiteral("<img src=\"\">");
    QTest::newRow("cid img kept") << QStringLiteral("<img src=\"cid:a@b\">")
                                  << QStringLiteral("<img src=\"cid:a@b\">");
    QTest::newRow("srcset dropped")
            << QStringLiteral("<img srcset=\"http://x/1.png 2x\">") << QStringLiteral("<img>");
    QTest::newRow("background dropped")
            << QStringLiteral("<td background=\"http://x/bg.png\">x</td>")
            << QStringLiteral("<td>x</td>");
    QTest::newRow("javascript link") << QStringLiteral("<a href=\"javascript:alert(1)\">x</a>")
                                     << QStringLiteral("<a>x</a>");
    QTest::newRow("entity-encoded javascript")
            << QStringLiteral("<a href=\"&#106;avascript:alert(1)\">x</a>")
            << QStringLiteral("<a>x</a>");
    QTest::newRow("http link kept")
            << QStringLiteral("<a href=\" https://e.example/?a=1&amp;b=2 \">x</a>")
            << QStringLiteral("<a href=\"https://e.example/?a=1&amp;b=2\">x</a>");
    QTest::newRow("mailto link kept") << QStringLiteral("<a href=mailto:a@b>x</a>")
                                      << QStringLiteral("<a href=\"mailto:a@b\">x</a>");
    QTest::newRow("link element") << QStringLiteral(
                                             "<link rel=stylesheet href=\"http://x/s.css\">t")
                                  << QStringLiteral("t");
    QTest::newRow("meta refresh")
            << QStringLiteral("<meta http-equiv=refresh content=\"0;url=http://x\">t")
            << QStringLiteral("t");
    QTest::newRow("iframe") << QStringLiteral("<iframe src=\"http://x\">inner</iframe>t")
                            << QStringLiteral("t");
    QTest::newRow("svg") << QStringLiteral("<svg><image href=\"http://x\"/></svg>t")
                         << QStringLiteral("t");
    QTest::newRow("safe style kept") << QStringLiteral("<p style=\"color: red\">t</p>")
                                     << QStringLiteral("<p style=\"color: red\">t</p>");
    QTest::newRow("style url dropped")
            << QStringLiteral("<p style=\"background:url(http://x/t.png)\">t</p>")
            << QStringLiteral("<p>t</p>");
    QTest::newRow("style escape dropped")
            << QStringLiteral("<p style=\"background:u\\72l(x)\">t</p>")
            << QStringLiteral("<p>t</p>");
    QTest::newRow("style character reference dropped")
            << QStringLiteral("<p style=\"background:u&#114;l(http://x/t.png)\">t</p>")
            << QStringLiteral("<p>t</p>");
    QTest::newRow("style control character dropped")
            << QStringLiteral("<p style=\"background:u\x01rl(http://x/t.png)\">t</p>")
            << QStringLiteral("<p>t</p>");
    QTest::newRow("style element kept") << QStringLiteral("<style>p { color: red }</style>t")
                                        << QStringLiteral("<style>p { color: red }</style>t");
    QTest::newRow("style element import")
            << QStringLiteral("<style>@import 'http://x/s.css';</style>t") << QStringLiteral("t");
    QTest::newRow("comments dropped")
            << QStringLiteral("a<!-- <script>x</script> -->b") << QStringLiteral("ab");
    QTest::newRow("conditional comment")
            << QStringLiteral("a<!--[if IE]><img src=http://x><![endif]-->b")
            << QStringLiteral("ab");
    QTest::newRow("doctype dropped")
            << QStringLiteral("<!DOCTYPE html><p>t</p>") << QStringLiteral("<p>t</p>");
    QTest::newRow("quoted > in attribute") << QStringLiteral("<img alt=\"a>b\" src=http://x>")
                                           << QStringLiteral("<img alt=\"a&gt;b\" src=\"\">");
    QTest::newRow("slash separator") << QStringLiteral("<img/src=\"http://x\"/onerror=alert(1)>")
                                     << QStringLiteral("<img src=\"\">");
    QTest::newRow("stray less-than")
            << QStringLiteral("1 < 2 and 3 <4") << QStringLiteral("1 &lt; 2 and 3 &lt;4");
    QTest::newRow("unterminated tag")
            << QStringLiteral("ok<img src=\"http://x") << QStringLiteral("ok");
    QTest::newRow("unterminated tag no quote")
            << QStringLiteral("ok<img src=x") << QStringLiteral("ok");
    QTest::newRow("body and html tags dropped")
            << QStringLiteral("<html><body bgcolor=white onload=x()>t</body></html>")
            << QStringLiteral("t");
    QTest::newRow("form controls")
            << QStringLiteral("<form action=\"http://x\"><input value=v>t</form>")
            << QStringLiteral("t");
    QTest::newRow("void self-closing")
            << QStringLiteral("a<br/>b<hr />") << QStringLiteral("a<br />b<hr />");
    QTest::newRow("empty") << QString() << QString();
}

void tst_ParsedMessage::sanitizer()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(sanitizeMailHtml(input), expected);
}

void tst_ParsedMessage::fileBackedMatchesInMemory_data()
{
    QTest::addColumn<QByteArray>("raw");
    for (const char *name : {"latin1-plain.eml", "alternative.eml", "unsafe-html.eml",
                             "attachment-rfc2231.eml", "nested-rfc822.eml"}) {
        QTest::newRow(QByteArray(name + " LF"_ba).constData()) << loadMessage(name, false);
        QTest::newRow(QByteArray(name + " CRLF"_ba).constData()) << loadMessage(name, true);
    }
}

void tst_ParsedMessage::fileBackedMatchesInMemory()
{
    QFETCH(QByteArray, raw);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ParsedMessage memory = ParsedMessage::parse(raw);
    // The file goes at once: the parsed message reads its own descriptor.
    const ParsedMessage file = parseViaFile(dir, raw, true);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("message.eml"))));

    QVERIFY(file.isFileBacked());
    QVERIFY(!memory.isFileBacked());
    QCOMPARE(file.isValid(), memory.isValid());
    QCOMPARE(file.headers(), memory.headers());
    QCOMPARE(file.summary().subject, memory.summary().subject);
    QCOMPARE(file.summary().from, memory.summary().from);
    QCOMPARE(file.plainText(), memory.plainText());
    QCOMPARE(file.html(), memory.html());
    QVERIFY(!file.isTextTruncated());
    QCOMPARE(file.sourceSize(), qint64(raw.size()));
    QCOMPARE(file.sourceHead(1 << 20), raw);
    QCOMPARE(file.sourceHead(10), raw.first(10));
    QCOMPARE(memory.sourceSize(), 0);

    const QList<Attachment> expected = memory.attachments();
    const QList<Attachment> actual = file.attachments();
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual.at(i).fileName, expected.at(i).fileName);
        QCOMPARE(actual.at(i).mimeType, expected.at(i).mimeType);
        QCOMPARE(actual.at(i).size, expected.at(i).size);
        QCOMPARE(actual.at(i).contentId, expected.at(i).contentId);
        QCOMPARE(actual.at(i).isInline, expected.at(i).isInline);
        QCOMPARE(file.attachmentData(i), memory.attachmentData(i));
        for (const ParsedMessage *message : {&file, &memory}) {
            QBuffer out;
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(message->writeAttachment(i, &out));
            QCOMPARE(out.data(), memory.attachmentData(i));
        }
        if (!expected.at(i).contentId.isEmpty()) {
            QCOMPARE(file.partByContentId(expected.at(i).contentId),
                     memory.partByContentId(expected.at(i).contentId));
        }
    }
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(!file.writeAttachment(int(expected.size()), &out));
    QVERIFY(!file.writeAttachment(-1, &out));
    QVERIFY(file.attachmentData(int(expected.size())).isEmpty());
}

void tst_ParsedMessage::fileBackedCutsLongText()
{
    // 3 MB of text and a 2 MB attachment: the text kept is cut at
    // MaxFileTextBytes, the attachment stays whole in the file.
    QByteArray line = "0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n"_ba;
    QByteArray text;
    while (text.size() < 3 * 1024 * 1024)
        text += line;
    QByteArray payload;
    for (int i = 0; payload.size() < 2 * 1024 * 1024; ++i)
        payload += QByteArray::number(i * 7919) + ',';
    QByteArray encoded;
    const QByteArray base64 = payload.toBase64();
    for (qsizetype at = 0; at < base64.size(); at += 76)
        encoded += base64.sliced(at, qMin<qsizetype>(76, base64.size() - at)) + "\r\n";
    const QByteArray raw = "From: a@example.com\r\nSubject: long\r\nMIME-Version: 1.0\r\n"
                           "Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
                           "--XX\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"_ba +
            text +
            "--XX\r\nContent-Type: application/octet-stream\r\n"
            "Content-Disposition: attachment; filename=data.bin\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" +
            encoded + "--XX--\r\n";

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ParsedMessage message = parseViaFile(dir, raw, true);
    QVERIFY(message.isValid());
    QCOMPARE(message.summary().subject, QStringLiteral("long"));
    QVERIFY(message.isTextTruncated());
    QVERIFY(message.plainText().size() <= ParsedMessage::MaxFileTextBytes);
    // CRLF became LF: 1 MB of CRLF lines is a little less text.
    QVERIFY(message.plainText().size() > ParsedMessage::MaxFileTextBytes * 9 / 10);
    QVERIFY(message.plainText().startsWith(QStringLiteral("0123456789 abc")));
    QCOMPARE(message.sourceSize(), qint64(raw.size()));
    QCOMPARE(message.attachments().size(), 1);
    QCOMPARE(message.attachments().at(0).fileName, QStringLiteral("data.bin"));
    QCOMPARE(message.attachments().at(0).size, qint64(payload.size()));
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(message.writeAttachment(0, &out));
    QCOMPARE(out.data(), payload);
    // The same message from memory is not cut.
    const ParsedMessage memory = ParsedMessage::parse(raw);
    QVERIFY(!memory.isTextTruncated());
    // LF for CRLF, and the last line end belongs to the boundary.
    QCOMPARE(memory.plainText().size(), text.size() - text.count('\r') - 1);
}

void tst_ParsedMessage::fileBackedMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ParsedMessage message = ParsedMessage::parseFile(dir.filePath(QStringLiteral("none")));
    QVERIFY(!message.isValid());
    QVERIFY(message.isFileBacked());
    QVERIFY(!message.errorString().isEmpty());
    QVERIFY(message.attachments().isEmpty());
    QVERIFY(message.sourceHead(10).isEmpty());

    const QString empty = dir.filePath(QStringLiteral("empty"));
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(!ParsedMessage::parseFile(empty).isValid());
}

QTEST_GUILESS_MAIN(tst_ParsedMessage)
#include "tst_parsedmessage.moc"
