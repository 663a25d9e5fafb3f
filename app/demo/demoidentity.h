#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>

// What a DemoSession needs of the demo server besides the maildrop: the TLS
// identity it presents after STLS and the SCRAM verifier of the demo
// password (salted once per server, not on every login). Cheap to copy:
// every member is implicitly shared.
struct DemoServerIdentity
{
    QSslCertificate certificate;
    QSslKey privateKey;
    QByteArray scramSalt;
    QByteArray scramSaltedPassword;
};
