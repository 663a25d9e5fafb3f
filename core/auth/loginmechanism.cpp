#include "loginmechanism.h"

#include "saslsupport.h"

using namespace SaslSupport;

LoginMechanism::LoginMechanism(SaslCredentials credentials)
    : m_credentials(std::move(credentials))
{ }

QString LoginMechanism::credentialsError() const
{
    // LOGIN has no authorization identity: refuse one rather than silently
    // logging in as someone other than asked.
    if (!m_credentials.authorizationId.isEmpty())
        return QStringLiteral("LOGIN: this mechanism cannot carry an authorization id");
    return checkCredentials(m_credentials, "LOGIN");
}

SaslMechanism::Step LoginMechanism::respond(const QByteArray &challenge)
{
    if (const QString error = checkChallengeSize(challenge, "LOGIN"); !error.isEmpty())
        return abortWith(error);
    if (const QString error = credentialsError(); !error.isEmpty())
        return abortWith(error);
    switch (m_step++) {
    case 0:
        return respondWith(m_credentials.user.toUtf8());
    case 1:
        return respondWith(m_credentials.secret.toUtf8());
    default:
        m_step = 2; // stays put however often a broken server keeps asking
        return abortWith(QStringLiteral(
                "LOGIN: the server sent a third challenge; only user name and password exist"));
    }
}
