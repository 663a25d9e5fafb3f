#pragma once

// ExportTest: fixtures shared by the export tests (sinks, job, CLI export):
// feeding a sink, reading what it wrote back, a message with every tricky line.

#include "export/messagesink.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QTest>

#include "filesizelimit.h"
#include <csignal>

#include <sys/resource.h>

namespace ExportTest {

// Shared with the integration tests (tests/support/filesizelimit.h).
using ::FileSizeLimit;

// Streams data into the sink's device in chunks of chunkSize, the way a RETR
// reply would, and commits.
[[nodiscard]] ExportResult exportMessage(MessageSink &sink, const ExportMessageInfo &info,
                                         const QByteArray &data, qsizetype chunkSize = 4096);

QByteArray readFile(const QString &path);

QStringList entries(const QString &dir);

QByteArray crlfToLf(QByteArray data);

// A message body with every line kind the formats care about.
QByteArray trickyMessage();

} // namespace ExportTest
