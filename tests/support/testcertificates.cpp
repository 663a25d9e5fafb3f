#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QSslSocket>

// Q_INIT_RESOURCE declares a function, so it must run outside any namespace.
// The library is static: without it the linker drops the resource.
static void initTestCertsResource()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(testcerts);
        return true;
    }();
    Q_UNUSED(done);
}

namespace {

QByteArray resource(const QString &fileName)
{
    initTestCertsResource();
    QFile file(QStringLiteral(":/certs/") + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("TestCertificates: no resource %s", qPrintable(file.fileName()));
        return {};
    }
    return file.readAll();
}

} // namespace

namespace TestCertificates {

QSslCertificate caCertificate()
{
    return certificate(QStringLiteral("ca"));
}

QSslCertificate certificate(const QString &name)
{
    return QSslCertificate(resource(name + QLatin1String(".pem")), QSsl::Pem);
}

QSslKey key(const QString &name)
{
    return QSslKey(resource(name + QLatin1String(".key")), QSsl::Rsa, QSsl::Pem);
}

QSslConfiguration clientConfigurationTrustingTestCa()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({caCertificate()});
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

QString certsDirectory()
{
#ifdef MAILPEEK_TEST_CERTS_DIR
    return QStringLiteral(MAILPEEK_TEST_CERTS_DIR);
#else
    // The certificates sit next to this file, and tests/data next to them.
    return QDir::cleanPath(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/../support/certs"));
#endif
}

QString caFilePath()
{
    return certificateFilePath(QStringLiteral("ca"));
}

QString certificateFilePath(const QString &name)
{
    return certsDirectory() + QLatin1Char('/') + name + QLatin1String(".pem");
}

QString keyFilePath(const QString &name)
{
    return certsDirectory() + QLatin1Char('/') + name + QLatin1String(".key");
}

} // namespace TestCertificates
