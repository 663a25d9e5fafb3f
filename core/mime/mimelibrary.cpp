#include "mimelibrary.h"

#include <gmime/gmime.h>

namespace MimeLibrary {

QString version()
{
    return QStringLiteral("%1.%2.%3")
            .arg(gmime_major_version)
            .arg(gmime_minor_version)
            .arg(gmime_micro_version);
}

} // namespace MimeLibrary
