#pragma once

#include "saslmechanism.h"

#include <QCryptographicHash>

// SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), without channel
// binding (gs2 header "n,,"): the client proves it knows the password, and
// the server proves it knows the salted password, which respond() or
// verifyCompletion() checks. POP3 (RFC 5034) usually delivers the server's
// final "v=" message as a challenge, answered with an empty response; a
// server may instead attach it to "+OK".
class ScramMechanism final : public SaslMechanism
{
public:
    enum class Hash { Sha1, Sha256 };

    // Iteration counts the server may announce. Below 4096 is refused because
    // RFC 5802 and RFC 7677 say servers SHOULD announce at least that, and an
    // impostor could otherwise pick 1 to make our proof cheap to brute-force
    // offline. Above 600000 (OWASP's 2023 figure for PBKDF2-HMAC-SHA256) is
    // refused because the derivation is synchronous: at about 2 us an
    // iteration a hostile count could freeze the caller for minutes.
    static constexpr int MinIterations = 4096;
    static constexpr int MaxIterations = 600000;

    // `clientNonce` is for tests that replay RFC examples; empty means a
    // fresh 32-character nonce from QRandomGenerator::system().
    ScramMechanism(Hash hash, SaslCredentials credentials, QByteArray clientNonce = {});

    [[nodiscard]] QByteArray name() const override;
    [[nodiscard]] bool clientFirst() const override { return true; }
    [[nodiscard]] QByteArray initialResponse() override;
    [[nodiscard]] Step respond(const QByteArray &challenge) override;
    [[nodiscard]] bool verifyCompletion(QString *error) override;
    [[nodiscard]] bool verifyCompletion(const QByteArray &additionalData, QString *error) override;
    [[nodiscard]] bool exposesSecret() const override { return false; }
    [[nodiscard]] QString credentialsError() const override;

    // Whether the server's signature has been checked and matched.
    [[nodiscard]] bool serverVerified() const { return m_state == State::Verified; }

private:
    enum class State { Initial, SentClientFirst, SentClientFinal, Verified, Failed };

    [[nodiscard]] Step handleServerFirst(const QByteArray &message);
    [[nodiscard]] Step handleServerFinal(const QByteArray &message);
    [[nodiscard]] Step fail(const QString &what);
    [[nodiscard]] QByteArray hmac(const QByteArray &key, const QByteArray &message) const;

    Hash m_hash = Hash::Sha256;
    QCryptographicHash::Algorithm m_algorithm = QCryptographicHash::Sha256;
    SaslCredentials m_credentials;
    QByteArray m_clientNonce;
    QString m_credentialsError;
    QByteArray m_preparedUser; // SASLprep'd, '=' and ',' escaped, UTF-8
    QByteArray m_preparedAuthzid;
    QByteArray m_preparedPassword;
    QByteArray m_gs2Header;
    QByteArray m_clientFirstBare;
    QByteArray m_expectedServerSignature;
    QString m_failure;
    State m_state = State::Initial;
    bool m_challenged = false; // whether respond() has been called
};
