#pragma once

#include "connectionsettings.h"
#include "export/exportstatestore.h"

// The account an export journal record (and a header cache row,
// MailboxSession::open()) belongs to, built one way for every caller. The port is the one actually
// connected to: a GUI account stores 0 for "the default of its security mode" while the CLI
// resolves it, and keying on the raw field made the GUI's records (port 0) invisible to the CLI
// (port 995) and the other way round.
[[nodiscard]] inline ExportAccount exportAccountOf(const ConnectionSettings &settings)
{
    return {settings.host, settings.effectivePort(), settings.user};
}
