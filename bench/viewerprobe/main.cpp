// viewerprobe: the GUI half of bench/bigretr.py (issue 6, "RETR of a 500 MB
// message into a file grows RSS by less than 64 MB"). Drives MainWindow
// offscreen the way a user does: open the mailbox, select message 1, open
// it, then save its first attachment (to /dev/null, through the same
// ParsedMessage::writeAttachment the save dialog uses) and view the source.
// Prints one JSON line: RSS just before RETR, peak RSS (VmHWM) after all of
// it, and what the viewer showed. The server is another process, so the
// numbers are the client's alone.
//
//   MAILPEEK_PASSWORD=... QT_QPA_PLATFORM=offscreen mailpeek-viewerprobe --host 127.0.0.1 --port
//   1110 --user bigretr [--in-memory]

#include "mainwindow.h"
#include "messagebrowser.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <limits>

namespace {

// A field of /proc/self/status in bytes (VmRSS, VmHWM), -1 if missing.
qint64 statusBytes(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field + ':'))
            return line.sliced(field.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// Linux 4.0+: "5" resets VmHWM to the current RSS, so the peak measured
// afterwards belongs to what follows.
void resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

int spoolFilesIn(const QString &directory)
{
    return int(QDir(directory)
                       .entryList({QStringLiteral("mailpeek-retr-*")}, QDir::Files | QDir::Hidden)
                       .size());
}

} // namespace

int main(int argc, char **argv)
{
    QStandardPaths::setTestModeEnabled(true); // no settings or accounts of the user's
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekBench"));
    QCoreApplication::setApplicationName(QStringLiteral("viewerprobe"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("POP3 host"),
                                        QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("POP3 port"),
                                        QStringLiteral("port"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("user name"),
                                        QStringLiteral("user"));
    const QCommandLineOption inMemoryOption(
            QStringLiteral("in-memory"),
            QStringLiteral("keep RETR in memory as before issue 6 (no spooling)"));
    parser.addOptions({hostOption, portOption, userOption, inMemoryOption});
    parser.process(app);

    ConnectionSettings settings;
    settings.host = parser.value(hostOption);
    settings.port = quint16(parser.value(portOption).toUInt());
    settings.security = Pop3Connection::Security::None;
    settings.user = parser.value(userOption);
    settings.secret = qEnvironmentVariable("MAILPEEK_PASSWORD");
    settings.authMethod = ConnectionSettings::AuthMethod::User;
    settings.timeoutMs = 300000;

    QJsonObject result{{QStringLiteral("shown"), false}};
    QString note;
    const auto finish = [&](int code) {
        result.insert(QStringLiteral("peakRss"), double(statusBytes("VmHWM")));
        result.insert(QStringLiteral("spoolFilesLeft"), spoolFilesIn(QDir::tempPath()));
        result.insert(QStringLiteral("note"), note);
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(code);
    };

    MainWindow window;
    window.resize(1000, 700);
    if (parser.isSet(inMemoryOption))
        window.session()->setSpoolThreshold(std::numeric_limits<qint64>::max());
    MailboxSession *session = window.session();
    MessageViewer *viewer = window.viewer();

    QObject::connect(session, &MailboxSession::openFailed, &app, [&](const Pop3Error &error) {
        note = QStringLiteral("open failed: ") + error.errorString();
        finish(1);
    });
    QObject::connect(session, &MailboxSession::messageFailed, &app,
                     [&](int, const Pop3Error &error) {
                         note = QStringLiteral("RETR failed: ") + error.errorString();
                         finish(1);
                     });
    QObject::connect(session, &MailboxSession::previewsFinished, &app, [&] {
        if (result.contains(QStringLiteral("baselineRss")))
            return;
        // Settle: the list and the first preview are done; what follows is RETR.
        window.messageView()->setCurrentIndex(window.proxyModel()->index(0, 0));
        QTimer::singleShot(500, &app, [&] {
            result.insert(QStringLiteral("baselineRss"), double(statusBytes("VmRSS")));
            resetPeak();
            window.openCurrentMessage();
        });
    });

    // The viewer has no "done" signal; watch it as a test would.
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (viewer->mode() != MessageViewer::Mode::Message)
            return;
        poll.stop();
        result.insert(QStringLiteral("shown"), true);
        result.insert(QStringLiteral("fileBacked"), viewer->message().isFileBacked());
        result.insert(QStringLiteral("textChars"), int(viewer->message().plainText().size()));
        const QList<Attachment> attachments = viewer->message().attachments();
        QStringList listed;
        for (const Attachment &attachment : attachments)
            listed.append(QStringLiteral("%1 %2 B").arg(attachment.fileName).arg(attachment.size));
        note = QStringLiteral("attachments: %1").arg(listed.join(QStringLiteral(", ")));
        if (!viewer->noticeText().isEmpty())
            note += QStringLiteral("; notice: ") + viewer->noticeText();
        if (!attachments.isEmpty()) {
            QFile sink(QStringLiteral("/dev/null"));
            const bool saved =
                    sink.open(QIODevice::WriteOnly) && viewer->message().writeAttachment(0, &sink);
            result.insert(QStringLiteral("attachmentSaved"), saved);
        }
        viewer->sourceButton()->click();
        result.insert(QStringLiteral("sourceChars"), int(viewer->browser()->toPlainText().size()));
        QCoreApplication::processEvents();
        finish(0);
    });
    poll.start();

    window.show();
    window.openSession(settings);
    return QApplication::exec();
}
