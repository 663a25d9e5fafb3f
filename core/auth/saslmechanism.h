#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

// One SASL mechanism (RFC 4422) as POP3's AUTH command (RFC 5034) drives it.
// Payloads are raw bytes; base64 on the wire is the connection's business.
class SaslMechanism
{
public:
    struct Step
    {
        enum class Outcome {
            Respond, // send `response` to the server
            Abort, // the challenge was malformed: send "*" and fail
        };
        Outcome outcome = Outcome::Respond;
        QByteArray response;
        QString error; // why we aborted
    };

    virtual ~SaslMechanism() = default;

    // IANA name as sent after AUTH, e.g. "SCRAM-SHA-256".
    [[nodiscard]] virtual QByteArray name() const = 0;
    // Whether the mechanism starts with a client response (PLAIN, SCRAM,
    // XOAUTH2, OAUTHBEARER). If so initialResponse() is sent with AUTH, when
    // short enough, or after the server's first empty challenge. It may be
    // called more than once and gives the same bytes each time; respond() to
    // an empty first challenge also returns it.
    [[nodiscard]] virtual bool clientFirst() const = 0;
    [[nodiscard]] virtual QByteArray initialResponse() { return {}; }
    // Answers one decoded server challenge.
    [[nodiscard]] virtual Step respond(const QByteArray &challenge) = 0;
    // Called on the server's final +OK with any additional data
    // (RFC 5034 permits "+OK" after the last response). Returns false if
    // the mechanism could not verify the server (SCRAM server signature).
    [[nodiscard]] virtual bool verifyCompletion(QString *error)
    {
        Q_UNUSED(error);
        return true;
    }
    // The same, for a "+OK" that carried decoded additional data: SCRAM's
    // server-final message may arrive this way instead of as a challenge.
    // Mechanisms that expect none ignore it: the server has already accepted
    // us, and failing then would only strand the session.
    [[nodiscard]] virtual bool verifyCompletion(const QByteArray &additionalData, QString *error)
    {
        Q_UNUSED(additionalData);
        return verifyCompletion(error);
    }
    // Non-empty when the credentials cannot be used with this mechanism (a
    // NUL in a PLAIN password, a bearer token with spaces...). Callers should
    // check it before sending AUTH; if they do not, initialResponse() is
    // empty and respond() aborts with this text, so nothing unsafe is sent.
    [[nodiscard]] virtual QString credentialsError() const { return {}; }
    // Whether the mechanism sends the secret in the clear (PLAIN, LOGIN,
    // bearer tokens): such a mechanism is not chosen on plaintext links.
    [[nodiscard]] virtual bool exposesSecret() const = 0;
};

struct SaslCredentials
{
    QString authorizationId; // usually empty
    QString user;
    QString secret; // password or OAuth bearer token
    QString host; // for OAUTHBEARER
    quint16 port = 0;
};

namespace Sasl {
// Decoded challenges larger than this are refused: no mechanism here needs
// more than a few hundred bytes, and a hostile server must not make us
// buffer or hash megabytes.
inline constexpr qsizetype MaxChallengeSize = qsizetype(64) * 1024;
// Mechanisms in order of preference, strongest first. XOAUTH2 and
// OAUTHBEARER are absent: they need an OAuth token rather than a password,
// so they are only used when the user asks for them by name.
QList<QByteArray> preferredOrder();
// Creates a mechanism by IANA name (case-insensitive); null if unknown.
std::unique_ptr<SaslMechanism> create(QByteArrayView name, const SaslCredentials &credentials);
} // namespace Sasl
