#pragma once

#include <QInputDialog>

class QDialogButtonBox;
class QLineEdit;

// Asks for an account's password: whose, on which server, and why it is
// asked again when the server refused the last one. The field is named
// "Password" for a screen reader and the sentence above it is its
// description: named by that sentence (its label), the field read out the
// whole refusal as its name.
class PasswordPrompt : public QInputDialog
{
    Q_OBJECT
public:
    // `reason`: why the password is asked again; empty the first time.
    PasswordPrompt(const QString &user, const QString &host, const QString &reason,
                   QWidget *parent = nullptr);

    [[nodiscard]] QLineEdit *field() const { return m_field; }
    [[nodiscard]] QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QLineEdit *m_field = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
