#include "scramserver.h"

#include "auth/saslsupport.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace {
constexpr QCryptographicHash::Algorithm Algorithm = QCryptographicHash::Sha256;

// RFC 5802 5.1: "=2C" and "=3D" stand for ',' and '='; any other '=' is malformed.
bool unescapeName(QByteArrayView escaped, QByteArray *name)
{
    name->clear();
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        if (escaped.at(i) != '=') {
            name->append(escaped.at(i));
            continue;
        }
        const QByteArrayView code =
                escaped.sliced(i).first(std::min<qsizetype>(3, escaped.size() - i));
        if (code == "=2C")
            name->append(',');
        else if (code == "=3D")
            name->append('=');
        else
            return false;
        i += 2;
    }
    return true;
}

// The value of attribute `name` ("r", "c", ...) if `field` is "name=value".
bool attribute(QByteArrayView field, char name, QByteArrayView *value)
{
    if (field.size() < 2 || field.at(0) != name || field.at(1) != '=')
        return false;
    *value = field.sliced(2);
    return true;
}
} // namespace

ScramServer::ScramServer(QByteArray user, QByteArray salt, QByteArray saltedPassword,
                         int iterations, QByteArray serverNonce)
    : m_user(std::move(user))
    , m_salt(std::move(salt))
    , m_saltedPassword(std::move(saltedPassword))
    , m_iterations(iterations)
    , m_serverNonce(std::move(serverNonce))
{
    if (m_serverNonce.isEmpty()) {
        QByteArray random(24, Qt::Uninitialized);
        QRandomGenerator::system()->generate(random.begin(), random.end());
        // Base64 never contains ',', the one character a nonce must not hold.
        m_serverNonce = random.toBase64();
    }
}

QByteArray ScramServer::saltPassword(const QByteArray &password, const QByteArray &salt,
                                     int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(Algorithm, password, salt, iterations,
                                              quint64(QCryptographicHash::hashLength(Algorithm)));
}

QByteArray ScramServer::hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, Algorithm);
}

QByteArray ScramServer::serverFirst(const QByteArray &clientFirst, QString *error)
{
    const QByteArrayView message(clientFirst);
    // gs2-header: "n" or "y" (no channel binding), an optional authzid, ','.
    if (message.startsWith("p=")) {
        *error = QStringLiteral("channel binding is not supported");
        return {};
    }
    if (!message.startsWith("n,") && !message.startsWith("y,")) {
        *error = QStringLiteral("malformed gs2 header");
        return {};
    }
    const qsizetype headerEnd = message.indexOf(',', 2);
    if (headerEnd < 0) {
        *error = QStringLiteral("malformed gs2 header");
        return {};
    }
    const QByteArrayView authzidField = message.sliced(2, headerEnd - 2);
    m_gs2Header = message.first(headerEnd + 1).toByteArray();
    m_clientFirstBare = message.sliced(headerEnd + 1).toByteArray();

    const QList<QByteArray> fields = m_clientFirstBare.split(',');
    QByteArrayView escapedUser;
    QByteArrayView clientNonce;
    if (fields.size() < 2 || !attribute(fields.at(0), 'n', &escapedUser) ||
        !attribute(fields.at(1), 'r', &clientNonce) || clientNonce.isEmpty()) {
        // "m=" (a mandatory extension) also ends here: none is supported.
        *error = QStringLiteral("malformed client-first-message");
        return {};
    }
    QByteArray user;
    if (!unescapeName(escapedUser, &user)) {
        *error = QStringLiteral("malformed user name");
        return {};
    }
    if (user != m_user) {
        *error = QStringLiteral("unknown user");
        return {};
    }
    if (!authzidField.isEmpty()) {
        QByteArrayView escapedAuthzid;
        QByteArray authzid;
        if (!attribute(authzidField, 'a', &escapedAuthzid) ||
            !unescapeName(escapedAuthzid, &authzid) || authzid != m_user) {
            *error = QStringLiteral("authorization identity not allowed");
            return {};
        }
    }
    for (const char c : clientNonce) {
        if (c < 0x21 || c > 0x7E) {
            *error = QStringLiteral("malformed client nonce");
            return {};
        }
    }
    m_nonce = clientNonce.toByteArray() + m_serverNonce;
    m_serverFirst =
            "r=" + m_nonce + ",s=" + m_salt.toBase64() + ",i=" + QByteArray::number(m_iterations);
    return m_serverFirst;
}

QByteArray ScramServer::serverFinal(const QByteArray &clientFinal, QString *error)
{
    if (m_serverFirst.isEmpty()) {
        *error = QStringLiteral("client-final-message before client-first-message");
        return {};
    }
    // The proof is the last attribute and signs everything before it.
    const qsizetype proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
        *error = QStringLiteral("no client proof");
        return {};
    }
    const QByteArray withoutProof = clientFinal.first(proofAt);
    const auto decodedProof = QByteArray::fromBase64Encoding(
            clientFinal.sliced(proofAt + 3), QByteArray::AbortOnBase64DecodingErrors);
    const QList<QByteArray> fields = withoutProof.split(',');
    QByteArrayView binding;
    QByteArrayView nonce;
    if (!decodedProof || fields.size() < 2 || !attribute(fields.at(0), 'c', &binding) ||
        !attribute(fields.at(1), 'r', &nonce)) {
        *error = QStringLiteral("malformed client-final-message");
        return {};
    }
    const auto decodedBinding = QByteArray::fromBase64Encoding(
            binding.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedBinding || *decodedBinding != m_gs2Header) {
        *error = QStringLiteral("channel binding data does not match the gs2 header");
        return {};
    }
    if (nonce != m_nonce) {
        *error = QStringLiteral("nonce mismatch");
        return {};
    }

    const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
    const QByteArray clientKey = hmac(m_saltedPassword, QByteArrayLiteral("Client Key"));
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, Algorithm);
    const QByteArray clientSignature = hmac(storedKey, authMessage);
    const QByteArray &proof = *decodedProof;
    if (proof.size() != clientSignature.size()) {
        *error = QStringLiteral("malformed client proof");
        return {};
    }
    // ClientKey = ClientProof XOR ClientSignature; it is right if it hashes to StoredKey.
    QByteArray recovered(proof.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < proof.size(); ++i)
        recovered[i] = char(proof.at(i) ^ clientSignature.at(i));
    if (!SaslSupport::constantTimeEquals(QCryptographicHash::hash(recovered, Algorithm),
                                         storedKey)) {
        *error = QStringLiteral("wrong password");
        return {};
    }
    const QByteArray serverKey = hmac(m_saltedPassword, QByteArrayLiteral("Server Key"));
    return "v=" + hmac(serverKey, authMessage).toBase64();
}
