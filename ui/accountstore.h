#pragma once

#include "session/connectionsettings.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

// One mail account as the user set it up. Everything but the password; the
// password lives in the system keychain (PasswordStore), never here.
struct Account
{
    QString id; // stable key in the settings and the keychain
    QString name;
    QString host;
    quint16 port = Pop3Connection::DefaultTlsPort;
    Pop3Connection::Security security = Pop3Connection::Security::ImplicitTls;
    ConnectionSettings::AuthMethod authMethod = ConnectionSettings::AuthMethod::Automatic;
    QByteArray saslMechanism;
    QString user;
    // Trusted as is; set only while the account is being set up.
    QSslCertificate pinnedCertificate;
    // Logged in successfully at least once: from then on a certificate
    // problem is a hard failure, never a question (RFC 8314 section 5.4).
    bool verified = false;

    [[nodiscard]] ConnectionSettings toSettings(const QString &password) const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QString keychainKey() const;
};

// Accounts in QSettings ("accounts/<id>/..."), and which one was used last.
class AccountStore
{
public:
    [[nodiscard]] static QList<Account> load();
    static void save(const Account &account);
    static void remove(const QString &id);
    [[nodiscard]] static QString lastAccountId();
    static void setLastAccountId(const QString &id);
    [[nodiscard]] static QString newId();
};
