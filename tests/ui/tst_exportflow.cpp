// The export as the window runs it (ExportController over a MailboxSession
// and the fake server): the progress dialog, the export dialog's memory and
// its "only new" count, and the result box.

#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "exportcontroller.h"
#include "exportdialog.h"
#include "models/messagelistmodel.h"
#include "pop3/datasizetext.h"
#include "serverchecks.h"
#include "session/mailboxsession.h"
#include "uitesthelpers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWidget>

using namespace UiTest;

namespace {

QByteArray message(int number, int bodyLines = 1)
{
    QByteArray raw = "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Message " +
            QByteArray::number(number) +
            "\r\nDate: Wed, 03 Jan 2024 10:00:00 +0000\r\nMessage-ID: <m" +
            QByteArray::number(number) + "@example.org>\r\n\r\n";
    for (int line = 0; line < bodyLines; ++line)
        raw += "Line " + QByteArray::number(line) + " of the body of a long message.\r\n";
    return raw;
}

// Login, listing and the TOP n 0 of every message: the session's opening.
Script opening(const QList<QByteArray> &raws)
{
    Script lines = login() + listing(sizesOf(raws));
    for (int n = 1; n <= raws.size(); ++n)
        lines += top(n, 0, raws.at(n - 1).left(raws.at(n - 1).indexOf("\r\n\r\n") + 4));
    return lines;
}

QMessageBox *visibleBox(const QWidget &parent, const QString &name)
{
    return visibleChild<QMessageBox>(parent, name);
}

// Records what the desktop was asked to open.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

// Records messages 1..count of the fake server's mailbox (uid-N, at their
// LIST sizes) as exported to `destination`, as an earlier run would have.
void recordExported(const FakePop3Server &server, const QList<QByteArray> &raws, int count,
                    const QString &destination)
{
    ExportStateStore store;
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QList<ExportRecord> records;
    for (int n = 1; n <= count; ++n)
        records.append({ExportKey::fromUidl(QStringLiteral("127.0.0.1"), server.port(),
                                            QStringLiteral("bob"), QStringLiteral("uid-%1").arg(n)),
                        raws.at(n - 1).size(), destination});
    QVERIFY(store.markExported(records));
}

ExportDialog *visibleDialog(const QWidget &parent)
{
    return visibleChild<ExportDialog>(parent, QStringLiteral("exportDialog"));
}

} // namespace

class tst_ExportFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    // The bar follows bytes, inside one big message too, while the label
    // says both the bytes and the messages saved.
    void progressFollowsBytesWithinOneMessage();
    // The dialog counts what "only new" exports (off the UI thread), the
    // summary names the destination and opens its folder, and the next
    // dialog for the account starts where this one ended.
    void onlyNewCountDestinationAndMemory();
    // An export that writes nothing leaves no empty folder or file.
    void nothingExportedLeavesNoTarget_data();
    void nothingExportedLeavesNoTarget();

private:
    void open(MailboxSession &session, FakePop3Server &server, int rows)
    {
        session.open(settingsFor(server));
        QTRY_COMPARE(session.model()->rowCount(), rows);
        QTRY_VERIFY(session.model()->pendingNumbers().isEmpty());
        QTRY_COMPARE(session.state(), MailboxSession::State::Ready);
    }
};

void tst_ExportFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_exportflow"));
}

void tst_ExportFlow::init()
{
    QFile::remove(ExportStateStore::defaultPath());
}

void tst_ExportFlow::progressFollowsBytesWithinOneMessage()
{
    // One message of about 600 KB, sent in two halves with a pause between:
    // no message is saved before the pause ends, yet half the bytes are in.
    const QList<QByteArray> raws{message(1, 12000)};
    const QByteArray wire = FakePop3Server::dotStuffed(raws[0]); // with the final ".\r\n"
    const qsizetype half = wire.indexOf("\r\n", wire.size() / 2) + 2;
    FakePop3Server server;
    server.addScenario(opening(raws) + exportListing(raws) +
                       Script{"C: RETR 1", "S: +OK", "S* " + wire.left(half), "W: 3000",
                              "S* " + wire.mid(half)} +
                       listing(sizesOf(raws)) + Script{"C: QUIT", "S: +OK"});
    MailboxSession session;
    open(session, server, 1);

    QWidget window;
    window.show();
    ExportController controller(&session, &window, [] { return QModelIndexList(); });
    QTemporaryDir target;
    controller.start(QStringLiteral("eml:") + target.path(), {});
    auto *progress = window.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
    QVERIFY(progress);
    // Guarded: once the export ends the dialog goes.
    const QPointer<QProgressBar> bar = progress->findChild<QProgressBar *>();
    QVERIFY(bar);
    const QPointer<QLabel> label = progress->findChild<QLabel *>();
    QVERIFY(label);

    // During the pause: about half way, and no message saved yet.
    QTRY_VERIFY2(bar && bar->value() > bar->maximum() / 3,
                 qPrintable(label ? label->text() : QStringLiteral("(the export ended)")));
    QVERIFY2(bar->value() < bar->maximum(), qPrintable(label->text()));
    QVERIFY(!server.isScenarioFinished());
    QVERIFY(QDir(target.path()).entryList(QDir::Files).isEmpty());
    QVERIFY2(label->text().contains(QStringLiteral("Saved 0 of 1 message")),
             qPrintable(label->text()));
    QVERIFY2(label->text().contains(dataSizeText(raws[0].size())), qPrintable(label->text()));

    QMessageBox *summary = nullptr;
    QTRY_VERIFY((summary = visibleBox(window, QStringLiteral("exportSummary"))));
    QVERIFY2(summary->text().contains(QStringLiteral("Exported: 1")), qPrintable(summary->text()));
    QCOMPARE(QDir(target.path()).entryList(QDir::Files).size(), 1);
    summary->accept();

    QTRY_VERIFY2(session.state() == MailboxSession::State::Ready,
                 qPrintable(server.mismatchReport()));
    session.commit();
    VERIFY_SERVER(server);
}

void tst_ExportFlow::onlyNewCountDestinationAndMemory()
{
    const QList<QByteArray> raws{message(1), message(2), message(3)};
    QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("Mail"));
    const QString destination = ExportTarget::destinationOf(ExportTarget::Format::Eml, folder);
    FakePop3Server server;
    server.addScenario(opening(raws) + exportListing(raws) + retr(2, raws[1]) + retr(3, raws[2]) +
                       listing(sizesOf(raws)) + Script{"C: QUIT", "S: +OK"});
    recordExported(server, raws, 1, destination);
    MailboxSession session;
    open(session, server, 3);

    QWidget window;
    window.show();
    ExportController controller(&session, &window, [] { return QModelIndexList(); });
    controller.showDialog();
    ExportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleDialog(window)));
    auto *count = dialog->findChild<QLabel *>(QStringLiteral("exportNewCount"));
    QVERIFY(count);
    // The journal is read on the pool: the dialog is up before the answer.
    QVERIFY2(count->text().startsWith(QStringLiteral("Counting")), qPrintable(count->text()));
    dialog->setFormat(ExportDialog::EmlFolder);
    dialog->setPath(folder);
    QTRY_VERIFY2(count->text().startsWith(QStringLiteral("2 of these 3 message")),
                 qPrintable(count->text()));
    QVERIFY(count->text().endsWith(QStringLiteral("were not exported to this target before.")));
    QCOMPARE(dialog->findChild<QCheckBox *>(QStringLiteral("exportOnlyNew"))
                     ->accessibleDescription(),
             count->text());
    QVERIFY(count->isVisible());
    // Another destination has none of them.
    dialog->setFormat(ExportDialog::MboxFile);
    QTRY_VERIFY2(count->text().startsWith(QStringLiteral("None of these 3 message")),
                 qPrintable(count->text()));
    dialog->setFormat(ExportDialog::EmlFolder);
    dialog->setPath(folder);
    dialog->setOnlyNew(true);
    QTRY_VERIFY(count->text().contains(QStringLiteral("2 of these 3")));
    dialog->findChild<QPushButton *>(QStringLiteral("exportButton"))->click();

    QMessageBox *summary = nullptr;
    QTRY_VERIFY((summary = visibleBox(window, QStringLiteral("exportSummary"))));
    QVERIFY2(summary->text().contains(QStringLiteral("Exported: 2")), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(QStringLiteral("Destination: ") +
                                      QDir::toNativeSeparators(folder)),
             qPrintable(summary->text()));
    auto *openFolder = summary->findChild<QPushButton *>(QStringLiteral("openExportFolder"));
    QVERIFY(openFolder);
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    openFolder->click();
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls, QList<QUrl>{QUrl::fromLocalFile(folder)});
    QVERIFY(summary->isVisible()); // read on after looking at the folder
    summary->accept();
    QTRY_COMPARE(session.state(), MailboxSession::State::Ready);

    // The next dialog for this account starts at the same target, where
    // nothing is new any more.
    controller.showDialog();
    QTRY_VERIFY((dialog = visibleDialog(window)));
    QCOMPARE(dialog->format(), ExportDialog::EmlFolder);
    QCOMPARE(dialog->path(), folder);
    count = dialog->findChild<QLabel *>(QStringLiteral("exportNewCount"));
    QTRY_VERIFY2(count->text().startsWith(QStringLiteral("All 3 message")),
                 qPrintable(count->text()));
    dialog->reject();
    // Per account: another user on the same server has nothing remembered.
    ConnectionSettings other = session.settings();
    other.user = QStringLiteral("alice");
    QVERIFY(ExportController::rememberedGroup(other) !=
            ExportController::rememberedGroup(session.settings()));
    QVERIFY(!QSettings().contains(ExportController::rememberedGroup(other) +
                                  QStringLiteral("/path")));
    QVERIFY(QSettings().contains(ExportController::rememberedGroup(session.settings()) +
                                 QStringLiteral("/path")));

    session.commit();
    VERIFY_SERVER(server);
}

void tst_ExportFlow::nothingExportedLeavesNoTarget_data()
{
    QTest::addColumn<int>("formatValue");
    QTest::addColumn<QString>("name");
    QTest::newRow("eml") << int(ExportTarget::Format::Eml) << QStringLiteral("new/eml");
    QTest::newRow("mbox") << int(ExportTarget::Format::Mbox) << QStringLiteral("new/all.mbox");
    QTest::newRow("maildir") << int(ExportTarget::Format::Maildir) << QStringLiteral("new/Maildir");
}

void tst_ExportFlow::nothingExportedLeavesNoTarget()
{
    QFETCH(int, formatValue);
    QFETCH(QString, name);
    const auto format = ExportTarget::Format(formatValue);
    const QList<QByteArray> raws{message(1), message(2)};
    QTemporaryDir root;
    const QString path = root.filePath(name);
    FakePop3Server server;
    server.addScenario(opening(raws) + exportListing(raws) + listing(sizesOf(raws)) +
                       Script{"C: QUIT", "S: +OK"});
    recordExported(server, raws, 2, ExportTarget::destinationOf(format, path));
    MailboxSession session;
    open(session, server, 2);

    QWidget window;
    window.show();
    ExportController controller(&session, &window, [] { return QModelIndexList(); });
    ExportJob::Options options;
    options.onlyNew = true;
    controller.start(ExportTarget::schemeName(format) + u':' + path, options);
    QMessageBox *summary = nullptr;
    QTRY_VERIFY((summary = visibleBox(window, QStringLiteral("exportSummary"))));
    QVERIFY2(summary->text().contains(QStringLiteral("Exported: 0")), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(QStringLiteral("Skipped (exported before): 2")),
             qPrintable(summary->text()));
    QVERIFY2(!QFileInfo::exists(path), qPrintable(path));
    QVERIFY(!QFileInfo::exists(root.filePath(QStringLiteral("new"))));
    QCOMPARE(QDir(root.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    // No folder to open.
    QVERIFY(!summary->findChild<QPushButton *>(QStringLiteral("openExportFolder")));
    summary->accept();

    QTRY_COMPARE(session.state(), MailboxSession::State::Ready);
    session.commit();
    VERIFY_SERVER(server);
}

QTEST_MAIN(tst_ExportFlow)
#include "tst_exportflow.moc"
