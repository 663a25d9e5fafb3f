#pragma once

// Helpers shared by the export tests (not a test itself: only tst_*.cpp
// files become tests).

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
[[nodiscard]] inline ExportResult exportMessage(MessageSink &sink, const ExportMessageInfo &info,
                                                const QByteArray &data, qsizetype chunkSize = 4096)
{
    QIODevice *out = sink.begin(info);
    if (!out)
        return sink.lastError();
    for (qsizetype i = 0; i < data.size(); i += chunkSize) {
        if (out->write(data.constData() + i, std::min(chunkSize, data.size() - i)) < 0)
            break; // commit() reports the error
    }
    return sink.commit();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + QFile::encodeName(path) + '>';
    return file.readAll();
}

inline QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

inline QByteArray crlfToLf(QByteArray data)
{
    return data.replace("\r\n", "\n");
}

// A message body with every line kind the formats care about.
inline QByteArray trickyMessage()
{
    return QByteArray("Return-Path: <bounce@example.org>\r\n"
                      "From: Alice <alice@example.org>\r\n"
                      "Subject: tricky\r\n"
                      "\r\n"
                      "From the start of a line\r\n"
                      ">From quoted once\r\n"
                      ">>From quoted twice\r\n"
                      "From\r\n"
                      "Fromage is cheese\r\n"
                      " From with a space\r\n"
                      "a lone\rCR\r\n"
                      "\r\n"
                      "From \r\n"
                      "last line\r\n");
}

} // namespace ExportTest
