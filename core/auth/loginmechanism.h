#pragma once

#include "saslmechanism.h"

// LOGIN (draft-murchison-sasl-login): the server prompts for the user name,
// then the password. Prompts vary between servers ("Username:", "User Name",
// with or without a trailing NUL), so answers go by order, not by text.
class LoginMechanism final : public SaslMechanism
{
public:
    explicit LoginMechanism(SaslCredentials credentials);

    [[nodiscard]] QByteArray name() const override { return QByteArrayLiteral("LOGIN"); }
    [[nodiscard]] bool clientFirst() const override { return false; }
    [[nodiscard]] Step respond(const QByteArray &challenge) override;
    [[nodiscard]] bool exposesSecret() const override { return true; }
    [[nodiscard]] QString credentialsError() const override;

private:
    SaslCredentials m_credentials;
    int m_step = 0;
};
