#include "accountcontroller.h"

#include "accountbox.h"
#include "accountdialog.h"
#include "errortext.h"
#include "passwordprompt.h"
#include "passwordstore.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

// Texts keep the window's catalogue context: they were the window's, and
// their translations stay valid.
AccountController::AccountController(QComboBox *box, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_box(new AccountBox(box, this))
    , m_dialogParent(dialogParent)
    , m_passwords(new PasswordStore(this))
{
    connect(m_box, &AccountBox::addRequested, this, &AccountController::addAccount);
}

void AccountController::load(bool reopenLast)
{
    m_accounts = AccountStore::load();
    m_box->setEntries(m_accounts, m_unsavedName);
    // The box names the mailbox on screen; only with none, the last one.
    const bool lastChosen =
            !m_box->select(m_shownId) && m_box->select(AccountStore::lastAccountId());
    Q_EMIT accountsChanged();
    if (reopenLast && lastChosen)
        connectToCurrent();
}

void AccountController::openWithoutAccount(const QString &name, const ConnectionSettings &settings)
{
    m_unsavedName = name;
    m_unsavedSettings = settings;
    m_activeId.clear();
    m_shownId = AccountBox::unsavedId();
    load(false);
    Q_EMIT openRequested(settings);
}

const Account *AccountController::current() const
{
    const QString id = m_box->currentId();
    for (const Account &account : m_accounts) {
        if (account.id == id)
            return &account;
    }
    return nullptr;
}

Account *AccountController::active()
{
    for (Account &account : m_accounts) {
        if (account.id == m_activeId)
            return &account;
    }
    return nullptr;
}

void AccountController::connectToCurrent()
{
    if (m_box->currentId() == AccountBox::unsavedId()) {
        m_activeId.clear();
        m_shownId = AccountBox::unsavedId();
        Q_EMIT openRequested(m_unsavedSettings);
        return;
    }
    const Account *found = current();
    if (!found) {
        addAccount();
        return;
    }
    const Account account = *found;
    m_activeId = account.id;
    m_shownId = account.id;
    Q_EMIT statusMessage(QCoreApplication::translate("MainWindow", "Reading the password…"));
    m_passwords->read(account.keychainKey(), [this, account](bool ok, const QString &password) {
        if (ok)
            Q_EMIT openRequested(account.toSettings(password));
        else
            askPassword(account, QString());
    });
}

void AccountController::askPassword(const Account &account, const QString &reason)
{
    auto *dialog = new PasswordPrompt(account.user, account.host, reason, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The user name may be what is wrong, not the password.
    if (!reason.isEmpty())
        offerEditing(dialog, dialog->buttons(), account);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, account](const QString &password) {
                m_passwords->write(account.keychainKey(), password);
                Q_EMIT openRequested(account.toSettings(password));
            });
    // No password, no connection: the bar stops saying "Reading the
    // password…" and says where things are, as after any session's end.
    connect(dialog, &QDialog::rejected, this, [this] {
        Q_EMIT statusMessage(QCoreApplication::translate("MainWindow", "Not connected"));
    });
    dialog->open();
}

void AccountController::addAccount()
{
    openEditor(nullptr);
}

void AccountController::editAccount()
{
    const Account *found = current();
    if (!found) {
        addAccount();
        return;
    }
    openEditor(found);
}

void AccountController::openEditor(const Account *existing)
{
    auto *dialog = new AccountDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool adding = !existing;
    if (existing) {
        dialog->setAccount(*existing);
        // Whether one is stored; the password itself stays out of the dialog.
        QPointer<AccountDialog> guard(dialog);
        m_passwords->read(existing->keychainKey(), [guard](bool found, const QString &) {
            if (guard)
                guard->setPasswordStored(found);
        });
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog, adding] {
        const Account account = dialog->account();
        AccountStore::save(account);
        if (adding)
            AccountStore::setLastAccountId(account.id);
        if (dialog->forgetPassword())
            m_passwords->remove(account.keychainKey());
        else if (!dialog->password().isEmpty())
            m_passwords->write(account.keychainKey(), dialog->password());
        load(false);
    });
    dialog->open();
}

void AccountController::opened()
{
    Account *account = active();
    if (!account)
        return;
    AccountStore::setLastAccountId(account->id);
    if (!account->verified) {
        // From now on a certificate change is a hard failure.
        account->verified = true;
        AccountStore::save(*account);
    }
}

bool AccountController::handleOpenFailure(const Pop3Error &error)
{
    Account *account = active();
    if (!account || !isCredentialError(error))
        return false;
    m_passwords->forget(account->keychainKey());
    askPassword(*account, explainError(error));
    return true;
}

void AccountController::showOpenFailure(const QString &text)
{
    auto *box =
            new QMessageBox(QMessageBox::Warning,
                            QCoreApplication::translate("MainWindow", "Could not open the mailbox"),
                            text, QMessageBox::Ok, m_dialogParent);
    box->setObjectName(QStringLiteral("notice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (const Account *account = active()) {
        if (auto *buttons = box->findChild<QDialogButtonBox *>())
            offerEditing(box, buttons, *account);
    }
    box->open();
}

void AccountController::offerEditing(QDialog *dialog, QDialogButtonBox *buttons,
                                     const Account &account)
{
    QPushButton *edit =
            buttons->addButton(QCoreApplication::translate("MainWindow", "&Edit account…"),
                               QDialogButtonBox::ActionRole);
    edit->setObjectName(QStringLiteral("editAccountButton"));
    const QString id = account.id;
    connect(edit, &QPushButton::clicked, this, [this, dialog, id] {
        dialog->reject();
        // By id: the accounts may have been reloaded since.
        for (const Account &candidate : std::as_const(m_accounts)) {
            if (candidate.id == id) {
                openEditor(&candidate);
                return;
            }
        }
    });
}

void AccountController::pin(const QSslCertificate &certificate)
{
    Account *account = active();
    if (!account || account->verified)
        return;
    account->pinnedCertificate = certificate;
    AccountStore::save(*account);
}

bool AccountController::settingUp() const
{
    for (const Account &account : m_accounts) {
        if (account.id == m_activeId)
            return !account.verified;
    }
    return true;
}
