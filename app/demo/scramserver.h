#pragma once

#include <QByteArray>
#include <QString>

// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel
// binding, for the demo server: it knows the salted password, checks the
// client's proof and produces the "v=" signature that proves itself.
// One object serves one exchange.
class ScramServer
{
public:
    // `serverNonce` is for tests that replay the RFC 7677 example; empty
    // means 24 fresh random bytes.
    ScramServer(QByteArray user, QByteArray salt, QByteArray saltedPassword, int iterations,
                QByteArray serverNonce = {});

    // RFC 5802's SaltedPassword: Hi(password, salt, iterations).
    [[nodiscard]] static QByteArray saltPassword(const QByteArray &password, const QByteArray &salt,
                                                 int iterations);

    // Takes client-first-message, returns server-first-message; empty with
    // *error set when the message is malformed or names another user.
    [[nodiscard]] QByteArray serverFirst(const QByteArray &clientFirst, QString *error);
    // Takes client-final-message, returns server-final-message ("v=...");
    // empty with *error set when the proof is wrong or the message malformed.
    [[nodiscard]] QByteArray serverFinal(const QByteArray &clientFinal, QString *error);

private:
    [[nodiscard]] static QByteArray hmac(const QByteArray &key, const QByteArray &message);

    QByteArray m_user;
    QByteArray m_salt;
    QByteArray m_saltedPassword;
    int m_iterations = 4096;
    QByteArray m_serverNonce;
    QByteArray m_gs2Header;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
};
