#pragma once

#include "accountstore.h"

#include <QDialog>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Sets up or edits one account: name, server, security, login method,
// user and password. The password goes to the keychain, not the settings.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountDialog(QWidget *parent = nullptr);

    void setAccount(const Account &account);
    // The account as edited; the id is kept (or new for a new account).
    [[nodiscard]] Account account() const;
    [[nodiscard]] QString password() const;

    QLabel *plaintextWarning() const { return m_plaintextWarning; }

private:
    void onSecurityChanged();
    void updateAcceptable();

    Account m_account;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_security = nullptr;
    QLabel *m_plaintextWarning = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_pinned = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_ok = nullptr;
};
