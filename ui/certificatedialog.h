#pragma once

#include <QDialog>
#include <QList>
#include <QSslCertificate>
#include <QSslError>

// Shows a certificate that failed verification. While an account is being
// set up the user may trust exactly this certificate (pinning, RFC 8314
// section 5.4); for an account already in use it is a hard failure and the
// dialog only explains.
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { OfferPinning, HardFailure };

    CertificateDialog(Mode mode, const QString &host, const QList<QSslError> &errors,
                      const QList<QSslCertificate> &chain, QWidget *parent = nullptr);

    [[nodiscard]] QSslCertificate certificate() const { return m_certificate; }

private:
    QSslCertificate m_certificate;
};
