#include "parsedmessage.h"

#include "gmimeinit.h"
#include "htmlsanitizer.h"
#include "mimetext.h"

#include <QUrl>

#include <gmime/gmime.h>

namespace {

// Honest messages nest a handful of levels and have tens of parts; these
// bound the walk on hostile ones.
constexpr int MaxDepth = 32;
constexpr int MaxParts = 1000;
constexpr int MaxHeaders = 1000;
constexpr qsizetype MaxHeaderValueBytes = qsizetype(64) * 1024;

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
    QList<QByteArray> attachmentData;
};

class Walker
{
public:
    explicit Walker(Content &data)
        : m_data(data)
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
        append(attachment, decodedContent(part));
    }

    void addMessageAttachment(GMimeMessagePart *part)
    {
        GMimeObject *object = GMIME_OBJECT(part);
        GMimeMessage *message = g_mime_message_part_get_message(part);
        Attachment attachment;
        attachment.mimeType = mimeTypeOf(object);
        attachment.fileName =
                singleLine(g_mime_object_get_content_disposition_parameter(object, "filename"));
        if (attachment.fileName.isEmpty() && message) {
            const QString subject = singleLine(g_mime_message_get_subject(message));
            attachment.fileName = (subject.isEmpty() ? QStringLiteral("message") : subject) +
                    QLatin1String(".eml");
        }
        attachment.contentId = normalizedContentId(fromUtf8(g_mime_object_get_content_id(object)));
        append(attachment, message ? serialized(GMIME_OBJECT(message)) : QByteArray());
    }

    void append(Attachment attachment, const QByteArray &bytes)
    {
        attachment.size = bytes.size();
        m_data.attachments.append(attachment);
        m_data.attachmentData.append(bytes);
    }

    static QString bodyText(GMimePart *part)
    {
        const char *charset =
                g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
        const QByteArray bytes = decodedContent(part);
        return MimeInternal::normalizeBodyText(MimeInternal::decodeCharset(
                bytes, charset ? QByteArrayView(charset) : QByteArrayView()));
    }

    Content &m_data;
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
        data->error = QStringLiteral("The message is empty.");
        return result;
    }

    MimeInternal::ensureGMimeInitialized();
    data->summary = parseHeaderSummary(rawMessage);

    // The memory stream copies the bytes, so GMime never points into a
    // QByteArray that might be freed while the message is alive.
    GObjectRef<GMimeStream> stream(
            g_mime_stream_mem_new_with_buffer(rawMessage.constData(), size_t(rawMessage.size())));
    GObjectRef<GMimeParser> parser(g_mime_parser_new_with_stream(stream.ptr));
    g_mime_parser_set_format(parser.ptr, GMIME_FORMAT_MESSAGE);
    GObjectRef<GMimeMessage> message(g_mime_parser_construct_message(parser.ptr, nullptr));
    if (!message.ptr) {
        data->error = QStringLiteral("The data is not a MIME message.");
        return result;
    }

    // GMime files the MIME fields (Content-Type...) under the body part, so
    // the list the viewer shows comes from the header block itself.
    const QList<MimeInternal::RawHeaderField> fields = MimeInternal::scanHeaderFields(
            rawMessage, MaxHeaders, MaxHeaderValueBytes, [](QByteArrayView) { return true; });
    for (const MimeInternal::RawHeaderField &field : fields) {
        data->headers.append(
                {MimeInternal::toSingleLine(MimeInternal::decodeUtf8OrLatin1(field.name)),
                 MimeInternal::toSingleLine(MimeInternal::decodeRfc2047(field.value))});
    }

    Walker walker(data->content);
    walker.walk(g_mime_message_get_mime_part(message.ptr), 0);

    if (data->headers.isEmpty()) {
        // GMime accepts almost anything; without a single header field the
        // input was not a message (binary garbage, a truncated transfer).
        data->error = QStringLiteral("The data has no message header.");
        return result;
    }
    data->valid = true;
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

QList<Attachment> ParsedMessage::attachments() const
{
    return d->content.attachments;
}

QByteArray ParsedMessage::attachmentData(int index) const
{
    return d->content.attachmentData.value(index);
}

QByteArray ParsedMessage::partByContentId(const QString &contentId) const
{
    const QString wanted = normalizedContentId(contentId);
    if (wanted.isEmpty())
        return {};
    for (qsizetype i = 0; i < d->content.attachments.size(); ++i) {
        if (d->content.attachments.at(i).contentId == wanted)
            return d->content.attachmentData.at(i);
    }
    // Content-IDs are case-sensitive in theory; some generators change case
    // between the header and the HTML, so accept a case-insensitive match.
    for (qsizetype i = 0; i < d->content.attachments.size(); ++i) {
        if (d->content.attachments.at(i).contentId.compare(wanted, Qt::CaseInsensitive) == 0)
            return d->content.attachmentData.at(i);
    }
    return {};
}
