#include "trustcontroller.h"

#include "certificatedialog.h"

#include <memory>

TrustController::TrustController(QWidget *dialogParent, std::function<bool()> settingUp,
                                 std::function<void(const QSslCertificate &)> pinned,
                                 QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
    , m_settingUp(std::move(settingUp))
    , m_pinned(std::move(pinned))
{ }

void TrustController::decide(const TrustQuestion &question, Answer answer)
{
    const bool settingUp = m_settingUp && m_settingUp();
    auto *dialog =
            new CertificateDialog(settingUp ? CertificateDialog::Mode::OfferPinning
                                            : CertificateDialog::Mode::HardFailure,
                                  question.host, question.errors, question.chain, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Exactly one answer, whichever way the dialog ends (or if it is
    // destroyed with the window, where the answer is dropped by the session).
    auto once = std::make_shared<Answer>(std::move(answer));
    connect(dialog, &QDialog::finished, this, [this, dialog, settingUp, once](int result) {
        if (!*once)
            return;
        const Answer reply = std::exchange(*once, nullptr);
        if (settingUp && result == QDialog::Accepted && !dialog->certificate().isNull()) {
            if (m_pinned)
                m_pinned(dialog->certificate());
            reply(dialog->certificate());
            return;
        }
        // The dialog was the report of this failure.
        m_shown = true;
        reply(QSslCertificate());
    });
    dialog->open();
}
