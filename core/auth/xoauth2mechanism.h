#pragma once

#include "saslmechanism.h"
#include "saslsupport.h"

// XOAUTH2 (Google's and Microsoft's pre-standard OAuth 2.0 mechanism):
// "user=" user ^A "auth=Bearer " token ^A ^A. On failure the server sends a
// base64 JSON error as a challenge; the client answers with an empty response
// and the server then fails the command.
class XOAuth2Mechanism final : public SaslMechanism
{
public:
    explicit XOAuth2Mechanism(SaslCredentials credentials);

    [[nodiscard]] QByteArray name() const override { return QByteArrayLiteral("XOAUTH2"); }
    [[nodiscard]] bool clientFirst() const override { return true; }
    [[nodiscard]] QByteArray initialResponse() override;
    [[nodiscard]] Step respond(const QByteArray &challenge) override;
    [[nodiscard]] bool exposesSecret() const override { return true; }
    [[nodiscard]] QString credentialsError() const override;

    // The server's JSON error, made readable; empty unless one arrived.
    [[nodiscard]] QString serverError() const { return m_exchange.serverError(); }

private:
    SaslCredentials m_credentials;
    SaslSupport::OAuthExchange m_exchange;
};
