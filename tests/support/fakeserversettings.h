#pragma once

#include "fakepop3server.h"
#include "session/connectionsettings.h"

namespace TestSupport {

// How the session-level tests log in to a FakePop3Server: plaintext,
// USER bob / PASS secret (the scripts expect exactly these lines), and a
// timeout short enough that a broken script fails the test instead of
// hanging it.
inline ConnectionSettings settingsFor(const FakePop3Server &server)
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server.port();
    settings.security = Pop3Connection::Security::None;
    settings.authMethod = ConnectionSettings::AuthMethod::User;
    settings.user = QStringLiteral("bob");
    settings.secret = QStringLiteral("secret");
    settings.timeoutMs = 10000;
    return settings;
}

} // namespace TestSupport
