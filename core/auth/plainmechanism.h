#pragma once

#include "saslmechanism.h"

// PLAIN (RFC 4616): authzid NUL authcid NUL password, in one client response.
class PlainMechanism final : public SaslMechanism
{
public:
    explicit PlainMechanism(SaslCredentials credentials);

    [[nodiscard]] QByteArray name() const override { return QByteArrayLiteral("PLAIN"); }
    [[nodiscard]] bool clientFirst() const override { return true; }
    [[nodiscard]] QByteArray initialResponse() override;
    [[nodiscard]] Step respond(const QByteArray &challenge) override;
    [[nodiscard]] bool exposesSecret() const override { return true; }
    [[nodiscard]] QString credentialsError() const override;

private:
    SaslCredentials m_credentials;
    bool m_challenged = false; // whether respond() has been called
};
