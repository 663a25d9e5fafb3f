#include "xoauth2mechanism.h"

#include "saslsupport.h"

#include <utility>

using namespace SaslSupport;

XOAuth2Mechanism::XOAuth2Mechanism(SaslCredentials credentials)
    : m_credentials(std::move(credentials))
{ }

QString XOAuth2Mechanism::credentialsError() const
{
    if (!m_credentials.authorizationId.isEmpty())
        return QStringLiteral("XOAUTH2: this mechanism cannot carry an authorization id");
    if (QString error = checkCredentials(m_credentials, "XOAUTH2", u"\x01"); !error.isEmpty())
        return error;
    if (!isBearerToken(m_credentials.secret))
        return QStringLiteral("XOAUTH2: the token is not a bearer token (RFC 6750 b64token)");
    return {};
}

QByteArray XOAuth2Mechanism::initialResponse()
{
    if (!credentialsError().isEmpty())
        return {};
    return QByteArrayLiteral("user=") + m_credentials.user.toUtf8() + '\x01' +
            QByteArrayLiteral("auth=Bearer ") + m_credentials.secret.toUtf8() +
            QByteArrayLiteral("\x01\x01");
}

SaslMechanism::Step XOAuth2Mechanism::respond(const QByteArray &challenge)
{
    // The only challenge after the token is the error report; the empty
    // answer is what Google's protocol description asks for, after which
    // the server sends -ERR.
    return m_exchange.respond(*this, challenge, {});
}
