#include "crammd5mechanism.h"

#include "saslsupport.h"

#include <QMessageAuthenticationCode>

using namespace SaslSupport;

CramMd5Mechanism::CramMd5Mechanism(SaslCredentials credentials)
    : m_credentials(std::move(credentials))
{ }

QString CramMd5Mechanism::credentialsError() const
{
    if (!m_credentials.authorizationId.isEmpty())
        return QStringLiteral("CRAM-MD5: this mechanism cannot carry an authorization id");
    return checkCredentials(m_credentials, "CRAM-MD5");
}

SaslMechanism::Step CramMd5Mechanism::respond(const QByteArray &challenge)
{
    if (const QString error = checkChallengeSize(challenge, "CRAM-MD5"); !error.isEmpty())
        return abortWith(error);
    if (const QString error = credentialsError(); !error.isEmpty())
        return abortWith(error);
    if (m_answered) {
        return abortWith(
                QStringLiteral("CRAM-MD5: the server sent a second challenge; there is only one"));
    }
    // RFC 2195 makes the challenge an RFC 822 msg-id. Servers differ in the
    // details, so only what would make the HMAC meaningless is refused:
    // nothing at all, or bytes that are not printable ASCII.
    if (challenge.isEmpty())
        return abortWith(QStringLiteral("CRAM-MD5: the server's challenge is empty"));
    for (const char c : challenge) {
        if (c < 0x20 || c > 0x7e) {
            return abortWith(QStringLiteral("CRAM-MD5: the server's challenge contains bytes that "
                                            "are not printable ASCII"));
        }
    }
    m_answered = true;
    const QByteArray digest = QMessageAuthenticationCode::hash(
            challenge, m_credentials.secret.toUtf8(), QCryptographicHash::Md5);
    return respondWith(m_credentials.user.toUtf8() + ' ' + digest.toHex());
}
