#include "parsedmessage.h"

#include "gmimeinit.h"
#include "htmlsanitizer.h"
#include "mimetext.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>
#include <QTemporaryFile>
#include <QUrl>

#include <gmime/gmime.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <mutex>

namespace {

// Honest messages nest a handful of levels and have tens of parts; these
// bound the walk on hostile ones.
constexpr int MaxDepth = 32;
constexpr int MaxParts = 1000;
constexpr int MaxHeaders = 1000;
constexpr qsizetype MaxHeaderValueBytes = qsizetype(64) * 1024;
// What is read of a file-backed message for its header fields; a header
// block longer than this is cut there (honest ones are a few KB).
constexpr qint64 MaxFileHeaderBytes = qint64(1) << 20;
// A cid: resource of a file-backed message bigger than this is not loaded.
constexpr qint64 MaxFileResourceBytes = qint64(32) << 20;
constexpr qsizetype CopyBlockBytes = qsizetype(64) * 1024;

// RAII for GObject references, so early returns cannot leak.
template<typename T> struct GObjectRef
{
    T *ptr = nullptr;
    explicit GObjectRef(T *p)
        : ptr(p)
    { }
    ~GObjectRef()
    {
        if (ptr)
            g_object_unref(ptr);
    }
    GObjectRef(const GObjectRef &) = delete;
    GObjectRef &operator=(const GObjectRef &) = delete;
};

QString fromUtf8(const char *text)
{
    return text ? MimeInternal::decodeUtf8OrLatin1(QByteArrayView(text)) : QString();
}

QString singleLine(const char *text)
{
    return MimeInternal::toSingleLine(fromUtf8(text));
}

QString normalizedContentId(QString id)
{
    id = id.trimmed();
    if (id.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive))
        id = QUrl::fromPercentEncoding(id.mid(4).toUtf8());
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
        id = id.mid(1, id.size() - 2);
    return id.trimmed();
}

QByteArray streamBytes(GMimeStream *stream)
{
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    if (!bytes || bytes->len == 0)
        return {};
    return {reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len)};
}

// The part's content with its transfer encoding (base64, QP, uuencode) undone.
QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GObjectRef<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.ptr);
    return streamBytes(stream.ptr);
}

// Feeds the part's decoded content to sink in blocks, straight from the
// part's stream (for a file-backed message: from the file), so no more than
// a block is in memory. sink returns false to stop early. False if the
// stream could not be read.
bool readDecoded(GMimePart *part, const std::function<bool(QByteArrayView)> &sink)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *source = content ? g_mime_data_wrapper_get_stream(content) : nullptr;
    if (!source)
        return true;
    g_mime_stream_reset(source);
    GObjectRef<GMimeStream> filtered(g_mime_stream_filter_new(source));
    const GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(content);
    if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
        encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
        encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
        GObjectRef<GMimeFilter> decoder(g_mime_filter_basic_new(encoding, FALSE));
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.ptr), decoder.ptr);
    }
    QByteArray block(CopyBlockBytes, Qt::Uninitialized);
    while (!g_mime_stream_eos(filtered.ptr)) {
        const ssize_t got = g_mime_stream_read(filtered.ptr, block.data(), size_t(block.size()));
        if (got < 0)
            return false;
        if (got > 0 && !sink(QByteArrayView(block.constData(), qsizetype(got))))
            return true;
    }
    return true;
}

bool writeAll(QIODevice *device, QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 written = device->write(bytes.data() + done, bytes.size() - done);
        if (written <= 0)
            return false;
        done += qsizetype(written);
    }
    return true;
}

QByteArray serialized(GMimeObject *object)
{
    GObjectRef<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(object, nullptr, stream.ptr);
    return streamBytes(stream.ptr);
}

QString mimeTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QStringLiteral("application/octet-stream");
    const QString mediaType = singleLine(g_mime_content_type_get_media_type(type)).toLower();
    const QString subtype = singleLine(g_mime_content_type_get_media_subtype(type)).toLower();
    if (mediaType.isEmpty() || subtype.isEmpty())
        return QStringLiteral("application/octet-stream");
    return mediaType + QLatin1Char('/') + subtype;
}

} // namespace

namespace {

// What the part walk fills in.
struct Content
{
    QString plainText;
    QString html;
    QList<Attachment> attachments;
    QList<QByteArray> attachmentData; // parsed from memory: the decoded bytes
    QList<GMimeObject *> attachmentParts; // file-backed: the parts, owned by the message
    bool textTruncated = false;
};

class Walker
{
public:
    // fileBacked: leave attachments in the file (sizes counted, bytes not
    // kept) and cut the body text at ParsedMessage::MaxFileTextBytes.
    Walker(Content &data, bool fileBacked)
        : m_data(data)
        , m_fileBacked(fileBacked)
    { }

    void walk(GMimeObject *object, int depth)
    {
        if (!object || depth > MaxDepth || ++m_parts > MaxParts)
            return;
        if (GMIME_IS_MESSAGE_PART(object)) {
            addMessageAttachment(GMIME_MESSAGE_PART(object));
        } else if (GMIME_IS_MULTIPART(object)) {
            walkMultipart(GMIME_MULTIPART(object), depth);
        } else if (GMIME_IS_PART(object)) {
            walkLeaf(GMIME_PART(object));
        }
    }

private:
    void walkMultipart(GMimeMultipart *multipart, int depth)
    {
        const int count = g_mime_multipart_get_count(multipart);
        const QString type = mimeTypeOf(GMIME_OBJECT(multipart));
        if (type == QLatin1String("multipart/alternative")) {
            // Alternatives come in increasing order of preference (RFC 2046
            // 5.1.4): walking backwards lets the best one fill each body slot,
            // and the less preferred copies of the same text are then ignored.
            const bool wasInAlternative = m_inAlternative;
            m_inAlternative = true;
            for (int i = count - 1; i >= 0; --i)
                walk(g_mime_multipart_get_part(multipart, i), depth + 1);
            m_inAlternative = wasInAlternative;
            return;
        }
        if (type == QLatin1String("multipart/related")) {
            // The root (the "start" part, else the first) is the body; the
            // others are the resources it refers to by cid:.
            int root = 0;
            const char *start =
                    g_mime_object_get_content_type_parameter(GMIME_OBJECT(multipart), "start");
            if (start) {
                const QString startId = normalizedContentId(fromUtf8(start));
                for (int i = 0; i < count; ++i) {
                    GMimeObject *candidate = g_mime_multipart_get_part(multipart, i);
                    if (normalizedContentId(fromUtf8(g_mime_object_get_content_id(candidate))) ==
                        startId) {
                        root = i;
                        break;
                    }
                }
            }
            walk(g_mime_multipart_get_part(multipart, root), depth + 1);
            const bool wasRelated = m_inRelated;
            m_inRelated = true;
            for (int i = 0; i < count; ++i) {
                if (i != root)
                    walk(g_mime_multipart_get_part(multipart, i), depth + 1);
            }
            m_inRelated = wasRelated;
            return;
        }
        // mixed, signed, digest, report and unknown subtypes: in order. An
        // alternative's mixed child is no alternative itself.
        const bool wasInAlternative = m_inAlternative;
        m_inAlternative = false;
        for (int i = 0; i < count; ++i)
            walk(g_mime_multipart_get_part(multipart, i), depth + 1);
        m_inAlternative = wasInAlternative;
    }

    void walkLeaf(GMimePart *part)
    {
        GMimeObject *object = GMIME_OBJECT(part);
        const QString type = mimeTypeOf(object);
        const QString disposition = singleLine(g_mime_object_get_disposition(object)).toLower();
        const QString fileName = singleLine(g_mime_part_get_filename(part));
        const bool explicitAttachment = disposition == QLatin1String("attachment");
        const bool bodyCandidate = !explicitAttachment && !m_inRelated &&
                (fileName.isEmpty() || disposition == QLatin1String("inline"));

        if (bodyCandidate && type == QLatin1String("text/plain")) {
            if (m_data.plainText.isEmpty()) {
                m_data.plainText = bodyText(part);
                return;
            }
            if (m_inAlternative)
                return; // a less preferred copy of the text already shown
            // A second inline text part in a mixed message (a mailing list
            // footer, say) belongs to the body, not to the attachments.
            m_data.plainText += QLatin1Char('\n') + bodyText(part);
            return;
        }
        if (bodyCandidate && type == QLatin1String("text/html")) {
            if (m_data.html.isEmpty()) {
                m_data.html = bodyText(part);
                return;
            }
            if (m_inAlternative)
                return;
        }

        Attachment attachment;
        attachment.fileName = fileName;
        attachment.mimeType = type;
        attachment.contentId = normalizedContentId(fromUtf8(g_mime_object_get_content_id(object)));
        attachment.isInline = !explicitAttachment &&
                (disposition == QLatin1String("inline") || m_inRelated ||
                 !attachment.contentId.isEmpty());
        if (!m_fileBacked) {
            append(attachment, decodedContent(part));
            return;
        }
        qint64 size = 0;
        (void)readDecoded(part, [&size](QByteArrayView block) {
            size += block.size();
            return true;
        });
        attachment.size = size;
        appendPart(attachment, object);
    }

    void addMessageAttachment(GMimeMessagePart *part)
    {
        GMimeObject *object = GMIME_OBJECT(part);
        GMimeMessage *message = g_mime_message_part_get_message(part);
        Attachment attachment;
        attachment.mimeType = mimeTypeOf(object);
        attachment.fileName =
                singleLine(g_mime_object_get_content_disposition_parameter(object, "filename"));
        // Named by its subject; without one, AttachmentList names it by type.
        if (attachment.fileName.isEmpty() && message) {
            const QString subject = singleLine(g_mime_message_get_subject(message));
            if (!subject.isEmpty())
                attachment.fileName = subject + QLatin1String(".eml");
        }
        attachment.contentId = normalizedContentId(fromUtf8(g_mime_object_get_content_id(object)));
        if (!m_fileBacked) {
            append(attachment, message ? serialized(GMIME_OBJECT(message)) : QByteArray());
            return;
        }
        if (message) {
            GObjectRef<GMimeStream> counter(g_mime_stream_null_new());
            // The stream's count, not the call's result: that one can
            // differ from the octets written (CRLF input).
            (void)g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr, counter.ptr);
            attachment.size = qint64(GMIME_STREAM_NULL(counter.ptr)->written);
        }
        appendPart(attachment, message ? GMIME_OBJECT(message) : nullptr);
    }

    void append(Attachment attachment, const QByteArray &bytes)
    {
        attachment.size = bytes.size();
        m_data.attachments.append(attachment);
        m_data.attachmentData.append(bytes);
    }

    void appendPart(const Attachment &attachment, GMimeObject *part)
    {
        m_data.attachments.append(attachment);
        m_data.attachmentParts.append(part);
    }

    QString bodyText(GMimePart *part)
    {
        const char *charset =
                g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
        QByteArray bytes;
        if (!m_fileBacked) {
            bytes = decodedContent(part);
        } else {
            (void)readDecoded(part, [this, &bytes](QByteArrayView block) {
                const qint64 room = m_textBudget - bytes.size();
                if (block.size() > room) {
                    bytes.append(block.first(qsizetype(qMax<qint64>(0, room))));
                    m_data.textTruncated = true;
                    return false;
                }
                bytes.append(block);
                return true;
            });
            m_textBudget -= bytes.size();
        }
        return MimeInternal::normalizeBodyText(MimeInternal::decodeCharset(
                bytes, charset ? QByteArrayView(charset) : QByteArrayView()));
    }

    Content &m_data;
    const bool m_fileBacked;
    qint64 m_textBudget = ParsedMessage::MaxFileTextBytes;
    int m_parts = 0;
    bool m_inAlternative = false;
    bool m_inRelated = false;
};

} // namespace

struct ParsedMessage::Data
{
    bool valid = false;
    QString error;
    QList<QPair<QString, QString>> headers;
    HeaderSummary summary;
    Content content;

    // File-backed messages: the file's stream (it owns the descriptor) and
    // the message whose part streams read from it. Those streams share one
    // file position, so one reader at a time.
    bool fileBacked = false;
    qint64 sourceSize = 0;
    GMimeStream *source = nullptr;
    GMimeMessage *message = nullptr;
    mutable std::mutex mutex;

    Data() = default;
    Data(const Data &) = delete;
    Data &operator=(const Data &) = delete;
    ~Data()
    {
        // The part streams borrow the source's descriptor: message first.
        if (message)
            g_object_unref(message);
        if (source)
            g_object_unref(source);
    }

    // Fills headers and content from a parsed message and its header block.
    void fill(GMimeMessage *parsed, QByteArrayView headerBlock)
    {
        summary = parseHeaderSummary(headerBlock);
        // GMime files the MIME fields (Content-Type...) under the body part,
        // so the list the viewer shows comes from the header block itself.
        const QList<MimeInternal::RawHeaderField> fields = MimeInternal::scanHeaderFields(
                headerBlock, MaxHeaders, MaxHeaderValueBytes, [](QByteArrayView) { return true; });
        for (const MimeInternal::RawHeaderField &field : fields) {
            headers.append(
                    {MimeInternal::toSingleLine(MimeInternal::decodeUtf8OrLatin1(field.name)),
                     MimeInternal::toSingleLine(MimeInternal::decodeRfc2047(field.value))});
        }

        Walker walker(content, fileBacked);
        walker.walk(g_mime_message_get_mime_part(parsed), 0);

        if (headers.isEmpty()) {
            // GMime accepts almost anything; without a single header field
            // the input was not a message (binary garbage, a truncated
            // transfer).
            error = QCoreApplication::translate("ParsedMessage", "The data has no message header.");
            return;
        }
        valid = true;
    }
};

ParsedMessage::ParsedMessage()
    : d(std::make_shared<const Data>())
{ }

ParsedMessage ParsedMessage::parse(const QByteArray &rawMessage)
{
    auto data = std::make_shared<Data>();
    ParsedMessage result;
    result.d = data;
    if (rawMessage.trimmed().isEmpty()) {
        data->error = QCoreApplication::translate("ParsedMessage", "The message is empty.");
        return result;
    }

    MimeInternal::ensureGMimeInitialized();

    // The memory stream copies the bytes, so GMime never points into a
    // QByteArray that might be freed while the message is alive.
    GObjectRef<GMimeStream> stream(
            g_mime_stream_mem_new_with_buffer(rawMessage.constData(), size_t(rawMessage.size())));
    GObjectRef<GMimeParser> parser(g_mime_parser_new_with_stream(stream.ptr));
    g_mime_parser_set_format(parser.ptr, GMIME_FORMAT_MESSAGE);
    GObjectRef<GMimeMessage> message(g_mime_parser_construct_message(parser.ptr, nullptr));
    if (!message.ptr) {
        data->summary = parseHeaderSummary(rawMessage);
        data->error =
                QCoreApplication::translate("ParsedMessage", "The data is not a MIME message.");
        return result;
    }
    data->fill(message.ptr, rawMessage);
    return result;
}

ParsedMessage ParsedMessage::parseFile(const QString &path)
{
    auto data = std::make_shared<Data>();
    ParsedMessage result;
    result.d = data;
    data->fileBacked = true;

    // Our own descriptor, owned by the GMime stream: the caller's file (a
    // QTemporaryFile, say) may go away as soon as this returns.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        data->error =
                QCoreApplication::translate("ParsedMessage", "Cannot open the message file: %1")
                        .arg(QString::fromLocal8Bit(strerror(errno)));
        return result;
    }
    MimeInternal::ensureGMimeInitialized();
    data->source = g_mime_stream_fs_new(fd);
    data->sourceSize = qMax<qint64>(0, g_mime_stream_length(data->source));

    // The header block, up to its blank line; the body is never read here.
    QByteArray head;
    {
        QByteArray block(CopyBlockBytes, Qt::Uninitialized);
        g_mime_stream_seek(data->source, 0, GMIME_STREAM_SEEK_SET);
        while (head.size() < MaxFileHeaderBytes) {
            const ssize_t got = g_mime_stream_read(
                    data->source, block.data(),
                    size_t(qMin<qint64>(block.size(), MaxFileHeaderBytes - head.size())));
            if (got <= 0)
                break;
            const qsizetype from = qMax<qsizetype>(0, head.size() - 3);
            head.append(block.constData(), qsizetype(got));
            const qsizetype crlf = head.indexOf("\r\n\r\n", from);
            const qsizetype lf = head.indexOf("\n\n", from);
            if (crlf >= 0 || lf >= 0)
                break;
        }
        g_mime_stream_seek(data->source, 0, GMIME_STREAM_SEEK_SET);
    }
    if (head.trimmed().isEmpty()) {
        data->error = QCoreApplication::translate("ParsedMessage", "The message is empty.");
        return result;
    }

    // persist_stream: the parser remembers where each part's content lies
    // in the (seekable) file instead of copying it into memory.
    GObjectRef<GMimeParser> parser(g_mime_parser_new_with_stream(data->source));
    g_mime_parser_set_format(parser.ptr, GMIME_FORMAT_MESSAGE);
    g_mime_parser_set_persist_stream(parser.ptr, TRUE);
    data->message = g_mime_parser_construct_message(parser.ptr, nullptr);
    if (!data->message) {
        data->summary = parseHeaderSummary(head);
        data->error =
                QCoreApplication::translate("ParsedMessage", "The data is not a MIME message.");
        return result;
    }
    data->fill(data->message, head);
    return result;
}

bool ParsedMessage::isValid() const
{
    return d->valid;
}

QString ParsedMessage::errorString() const
{
    return d->error;
}

QList<QPair<QString, QString>> ParsedMessage::headers() const
{
    return d->headers;
}

HeaderSummary ParsedMessage::summary() const
{
    return d->summary;
}

QString ParsedMessage::plainText() const
{
    return d->content.plainText;
}

QString ParsedMessage::html() const
{
    return d->content.html;
}

QString ParsedMessage::sanitizedHtml() const
{
    return sanitizeMailHtml(d->content.html);
}

bool ParsedMessage::isTextTruncated() const
{
    return d->content.textTruncated;
}

QList<Attachment> ParsedMessage::attachments() const
{
    return d->content.attachments;
}

QByteArray ParsedMessage::attachmentData(int index) const
{
    if (!d->fileBacked)
        return d->content.attachmentData.value(index);
    if (index < 0 || index >= d->content.attachmentParts.size())
        return {};
    QByteArray bytes;
    bytes.reserve(qsizetype(d->content.attachments.at(index).size));
    const std::lock_guard lock(d->mutex);
    GMimeObject *part = d->content.attachmentParts.at(index);
    if (GMIME_IS_MESSAGE(part))
        return serialized(part);
    if (GMIME_IS_PART(part)) {
        (void)readDecoded(GMIME_PART(part), [&bytes](QByteArrayView block) {
            bytes.append(block);
            return true;
        });
    }
    return bytes;
}

bool ParsedMessage::writeAttachment(int index, QIODevice *device) const
{
    if (!device || index < 0 || index >= d->content.attachments.size())
        return false;
    if (!d->fileBacked)
        return writeAll(device, d->content.attachmentData.at(index));
    const std::lock_guard lock(d->mutex);
    GMimeObject *part = d->content.attachmentParts.at(index);
    if (!part)
        return true;
    if (GMIME_IS_PART(part)) {
        bool written = true;
        const bool read = readDecoded(GMIME_PART(part), [device, &written](QByteArrayView block) {
            written = writeAll(device, block);
            return written;
        });
        return read && written;
    }
    // An attached message is written out again by GMime: through a
    // temporary file, so a big one never sits in memory either.
    QTemporaryFile spool;
    if (!spool.open())
        return false;
    const int fd = ::dup(int(spool.handle()));
    if (fd < 0)
        return false;
    GObjectRef<GMimeStream> out(g_mime_stream_fs_new(fd));
    if (g_mime_object_write_to_stream(part, nullptr, out.ptr) < 0 ||
        g_mime_stream_flush(out.ptr) != 0)
        return false;
    if (!spool.seek(0))
        return false;
    QByteArray block(CopyBlockBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 got = spool.read(block.data(), block.size());
        if (got < 0)
            return false;
        if (got == 0)
            return true;
        if (!writeAll(device, QByteArrayView(block.constData(), qsizetype(got))))
            return false;
    }
}

QByteArray ParsedMessage::partByContentId(const QString &contentId) const
{
    const QString wanted = normalizedContentId(contentId);
    if (wanted.isEmpty())
        return {};
    const auto bytesAt = [this](qsizetype i) {
        if (d->fileBacked && d->content.attachments.at(i).size > MaxFileResourceBytes)
            return QByteArray();
        return attachmentData(int(i));
    };
    for (qsizetype i = 0; i < d->content.attachments.size(); ++i) {
        if (d->content.attachments.at(i).contentId == wanted)
            return bytesAt(i);
    }
    // Content-IDs are case-sensitive in theory; some generators change case
    // between the header and the HTML, so accept a case-insensitive match.
    for (qsizetype i = 0; i < d->content.attachments.size(); ++i) {
        if (d->content.attachments.at(i).contentId.compare(wanted, Qt::CaseInsensitive) == 0)
            return bytesAt(i);
    }
    return {};
}

bool ParsedMessage::isFileBacked() const
{
    return d->fileBacked;
}

qint64 ParsedMessage::sourceSize() const
{
    return d->sourceSize;
}

QByteArray ParsedMessage::sourceHead(qint64 maxBytes) const
{
    if (!d->source || maxBytes <= 0)
        return {};
    QByteArray head(qsizetype(qMin(maxBytes, d->sourceSize)), Qt::Uninitialized);
    const std::lock_guard lock(d->mutex);
    g_mime_stream_seek(d->source, 0, GMIME_STREAM_SEEK_SET);
    qsizetype done = 0;
    while (done < head.size()) {
        const ssize_t got =
                g_mime_stream_read(d->source, head.data() + done, size_t(head.size() - done));
        if (got <= 0)
            break;
        done += qsizetype(got);
    }
    head.truncate(done);
    return head;
}
