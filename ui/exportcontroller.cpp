#include "exportcontroller.h"
#include "pop3/datasizetext.h"

#include "errortext.h"
#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "exportdialog.h"
#include "models/messagelistmodel.h"
#include "newmessagecounter.h"
#include "session/exportaccount.h"
#include "session/mailboxsession.h"
#include "sizeunits.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QUrl>

// Texts keep the window's catalogue context: they were the window's, and
// their translations stay valid.

ExportController::ExportController(MailboxSession *session, QWidget *dialogParent,
                                   std::function<QModelIndexList()> selectedRows, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dialogParent(dialogParent)
    , m_selectedRows(std::move(selectedRows))
{
    connect(m_session, &MailboxSession::exportProgress, this, &ExportController::onProgress);
    connect(m_session, &MailboxSession::exportNotice, this,
            [this](const QString &text) { m_notices.append(text); });
    connect(m_session, &MailboxSession::exportFinished, this, &ExportController::onFinished);
    connect(m_session, &MailboxSession::committed, this,
            [this](const MailboxSession::CommitResult &result) {
                if (m_progress)
                    m_commit = result;
            });
}

QString ExportController::rememberedGroup(const ConnectionSettings &settings)
{
    // The journal's identity of the mailbox: the same account whether it was
    // opened from the account box or the demo, and a key QSettings keeps
    // whole (no '/').
    const ExportAccount account = exportAccountOf(settings);
    const QString identity =
            account.user + u'@' + account.host.toLower() + u':' + QString::number(account.port);
    return QStringLiteral("export/") + QString::fromLatin1(QUrl::toPercentEncoding(identity));
}

void ExportController::showDialog()
{
    const QModelIndexList selectedRows = m_selectedRows();
    MessageListModel *model = m_session->model();
    auto *dialog =
            new ExportDialog(int(selectedRows.size()), model->messageCount(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString group = rememberedGroup(m_session->settings());
    {
        QSettings settings;
        settings.beginGroup(group);
        // Format first: choosing it adjusts the path's ".mbox".
        bool known = false;
        const int format = settings.value(QStringLiteral("format")).toInt(&known);
        if (known && format >= ExportDialog::EmlFolder && format <= ExportDialog::Maildir)
            dialog->setFormat(ExportDialog::Format(format));
        const QString path = settings.value(QStringLiteral("path")).toString();
        if (!path.isEmpty())
            dialog->setPath(path);
    }
    QList<NewMessageCounter::Message> messages;
    messages.reserve(model->messageCount());
    for (int row = 0; row < model->messageCount(); ++row) {
        const int number = model->numberAt(row);
        messages.append({number, model->octetsForNumber(number), model->uidAt(row)});
    }
    QList<int> selectedNumbers;
    for (const QModelIndex &index : selectedRows)
        selectedNumbers.append(index.data(MessageListModel::NumberRole).toInt());
    dialog->setNewMessageCounter(new NewMessageCounter(
            ExportStateStore::defaultPath(), exportAccountOf(m_session->settings()),
            std::move(messages), std::move(selectedNumbers)));

    connect(dialog, &QDialog::accepted, this, [this, dialog, group] {
        QSettings settings;
        settings.beginGroup(group);
        settings.setValue(QStringLiteral("format"), int(dialog->format()));
        settings.setValue(QStringLiteral("path"), dialog->path());
        ExportJob::Options options;
        options.onlyNew = dialog->onlyNew();
        options.deleteAfter = dialog->deleteAfter();
        if (dialog->selectedOnly()) {
            // By UID, not by number: should the session reconnect before the
            // export starts, the server may number the messages differently.
            options.selectByKey = true;
            const QModelIndexList rows = m_selectedRows();
            for (const QModelIndex &index : rows) {
                const int number = index.data(MessageListModel::NumberRole).toInt();
                ExportJob::Options::Selector selector;
                selector.uid = index.data(MessageListModel::UidRole).toByteArray();
                selector.octets = m_session->model()->octetsForNumber(number);
                selector.shownNumber = number;
                options.selection.append(selector);
            }
        }
        start(dialog->target(), options);
    });
    dialog->open();
}

void ExportController::start(const QString &target, const ExportJob::Options &options)
{
    m_notices.clear();
    m_deletes = options.deleteAfter;
    m_target = target;
    const ExportTarget parsed = ExportTarget::parse(target);
    m_cleanup = {};
    if (parsed.isValid())
        m_cleanup.remember(parsed);
    m_commit.reset();
    m_shownDone = -1;
    auto *progress = new QProgressDialog(
            QCoreApplication::translate("MainWindow", "Starting the export…"),
            QCoreApplication::translate("MainWindow", "Cancel"), 0, 0, m_dialogParent);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(QCoreApplication::translate("MainWindow", "Exporting messages"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumWidth(SizeUnits::chars(progress, 56));
    connect(progress, &QProgressDialog::canceled, this, [this, progress] {
        progress->setLabelText(QCoreApplication::translate("MainWindow", "Cancelling…"));
        m_session->cancelExport();
    });
    m_progress = progress;
    progress->show();
    m_session->startExport(target, options);
}

void ExportController::onProgress(int done, int total, qint64 bytesDone, qint64 bytesTotal)
{
    if (!m_progress)
        return;
    // The bar follows bytes: a message counts as done only once its batch
    // is durable (64 messages, 8 MB or 200 ms), so a bar of messages stood
    // at 0% through a big export while the bytes came in. The bytes are LIST
    // octets, the one size known for every message before it arrives: those
    // of the messages fetched, plus what has arrived of the one coming in
    // (RETR's progress), so the bar moves inside a single big message too.
    // Steps of a thousandth: a byte count overflows the bar's int, and
    // redrawing on every network chunk would cost more than the export.
    const qint64 steps = ProgressSteps;
    const int value = bytesTotal > 0 ? int(qBound<qint64>(0, bytesDone * steps / bytesTotal, steps))
            : total > 0              ? int(qint64(qBound(0, done, total)) * steps / total)
                                     : 0;
    if (m_progress->maximum() != ProgressSteps)
        m_progress->setMaximum(ProgressSteps);
    if (value == m_progress->value() && done == m_shownDone)
        return;
    m_shownDone = done;
    m_progress->setLabelText(
            QCoreApplication::translate(
                    "MainWindow", "Received %1 of %2\nSaved %3 of %n message(s)", nullptr, total)
                    .arg(dataSizeText(bytesDone), dataSizeText(bytesTotal),
                         QLocale().toString(done)));
    m_progress->setValue(value);
}

void ExportController::onFinished(const ExportJob::Summary &summary, const Pop3Error &error)
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->close();
        m_progress->deleteLater();
    }
    QStringList lines;
    lines.append(QCoreApplication::translate("MainWindow", "Exported: %1").arg(summary.exported));
    if (summary.skipped > 0)
        lines.append(QCoreApplication::translate("MainWindow", "Skipped (exported before): %1")
                             .arg(summary.skipped));
    if (summary.failed > 0)
        lines.append(QCoreApplication::translate("MainWindow", "Refused by the server: %1")
                             .arg(summary.failed));
    if (summary.notFound > 0)
        lines.append(QCoreApplication::translate("MainWindow",
                                                 "Selected but not found on the server: %1")
                             .arg(summary.notFound));
    // After the session's commit, its report says what QUIT did when it is
    // not a plain "deleted" (it may be "may or may not have been deleted").
    const bool commitUnclear = m_commit && !m_commit->quitConfirmed;
    if (m_deletes && !commitUnclear) {
        // Only what QUIT confirmed is deleted; a DELE answer alone is not.
        lines.append(QCoreApplication::translate("MainWindow", "Deleted from the server: %1")
                             .arg(summary.deleted));
        if (summary.deletesSent > 0 && !summary.quitConfirmed)
            lines.append(QCoreApplication::translate(
                    "MainWindow",
                    "The server did not confirm the end of the session, so nothing "
                    "was deleted."));
    }
    // Where it went, and its folder to open (an mbox file's is the folder
    // holding it). An export that wrote nothing leaves no empty target.
    const ExportTarget target = ExportTarget::parse(m_target);
    QString folder;
    if (target.isValid()) {
        if (summary.exported == 0)
            m_cleanup.removeCreated();
        lines.append(QCoreApplication::translate("MainWindow", "Destination: %1")
                             .arg(QDir::toNativeSeparators(target.path())));
        folder = target.format() == ExportTarget::Format::Mbox
                ? QFileInfo(target.path()).absolutePath()
                : target.path();
        if (!QFileInfo(folder).isDir())
            folder.clear();
    }
    QString informative = m_notices.join(QLatin1Char('\n'));
    const bool cancelled = error.kind() == Pop3Error::Kind::Cancelled;
    if (error.isError() && !cancelled)
        informative = explainError(error) +
                (informative.isEmpty() ? QString() : QStringLiteral("\n\n") + informative);
    auto *box = new QMessageBox(
            error.isError() && !cancelled ? QMessageBox::Warning : QMessageBox::Information,
            cancelled ? QCoreApplication::translate("MainWindow", "Export cancelled")
                      : (error.isError()
                                 ? QCoreApplication::translate("MainWindow", "Export stopped")
                                 : QCoreApplication::translate("MainWindow", "Export finished")),
            lines.join(QLatin1Char('\n')), QMessageBox::Ok, m_dialogParent);
    box->setObjectName(QStringLiteral("exportSummary"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!informative.isEmpty())
        box->setInformativeText(informative);
    if (!folder.isEmpty()) {
        QPushButton *open = box->addButton(
                QCoreApplication::translate("MainWindow", "&Open folder"), QMessageBox::ActionRole);
        open->setObjectName(QStringLiteral("openExportFolder"));
        // The box closes on any of its buttons; the user may want to read
        // it on after looking at the folder.
        disconnect(open, &QPushButton::clicked, nullptr, nullptr);
        connect(open, &QPushButton::clicked, this,
                [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
    }
    box->open();
    Q_EMIT statusMessage(
            QCoreApplication::translate("MainWindow", "Exported %1, skipped %2, deleted %3")
                    .arg(summary.exported)
                    .arg(summary.skipped)
                    .arg(summary.deleted),
            10000);
}
