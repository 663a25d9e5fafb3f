#pragma once

#include <QLocale>

namespace Translations {

// Installs Mailpeek's catalogue for this locale (the embedded
// :/i18n/mailpeek_<lang>.qm), replacing one installed before, and Qt's own
// where the system has it. English has a catalogue too: it spells out the
// plurals ("1 message", "2 messages"), and it is installed for a locale
// without a catalogue of its own (German, C): English texts with English
// plurals. Returns false when there is no catalogue for the locale.
bool install(const QLocale &locale);

} // namespace Translations
