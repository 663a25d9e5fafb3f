#include "certificateinfo.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QStringList>

namespace {

QString names(const QSslCertificate &certificate, bool issuer)
{
    const auto field = [&](QSslCertificate::SubjectInfo info) {
        return (issuer ? certificate.issuerInfo(info) : certificate.subjectInfo(info))
                .join(QStringLiteral(", "));
    };
    QStringList parts;
    for (const auto info : {QSslCertificate::CommonName, QSslCertificate::Organization,
                            QSslCertificate::CountryName}) {
        const QString value = field(info);
        if (!value.isEmpty())
            parts.append(value);
    }
    return parts.isEmpty() ? QObject::tr("(none)") : parts.join(QStringLiteral(" / "));
}

} // namespace

QString sha256Fingerprint(const QSslCertificate &certificate)
{
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i < digest.size(); i += 2)
        pairs.append(QString::fromLatin1(digest.mid(i, 2)));
    return pairs.join(QLatin1Char(':'));
}

QString certificateSummary(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QObject::tr("No certificate");
    const QLocale locale;
    QStringList lines;
    lines << QObject::tr("Subject: %1").arg(names(certificate, false));
    const QStringList altNames = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    if (!altNames.isEmpty())
        lines << QObject::tr("Names: %1").arg(altNames.join(QStringLiteral(", ")));
    lines << QObject::tr("Issuer: %1").arg(names(certificate, true));
    lines << QObject::tr("Valid from %1 to %2")
                     .arg(locale.toString(certificate.effectiveDate().toLocalTime(),
                                          QLocale::ShortFormat),
                          locale.toString(certificate.expiryDate().toLocalTime(),
                                          QLocale::ShortFormat));
    if (certificate.isSelfSigned())
        lines << QObject::tr("Self-signed");
    lines << QObject::tr("SHA-256: %1").arg(sha256Fingerprint(certificate));
    return lines.join(QLatin1Char('\n'));
}

QString sslErrorList(const QList<QSslError> &errors)
{
    QStringList lines;
    for (const QSslError &error : errors) {
        if (!lines.contains(error.errorString()))
            lines.append(error.errorString());
    }
    return lines.join(QLatin1Char('\n'));
}
