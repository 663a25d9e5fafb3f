#pragma once

#include "saslmechanism.h"

// CRAM-MD5 (RFC 2195): answers the server's one challenge with
// "user SP hex(HMAC-MD5(password, challenge))".
class CramMd5Mechanism final : public SaslMechanism
{
public:
    explicit CramMd5Mechanism(SaslCredentials credentials);

    [[nodiscard]] QByteArray name() const override { return QByteArrayLiteral("CRAM-MD5"); }
    [[nodiscard]] bool clientFirst() const override { return false; }
    [[nodiscard]] Step respond(const QByteArray &challenge) override;
    [[nodiscard]] bool exposesSecret() const override { return false; }
    [[nodiscard]] QString credentialsError() const override;

private:
    SaslCredentials m_credentials;
    bool m_answered = false;
};
