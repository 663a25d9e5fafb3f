#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

// What a user needs to judge a certificate: subject, issuer, validity and
// the SHA-256 fingerprint (the one thing to compare with what the mail
// provider publishes). Plain text, one field a line.
[[nodiscard]] QString certificateSummary(const QSslCertificate &certificate);
[[nodiscard]] QString sha256Fingerprint(const QSslCertificate &certificate);
// The TLS errors, one a line, without duplicates.
[[nodiscard]] QString sslErrorList(const QList<QSslError> &errors);
