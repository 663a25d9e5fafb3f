#pragma once

#include <QSslCertificate>
#include <QSslKey>

// The demo server's compiled-in files (resources/demo/mailpeekdemo.qrc).
namespace DemoResources {

// mailpeek_core is a static library: its resources are linked in only if
// something registers them explicitly. Cheap to call again.
void ensureLoaded();

// The self-signed certificate of the demo server and its key (both public
// on purpose; see resources/demo/README.md).
[[nodiscard]] QSslCertificate certificate();
[[nodiscard]] QSslKey privateKey();

} // namespace DemoResources
