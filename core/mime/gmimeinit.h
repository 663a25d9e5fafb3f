#pragma once

// Internal to core/mime: GMime keeps global state (charset tables, type
// registry) that must be set up exactly once per process before any GMime
// call, from whichever thread gets there first.
namespace MimeInternal {
void ensureGMimeInitialized();
} // namespace MimeInternal
