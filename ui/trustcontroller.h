#pragma once

#include "session/trustdecider.h"

#include <QObject>

#include <functional>

class QWidget;

// The window's TrustDecider: shows the certificate that failed
// verification. While the account is being set up (`settingUp()` says so)
// the user may pin exactly that certificate, which `pinned` stores on the
// account before the session connects again; for an account already in
// use the dialog only explains and the answer is a refusal (RFC 8314
// section 5.4). Nothing here can ignore errors.
class TrustController
    : public QObject
    , public TrustDecider
{
    Q_OBJECT
public:
    TrustController(QWidget *dialogParent, std::function<bool()> settingUp,
                    std::function<void(const QSslCertificate &)> pinned, QObject *parent = nullptr);

    void decide(const TrustQuestion &question, Answer answer) override;
    // Whether the user saw the certificate of the TLS failure the session
    // reports next (a refusal), so the window does not report it a second
    // time. Reset by forget().
    [[nodiscard]] bool shown() const { return m_shown; }
    void forget() { m_shown = false; }

private:
    QWidget *m_dialogParent;
    std::function<bool()> m_settingUp;
    std::function<void(const QSslCertificate &)> m_pinned;
    bool m_shown = false;
};
