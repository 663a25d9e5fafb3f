#include "gmimeinit.h"

#include <gmime/gmime.h>

#include <mutex>

namespace MimeInternal {

void ensureGMimeInitialized()
{
    // Previews are parsed on worker threads as well as the GUI thread, so a
    // plain "static bool done" would race; call_once also makes concurrent
    // first callers wait until initialisation has finished.
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

} // namespace MimeInternal
