#include "demoresources.h"

#include <QFile>

// Q_INIT_RESOURCE declares a function, so it must be used outside any namespace.
static void registerDemoResources()
{
    Q_INIT_RESOURCE(mailpeekdemo);
}

namespace {
QByteArray readResource(const QString &path)
{
    DemoResources::ensureLoaded();
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

namespace DemoResources {

void ensureLoaded()
{
    static const bool registered = [] {
        registerDemoResources();
        return true;
    }();
    Q_UNUSED(registered);
}

// Built on each call rather than kept in a static: a QSslCertificate
// destroyed after main() returns would call into a TLS backend that may be
// gone by then.
QSslCertificate certificate()
{
    return QSslCertificate{readResource(QStringLiteral(":/mailpeek/demo/demo.pem")), QSsl::Pem};
}

QSslKey privateKey()
{
    return QSslKey{readResource(QStringLiteral(":/mailpeek/demo/demo.key")), QSsl::Rsa, QSsl::Pem};
}

} // namespace DemoResources
