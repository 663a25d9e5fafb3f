#pragma once

#include "accountcontroller.h"
#include "session/mailboxsession.h"

#include <QList>
#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>
#include <QUrl>

#include <functional>

class CommitController;
class DeletionMarks;
class DragOutCache;
class ExportController;
class MessageFilterProxy;
class MessageViewer;
class PasswordStore;
class ProtocolLogDock;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;
class SessionStatus;
class TrustController;
class WindowActions;

// The window: accounts, the message list (rows from LIST at once, headers
// as TOP answers arrive, visible rows first), the preview/viewer pane,
// deletion marks committed only on QUIT, the status bar and the protocol
// log. Everything network-bound goes through MailboxSession's signals; the
// UI thread never waits for the server. The jobs around the session are
// controllers the window owns and wires: accounts and passwords
// (AccountController), certificate trust (TrustController, the session's
// TrustDecider), ending the session and its report (CommitController),
// export (ExportController) and files for dragging out (DragOutCache).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a mailbox with these settings, bypassing the account list
    // (tests, and the account flow once it has the password).
    void openSession(const ConnectionSettings &settings);
    // Opens the demo mailbox, named in the account box beside the accounts.
    void openDemo(const ConnectionSettings &settings);
    // How "Open the demo mailbox" reaches the demo server (app/ owns it):
    // settings for it, or false and why not. Without one the menu has no
    // such entry.
    using DemoStarter = std::function<bool(ConnectionSettings *settings, QString *error)>;
    void setDemoStarter(DemoStarter starter);
    void setPreviewLines(int lines) { m_previewLines = lines; }
    // Accounts from the settings; reopens the last one used when asked.
    void loadAccounts(bool reopenLast);

    [[nodiscard]] MailboxSession *session() const { return m_session; }
    [[nodiscard]] QTreeView *messageView() const { return m_view; }
    [[nodiscard]] MessageFilterProxy *proxyModel() const { return m_proxy; }
    [[nodiscard]] MessageViewer *viewer() const { return m_viewer; }
    [[nodiscard]] QLineEdit *filterEdit() const { return m_filter; }
    [[nodiscard]] ProtocolLogDock *logDock() const { return m_log; }
    [[nodiscard]] PasswordStore *passwordStore() const { return m_accounts->passwordStore(); }
    [[nodiscard]] AccountController *accounts() const { return m_accounts; }
    [[nodiscard]] TrustController *trust() const { return m_trust; }
    [[nodiscard]] SessionStatus *sessionStatus() const { return m_status; }
    [[nodiscard]] QAction *connectAction() const { return m_connectAction; }
    [[nodiscard]] QAction *deleteAction() const { return m_deleteAction; }
    [[nodiscard]] QAction *undeleteAction() const { return m_undeleteAction; }
    [[nodiscard]] QAction *resetAction() const { return m_resetAction; }
    [[nodiscard]] QAction *exportAction() const { return m_exportAction; }
    [[nodiscard]] QAction *quitAction() const { return m_quitAction; }
    [[nodiscard]] WindowActions *actions() const { return m_actions; }
    [[nodiscard]] QString countText() const;
    [[nodiscard]] QString markedText() const;
    [[nodiscard]] QString securityText() const;

    // Message numbers of the selected rows, ascending.
    [[nodiscard]] QList<int> selectedNumbers() const;
    [[nodiscard]] int currentNumber() const;
    void openCurrentMessage();

    // Export without the dialog (the dialog ends here too): a cancellable
    // progress dialog, then a summary. target as ExportTarget reads it.
    void exportMessages(const QString &target, const ExportJob::Options &options);
    // file:// URLs of .eml copies of the messages opened in this session,
    // for dragging rows out. Only opened messages: a drag cannot wait for
    // RETR, and the file manager takes the files when the drop happens.
    [[nodiscard]] QList<QUrl> dragUrls(const QList<int> &numbers);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createLayout();
    void createControllers();
    void wireSession();
    void connectOrDisconnect();
    void onOpened();
    void onOpenFailed(const Pop3Error &error);
    void requestPreview();
    void prioritizeVisible();
    void updateActions();
    void updateCounts();
    void updateTitle();
    void updateSecurity();
    void showCertificateSummary();
    void showAbout();
    void reopenDemo();
    void showNotice(QMessageBox::Icon icon, const QString &title, const QString &text);

    MailboxSession *m_session = nullptr;
    WindowActions *m_actions = nullptr;
    DeletionMarks *m_marks = nullptr;
    AccountController *m_accounts = nullptr;
    TrustController *m_trust = nullptr;
    CommitController *m_commit = nullptr;
    ExportController *m_export = nullptr;
    DragOutCache *m_dragOut = nullptr;
    SessionStatus *m_status = nullptr;
    MessageFilterProxy *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    MessageViewer *m_viewer = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_accountCombo = nullptr;
    ProtocolLogDock *m_log = nullptr;
    QToolButton *m_securityButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_markedLabel = nullptr;

    QAction *m_connectAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_undeleteAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_addAccountAction = nullptr;
    QAction *m_editAccountAction = nullptr;

    DemoStarter m_demoStarter;
    int m_previewLines = 20;
    bool m_closeAllowed = false;
    QTimer m_previewTimer;
    QTimer m_visibleTimer;
};
