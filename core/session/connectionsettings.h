#pragma once

#include "pop3/pop3connection.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

// Everything needed to open and log in to one mailbox. Shared by the CLI
// and the GUI's accounts; holds the secret only in memory.
struct ConnectionSettings
{
    enum class AuthMethod {
        Automatic, // strongest SASL mechanism offered that our policy allows
        User, // USER/PASS
        Apop,
        Rpop,
        Sasl, // the mechanism named in saslMechanism
    };

    QString host;
    quint16 port = 0; // 0: the default for the security mode
    Pop3Connection::Security security = Pop3Connection::Security::ImplicitTls;
    QString user;
    QString secret; // password, or OAuth bearer token for XOAUTH2/OAUTHBEARER
    AuthMethod authMethod = AuthMethod::Automatic;
    QByteArray saslMechanism; // e.g. "SCRAM-SHA-256" when authMethod is Sasl
    QString caFile; // extra trusted CA certificates (PEM), poplib's cafile
    QString clientCertificateFile; // PEM, with clientKeyFile
    QString clientKeyFile;
    QSslCertificate pinnedCertificate; // trusted as is (set up by the user)
    int connectTimeoutMs = 30000;
    int timeoutMs = 60000;
    // Octets per second a multi-line answer must average after a head start
    // of timeoutMs (Pop3Connection::setMinTransferRate); 0: no floor.
    qint64 minTransferRate = Pop3Connection::DefaultMinTransferRate;
    int debugLevel = 0;
    bool pipelining = true;

    [[nodiscard]] quint16 effectivePort() const
    {
        if (port != 0)
            return port;
        return security == Pop3Connection::Security::ImplicitTls ? Pop3Connection::DefaultTlsPort
                                                                 : Pop3Connection::DefaultPort;
    }

    // Parses the CLI's --auth values: auto, user, apop, rpop or a SASL name.
    static bool parseAuthMethod(QStringView text, AuthMethod *method, QByteArray *mechanism);
};
