#include "auth/apop.h"

#include <QTest>

class tst_Apop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc1939Example();
    void extractTimestamp_data();
    void extractTimestamp();
    void hostileGreetings_data();
    void hostileGreetings();
    void digest_data();
    void digest();
};

void tst_Apop::rfc1939Example()
{
    const auto timestamp =
            Apop::extractTimestamp("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>");
    QVERIFY(timestamp);
    QCOMPARE(*timestamp, QByteArray("<1896.697170952@dbc.mtview.ca.us>"));
    QCOMPARE(Apop::digest(*timestamp, "tanstaaf"), QByteArray("c4c9334bac560ecc979e58001b3e22fb"));
}

void tst_Apop::extractTimestamp_data()
{
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QByteArray>("expected"); // empty: no timestamp

    const QByteArray none;
    QTest::newRow("no timestamp") << QByteArray("+OK POP3 server ready") << none;
    QTest::newRow("empty greeting") << QByteArray() << none;
    QTest::newRow("with CRLF") << QByteArray("+OK ready <1.2@host>\r\n")
                               << QByteArray("<1.2@host>");
    QTest::newRow("text after") << QByteArray("+OK <1.2@host> welcome") << QByteArray("<1.2@host>");
    QTest::newRow("empty brackets") << QByteArray("+OK <>") << none;
    QTest::newRow("no at sign") << QByteArray("+OK <1896.697170952>") << none;
    QTest::newRow("only at sign") << QByteArray("+OK <@>") << none;
    QTest::newRow("empty local part") << QByteArray("+OK <@host>") << none;
    QTest::newRow("empty domain") << QByteArray("+OK <1.2@>") << none;
    QTest::newRow("space inside") << QByteArray("+OK <1.2 @host>") << none;
    QTest::newRow("tab inside") << QByteArray("+OK <1.2\t@host>") << none;
    QTest::newRow("NUL inside") << QByteArray("+OK <1.2\0@host>", 16) << none;
    QTest::newRow("DEL inside") << QByteArray("+OK <1.2\x7f@host>") << none;
    QTest::newRow("unterminated") << QByteArray("+OK <1.2@host") << none;
    QTest::newRow("unopened") << QByteArray("+OK 1.2@host>") << none;
    QTest::newRow("reversed") << QByteArray("+OK >1.2@host<") << none;
    QTest::newRow("non-ASCII inside") << QByteArray("+OK <1.caf\xc3\xa9@host>") << none;
    QTest::newRow("non-ASCII elsewhere")
            << QByteArray("+OK caf\xc3\xa9 pr\xc3\xaat <1.2@host>") << QByteArray("<1.2@host>");
    // A nested '<' starts a new candidate: the inner msg-id is the one that
    // is well-formed.
    QTest::newRow("nested open") << QByteArray("+OK <<1.2@host>") << QByteArray("<1.2@host>");
    QTest::newRow("nested both") << QByteArray("+OK <a<1.2@host>>") << QByteArray("<1.2@host>");
    QTest::newRow("two at signs") << QByteArray("+OK <a@b@c>") << QByteArray("<a@b@c>");
    // RFC 1939 puts one timestamp in the banner; with several, the first
    // well-formed one is taken.
    QTest::newRow("two timestamps") << QByteArray("+OK <1@a> <2@b>") << QByteArray("<1@a>");
    QTest::newRow("malformed then valid")
            << QByteArray("+OK <no timestamp> <1@a>") << QByteArray("<1@a>");
    QTest::newRow("no at then valid") << QByteArray("+OK <x> <1@a>") << QByteArray("<1@a>");
    QTest::newRow("shortest") << QByteArray("<a@b>") << QByteArray("<a@b>");
}

void tst_Apop::extractTimestamp()
{
    QFETCH(QByteArray, greeting);
    QFETCH(QByteArray, expected);

    const auto timestamp = Apop::extractTimestamp(greeting);
    if (expected.isEmpty()) {
        QVERIFY2(!timestamp, timestamp ? timestamp->constData() : "");
        return;
    }
    QVERIFY(timestamp);
    QCOMPARE(*timestamp, expected);
}

void tst_Apop::hostileGreetings_data()
{
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QByteArray>("expected"); // empty: no timestamp

    // A backtracking pattern such as <.*@.*> is quadratic or worse on these;
    // extractTimestamp() makes one pass, so each finishes at once.
    const QByteArray valid = "<1896.697170952@dbc.mtview.ca.us>";
    QTest::newRow("1,000,000 '<'") << QByteArray(1000000, '<') << QByteArray();
    QTest::newRow("+OK and 1,000,000 '<'") << "+OK " + QByteArray(1000000, '<') << QByteArray();
    QTest::newRow("200,000 '<' then a timestamp")
            << "+OK " + QByteArray(200000, '<') + valid << valid;
    QTest::newRow("'<' then 1,000,000 '@'") << "<" + QByteArray(1000000, '@') << QByteArray();
    QTest::newRow("300,000 '<a@' without '>'")
            << QByteArray("<a@").repeated(300000) << QByteArray();
    QTest::newRow("300,000 '<a@>'") << QByteArray("<a@>").repeated(300000) << QByteArray();
    QTest::newRow("1,000,000 '>' then a timestamp") << QByteArray(1000000, '>') + valid << valid;
}

void tst_Apop::hostileGreetings()
{
    extractTimestamp();
}

void tst_Apop::digest_data()
{
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("expected");

    // Besides RFC 1939's example, values cross-checked with Python's hashlib.
    QTest::newRow("rfc 1939") << QByteArray("<1896.697170952@dbc.mtview.ca.us>")
                              << QByteArray("tanstaaf")
                              << QByteArray("c4c9334bac560ecc979e58001b3e22fb");
    QTest::newRow("empty secret") << QByteArray("<1@a>") << QByteArray()
                                  << QByteArray("222a158363b687836c991e259d11e9ff");
    QTest::newRow("utf-8 secret") << QByteArray("<x@y>")
                                  << QByteArray("s\xc3\xab"
                                                "cret")
                                  << QByteArray("6694bbe7ebebb517c006c109d03c5abf");
}

void tst_Apop::digest()
{
    QFETCH(QByteArray, timestamp);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, expected);
    QCOMPARE(Apop::digest(timestamp, secret), expected);
}

QTEST_GUILESS_MAIN(tst_Apop)
#include "tst_apop.moc"
