#include "certificateinfo.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
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

// A validity date that cannot be misread: the locale's long date (month
// by name, the year in full) without the weekday. The short format writes
// two-digit years, and "11/4/26" for a certificate ending in 2126 reads
// as expired.
QString validityDate(const QLocale &locale, const QDateTime &when)
{
    QString format = locale.dateFormat(QLocale::LongFormat);
    static const QRegularExpression weekday(QStringLiteral("\\s*d{4}[,.]?\\s*"));
    format.replace(weekday, QStringLiteral(" "));
    format = format.trimmed();
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return locale.toString(when.toLocalTime().date(), format);
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
                     .arg(validityDate(locale, certificate.effectiveDate()),
                          validityDate(locale, certificate.expiryDate()));
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
