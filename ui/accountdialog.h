#pragma once

#include "accountstore.h"

#include <QDialog>

class FieldError;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

// Sets up or edits one account: name, server, security, login method,
// user and password. The password goes to the keychain, not the settings.
// A server name or port that cannot be right (spaces, a port out of range)
// is refused here, with the field marked and a sentence under it that a
// screen reader reads too (the field's accessible description), not by a
// colour alone. Editing an account says whether a password is stored,
// without showing it: typing one replaces it, "Forget" removes it.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountDialog(QWidget *parent = nullptr);

    void setAccount(const Account &account);
    // The account as edited; the id is kept (or new for a new account).
    [[nodiscard]] Account account() const;
    // The password typed, or empty: keep the stored one (unless forgetPassword()).
    [[nodiscard]] QString password() const;
    // A password is stored for the account being edited.
    void setPasswordStored(bool stored);
    // The user asked to forget the stored password (and typed none).
    [[nodiscard]] bool forgetPassword() const;

    // Why the server name or the port is refused; empty when it is fine.
    [[nodiscard]] static QString hostProblem(const QString &host);
    [[nodiscard]] static QString portProblem(const QString &port);

    QLabel *plaintextWarning() const { return m_plaintextWarning; }

private:
    void onSecurityChanged();
    void updateAcceptable();
    [[nodiscard]] quint16 port() const;

    Account m_account;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_host = nullptr;
    FieldError *m_hostError = nullptr;
    QLineEdit *m_port = nullptr;
    FieldError *m_portError = nullptr;
    QComboBox *m_security = nullptr;
    QLabel *m_plaintextWarning = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_forgetPassword = nullptr;
    QLabel *m_pinned = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_ok = nullptr;
};
