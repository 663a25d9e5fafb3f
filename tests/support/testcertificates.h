#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

/*
 * The certificates in tests/support/certs (made by gen.sh), loaded from the
 * testcerts resource. Names: "ca", "server" (CN and SAN localhost, SAN
 * 127.0.0.1), "wrongname" (mail.example.org), "wildcard" (*.0.0.1,
 * *.localhost), "expired" (2000-2001), "selfsigned" (localhost, not from the
 * test CA), "client". All but "selfsigned" are signed by the test CA.
 */
namespace TestCertificates {

QSslCertificate caCertificate();
// A null certificate (and a warning) when `name` is unknown.
QSslCertificate certificate(const QString &name);
QSslKey key(const QString &name);

// Verifies the peer and trusts the test CA only, not the system's CAs.
QSslConfiguration clientConfigurationTrustingTestCa();

// Paths in the source tree, for tools that take files (mailpeek-cli's
// --ca-file, Dovecot's ssl_cert).
QString certsDirectory();
QString caFilePath();
QString certificateFilePath(const QString &name);
QString keyFilePath(const QString &name);

} // namespace TestCertificates
