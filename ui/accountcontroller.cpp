#include "accountcontroller.h"

#include "accountdialog.h"
#include "errortext.h"
#include "passwordstore.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>

// Texts keep the window's catalogue context: they were the window's, and
// their translations stay valid.
AccountController::AccountController(QComboBox *box, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_box(box)
    , m_dialogParent(dialogParent)
    , m_passwords(new PasswordStore(this))
{ }

void AccountController::load(bool reopenLast)
{
    m_accounts = AccountStore::load();
    const QString last = AccountStore::lastAccountId();
    m_box->clear();
    const QIcon icon(QStringLiteral(":/mailpeek/icons/account.svg"));
    for (const Account &account : std::as_const(m_accounts))
        m_box->addItem(icon, account.displayName(), account.id);
    const int lastIndex = m_box->findData(last);
    if (lastIndex >= 0)
        m_box->setCurrentIndex(lastIndex);
    Q_EMIT accountsChanged();
    if (reopenLast && lastIndex >= 0)
        connectToCurrent();
}

const Account *AccountController::current() const
{
    const QString id = m_box->currentData().toString();
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
    const Account *found = current();
    if (!found) {
        addAccount();
        return;
    }
    const Account account = *found;
    m_activeId = account.id;
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
    auto *dialog = new QInputDialog(m_dialogParent);
    dialog->setObjectName(QStringLiteral("passwordDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QCoreApplication::translate("MainWindow", "Password"));
    dialog->setLabelText((reason.isEmpty() ? QString() : reason + QStringLiteral("\n\n")) +
                         QCoreApplication::translate("MainWindow", "Password for %1 on %2:")
                                 .arg(account.user, account.host));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, account](const QString &password) {
                m_passwords->write(account.keychainKey(), password);
                Q_EMIT openRequested(account.toSettings(password));
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
    if (existing)
        dialog->setAccount(*existing);
    connect(dialog, &QDialog::accepted, this, [this, dialog, adding] {
        const Account account = dialog->account();
        AccountStore::save(account);
        if (adding)
            AccountStore::setLastAccountId(account.id);
        if (!dialog->password().isEmpty())
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
