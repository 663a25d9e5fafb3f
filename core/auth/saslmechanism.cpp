#include "saslmechanism.h"

#include "crammd5mechanism.h"
#include "loginmechanism.h"
#include "oauthbearermechanism.h"
#include "plainmechanism.h"
#include "scrammechanism.h"
#include "xoauth2mechanism.h"

namespace Sasl {

QList<QByteArray> preferredOrder()
{
    // SCRAM proves both sides and never reveals the password; CRAM-MD5 hides
    // the password but needs it stored in the clear on the server and proves
    // nothing about the server; PLAIN and LOGIN send the password itself.
    return {
            QByteArrayLiteral("SCRAM-SHA-256"), QByteArrayLiteral("SCRAM-SHA-1"),
            QByteArrayLiteral("CRAM-MD5"),      QByteArrayLiteral("PLAIN"),
            QByteArrayLiteral("LOGIN"),
    };
}

std::unique_ptr<SaslMechanism> create(QByteArrayView name, const SaslCredentials &credentials)
{
    const QByteArray upper = name.toByteArray().toUpper();
    if (upper == "PLAIN")
        return std::make_unique<PlainMechanism>(credentials);
    if (upper == "LOGIN")
        return std::make_unique<LoginMechanism>(credentials);
    if (upper == "CRAM-MD5")
        return std::make_unique<CramMd5Mechanism>(credentials);
    if (upper == "SCRAM-SHA-1")
        return std::make_unique<ScramMechanism>(ScramMechanism::Hash::Sha1, credentials);
    if (upper == "SCRAM-SHA-256")
        return std::make_unique<ScramMechanism>(ScramMechanism::Hash::Sha256, credentials);
    if (upper == "XOAUTH2")
        return std::make_unique<XOAuth2Mechanism>(credentials);
    if (upper == "OAUTHBEARER")
        return std::make_unique<OAuthBearerMechanism>(credentials);
    return nullptr;
}

} // namespace Sasl
