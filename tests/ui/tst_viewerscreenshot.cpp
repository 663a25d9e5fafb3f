// Screenshots of the reading features, in English and Korean, written where
// tst_screenshot writes its own (MAILPEEK_SCREENSHOT_DIR, else
// <build>/tests/screenshots) for docs/screenshots and for a human to look
// at: the list's paperclip column with a message showing Cc and Reply-To,
// an inline image with the attachments after "Save all", a bounce, and the
// warning for a link whose text shows another site.
//
// Strings added since the catalogues were last merged are still in
// translations/pending/*.tsv: the test reads them into a translator of its
// own, so the Korean pictures show them in Korean (and a pending line that
// does not match its source text shows up as English here).

#include "layoutchecks.h"
#include "mainwindow.h"
#include "messagebrowser.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "screenshotsupport.h"
#include "translations.h"
#include "uitesthelpers.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTranslator>
#include <QTreeView>

using namespace UiTest;
using ScreenshotSupport::outputDirectory;
using namespace Qt::StringLiterals;

namespace {

// "context<TAB>source<TAB>Korean" lines of translations/pending/*.tsv.
class PendingTranslator : public QTranslator
{
public:
    PendingTranslator()
    {
        const QDir dir(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/../../translations/pending"));
        for (const QString &name : dir.entryList({QStringLiteral("*.tsv")}, QDir::Files)) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
                continue;
            while (!file.atEnd()) {
                const QStringList fields = QString::fromUtf8(file.readLine())
                                                   .remove(QLatin1Char('\n'))
                                                   .split(QLatin1Char('\t'));
                if (fields.size() == 3)
                    m_texts.insert(fields.at(0) + QLatin1Char('\x04') + unescape(fields.at(1)),
                                   unescape(fields.at(2)));
            }
        }
    }
    bool isEmpty() const override { return m_texts.isEmpty(); }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return m_texts.value(QString::fromUtf8(context) + QLatin1Char('\x04') +
                             QString::fromUtf8(source));
    }

private:
    static QString unescape(QString text) { return text.replace(u"\\n"_s, u"\n"_s); }
    QHash<QString, QString> m_texts;
};

QByteArray crlf(QByteArray text)
{
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
}

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/mime/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return crlf(file.readAll());
}

QByteArray headerBlock(const QByteArray &message)
{
    return message.left(message.indexOf("\r\n\r\n") + 2);
}

// The mailbox: what each message is, whole.
QList<QByteArray> messages()
{
    QByteArray chart = fixture("inline-images.eml");
    chart.replace("Cc: Carol White <carol@example.org>\r\n",
                  "Cc: Carol White <carol@example.org>, Dana Lee <dana@example.com>\r\n"
                  "Reply-To: Sales team <sales@example.org>\r\n");
    return {
            chart,
            fixture("bounce.eml"),
            crlf("From: Bob Stone <bob@example.net>\nTo: alice@example.org\n"
                 "Subject: Lunch on Friday?\nDate: Thu, 04 Jan 2024 12:01:00 -0500\n\n"
                 "Are you free on Friday?\n"),
            crlf("From: \"PayPal\" <service@paypa1-support.example.net>\nTo: bob@example.org\n"
                 "Subject: Your account has been limited\n"
                 "Date: Fri, 05 Jan 2024 03:12:00 +0000\nMIME-Version: 1.0\n"
                 "Content-Type: text/html; charset=utf-8\n\n"
                 "<html><body><p>Dear customer,</p><p>we noticed unusual activity. Please "
                 "confirm your details within 24 hours at "
                 "<a href=\"https://paypal-login.example.net/verify?id=8812\">www.paypal.com"
                 "</a>.</p><p>Thank you.</p></body></html>\n"),
            crlf("From: Dana Lee <dana@example.com>\nTo: bob@example.org\n"
                 "Subject: Invoice 2024-001\nDate: Mon, 08 Jan 2024 10:45:00 +0900\n"
                 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"i\"\n\n--i\n"
                 "Content-Type: text/plain\n\nThe invoice is attached.\n--i\n"
                 "Content-Type: application/pdf; name=\"invoice-2024-001.pdf\"\n"
                 "Content-Disposition: attachment; filename=\"invoice-2024-001.pdf\"\n"
                 "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--i--\n"),
    };
}

} // namespace

class tst_ViewerScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reading_data();
    void reading();

private:
    void save(QWidget &widget, const QString &name)
    {
        const QString path = outputDirectory() + QLatin1Char('/') + name;
        QVERIFY(widget.grab().toImage().save(path));
        qInfo("wrote %s", qPrintable(path));
    }
    // Selects the message, waits for its preview, opens it.
    void open(MainWindow &window, int number)
    {
        QTreeView *view = window.messageView();
        view->setFocus();
        view->setCurrentIndex(view->model()->index(number - 1, 0));
        QTRY_COMPARE(window.viewer()->number(), number);
        QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Preview);
        window.openCurrentMessage();
        QTRY_COMPARE(window.viewer()->mode(), MessageViewer::Mode::Message);
        QTRY_VERIFY(window.viewer()->findChild<QProgressBar *>()->isHidden());
    }

    PendingTranslator m_pending;
};

void tst_ViewerScreenshot::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
}

void tst_ViewerScreenshot::reading_data()
{
    ScreenshotSupport::addLocaleRows();
}

void tst_ViewerScreenshot::reading()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, suffix);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    const bool korean = locale.language() == QLocale::Korean;
    if (korean)
        QCoreApplication::installTranslator(&m_pending);

    const QList<QByteArray> mailbox = messages();
    QList<qint64> sizes;
    for (const QByteArray &message : mailbox)
        sizes.append(message.size());
    FakePop3Server server;
    Script script = login() + listing(sizes);
    for (int n = 1; n <= mailbox.size(); ++n)
        script += top(n, 0, headerBlock(mailbox.at(n - 1)));
    for (const int n : {1, 2, 4}) {
        script += top(n, 20, mailbox.at(n - 1));
        script += Script{"C: RETR " + QByteArray::number(n), "S: +OK",
                         FakePop3Server::multiline(mailbox.at(n - 1))};
    }
    script += Script{"C: QUIT", "S: +OK"};
    server.addScenario(script);

    MainWindow window;
    window.resize(1100, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSession(settingsFor(server));
    QTRY_COMPARE(window.session()->model()->rowCount(), int(mailbox.size()));
    QTRY_VERIFY(window.session()->model()->pendingNumbers().isEmpty());
    const QAbstractItemModel *list = window.messageView()->model();
    for (const int row : {0, 1, 4})
        QVERIFY(list->index(row, MessageListModel::AttachmentColumn)
                        .data(MessageListModel::HasAttachmentsRole)
                        .toBool());
    QVERIFY(!list->index(2, MessageListModel::AttachmentColumn)
                     .data(MessageListModel::HasAttachmentsRole)
                     .toBool());

    // Cc, Reply-To, the subject as the title, the inline chart, the
    // attachments after "Save all".
    open(window, 1);
    MessageViewer *viewer = window.viewer();
    QCOMPARE(viewer->bannerText(), u"Sales chart"_s);
    QVERIFY(viewer->headerText().contains(u"Dana Lee"_s));
    QVERIFY(viewer->headerText().contains(u"sales@example.org"_s));
    QTRY_COMPARE(viewer->browser()
                         ->document()
                         ->resource(QTextDocument::ImageResource, QUrl(u"cid:chart@example.org"_s))
                         .value<QImage>()
                         .width(),
                 120);
    QTemporaryDir downloads;
    QVERIFY(downloads.isValid());
    viewer->findChild<QPushButton *>(u"saveAllAttachments"_s)->click();
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = viewer->findChild<QFileDialog *>(u"saveAllDialog"_s)) != nullptr);
    dialog->selectFile(downloads.path());
    QMetaObject::invokeMethod(dialog, &QDialog::accept);
    auto *status = viewer->findChild<QLabel *>(u"attachmentStatus"_s);
    QTRY_VERIFY(status->isVisible());
    QVERIFY2(status->text().contains(QDir::toNativeSeparators(downloads.path())),
             qPrintable(status->text()));
    QTRY_COMPARE(layoutProblems(viewer), QString());
    save(window, QStringLiteral("viewer-cc-inline-image%1.png").arg(suffix));

    // A bounce: its parts named by what they are.
    open(window, 2);
    QVERIFY(viewer->attachmentList()->item(0)->text().startsWith(korean ? u"배달 보고서"_s
                                                                        : u"Delivery report"_s));
    save(window, QStringLiteral("viewer-bounce%1.png").arg(suffix));

    // A link that shows one site and leads to another.
    open(window, 4);
    MessageBrowser *browser = viewer->browser();
    const QTextCursor found = browser->document()->find(u"www.paypal.com"_s);
    QVERIFY(!found.isNull());
    QTextCursor middle(browser->document());
    middle.setPosition(found.selectionStart() + 3);
    const QPoint point = browser->cursorRect(middle).center();
    QTest::mouseMove(browser->viewport(), point);
    QTRY_COMPARE(window.statusBar()->currentMessage(),
                 u"https://paypal-login.example.net/verify?id=8812"_s);
    save(window, QStringLiteral("viewer-link-hover%1.png").arg(suffix));
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, point);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"linkWarning"_s)) != nullptr);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(u"https://paypal-login.example.net/verify?id=8812"_s));
    QTRY_COMPARE(layoutProblems(box), QString());
    save(*box, QStringLiteral("dialog-link-warning%1.png").arg(suffix));
    box->button(QMessageBox::Cancel)->click();

    window.close();
    QTRY_VERIFY(!window.isVisible());
    if (korean)
        QCoreApplication::removeTranslator(&m_pending);
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
}

QTEST_MAIN(tst_ViewerScreenshot)
#include "tst_viewerscreenshot.moc"
