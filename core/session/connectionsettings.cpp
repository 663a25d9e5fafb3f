#include "connectionsettings.h"

#include "auth/saslmechanism.h"

bool ConnectionSettings::parseAuthMethod(QStringView text, AuthMethod *method,
                                         QByteArray *mechanism)
{
    const QString lower = text.toString().toLower();
    mechanism->clear();
    if (lower == QLatin1String("auto")) {
        *method = AuthMethod::Automatic;
        return true;
    }
    if (lower == QLatin1String("user")) {
        *method = AuthMethod::User;
        return true;
    }
    if (lower == QLatin1String("apop")) {
        *method = AuthMethod::Apop;
        return true;
    }
    if (lower == QLatin1String("rpop")) {
        *method = AuthMethod::Rpop;
        return true;
    }
    const QByteArray name = lower.toUpper().toLatin1();
    const SaslCredentials probe;
    if (!Sasl::create(name, probe))
        return false;
    *method = AuthMethod::Sasl;
    *mechanism = name;
    return true;
}
