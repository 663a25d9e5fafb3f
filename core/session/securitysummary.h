#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QSsl>
#include <QSslCertificate>
#include <QString>

class Pop3Connection;

// How the session's current connection is protected, as a value: what the
// status bar and the "Connection security" box show, so the UI needs no
// access to the connection itself. Either TLS (protocol, cipher, the
// server's certificate) or plaintext.
struct SecuritySummary
{
    bool connected = false; // false: no connection to describe
    bool encrypted = false; // false and connected: plaintext
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
    QString cipher; // e.g. "TLS_AES_256_GCM_SHA384"
    QSslCertificate certificate; // the server's, null when plaintext
    QString subject; // the certificate's subject common name(s)
    QString issuer; // the issuer's common name(s)
    QByteArray sha256Fingerprint; // hex, lower case; empty when plaintext
    QString authenticationMethod; // "SCRAM-SHA-256", "USER/PASS", ...

    // What `connection` (may be null) is, logged in with `authenticationMethod`.
    [[nodiscard]] static SecuritySummary of(const Pop3Connection *connection,
                                            const QString &authenticationMethod);
    [[nodiscard]] bool isPlaintext() const { return connected && !encrypted; }

    friend bool operator==(const SecuritySummary &, const SecuritySummary &) = default;
};

Q_DECLARE_METATYPE(SecuritySummary)
