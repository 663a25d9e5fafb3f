// The export as the window runs it (ExportController over a MailboxSession
// and the fake server): the progress dialog, the export dialog's memory and
// its "only new" count, and the result box.

#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "exportcontroller.h"
#include "exportdialog.h"
#include "models/messagelistmodel.h"
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

QList<qint64> sizesOf(const QList<QByteArray> &raws)
{
    QList<qint64> sizes;
    for (const QByteArray &raw : raws)
        sizes.append(raw.size());
    return sizes;
}

// Login, listing and the TOP n 0 of every message: the session's opening.
Script opening(const QList<QByteArray> &raws)
{
    Script lines = login() + listing(sizesOf(raws));
    for (int n = 1; n <= raws.size(); ++n)
        lines += top(n, 0, raws.at(n - 1).left(raws.at(n - 1).indexOf("\r\n\r\n") + 4));
    return lines;
}

// What the export sends first on the session's connection: LIST and UIDL.
Script exportListing(const QList<QByteArray> &raws)
{
    Script lines{"C: LIST", "S: +OK"};
    for (int n = 1; n <= raws.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " " +
                     QByteArray::number(raws.at(n - 1).size()));
    lines += Script{"S: .", "C: UIDL", "S: +OK"};
    for (int n = 1; n <= raws.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " uid-" + QByteArray::number(n));
    lines.append("S: .");
    return lines;
}

QMessageBox *visibleBox(const QWidget &parent, const QString &name)
{
    const QList<QMessageBox *> boxes = parent.findChildren<QMessageBox *>(name);
    for (QMessageBox *box : boxes) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
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
    QVERIFY2(label->text().contains(QLocale().formattedDataSize(raws[0].size())),
             qPrintable(label->text()));

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

QTEST_MAIN(tst_ExportFlow)
#include "tst_exportflow.moc"
