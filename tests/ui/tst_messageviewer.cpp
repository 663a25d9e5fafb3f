// The message pane on its own (offscreen): what the header block shows, how
// an opened message is titled, links (hover target, look-alike text) and
// attachments.

#include "messagebrowser.h"
#include "messageviewer.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray simpleMessage(const QByteArray &extraHeaders, const QByteArray &subject = "Lunch")
{
    return "From: Ann <ann@example.com>\r\nTo: bob@example.com\r\n" + extraHeaders +
            "Subject: " + subject + "\r\nDate: Mon, 8 Jan 2024 10:00:00 +0100\r\n\r\nHello\r\n";
}

} // namespace

class tst_MessageViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ccAndReplyToAreShown();
    void replyToLikeFromIsNotShown();
    void openedMessageIsTitledBySubject();
    void subjectIsPlainTextInTheBanner();

private:
    static void showAndWait(MessageViewer &viewer, int number, const QByteArray &raw)
    {
        viewer.showMessage(number, raw);
        // The busy bar goes when the parse is rendered (the mode may be
        // Message already, from the message before).
        auto *busy = viewer.findChild<QProgressBar *>();
        QVERIFY(busy);
        QTRY_VERIFY(busy->isHidden());
        QCOMPARE(viewer.mode(), MessageViewer::Mode::Message);
    }
};

void tst_MessageViewer::ccAndReplyToAreShown()
{
    MessageViewer viewer;
    showAndWait(viewer, 3,
                simpleMessage("Cc: Carol <carol@example.org>, dave@example.net\r\n"
                              "Reply-To: Team <team@example.org>\r\n"));
    const QString headers = viewer.headerText();
    QVERIFY2(headers.contains(u"<b>Cc:</b>"_s), qPrintable(headers));
    QVERIFY2(headers.contains(u"Carol &lt;carol@example.org&gt;, dave@example.net"_s),
             qPrintable(headers));
    QVERIFY2(headers.contains(u"<b>Reply-To:</b>"_s), qPrintable(headers));
    QVERIFY2(headers.contains(u"Team &lt;team@example.org&gt;"_s), qPrintable(headers));
}

void tst_MessageViewer::replyToLikeFromIsNotShown()
{
    MessageViewer viewer;
    showAndWait(viewer, 1, simpleMessage("Reply-To: ANN@example.com\r\n"));
    QVERIFY2(!viewer.headerText().contains(u"Reply-To"_s), qPrintable(viewer.headerText()));
    QVERIFY(!viewer.headerText().contains(u"Cc:"_s));
}

void tst_MessageViewer::openedMessageIsTitledBySubject()
{
    MessageViewer viewer;
    showAndWait(viewer, 4, simpleMessage({}, "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from Munich"));
    QCOMPARE(viewer.bannerText(), u"Grüße from Munich"_s);
    viewer.renumber(2);
    QCOMPARE(viewer.bannerText(), u"Grüße from Munich"_s);

    showAndWait(viewer, 5, "From: a@example.com\r\n\r\nno subject\r\n");
    QCOMPARE(viewer.bannerText(), u"Message 5 (no subject)"_s);

    // A preview keeps saying that it is one.
    viewer.showPreview(6, simpleMessage({}));
    QTRY_COMPARE(viewer.mode(), MessageViewer::Mode::Preview);
    QCOMPARE(viewer.bannerText(), u"Preview - not marked as read on the server"_s);
}

void tst_MessageViewer::subjectIsPlainTextInTheBanner()
{
    MessageViewer viewer;
    showAndWait(viewer, 1, simpleMessage({}, "<b>bold</b> <img src=x>"));
    auto *banner = viewer.findChild<QLabel *>(u"viewerBanner"_s);
    QVERIFY(banner);
    QCOMPARE(banner->textFormat(), Qt::PlainText);
    QCOMPARE(banner->text(), u"<b>bold</b> <img src=x>"_s);
}

QTEST_MAIN(tst_MessageViewer)
#include "tst_messageviewer.moc"
