#include "oauthbearermechanism.h"

#include "saslsupport.h"

#include <utility>

using namespace SaslSupport;

OAuthBearerMechanism::OAuthBearerMechanism(SaslCredentials credentials)
    : m_credentials(std::move(credentials))
{ }

QString OAuthBearerMechanism::credentialsError() const
{
    if (QString error = checkCredentials(m_credentials, "OAUTHBEARER", u"\x01"); !error.isEmpty())
        return error;
    for (const QChar c : m_credentials.host) {
        if (c.unicode() < 0x21 || c.unicode() == 0x7F) {
            return QStringLiteral(
                    "OAUTHBEARER: the host name contains a space or control character");
        }
    }
    if (!isBearerToken(m_credentials.secret))
        return QStringLiteral("OAUTHBEARER: the token is not a bearer token (RFC 6750 b64token)");
    return {};
}

QByteArray OAuthBearerMechanism::initialResponse()
{
    if (!credentialsError().isEmpty())
        return {};
    // The authorization identity is who we log in as; without an explicit
    // one that is the user, as in RFC 7628's examples.
    const QString &identity = m_credentials.authorizationId.isEmpty()
            ? m_credentials.user
            : m_credentials.authorizationId;
    QByteArray saslName = identity.toUtf8();
    saslName.replace('=', "=3D");
    saslName.replace(',', "=2C");
    QByteArray message = "n,a=" + saslName + ",\x01";
    if (!m_credentials.host.isEmpty())
        message += "host=" + m_credentials.host.toUtf8() + '\x01';
    if (m_credentials.port != 0)
        message += "port=" + QByteArray::number(m_credentials.port) + '\x01';
    message += "auth=Bearer " + m_credentials.secret.toUtf8() + "\x01\x01";
    return message;
}

SaslMechanism::Step OAuthBearerMechanism::respond(const QByteArray &challenge)
{
    // RFC 7628 section 3.2.3: the error report is answered with one ^A,
    // after which the server sends -ERR.
    return m_exchange.respond(*this, challenge, QByteArrayLiteral("\x01"));
}
