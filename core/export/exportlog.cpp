#include "exportlog.h"

Q_LOGGING_CATEGORY(lcExport, "mailpeek.export")
