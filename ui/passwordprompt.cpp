#include "passwordprompt.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLineEdit>

// Texts keep the window's catalogue context: they were the window's, and
// their translations stay valid.
PasswordPrompt::PasswordPrompt(const QString &user, const QString &host, const QString &reason,
                               QWidget *parent)
    : QInputDialog(parent)
{
    setObjectName(QStringLiteral("passwordDialog"));
    setWindowTitle(QCoreApplication::translate("MainWindow", "Password"));
    const QString question =
            QCoreApplication::translate("MainWindow", "Password for %1 on %2:").arg(user, host);
    setLabelText(reason.isEmpty() ? question : reason + QStringLiteral("\n\n") + question);
    setTextEchoMode(QLineEdit::Password);
    // QInputDialog builds its field and buttons when first asked for its size.
    (void)sizeHint();
    m_field = findChild<QLineEdit *>();
    m_buttons = findChild<QDialogButtonBox *>();
    Q_ASSERT(m_field && m_buttons);
    m_field->setAccessibleName(QCoreApplication::translate("MainWindow", "Password"));
    m_field->setAccessibleDescription(labelText());
}
