#include "scrammechanism.h"

#include "saslsupport.h"

#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

using namespace SaslSupport;

namespace {

// RFC 4013 SASLprep, "lite": the mapping, NFKC and prohibition steps, but
// neither the bidirectional check nor the unassigned-code-point table. Both
// only matter for right-to-left or very new scripts in passwords; ASCII,
// which nearly every mail password is, passes through unchanged.
bool mapsToNothing(char16_t u) // RFC 3454 table B.1
{
    return u == 0x00AD || u == 0x034F || u == 0x1806 || (u >= 0x180B && u <= 0x180D) ||
            (u >= 0x200B && u <= 0x200D) || u == 0x2060 || (u >= 0xFE00 && u <= 0xFE0F) ||
            u == 0xFEFF;
}

bool isNonAsciiSpace(char16_t u) // table C.1.2
{
    return u == 0x00A0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200B) || u == 0x202F ||
            u == 0x205F || u == 0x3000;
}

bool isProhibited(char32_t c) // tables C.2.1 to C.9
{
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) // control characters
        return true;
    if (c == 0x0340 || c == 0x0341 || c == 0x06DD || c == 0x070F || c == 0x180E || c == 0x200E ||
        c == 0x200F || c == 0x2028 || c == 0x2029)
        return true;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2063) ||
        (c >= 0x206A && c <= 0x206F) || (c >= 0x2FF0 && c <= 0x2FFB))
        return true;
    if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xE000 && c <= 0xF8FF) // surrogates, private use
        || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE // non-characters
        || (c >= 0xFFF9 && c <= 0xFFFD) || c == 0xFEFF)
        return true;
    if ((c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F))
        return true;
    return c >= 0xF0000; // supplementary private use planes
}

std::optional<QString> saslPrep(const QString &input)
{
    QString mapped;
    mapped.reserve(input.size());
    for (const QChar c : input) {
        if (mapsToNothing(c.unicode()))
            continue;
        mapped.append(isNonAsciiSpace(c.unicode()) ? QLatin1Char(' ') : c);
    }
    const QString normalized = mapped.normalized(QString::NormalizationForm_KC);
    // toUcs4() turns unpaired surrogates into U+FFFD, which is prohibited.
    for (const char32_t c : normalized.toUcs4()) {
        if (isProhibited(c))
            return std::nullopt;
    }
    return normalized;
}

// RFC 5802 saslname: '=' and ',' are escaped so they cannot end the field.
QByteArray escapeSaslName(const QString &name)
{
    QByteArray out = name.toUtf8();
    out.replace('=', "=3D");
    out.replace(',', "=2C");
    return out;
}

// RFC 5802 "printable": the characters a nonce may use.
bool isNonceChar(char c)
{
    return c >= 0x21 && c <= 0x7E && c != ',';
}

bool isValidNonce(QByteArrayView nonce)
{
    return !nonce.isEmpty() && std::all_of(nonce.begin(), nonce.end(), isNonceChar);
}

struct Attribute
{
    char name = 0;
    QByteArray value;
};

// Splits "a=x,b=y" into attributes; nullopt unless every part is a single
// ASCII letter, '=', and a value free of control bytes.
std::optional<QList<Attribute>> parseAttributes(const QByteArray &message)
{
    for (const char c : message) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            return std::nullopt;
    }
    QList<Attribute> attributes;
    for (const QByteArray &part : message.split(',')) {
        const bool letter = part.size() >= 2 &&
                ((part[0] >= 'a' && part[0] <= 'z') || (part[0] >= 'A' && part[0] <= 'Z'));
        if (!letter || part[1] != '=')
            return std::nullopt;
        attributes.append({part[0], part.mid(2)});
    }
    return attributes;
}

std::optional<QByteArray> decodeBase64(const QByteArray &text)
{
    auto result = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

// The server's own words, shortened and stripped of anything that could
// confuse a log or a dialog.
QString serverText(const QByteArray &value)
{
    QString text = QString::fromUtf8(value.left(200));
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return text;
}

QByteArray freshNonce()
{
    std::array<quint32, 6> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words)).toBase64();
}

} // namespace

ScramMechanism::ScramMechanism(Hash hash, SaslCredentials credentials, QByteArray clientNonce)
    : m_hash(hash)
    , m_algorithm(hash == Hash::Sha1 ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256)
    , m_credentials(std::move(credentials))
    , m_clientNonce(clientNonce.isEmpty() ? freshNonce() : std::move(clientNonce))
{
    // Preparation happens once, here, so every later step sees the same
    // bytes and a bad credential is known before anything is sent.
    m_credentialsError = checkCredentials(m_credentials, name());
    if (!m_credentialsError.isEmpty())
        return;
    const auto user = saslPrep(m_credentials.user);
    const auto authzid = saslPrep(m_credentials.authorizationId);
    const auto password = saslPrep(m_credentials.secret);
    if (!user || user->isEmpty()) {
        m_credentialsError = QStringLiteral("%1: the user name is empty after SASLprep or contains "
                                            "characters it prohibits (controls, private use, ...)")
                                     .arg(QLatin1String(name()));
    } else if (!authzid) {
        m_credentialsError = QStringLiteral("%1: the authorization id contains characters "
                                            "SASLprep prohibits")
                                     .arg(QLatin1String(name()));
    } else if (!password || password->isEmpty()) {
        m_credentialsError = QStringLiteral("%1: the password is empty after SASLprep or contains "
                                            "characters it prohibits (controls, private use, ...)")
                                     .arg(QLatin1String(name()));
    } else if (!isValidNonce(m_clientNonce)) {
        m_credentialsError = QStringLiteral("%1: the client nonce must be printable ASCII "
                                            "without commas")
                                     .arg(QLatin1String(name()));
    } else {
        m_preparedUser = escapeSaslName(*user);
        m_preparedAuthzid = escapeSaslName(*authzid);
        m_preparedPassword = password->toUtf8();
        m_gs2Header = m_preparedAuthzid.isEmpty() ? QByteArrayLiteral("n,,")
                                                  : "n,a=" + m_preparedAuthzid + ',';
        m_clientFirstBare = "n=" + m_preparedUser + ",r=" + m_clientNonce;
    }
}

QByteArray ScramMechanism::name() const
{
    return m_hash == Hash::Sha1 ? QByteArrayLiteral("SCRAM-SHA-1")
                                : QByteArrayLiteral("SCRAM-SHA-256");
}

QString ScramMechanism::credentialsError() const
{
    return m_credentialsError;
}

QByteArray ScramMechanism::initialResponse()
{
    // Asking twice (to measure it, then to send it) gives the same bytes.
    if (!m_credentialsError.isEmpty() ||
        (m_state != State::Initial && m_state != State::SentClientFirst))
        return {};
    m_state = State::SentClientFirst;
    return m_gs2Header + m_clientFirstBare;
}

SaslMechanism::Step ScramMechanism::fail(const QString &what)
{
    m_state = State::Failed;
    m_failure = QStringLiteral("%1: %2").arg(QLatin1String(name()), what);
    return abortWith(m_failure);
}

QByteArray ScramMechanism::hmac(const QByteArray &key, const QByteArray &message) const
{
    return QMessageAuthenticationCode::hash(message, key, m_algorithm);
}

SaslMechanism::Step ScramMechanism::respond(const QByteArray &challenge)
{
    if (const QString error = checkChallengeSize(challenge, name()); !error.isEmpty()) {
        m_state = State::Failed;
        m_failure = error;
        return abortWith(error);
    }
    if (!m_credentialsError.isEmpty())
        return abortWith(m_credentialsError);
    // An empty first challenge asks for the client-first message (RFC 5034
    // section 4); a real server-first message is never empty.
    const bool first = !std::exchange(m_challenged, true);
    switch (m_state) {
    case State::Initial:
        if (!challenge.isEmpty())
            return fail(QStringLiteral("the server spoke before the client-first message"));
        return respondWith(initialResponse());
    case State::SentClientFirst:
        if (first && challenge.isEmpty())
            return respondWith(initialResponse());
        return handleServerFirst(challenge);
    case State::SentClientFinal:
        return handleServerFinal(challenge);
    case State::Verified:
        return fail(QStringLiteral("the server sent a challenge after its final message"));
    case State::Failed:
        break;
    }
    return abortWith(m_failure);
}

SaslMechanism::Step ScramMechanism::handleServerFirst(const QByteArray &message)
{
    const auto attributes = parseAttributes(message);
    if (!attributes || attributes->isEmpty())
        return fail(QStringLiteral("the server-first message is malformed"));
    const Attribute &first = attributes->first();
    if (first.name == 'e')
        return fail(
                QStringLiteral("the server reported an error: %1").arg(serverText(first.value)));
    if (first.name == 'm')
        return fail(QStringLiteral("the server requires an extension this client does not know"));
    if (attributes->size() < 3 || first.name != 'r' || attributes->at(1).name != 's' ||
        attributes->at(2).name != 'i') {
        return fail(QStringLiteral("the server-first message lacks the r=, s= and i= attributes "
                                   "in that order"));
    }

    const QByteArray &nonce = first.value;
    // The server appends its own part to our nonce. Anything else is a
    // replayed or forged exchange.
    if (!isValidNonce(nonce))
        return fail(QStringLiteral("the server's nonce contains characters that are not allowed"));
    if (!nonce.startsWith(m_clientNonce) || nonce.size() == m_clientNonce.size())
        return fail(QStringLiteral("the server's nonce does not extend the client's nonce"));

    const auto salt = decodeBase64(attributes->at(1).value);
    if (!salt || salt->isEmpty())
        return fail(QStringLiteral("the salt is missing or not valid base64"));

    const QByteArray &count = attributes->at(2).value;
    bool digitsOnly = !count.isEmpty() && count.size() <= 10 && count[0] != '0';
    for (const char c : count)
        digitsOnly = digitsOnly && c >= '0' && c <= '9';
    if (!digitsOnly)
        return fail(QStringLiteral("the iteration count is not a positive number"));
    const qint64 iterations = count.toLongLong();
    if (iterations < MinIterations || iterations > MaxIterations) {
        return fail(QStringLiteral("the server asks for %1 iterations; only %2 to %3 are accepted")
                            .arg(iterations)
                            .arg(MinIterations)
                            .arg(MaxIterations));
    }

    const QByteArray saltedPassword = QPasswordDigestor::deriveKeyPbkdf2(
            m_algorithm, m_preparedPassword, *salt, static_cast<int>(iterations),
            static_cast<quint64>(QCryptographicHash::hashLength(m_algorithm)));
    if (saltedPassword.isEmpty())
        return fail(QStringLiteral("the key derivation failed"));

    const QByteArray clientFinalWithoutProof = "c=" + m_gs2Header.toBase64() + ",r=" + nonce;
    const QByteArray authMessage =
            m_clientFirstBare + ',' + message + ',' + clientFinalWithoutProof;
    const QByteArray clientKey = hmac(saltedPassword, QByteArrayLiteral("Client Key"));
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, m_algorithm);
    const QByteArray clientSignature = hmac(storedKey, authMessage);
    QByteArray proof = clientKey;
    for (qsizetype i = 0; i < proof.size(); ++i)
        proof[i] = static_cast<char>(proof[i] ^ clientSignature[i]);
    const QByteArray serverKey = hmac(saltedPassword, QByteArrayLiteral("Server Key"));
    m_expectedServerSignature = hmac(serverKey, authMessage);

    m_state = State::SentClientFinal;
    return respondWith(clientFinalWithoutProof + ",p=" + proof.toBase64());
}

SaslMechanism::Step ScramMechanism::handleServerFinal(const QByteArray &message)
{
    const auto attributes = parseAttributes(message);
    if (!attributes || attributes->isEmpty())
        return fail(QStringLiteral("the server-final message is malformed"));
    const Attribute &first = attributes->first();
    if (first.name == 'e')
        return fail(
                QStringLiteral("the server rejected the login: %1").arg(serverText(first.value)));
    if (first.name != 'v')
        return fail(QStringLiteral("the server-final message has neither v= nor e="));
    const auto signature = decodeBase64(first.value);
    if (!signature)
        return fail(QStringLiteral("the server signature is not valid base64"));
    if (!constantTimeEquals(*signature, m_expectedServerSignature)) {
        return fail(QStringLiteral("the server's signature is wrong: it does not know the "
                                   "password, so it may be an impostor"));
    }
    m_state = State::Verified;
    // In POP3 the server-final message is a challenge; the empty response
    // lets the server send its "+OK".
    return respondWith({});
}

bool ScramMechanism::verifyCompletion(QString *error)
{
    if (m_state == State::Verified)
        return true;
    QString why;
    switch (m_state) {
    case State::Failed:
        why = m_failure;
        break;
    case State::SentClientFinal:
        // The verdict is final: a signature arriving later cannot undo it.
        m_state = State::Failed;
        m_failure = QStringLiteral("%1: the server accepted the login without proving it knows "
                                   "the password (no server signature)")
                            .arg(QLatin1String(name()));
        why = m_failure;
        break;
    default:
        why = QStringLiteral("%1: the server accepted the login before the exchange finished")
                      .arg(QLatin1String(name()));
        break;
    }
    if (error)
        *error = why;
    return false;
}

bool ScramMechanism::verifyCompletion(const QByteArray &additionalData, QString *error)
{
    // Once verified through a challenge, data repeated on "+OK" adds nothing.
    if (!additionalData.isEmpty() && m_state == State::SentClientFinal) {
        if (additionalData.size() > Sasl::MaxChallengeSize)
            (void)fail(QStringLiteral("the server's final data is too large"));
        else
            (void)handleServerFinal(additionalData);
    }
    return verifyCompletion(error);
}
