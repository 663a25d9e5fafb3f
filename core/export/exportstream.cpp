#include "exportstream.h"

#include "mime/headersummary.h"
#include "sinkdevice.h"

ExportStream::ExportStream(MessageSink *sink, ExportMessageInfo info,
                           std::function<bool()> isStopping, QObject *parent)
    : QIODevice(parent)
    , m_sink(sink)
    , m_info(std::move(info))
    , m_isStopping(std::move(isStopping))
    , m_shadow(storedMode(sink->format()))
{
    open(QIODevice::WriteOnly);
}

StreamConverter::Mode ExportStream::storedMode(MessageSink::Format format)
{
    switch (format) {
    case MessageSink::Format::Eml:
        return StreamConverter::Mode::Raw;
    case MessageSink::Format::Maildir:
        return StreamConverter::Mode::Lf;
    case MessageSink::Format::Mbox:
        return StreamConverter::Mode::Mboxrd;
    }
    return StreamConverter::Mode::Raw;
}

ExportResult ExportStream::prepareCommit()
{
    if (m_error.isError())
        return m_error;
    if (!m_out && !beginMessage())
        return m_error;
    m_scratch.clear();
    m_shadow.finish(m_scratch);
    m_hash.addData(m_scratch);
    m_storedSize += m_scratch.size();
    return ExportResult::success();
}

ExportResult ExportStream::stage()
{
    m_out = nullptr;
    return m_sink->stage();
}

void ExportStream::abandon()
{
    if (m_out) {
        m_out = nullptr;
        m_sink->rollback();
    }
}

qint64 ExportStream::readData(char * /*data*/, qint64 /*maxSize*/)
{
    return -1;
}

qint64 ExportStream::writeData(const char *data, qint64 size)
{
    if (m_error.isError())
        return -1;
    if (m_isStopping && m_isStopping()) {
        fail(ExportResult(ExportResult::Kind::Usage, tr("the export was stopped")));
        return -1;
    }
    if (m_out)
        return forward(QByteArrayView(data, size)) ? size : -1;

    const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
    m_head.append(data, size);
    if (headerEnd(searchFrom) < 0 && m_head.size() < MaxHeaderBlock)
        return size;
    return beginMessage() ? size : -1;
}

// Where the header block ends (after its blank line), or -1.
qsizetype ExportStream::headerEnd(qsizetype from) const
{
    if (m_head.startsWith("\r\n"))
        return 2;
    if (m_head.startsWith('\n'))
        return 1;
    const qsizetype crlf = m_head.indexOf("\r\n\r\n", from);
    if (crlf >= 0)
        return crlf + 4;
    const qsizetype lf = m_head.indexOf("\n\n", from);
    return lf >= 0 ? lf + 2 : -1;
}

bool ExportStream::beginMessage()
{
    const qsizetype end = headerEnd();
    const QByteArrayView block =
            QByteArrayView(m_head).first(std::min(end < 0 ? m_head.size() : end, MaxHeaderBlock));
    const HeaderSummary headers = parseHeaderSummary(block);
    m_info.fromAddress = headers.fromAddress;
    m_info.fromName = headers.fromName;
    m_info.envelopeSender = headers.envelopeSender;
    m_info.date = headers.date;
    m_info.subject = headers.subject;
    m_info.messageId = headers.messageId;

    m_out = m_sink->begin(m_info);
    if (!m_out) {
        fail(m_sink->lastError());
        return false;
    }
    const QByteArray held = std::exchange(m_head, {});
    return forward(held);
}

bool ExportStream::forward(QByteArrayView bytes)
{
    // The same conversion the sink applies, run again only to fingerprint
    // the stored form for crash recovery; a few bytes of state, no copy kept.
    m_scratch.clear();
    m_shadow.convert(bytes, m_scratch);
    m_hash.addData(m_scratch);
    m_storedSize += m_scratch.size();

    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 written = m_out->write(bytes.data() + done, bytes.size() - done);
        if (written <= 0) {
            const auto *device = qobject_cast<const SinkDevice *>(m_out);
            fail(device && device->error().isError()
                         ? device->error()
                         : ExportResult(ExportResult::Kind::Io, m_out->errorString()));
            return false;
        }
        done += written;
    }
    return true;
}

void ExportStream::fail(const ExportResult &result)
{
    m_error = result;
    setErrorString(result.errorString());
}
