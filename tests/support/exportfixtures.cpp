#include "exportfixtures.h"

#include <QDir>
#include <QFile>

namespace ExportTest {

ExportResult exportMessage(MessageSink &sink, const ExportMessageInfo &info, const QByteArray &data,
                           qsizetype chunkSize)
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

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + QFile::encodeName(path) + '>';
    return file.readAll();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray crlfToLf(QByteArray data)
{
    return data.replace("\r\n", "\n");
}

QByteArray trickyMessage()
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
