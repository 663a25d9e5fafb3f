// LinkGuard's verdicts as a table: which link texts claim a destination,
// and when that claim differs from the real target.

#include "linkguard.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_LinkGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostShownBy_data();
    void hostShownBy();
    void isMisleading_data();
    void isMisleading();
    void displayTarget_data();
    void displayTarget();
};

void tst_LinkGuard::hostShownBy_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");

    QTest::newRow("scheme") << u"https://Bank.Example/login"_s << u"bank.example"_s;
    QTest::newRow("www") << u"www.paypal.com"_s << u"paypal.com"_s;
    QTest::newRow("bare") << u"paypal.com"_s << u"paypal.com"_s;
    QTest::newRow("bare with path") << u"shop.example/sale?x=1"_s << u"shop.example"_s;
    QTest::newRow("angle brackets") << u"<https://a.example/>"_s << u"a.example"_s;
    QTest::newRow("idn") << u"bücher.de"_s << u"xn--bcher-kva.de"_s;
    QTest::newRow("trailing dot") << u"example.com."_s << u"example.com"_s;
    QTest::newRow("words") << u"Click here"_s << QString();
    QTest::newRow("sentence with host") << u"see paypal.com now"_s << QString();
    QTest::newRow("mail address") << u"ann@example.com"_s << QString();
    QTest::newRow("version") << u"v1.2"_s << QString();
    QTest::newRow("number") << u"3.14"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_LinkGuard::hostShownBy()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QCOMPARE(LinkGuard::hostShownBy(text), host);
}

void tst_LinkGuard::isMisleading_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("misleading");

    QTest::newRow("other host") << u"www.paypal.com"_s << u"https://evil.example/login"_s << true;
    QTest::newRow("look-alike suffix")
            << u"paypal.com"_s << u"https://paypal.com.evil.example/"_s << true;
    QTest::newRow("user info trick")
            << u"https://bank.example"_s << u"https://bank.example@evil.example/"_s << true;
    QTest::newRow("ip address") << u"bank.example"_s << u"http://192.0.2.7/"_s << true;
    QTest::newRow("punycode look-alike")
            << u"apple.com"_s << u"https://xn--pple-43d.com/"_s << true;
    QTest::newRow("same host") << u"example.com"_s << u"https://www.example.com/a"_s << false;
    QTest::newRow("same host, case")
            << u"HTTPS://Example.COM"_s << u"https://example.com/x"_s << false;
    QTest::newRow("subdomain of the text's")
            << u"example.com"_s << u"https://mail.example.com/"_s << false;
    QTest::newRow("text a subdomain")
            << u"secure.bank.example"_s << u"https://bank.example/"_s << false;
    QTest::newRow("plain words") << u"Visit the shop"_s << u"https://evil.example/"_s << false;
    QTest::newRow("mailto") << u"www.bank.example"_s << u"mailto:x@evil.example"_s << false;
    QTest::newRow("tld only is no site") << u"www.bank.com"_s << u"https://com/"_s << true;
}

void tst_LinkGuard::isMisleading()
{
    QFETCH(QString, text);
    QFETCH(QString, target);
    QFETCH(bool, misleading);
    QCOMPARE(LinkGuard::isMisleading(text, QUrl(target)), misleading);
}

void tst_LinkGuard::displayTarget_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("shown");

    QTest::newRow("plain") << u"https://shop.example/sale"_s << u"https://shop.example/sale"_s;
    QTest::newRow("user info dropped")
            << u"https://bank.example:pw@evil.example/x"_s << u"https://evil.example/x"_s;
    QTest::newRow("unicode host as ACE")
            << u"https://\u0430pple.com/"_s << u"https://xn--pple-43d.com/"_s;
    QTest::newRow("bidi override encoded")
            << u"https://a.example/\u202Etxt.exe"_s << u"https://a.example/%E2%80%AEtxt.exe"_s;
}

void tst_LinkGuard::displayTarget()
{
    QFETCH(QString, target);
    QFETCH(QString, shown);
    QCOMPARE(LinkGuard::displayTarget(QUrl(target)), shown);
}

QTEST_MAIN(tst_LinkGuard)
#include "tst_linkguard.moc"
