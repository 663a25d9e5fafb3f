#include "accountstore.h"

#include <QSettings>
#include <QUuid>

namespace {

QString securityName(Pop3Connection::Security security)
{
    switch (security) {
    case Pop3Connection::Security::ImplicitTls:
        return QStringLiteral("tls");
    case Pop3Connection::Security::StartTls:
        return QStringLiteral("starttls");
    case Pop3Connection::Security::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("tls");
}

Pop3Connection::Security parseSecurity(const QString &name)
{
    if (name == QLatin1String("starttls"))
        return Pop3Connection::Security::StartTls;
    if (name == QLatin1String("none"))
        return Pop3Connection::Security::None;
    // Anything unknown falls back to the safe default.
    return Pop3Connection::Security::ImplicitTls;
}

QString authName(const Account &account)
{
    switch (account.authMethod) {
    case ConnectionSettings::AuthMethod::Automatic:
        return QStringLiteral("auto");
    case ConnectionSettings::AuthMethod::User:
        return QStringLiteral("user");
    case ConnectionSettings::AuthMethod::Apop:
        return QStringLiteral("apop");
    case ConnectionSettings::AuthMethod::Rpop:
        return QStringLiteral("rpop");
    case ConnectionSettings::AuthMethod::Sasl:
        return QString::fromLatin1(account.saslMechanism);
    }
    return QStringLiteral("auto");
}

} // namespace

ConnectionSettings Account::toSettings(const QString &password) const
{
    ConnectionSettings settings;
    settings.host = host;
    settings.port = port;
    settings.security = security;
    settings.user = user;
    settings.secret = password;
    settings.authMethod = authMethod;
    settings.saslMechanism = saslMechanism;
    settings.pinnedCertificate = pinnedCertificate;
    return settings;
}

QString Account::displayName() const
{
    if (!name.isEmpty())
        return name;
    return user + QLatin1Char('@') + host;
}

QString Account::keychainKey() const
{
    return QStringLiteral("%1:%2@%3").arg(id, user, host);
}

QList<Account> AccountStore::load()
{
    QSettings settings;
    QList<Account> accounts;
    settings.beginGroup(QStringLiteral("accounts"));
    const QStringList ids = settings.childGroups();
    for (const QString &id : ids) {
        settings.beginGroup(id);
        Account account;
        account.id = id;
        account.name = settings.value(QStringLiteral("name")).toString();
        account.host = settings.value(QStringLiteral("host")).toString();
        account.security = parseSecurity(settings.value(QStringLiteral("security")).toString());
        account.port = quint16(settings.value(QStringLiteral("port"), 0).toUInt());
        account.user = settings.value(QStringLiteral("user")).toString();
        const QString auth = settings.value(QStringLiteral("auth")).toString();
        ConnectionSettings::parseAuthMethod(auth.isEmpty() ? QStringLiteral("auto") : auth,
                                            &account.authMethod, &account.saslMechanism);
        const QList<QSslCertificate> pinned = QSslCertificate::fromData(
                settings.value(QStringLiteral("pinnedCertificate")).toByteArray());
        if (!pinned.isEmpty())
            account.pinnedCertificate = pinned.first();
        account.verified = settings.value(QStringLiteral("verified"), false).toBool();
        settings.endGroup();
        accounts.append(account);
    }
    settings.endGroup();
    return accounts;
}

void AccountStore::save(const Account &account)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("accounts/") + account.id);
    settings.setValue(QStringLiteral("name"), account.name);
    settings.setValue(QStringLiteral("host"), account.host);
    settings.setValue(QStringLiteral("port"), account.port);
    settings.setValue(QStringLiteral("security"), securityName(account.security));
    settings.setValue(QStringLiteral("user"), account.user);
    settings.setValue(QStringLiteral("auth"), authName(account));
    if (account.pinnedCertificate.isNull())
        settings.remove(QStringLiteral("pinnedCertificate"));
    else
        settings.setValue(QStringLiteral("pinnedCertificate"), account.pinnedCertificate.toPem());
    settings.setValue(QStringLiteral("verified"), account.verified);
    settings.endGroup();
}

void AccountStore::remove(const QString &id)
{
    QSettings settings;
    settings.remove(QStringLiteral("accounts/") + id);
}

QString AccountStore::lastAccountId()
{
    return QSettings().value(QStringLiteral("lastAccount")).toString();
}

void AccountStore::setLastAccountId(const QString &id)
{
    QSettings().setValue(QStringLiteral("lastAccount"), id);
}

QString AccountStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}
