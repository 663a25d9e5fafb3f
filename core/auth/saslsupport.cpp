#include "saslsupport.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace SaslSupport {

SaslMechanism::Step respondWith(QByteArray response)
{
    return {SaslMechanism::Step::Outcome::Respond, std::move(response), {}};
}

SaslMechanism::Step abortWith(QString error)
{
    return {SaslMechanism::Step::Outcome::Abort, {}, std::move(error)};
}

QString checkChallengeSize(const QByteArray &challenge, QByteArrayView mechanism)
{
    if (challenge.size() <= Sasl::MaxChallengeSize)
        return {};
    return QStringLiteral("%1: the server's challenge is %2 bytes long; more than %3 is refused")
            .arg(QLatin1String(mechanism))
            .arg(challenge.size())
            .arg(Sasl::MaxChallengeSize);
}

static QString describe(QChar c)
{
    switch (c.unicode()) {
    case 0:
        return QStringLiteral("a NUL character");
    case '\r':
        return QStringLiteral("a carriage return");
    case '\n':
        return QStringLiteral("a line feed");
    case 0x01:
        return QStringLiteral("a ^A (0x01) character");
    case ' ':
        return QStringLiteral("a space");
    default:
        return QStringLiteral("the character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
}

QString checkCredentials(const SaslCredentials &credentials, QByteArrayView mechanism,
                         QStringView forbidden)
{
    static const QString always = QString::fromLatin1("\0\r\n", 3);
    const struct
    {
        const QString &value;
        const char *field;
    } fields[] = {
            {credentials.user, "user name"},
            {credentials.authorizationId, "authorization id"},
            {credentials.secret, "password or token"},
    };
    for (const auto &field : fields) {
        for (const QChar c : field.value) {
            if (always.contains(c) || forbidden.contains(c)) {
                return QStringLiteral("%1: the %2 contains %3, which this mechanism cannot send")
                        .arg(QLatin1String(mechanism), QLatin1String(field.field), describe(c));
            }
        }
    }
    if (credentials.user.isEmpty())
        return QStringLiteral("%1: the user name is empty").arg(QLatin1String(mechanism));
    if (credentials.secret.isEmpty())
        return QStringLiteral("%1: the password or token is empty").arg(QLatin1String(mechanism));
    return {};
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool isBearerToken(QStringView token)
{
    qsizetype i = 0;
    for (; i < token.size(); ++i) {
        const char16_t c = token[i].unicode();
        const bool tokenChar = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_' || c == u'~' ||
                c == u'+' || c == u'/';
        if (!tokenChar)
            break;
    }
    if (i == 0)
        return false;
    for (; i < token.size(); ++i) {
        if (token[i] != QLatin1Char('='))
            return false;
    }
    return true;
}

QString describeOAuthError(const QByteArray &json, QByteArrayView mechanism)
{
    QString prefix =
            QStringLiteral("%1: the server rejected the token").arg(QLatin1String(mechanism));
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const auto field = [&object](QLatin1String key) {
        QString value = object.value(key).toString().left(200);
        for (QChar &c : value) {
            if (!c.isPrint())
                c = QLatin1Char('?');
        }
        return value;
    };
    const QString status = field(QLatin1String("status"));
    const QString scope = field(QLatin1String("scope"));
    if (status.isEmpty())
        return prefix;
    if (scope.isEmpty())
        return QStringLiteral("%1 (status %2)").arg(prefix, status);
    return QStringLiteral("%1 (status %2, required scope %3)").arg(prefix, status, scope);
}

SaslMechanism::Step OAuthExchange::respond(SaslMechanism &mechanism, const QByteArray &challenge,
                                           const QByteArray &acknowledgement)
{
    const QByteArray name = mechanism.name();
    if (const QString error = checkChallengeSize(challenge, name); !error.isEmpty())
        return abortWith(error);
    if (const QString error = mechanism.credentialsError(); !error.isEmpty())
        return abortWith(error);
    const bool first = !std::exchange(m_challenged, true);
    if (first && challenge.isEmpty())
        return respondWith(mechanism.initialResponse());
    if (!m_serverError.isEmpty())
        return abortWith(m_serverError);
    m_serverError = describeOAuthError(challenge, name);
    return respondWith(acknowledgement);
}

} // namespace SaslSupport
