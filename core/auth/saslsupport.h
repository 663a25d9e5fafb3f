#pragma once

#include "saslmechanism.h"

#include <QStringView>

// Helpers shared by the mechanisms in core/auth; not part of the public API.
namespace SaslSupport {

[[nodiscard]] SaslMechanism::Step respondWith(QByteArray response);
[[nodiscard]] SaslMechanism::Step abortWith(QString error);

// Non-empty error if `challenge` exceeds Sasl::MaxChallengeSize.
[[nodiscard]] QString checkChallengeSize(const QByteArray &challenge, QByteArrayView mechanism);

// Describes the first of `forbidden` found in the user name, authorization
// id or secret, naming the field but never quoting the secret. `forbidden`
// always implicitly includes NUL, CR and LF: the design refuses them in any
// credential before anything is sent.
[[nodiscard]] QString checkCredentials(const SaslCredentials &credentials, QByteArrayView mechanism,
                                       QStringView forbidden = {});

// Compares without an early exit so a forged signature cannot be found
// byte by byte from response timings.
[[nodiscard]] bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// RFC 6750 b64token, the only syntax a bearer token may have; it also keeps
// spaces and ^A separators out of XOAUTH2 and OAUTHBEARER messages.
[[nodiscard]] bool isBearerToken(QStringView token);

// Turns the JSON error document of XOAUTH2 / OAUTHBEARER (RFC 7628 section
// 3.2.2) into one readable line, without trusting it to be well-formed.
[[nodiscard]] QString describeOAuthError(const QByteArray &json, QByteArrayView mechanism);

// The exchange XOAUTH2 and OAUTHBEARER share after their AUTH command: an
// empty first challenge asks for the initial response (RFC 5034 section 4);
// any other challenge is the server's JSON error report, kept readable in
// serverError() and answered with `acknowledgement`, after which the server
// fails the command. A challenge after that aborts with the server's error.
class OAuthExchange
{
public:
    [[nodiscard]] SaslMechanism::Step respond(SaslMechanism &mechanism, const QByteArray &challenge,
                                              const QByteArray &acknowledgement);
    [[nodiscard]] QString serverError() const { return m_serverError; }

private:
    QString m_serverError;
    bool m_challenged = false; // whether respond() has been called
};

} // namespace SaslSupport
