#pragma once

#include "emptytargetcleanup.h"
#include "export/exportjob.h"
#include "pop3/pop3error.h"
#include "session/mailboxsession.h"

#include <QModelIndexList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QProgressDialog;
class QWidget;

// Export from the window: the export dialog, a cancellable progress dialog
// while the session exports on its own connection, the notices it sends,
// and the summary at the end (only QUIT-confirmed deletions count as
// deleted). The session flags exported rows in the list itself. Deleting
// after an export is the session's commit: CommitController reports what
// QUIT did, and the summary only counts what it confirmed.
// The dialog opens with the format and path last used for the account
// (QSettings, keyed by the account as the export journal names it: host,
// port connected to, user) and counts the new messages in advance
// (NewMessageCounter); the summary names the destination and opens its
// folder. An export that wrote nothing leaves no empty target behind.
class ExportController : public QObject
{
    Q_OBJECT
public:
    // `selectedRows` gives the rows selected in the list (the dialog's
    // "selected messages" choice).
    ExportController(MailboxSession *session, QWidget *dialogParent,
                     std::function<QModelIndexList()> selectedRows, QObject *parent = nullptr);

    void showDialog();
    // Export without the dialog (the dialog ends here too). `target` as
    // ExportTarget reads it.
    void start(const QString &target, const ExportJob::Options &options);

    // The QSettings group remembering the account's last export.
    [[nodiscard]] static QString rememberedGroup(const ConnectionSettings &settings);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeout);

private:
    void onProgress(int done, int total, qint64 bytesDone, qint64 bytesTotal);
    void onFinished(const ExportJob::Summary &summary, const Pop3Error &error);

    MailboxSession *m_session;
    QWidget *m_dialogParent;
    std::function<QModelIndexList()> m_selectedRows;
    // The progress bar's range: thousandths of the bytes to export.
    static constexpr int ProgressSteps = 1000;
    QPointer<QProgressDialog> m_progress;
    int m_shownDone = -1; // messages saved, as the label last said
    QStringList m_notices;
    bool m_deletes = false;
    QString m_target; // as ExportTarget reads it
    EmptyTargetCleanup m_cleanup;
    // The commit that deleted this export's messages, if one came.
    std::optional<MailboxSession::CommitResult> m_commit;
};
