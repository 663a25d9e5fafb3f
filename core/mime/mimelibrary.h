#pragma once

#include <QString>

// Which GMime this program runs with, for the About box: the version of
// the library loaded at run time, not the headers it was built against.
namespace MimeLibrary {
[[nodiscard]] QString version();
} // namespace MimeLibrary
