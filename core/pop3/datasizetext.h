#pragma once

#include <QLocale>
#include <QString>

// How a size is written for people everywhere in Mailpeek: the message
// list, the status bar, the viewer, the dialogs and core's error texts.
// One decimal and units of 1024 ("6.5 kB", "2.5 MB"), as the message list
// has shown them from the start; before this, the dialogs wrote "6.46 KiB"
// beside the list's "6.5 kB" for the same message. In the bottom layer so
// that core's texts can use it too; the CLI's machine-readable output
// keeps counting octets.
[[nodiscard]] inline QString dataSizeText(qint64 bytes, const QLocale &locale = QLocale())
{
    return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
