#pragma once

#include "accountstore.h"
#include "session/connectionsettings.h"

#include <QList>
#include <QObject>
#include <QString>

class AccountBox;
class PasswordStore;
class Pop3Error;
class QComboBox;
class QDialog;
class QDialogButtonBox;
class QWidget;

// Accounts and their passwords for the window: the account box, the add
// and edit dialogs, the keychain (PasswordStore) and the password prompt.
// It says which account is open and whether that account is still being
// set up (the only time a certificate may be pinned); it asks for a
// connection through openRequested() and never touches the session.
class AccountController : public QObject
{
    Q_OBJECT
public:
    // `box` lists the accounts; dialogs open over `dialogParent`.
    AccountController(QComboBox *box, QWidget *dialogParent, QObject *parent = nullptr);

    // Accounts from the settings; reconnects to the last one used when asked.
    void load(bool reopenLast);
    // Opens a mailbox that is no account (the demo): named `name` in the
    // box while the window shows it, and reopened from there.
    void openWithoutAccount(const QString &name, const ConnectionSettings &settings);
    // Reads the password of the account in the box (or asks for it), then
    // emits openRequested(); with no account, the add dialog opens.
    void connectToCurrent();
    void addAccount();
    void editAccount();

    // The session opened: the account becomes the last used, and verified,
    // so from now on a certificate change is a hard failure.
    void opened();
    // A refused password is forgotten and asked again; true when handled.
    bool handleOpenFailure(const Pop3Error &error);
    // Says that the mailbox could not be opened (`text`: what happened and
    // what to do), with "Edit account…" when an account was being opened:
    // a wrong server name, port or security mode is fixed there.
    void showOpenFailure(const QString &text);
    // The user pinned `certificate` for the account being set up.
    void pin(const QSslCertificate &certificate);
    // No account open (a session opened by settings alone counts as being
    // set up), or the open account never logged in.
    [[nodiscard]] bool settingUp() const;
    [[nodiscard]] bool hasAccounts() const { return !m_accounts.isEmpty(); }
    // Forget which account is open (a session opened by settings alone).
    void clearActive() { m_activeId.clear(); }

    [[nodiscard]] PasswordStore *passwordStore() const { return m_passwords; }

Q_SIGNALS:
    void openRequested(const ConnectionSettings &settings);
    void accountsChanged();
    void statusMessage(const QString &text);

private:
    void askPassword(const Account &account, const QString &reason);
    void openEditor(const Account *existing);
    // Adds "Edit account…" to `buttons`, opening the editor for `account`
    // after closing `dialog`.
    void offerEditing(QDialog *dialog, QDialogButtonBox *buttons, const Account &account);
    [[nodiscard]] Account *active();
    [[nodiscard]] const Account *current() const;

    AccountBox *m_box;
    QWidget *m_dialogParent;
    PasswordStore *m_passwords;
    QList<Account> m_accounts;
    QString m_activeId; // empty when opened through settings alone
    // The entry of the mailbox last opened, which the box keeps showing
    // when accounts are added meanwhile; empty before the first.
    QString m_shownId;
    QString m_unsavedName;
    ConnectionSettings m_unsavedSettings;
};
