#include "securitysummary.h"

#include "pop3/pop3connection.h"

#include <QCryptographicHash>
#include <QSslCipher>
#include <QStringList>

SecuritySummary SecuritySummary::of(const Pop3Connection *connection,
                                    const QString &authenticationMethod)
{
    SecuritySummary summary;
    if (!connection)
        return summary;
    summary.connected = true;
    summary.authenticationMethod = authenticationMethod;
    summary.encrypted = connection->isEncrypted();
    if (!summary.encrypted)
        return summary;
    summary.protocol = connection->sessionProtocol();
    summary.cipher = connection->sessionCipher().name();
    summary.certificate = connection->peerCertificate();
    if (!summary.certificate.isNull()) {
        summary.subject = summary.certificate.subjectInfo(QSslCertificate::CommonName)
                                  .join(QStringLiteral(", "));
        summary.issuer = summary.certificate.issuerInfo(QSslCertificate::CommonName)
                                 .join(QStringLiteral(", "));
        summary.sha256Fingerprint = summary.certificate.digest(QCryptographicHash::Sha256).toHex();
    }
    return summary;
}
