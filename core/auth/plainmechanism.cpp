#include "plainmechanism.h"

#include "saslsupport.h"

#include <utility>

using namespace SaslSupport;

PlainMechanism::PlainMechanism(SaslCredentials credentials)
    : m_credentials(std::move(credentials))
{ }

QString PlainMechanism::credentialsError() const
{
    // NUL is PLAIN's field separator (RFC 4616 forbids it in every field).
    return checkCredentials(m_credentials, "PLAIN");
}

QByteArray PlainMechanism::initialResponse()
{
    if (!credentialsError().isEmpty())
        return {};
    return m_credentials.authorizationId.toUtf8() + '\0' + m_credentials.user.toUtf8() + '\0' +
            m_credentials.secret.toUtf8();
}

SaslMechanism::Step PlainMechanism::respond(const QByteArray &challenge)
{
    if (const QString error = checkChallengeSize(challenge, "PLAIN"); !error.isEmpty())
        return abortWith(error);
    if (const QString error = credentialsError(); !error.isEmpty())
        return abortWith(error);
    // A server that does not take initial responses asks with an empty
    // challenge first (RFC 5034 section 4).
    const bool first = !std::exchange(m_challenged, true);
    if (first && challenge.isEmpty())
        return respondWith(initialResponse());
    return abortWith(QStringLiteral("PLAIN: the server sent a challenge after the credentials; "
                                    "PLAIN has no further steps"));
}
