#include "linkguard.h"

#include <QRegularExpression>

namespace {

// Lower-case ACE form without a trailing dot or a leading "www.".
QString normalizedHost(const QString &host)
{
    QString ace = QString::fromLatin1(QUrl::toAce(host)).toLower();
    while (ace.endsWith(QLatin1Char('.')))
        ace.chop(1);
    if (ace.startsWith(QLatin1String("www.")))
        ace.remove(0, 4);
    return ace;
}

bool sameSite(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    // A bare top-level domain ("com") is nobody's site.
    const auto within = [](const QString &sub, const QString &parent) {
        return parent.contains(QLatin1Char('.')) && sub.endsWith(QLatin1Char('.') + parent);
    };
    return within(a, b) || within(b, a);
}

} // namespace

QString LinkGuard::hostShownBy(const QString &text)
{
    QString shown = text.trimmed();
    if (shown.size() >= 2 &&
        ((shown.startsWith(QLatin1Char('<')) && shown.endsWith(QLatin1Char('>'))) ||
         (shown.startsWith(QLatin1Char('"')) && shown.endsWith(QLatin1Char('"')))))
        shown = shown.mid(1, shown.size() - 2).trimmed();
    if (shown.isEmpty() || shown.contains(QRegularExpression(QStringLiteral("\\s"))))
        return {};

    static const QRegularExpression withScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    if (withScheme.match(shown).hasMatch())
        return normalizedHost(QUrl(shown, QUrl::TolerantMode).host());

    // No scheme: the part before the path must be a domain name whose last
    // label is letters only ("example.com", "www.bank.co.uk"); "v1.2",
    // "3.14" and "ann@example.com" are not addresses of a web page.
    static const QRegularExpression bareHost(
            QStringLiteral("^((?:[\\w-]+\\.)+([^\\W\\d_]{2,63}))\\.?(?::\\d+)?(?:[/?#].*)?$"),
            QRegularExpression::UseUnicodePropertiesOption);
    const QRegularExpressionMatch match = bareHost.match(shown);
    if (!match.hasMatch())
        return {};
    return normalizedHost(match.captured(1));
}

bool LinkGuard::isMisleading(const QString &text, const QUrl &target)
{
    const QString scheme = target.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    const QString shown = hostShownBy(text);
    if (shown.isEmpty())
        return false;
    return !sameSite(shown, normalizedHost(target.host()));
}

QString LinkGuard::displayTarget(const QUrl &target)
{
    return target.toDisplayString(QUrl::RemoveUserInfo | QUrl::EncodeUnicode | QUrl::EncodeSpaces);
}
