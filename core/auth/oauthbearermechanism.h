#pragma once

#include "saslmechanism.h"
#include "saslsupport.h"

// OAUTHBEARER (RFC 7628): gs2 header "n,a=<user>," then ^A-separated
// host=, port= (when known) and auth=Bearer <token>, ending in ^A ^A. On
// failure the server sends a JSON error as a challenge; RFC 7628 section
// 3.2.3 has the client answer with a single ^A, after which the server fails
// the command.
class OAuthBearerMechanism final : public SaslMechanism
{
public:
    explicit OAuthBearerMechanism(SaslCredentials credentials);

    [[nodiscard]] QByteArray name() const override { return QByteArrayLiteral("OAUTHBEARER"); }
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
