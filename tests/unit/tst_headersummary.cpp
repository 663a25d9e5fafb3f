#include "mime/headersummary.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

// The CLI prints summary fields TAB-separated, one message a line.
bool isSingleLine(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return false;
        if ((c.unicode() >= 0x202A && c.unicode() <= 0x202E) ||
            (c.unicode() >= 0x2066 && c.unicode() <= 0x2069))
            return false;
    }
    return true;
}

void verifySingleLine(const HeaderSummary &s)
{
    for (const QString *field : {&s.from, &s.fromName, &s.fromAddress, &s.subject, &s.to, &s.cc,
                                 &s.replyTo, &s.messageId, &s.envelopeSender}) {
        QVERIFY2(isSingleLine(*field), qPrintable(*field));
    }
    QVERIFY(!s.rawDate.contains('\n') && !s.rawDate.contains('\r') && !s.rawDate.contains('\t'));
}

} // namespace

class tst_HeaderSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subject_data();
    void subject();
    void from_data();
    void from();
    void to_data();
    void to();
    void cc();
    void replyTo_data();
    void replyTo();
    void attachmentHint_data();
    void attachmentHint();
    void date_data();
    void date();
    void messageId_data();
    void messageId();
    void envelopeSender_data();
    void envelopeSender();
    void emptyInput();
    void onlyGarbage();
    void hugeHeaderLineIsBounded();
    void headerCountIsBounded();
    void stopsAtBody();
    void fullHeaderBlock();
    void typicalHeaderSpeed();
};

void tst_HeaderSummary::subject_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("subject");

    QTest::newRow("plain ascii") << "Subject: Quarterly report\r\n"_ba
                                 << QStringLiteral("Quarterly report");
    QTest::newRow("case-insensitive name") << "SUBJECT: loud\r\n"_ba << QStringLiteral("loud");
    QTest::newRow("space before colon")
            << "Subject : obsolete\r\n"_ba << QStringLiteral("obsolete");
    QTest::newRow("no trailing newline") << "Subject: truncated"_ba << QStringLiteral("truncated");
    QTest::newRow("B utf-8") << "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\n"_ba
                             << u8("Grüße aus Köln");
    QTest::newRow("Q utf-8") << "Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=\r\n"_ba
                             << u8("Grüße aus Köln");
    QTest::newRow("Q iso-8859-1") << "Subject: =?ISO-8859-1?Q?caf=E9_cr=E8me?=\r\n"_ba
                                  << u8("café crème");
    QTest::newRow("B euc-kr") << "Subject: =?EUC-KR?B?x9Gxub7u?=\r\n"_ba << u8("한국어");
    QTest::newRow("B emoji") << "Subject: =?utf-8?B?SGVsbG8g8J+YgA==?=\r\n"_ba << u8("Hello 😀");
    QTest::newRow("emoji split across words")
            << "Subject: =?utf-8?B?8J8=?= =?utf-8?B?mIA=?=\r\n"_ba << u8("😀");
    QTest::newRow("B without padding") << "Subject: =?utf-8?B?w6k?=\r\n"_ba << u8("é");
    QTest::newRow("RFC 2231 language")
            << "Subject: =?utf-8*en?Q?hi?=\r\n"_ba << QStringLiteral("hi");
    QTest::newRow("adjacent words drop space")
            << "Subject: =?utf-8?q?Hello?= =?utf-8?q?World?=\r\n"_ba
            << QStringLiteral("HelloWorld");
    QTest::newRow("adjacent words different charsets")
            << "Subject: =?iso-8859-1?q?caf=E9?=  =?utf-8?q?_cr=C3=A8me?=\r\n"_ba
            << u8("café crème");
    QTest::newRow("adjacent words folded")
            << "Subject: =?utf-8?q?Hello_?=\r\n =?utf-8?q?World?=\r\n"_ba
            << QStringLiteral("Hello World");
    QTest::newRow("text around word")
            << "Subject: Re: =?utf-8?q?caf=C3=A9?= time\r\n"_ba << u8("Re: café time");
    QTest::newRow("space between word and text kept")
            << "Subject: =?utf-8?q?a?= b =?utf-8?q?c?=\r\n"_ba << QStringLiteral("a b c");
    QTest::newRow("folded CRLF") << "Subject: a long\r\n subject\r\n\tcontinued\r\nX: y\r\n"_ba
                                 << QStringLiteral("a long subject continued");
    QTest::newRow("folded LF") << "Subject: a\n b\nTo: x@y\n"_ba << QStringLiteral("a b");
    QTest::newRow("raw utf-8") << "Subject: Grüße 日本\r\n"_ba << u8("Grüße 日本");
    QTest::newRow("invalid utf-8 is latin-1")
            << "Subject: caf\xE9 na\xEFve\r\n"_ba << u8("café naïve");
    QTest::newRow("valid and invalid mixed") << "Subject: Gr\xC3\xBC\xC3\x9F"
                                                "e caf\xE9\r\n"_ba
                                             << u8("Grüße café");
    QTest::newRow("truncated utf-8 sequence") << "Subject: ab\xE6\x97"_ba << u8("abæ");
    QTest::newRow("unknown charset keeps text")
            << "Subject: =?x-unknown?q?abc?=\r\n"_ba << QStringLiteral("abc");
    QTest::newRow("broken base64 kept raw")
            << "Subject: =?utf-8?b?!!!?=\r\n"_ba << QStringLiteral("=?utf-8?b?!!!?=");
    QTest::newRow("invalid utf-8 inside word")
            << "Subject: =?utf-8?q?caf=E9?=\r\n"_ba << u8("café");
    QTest::newRow("invalid bytes in euc-kr word")
            << "Subject: =?euc-kr?q?=C7=D1=FF?=\r\n"_ba << u8("한ÿ");
    QTest::newRow("unterminated word")
            << "Subject: =?utf-8?q?abc\r\n"_ba << QStringLiteral("=?utf-8?q?abc");
    QTest::newRow("bad encoding letter")
            << "Subject: =?utf-8?x?abc?=\r\n"_ba << QStringLiteral("=?utf-8?x?abc?=");
    QTest::newRow("lone =?") << "Subject: what =? is this\r\n"_ba
                             << QStringLiteral("what =? is this");
    QTest::newRow("control characters") << "Subject: a\x01"
                                           "b\x7F"
                                           "c\x1B[31m\r\n"_ba
                                        << QStringLiteral("a b c [31m");
    QTest::newRow("encoded CR LF TAB")
            << "Subject: =?utf-8?q?a=0D=0Ab=09c?=\r\n"_ba << QStringLiteral("a b c");
    QTest::newRow("C1 control") << "Subject: a\xC2\x85"
                                   "b\r\n"_ba
                                << QStringLiteral("a b");
    QTest::newRow("NUL byte") << QByteArray("Subject: a\0b\r\n", 14) << QStringLiteral("a b");
    QTest::newRow("encoded NUL") << "Subject: =?utf-8?q?a=00b?=\r\n"_ba << QStringLiteral("a b");
    QTest::newRow("bidi override raw") << "Subject: invoice\xE2\x80\xAE"
                                          "fdp.exe\r\n"_ba
                                       << QStringLiteral("invoicefdp.exe");
    QTest::newRow("bidi isolates encoded")
            << "Subject: =?utf-8?q?a=E2=81=A6b=E2=81=A9c=E2=80=AAd?=\r\n"_ba
            << QStringLiteral("abcd");
    QTest::newRow("line separator") << "Subject: a\xE2\x80\xA8"
                                       "b\r\n"_ba
                                    << QStringLiteral("a b");
    QTest::newRow("white space collapsed")
            << "Subject:   a \t  b   \r\n"_ba << QStringLiteral("a b");
    QTest::newRow("first occurrence wins")
            << "Subject: first\r\nSubject: second\r\n"_ba << QStringLiteral("first");
    QTest::newRow("missing") << "From: a@example.com\r\n"_ba << QString();
    QTest::newRow("empty value") << "Subject:\r\n"_ba << QString();
    QTest::newRow("continuation before any field")
            << " stray\r\nSubject: ok\r\n"_ba << QStringLiteral("ok");
    QTest::newRow("garbage line skipped")
            << "no colon here\r\nSubject: ok\r\n"_ba << QStringLiteral("ok");
    QTest::newRow("mbox From_ line")
            << "From a@b Mon Jan  2 10:00:00 2023\nSubject: ok\n"_ba << QStringLiteral("ok");
}

void tst_HeaderSummary::subject()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, subject);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.subject, subject);
    verifySingleLine(s);
}

void tst_HeaderSummary::from_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("fromName");
    QTest::addColumn<QString>("fromAddress");

    QTest::newRow("bare address") << "From: alice@example.com\r\n"_ba
                                  << QStringLiteral("alice@example.com") << QString()
                                  << QStringLiteral("alice@example.com");
    QTest::newRow("name and address")
            << "From: Alice Example <alice@example.com>\r\n"_ba
            << QStringLiteral("Alice Example <alice@example.com>")
            << QStringLiteral("Alice Example") << QStringLiteral("alice@example.com");
    QTest::newRow("quoted name") << "From: \"Doe, John\" <john@example.com>\r\n"_ba
                                 << QStringLiteral("Doe, John <john@example.com>")
                                 << QStringLiteral("Doe, John")
                                 << QStringLiteral("john@example.com");
    QTest::newRow("encoded name") << "From: =?utf-8?q?J=C3=B6rg?= <jorg@example.com>\r\n"_ba
                                  << u8("Jörg <jorg@example.com>") << u8("Jörg")
                                  << QStringLiteral("jorg@example.com");
    QTest::newRow("euc-kr name") << "From: =?EUC-KR?B?x9Gxub7u?= <kr@example.kr>\r\n"_ba
                                 << u8("한국어 <kr@example.kr>") << u8("한국어")
                                 << QStringLiteral("kr@example.kr");
    QTest::newRow("raw utf-8 name")
            << "From: J\xC3\xB6rg <jorg@example.com>\r\n"_ba << u8("Jörg <jorg@example.com>")
            << u8("Jörg") << QStringLiteral("jorg@example.com");
    QTest::newRow("raw latin-1 name")
            << "From: J\xF6rg <jorg@example.com>\r\n"_ba << u8("Jörg <jorg@example.com>")
            << u8("Jörg") << QStringLiteral("jorg@example.com");
    QTest::newRow("folded") << "From: Alice\r\n <alice@example.com>\r\n"_ba
                            << QStringLiteral("Alice <alice@example.com>")
                            << QStringLiteral("Alice") << QStringLiteral("alice@example.com");
    QTest::newRow("bidi in name") << "From: \xE2\x80\xAEmoc.knab <evil@example.com>\r\n"_ba
                                  << QStringLiteral("moc.knab <evil@example.com>")
                                  << QStringLiteral("moc.knab")
                                  << QStringLiteral("evil@example.com");
    QTest::newRow("tab in name") << "From: \"A\tB\" <ab@example.com>\r\n"_ba
                                 << QStringLiteral("A B <ab@example.com>") << QStringLiteral("A B")
                                 << QStringLiteral("ab@example.com");
    QTest::newRow("first of a list")
            << "From: a@example.com, b@example.com\r\n"_ba << QStringLiteral("a@example.com")
            << QString() << QStringLiteral("a@example.com");
    QTest::newRow("missing") << "Subject: x\r\n"_ba << QString() << QString() << QString();
}

void tst_HeaderSummary::from()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, from);
    QFETCH(QString, fromName);
    QFETCH(QString, fromAddress);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.from, from);
    QCOMPARE(s.fromName, fromName);
    QCOMPARE(s.fromAddress, fromAddress);
    verifySingleLine(s);
}

void tst_HeaderSummary::to_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("to");

    QTest::newRow("one") << "To: bob@example.com\r\n"_ba << QStringLiteral("bob@example.com");
    QTest::newRow("several")
            << "To: a@example.com, \"B\" <b@example.com>,\r\n\tC <c@example.com>\r\n"_ba
            << QStringLiteral("a@example.com, B <b@example.com>, C <c@example.com>");
    QTest::newRow("empty group") << "To: undisclosed-recipients:;\r\n"_ba
                                 << QStringLiteral("undisclosed-recipients");
    QTest::newRow("group members") << "To: Team: a@example.com, b@example.com;\r\n"_ba
                                   << QStringLiteral("a@example.com, b@example.com");
    QTest::newRow("missing") << "Subject: x\r\n"_ba << QString();
}

void tst_HeaderSummary::to()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, to);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.to, to);
    verifySingleLine(s);
}

void tst_HeaderSummary::cc()
{
    const HeaderSummary s = parseHeaderSummary(
            "To: bob@example.com\r\nCc: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>,\r\n carol@example.com\r\n"_ba);
    QCOMPARE(s.to, QStringLiteral("bob@example.com"));
    QCOMPARE(s.cc, u8("Zoë <zoe@example.com>, carol@example.com"));
    verifySingleLine(s);
    QCOMPARE(parseHeaderSummary("To: bob@example.com\r\n"_ba).cc, QString());
}

void tst_HeaderSummary::replyTo_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("replyTo");

    QTest::newRow("same as From")
            << "From: Ann <ann@example.com>\r\nReply-To: ann@example.com\r\n"_ba << QString();
    QTest::newRow("same, other case")
            << "From: ann@example.com\r\nReply-To: \"Ann\" <ANN@Example.com>\r\n"_ba << QString();
    QTest::newRow("differs") << "From: ann@example.com\r\nReply-To: List <list@example.org>\r\n"_ba
                             << QStringLiteral("List <list@example.org>");
    QTest::newRow("From and another")
            << "From: ann@example.com\r\nReply-To: ann@example.com, b@example.org\r\n"_ba
            << QStringLiteral("ann@example.com, b@example.org");
    QTest::newRow("no From") << "Reply-To: b@example.org\r\n"_ba << QStringLiteral("b@example.org");
    QTest::newRow("missing") << "From: ann@example.com\r\n"_ba << QString();
}

void tst_HeaderSummary::replyTo()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, replyTo);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.replyTo, replyTo);
    verifySingleLine(s);
}

void tst_HeaderSummary::attachmentHint_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("hasAttachments");

    QTest::newRow("mixed") << "Content-Type: multipart/mixed; boundary=x\r\n"_ba << true;
    QTest::newRow("mixed, folded and upper case")
            << "Content-Type: MULTIPART/Mixed;\r\n\tboundary=\"x\"\r\n"_ba << true;
    QTest::newRow("report (a bounce)")
            << "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n"_ba
            << true;
    QTest::newRow("digest") << "Content-Type: multipart/digest; boundary=d\r\n"_ba << true;
    QTest::newRow("single pdf") << "Content-Type: application/pdf; name=a.pdf\r\n"_ba << true;
    QTest::newRow("single image") << "Content-Type: image/png\r\n"_ba << true;
    QTest::newRow("with a comment") << "Content-Type: application/zip (archive)\r\n"_ba << true;
    QTest::newRow("plain text") << "Content-Type: text/plain; charset=utf-8\r\n"_ba << false;
    QTest::newRow("alternative") << "Content-Type: multipart/alternative; boundary=a\r\n"_ba
                                 << false;
    QTest::newRow("related (inline images)")
            << "Content-Type: multipart/related; boundary=r\r\n"_ba << false;
    QTest::newRow("signed") << "Content-Type: multipart/signed; boundary=s\r\n"_ba << false;
    QTest::newRow("S/MIME envelope")
            << "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"_ba << false;
    QTest::newRow("no content type") << "Subject: x\r\n"_ba << false;
    QTest::newRow("garbage") << "Content-Type: ;;//\r\n"_ba << false;
    QTest::newRow("first one counts")
            << "Content-Type: text/plain\r\nContent-Type: multipart/mixed\r\n"_ba << false;
}

void tst_HeaderSummary::attachmentHint()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, hasAttachments);
    QCOMPARE(parseHeaderSummary(header).hasAttachments, hasAttachments);
}

void tst_HeaderSummary::date_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("scan");
    QTest::addColumn<QByteArray>("rawDate");
    QTest::addColumn<qint64>("secsSinceEpoch");

    QTest::newRow("RFC 5322") << "Date: Mon, 2 Jan 2023 10:00:00 +0200\r\n"_ba
                              << QStringLiteral("2023-01-02T10:00:00+02:00")
                              << "Mon, 2 Jan 2023 10:00:00 +0200"_ba << Q_INT64_C(1672646400);
    QTest::newRow("negative half-hour offset")
            << "Date: Tue, 03 Jan 2023 23:59:59 -0330\r\n"_ba
            << QStringLiteral("2023-01-03T23:59:59-03:30") << "Tue, 03 Jan 2023 23:59:59 -0330"_ba
            << Q_INT64_C(1672802999);
    QTest::newRow("UTC") << "Date: Sun, 1 Jan 2023 00:00:00 +0000\r\n"_ba
                         << QStringLiteral("2023-01-01T00:00:00+00:00")
                         << "Sun, 1 Jan 2023 00:00:00 +0000"_ba << Q_INT64_C(1672531200);
    QTest::newRow("folded") << "Date: Mon, 2 Jan 2023\r\n\t10:00:00 +0000\r\n"_ba
                            << QStringLiteral("2023-01-02T10:00:00+00:00")
                            << "Mon, 2 Jan 2023 10:00:00 +0000"_ba << Q_INT64_C(1672653600);
    QTest::newRow("with comment") << "Date: Mon, 2 Jan 2023 10:00:00 -0500 (EST)\r\n"_ba
                                  << QStringLiteral("2023-01-02T10:00:00-05:00")
                                  << "Mon, 2 Jan 2023 10:00:00 -0500 (EST)"_ba
                                  << Q_INT64_C(1672671600);
    QTest::newRow("obsolete 2-digit year and zone name")
            << "Date: 2 Jan 99 10:00 EST\r\n"_ba << QStringLiteral("1999-01-02T10:00:00-05:00")
            << "2 Jan 99 10:00 EST"_ba << Q_INT64_C(915289200);
    QTest::newRow("obsolete GMT") << "Date: Mon, 2 Jan 2023 10:00:00 GMT\r\n"_ba
                                  << QStringLiteral("2023-01-02T10:00:00+00:00")
                                  << "Mon, 2 Jan 2023 10:00:00 GMT"_ba << Q_INT64_C(1672653600);
    QTest::newRow("absurd offset is UTC")
            << "Date: Mon, 2 Jan 2023 10:00:00 +9999\r\n"_ba
            << QStringLiteral("2023-01-02T10:00:00+00:00") << "Mon, 2 Jan 2023 10:00:00 +9999"_ba
            << Q_INT64_C(1672653600);
    QTest::newRow("garbage") << "Date: yesterday-ish\r\n"_ba << QString() << "yesterday-ish"_ba
                             << Q_INT64_C(-1);
    QTest::newRow("impossible day") << "Date: 31 Feb 2023 10:00:00 +0000\r\n"_ba << QString()
                                    << "31 Feb 2023 10:00:00 +0000"_ba << Q_INT64_C(-1);
    QTest::newRow("empty") << "Date: \r\n"_ba << QString() << QByteArray() << Q_INT64_C(-1);
    QTest::newRow("missing") << "Subject: x\r\n"_ba << QString() << QByteArray() << Q_INT64_C(-1);
}

void tst_HeaderSummary::date()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, scan);
    QFETCH(QByteArray, rawDate);
    QFETCH(qint64, secsSinceEpoch);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.dateForScan(), scan);
    QCOMPARE(s.rawDate, rawDate);
    QCOMPARE(s.date.isValid(), secsSinceEpoch >= 0);
    if (secsSinceEpoch >= 0)
        QCOMPARE(s.date.toSecsSinceEpoch(), secsSinceEpoch);
}

void tst_HeaderSummary::messageId_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("messageId");

    QTest::newRow("normal") << "Message-ID: <abc.123@example.com>\r\n"_ba
                            << QStringLiteral("abc.123@example.com");
    QTest::newRow("case and folding") << "MESSAGE-id:\r\n <x@y>\r\n"_ba << QStringLiteral("x@y");
    QTest::newRow("no brackets") << "Message-Id: x@y\r\n"_ba << QStringLiteral("x@y");
    QTest::newRow("missing") << "Subject: x\r\n"_ba << QString();
}

void tst_HeaderSummary::messageId()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, messageId);
    QCOMPARE(parseHeaderSummary(header).messageId, messageId);
}

void tst_HeaderSummary::envelopeSender_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("envelopeSender");

    QTest::newRow("Return-Path wins")
            << "Return-Path: <bounce+123@lists.example.org>\r\nFrom: Alice <alice@example.com>\r\n"_ba
            << QStringLiteral("bounce+123@lists.example.org");
    QTest::newRow("Return-Path after From")
            << "From: alice@example.com\r\nReturn-path: <b@example.org>\r\n"_ba
            << QStringLiteral("b@example.org");
    QTest::newRow("topmost Return-Path")
            << "Return-Path: <first@example.org>\r\nReturn-Path: <second@example.org>\r\n"_ba
            << QStringLiteral("first@example.org");
    QTest::newRow("no brackets") << "Return-Path: bare@example.org\r\n"_ba
                                 << QStringLiteral("bare@example.org");
    QTest::newRow("source route") << "Return-Path: <@relay.example:user@example.org>\r\n"_ba
                                  << QStringLiteral("user@example.org");
    QTest::newRow("null sender falls back to From")
            << "Return-Path: <>\r\nFrom: MAILER-DAEMON@example.com\r\n"_ba
            << QStringLiteral("MAILER-DAEMON@example.com");
    QTest::newRow("From only") << "From: Alice <alice@example.com>\r\n"_ba
                               << QStringLiteral("alice@example.com");
    QTest::newRow("neither") << "Subject: x\r\n"_ba << QString();
}

void tst_HeaderSummary::envelopeSender()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, envelopeSender);
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.envelopeSender, envelopeSender);
    verifySingleLine(s);
}

void tst_HeaderSummary::emptyInput()
{
    for (const QByteArray &input : {QByteArray(), ""_ba, "\r\n"_ba, "\n\n"_ba}) {
        const HeaderSummary s = parseHeaderSummary(input);
        QVERIFY(s.from.isEmpty());
        QVERIFY(s.subject.isEmpty());
        QVERIFY(s.to.isEmpty());
        QVERIFY(s.messageId.isEmpty());
        QVERIFY(s.envelopeSender.isEmpty());
        QVERIFY(!s.date.isValid());
        QVERIFY(s.dateForScan().isEmpty());
    }
}

void tst_HeaderSummary::onlyGarbage()
{
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 131 + 7) % 256));
    const HeaderSummary s = parseHeaderSummary(garbage);
    verifySingleLine(s);

    const HeaderSummary t = parseHeaderSummary(
            "From: <<<@@>>> \"unterminated\r\nTo: ,,,;;:\r\nSubject: =?=?=?\r\nDate: 99:99\r\n"_ba);
    verifySingleLine(t);
    QCOMPARE(t.subject, QStringLiteral("=?=?=?"));
    QVERIFY(!t.date.isValid());
}

void tst_HeaderSummary::hugeHeaderLineIsBounded()
{
    const QByteArray megabyte(1024 * 1024, 'x');
    const QByteArray header = "Subject: "_ba + megabyte + "\r\nFrom: "_ba + megabyte +
            "@example.com\r\nTo: "_ba + QByteArray(1024 * 1024, ',') + "\r\nX-Folded: a\r\n"_ba +
            QByteArray(1024 * 1024, ' ') + "\r\nDate: Mon, 2 Jan 2023 10:00:00 +0000\r\n"_ba;
    const HeaderSummary s = parseHeaderSummary(header);
    QVERIFY(!s.subject.isEmpty());
    QVERIFY(s.subject.size() <= 64 * 1024);
    QVERIFY(s.from.size() <= 64 * 1024);
    // Fields after the huge ones are still found.
    QCOMPARE(s.dateForScan(), QStringLiteral("2023-01-02T10:00:00+00:00"));
    verifySingleLine(s);

    // One huge folded value made of many continuation lines is cut as well.
    QByteArray folded = "Subject: start"_ba;
    for (int i = 0; i < 100000; ++i)
        folded.append("\r\n =?utf-8?q?=C3=A9?=");
    const HeaderSummary f = parseHeaderSummary(folded);
    QVERIFY(f.subject.startsWith(QStringLiteral("start ")));
    QVERIFY(f.subject.size() <= 64 * 1024);
}

void tst_HeaderSummary::headerCountIsBounded()
{
    QByteArray header = "Subject: early\r\n"_ba;
    for (int i = 0; i < 200000; ++i)
        header.append("X-Spam: y\r\n");
    header.append("From: late@example.com\r\n");
    const HeaderSummary s = parseHeaderSummary(header);
    QCOMPARE(s.subject, QStringLiteral("early"));
    // Past the cap nothing more is looked at.
    QVERIFY(s.from.isEmpty());
}

void tst_HeaderSummary::stopsAtBody()
{
    const HeaderSummary s =
            parseHeaderSummary("From: a@example.com\r\n\r\nSubject: in the body\r\n"_ba);
    QCOMPARE(s.from, QStringLiteral("a@example.com"));
    QVERIFY(s.subject.isEmpty());
}

void tst_HeaderSummary::fullHeaderBlock()
{
    const QByteArray block = "Return-Path: <list-bounces@example.org>\r\n"
                             "Received: from mx.example.org (mx.example.org [192.0.2.1])\r\n"
                             "\tby pop.example.com with ESMTPS id 123\r\n"
                             "Message-ID: <20230102100000.1234@example.com>\r\n"
                             "Date: Mon, 2 Jan 2023 10:00:00 +0100\r\n"
                             "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.com>\r\n"
                             "To: Bob <bob@example.com>\r\n"
                             "Subject: =?utf-8?B?8J+OiQ==?= Party\r\n"
                             "MIME-Version: 1.0\r\n"
                             "\r\n"_ba;
    const HeaderSummary s = parseHeaderSummary(block);
    QCOMPARE(s.from, u8("Zoë <zoe@example.com>"));
    QCOMPARE(s.fromName, u8("Zoë"));
    QCOMPARE(s.fromAddress, QStringLiteral("zoe@example.com"));
    QCOMPARE(s.to, QStringLiteral("Bob <bob@example.com>"));
    QCOMPARE(s.subject, u8("🎉 Party"));
    QCOMPARE(s.dateForScan(), QStringLiteral("2023-01-02T10:00:00+01:00"));
    QCOMPARE(s.date.offsetFromUtc(), 3600);
    QCOMPARE(s.messageId, QStringLiteral("20230102100000.1234@example.com"));
    QCOMPARE(s.envelopeSender, QStringLiteral("list-bounces@example.org"));
    verifySingleLine(s);
}

void tst_HeaderSummary::typicalHeaderSpeed()
{
    const QByteArray block = "Return-Path: <a@example.org>\r\n"
                             "Received: from x by y\r\n\twith z; Mon, 2 Jan 2023 10:00:00 +0100\r\n"
                             "Date: Mon, 2 Jan 2023 10:00:00 +0100\r\n"
                             "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.com>\r\n"
                             "To: Bob <bob@example.com>, carol@example.com\r\n"
                             "Subject: =?iso-8859-1?q?Re=3A_caf=E9?=\r\n"
                             "Message-ID: <1@example.com>\r\n\r\n"_ba;
    // A smoke check of the per-message cost that 100,000-message mailboxes
    // multiply; run with -iterations to measure.
    QBENCHMARK
    {
        const HeaderSummary s = parseHeaderSummary(block);
        QCOMPARE(s.subject, u8("Re: café"));
    }
}

QTEST_GUILESS_MAIN(tst_HeaderSummary)
#include "tst_headersummary.moc"
