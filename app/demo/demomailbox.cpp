#include "demomailbox.h"

#include "demoresources.h"

#include <QCryptographicHash>
#include <QFile>

namespace {

// Stored with LF so the files stay ordinary text in git; a POP3 maildrop
// holds CRLF, which is what LIST counts and RETR sends.
QByteArray toCrlf(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() + text.count('\n') + 2);
    for (const char c : text) {
        if (c == '\n')
            out += "\r\n";
        else if (c != '\r')
            out += c;
    }
    if (!out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

QByteArray loadMessage(const char *name)
{
    QFile file(QStringLiteral(":/mailpeek/demo/mailbox/%1").arg(QLatin1String(name)));
    // The files are compiled in: a missing one is a build mistake, not a
    // run-time condition to recover from.
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT_X(opened, "DemoMailbox", name);
    return opened ? toCrlf(file.readAll()) : QByteArray();
}

// A content hash in the UID gives an edited sample message a new UID, so
// no client cache ever shows the old text for it.
QByteArray uidFor(QByteArrayView stem, QByteArrayView content)
{
    const QByteArray digest = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    return stem.toByteArray() + '.' + digest.toHex().first(10);
}

QByteArray longLineMessage()
{
    QByteArray head = QByteArrayLiteral(
            "From: Web Shop Exports <exports@webshop.example>\r\n"
            "To: demo@mailpeek.invalid\r\n"
            "Subject: Order export: one 20,000-character line\r\n"
            "Date: Fri, 15 Mar 2024 02:00:00 +0000\r\n"
            "Message-ID: <export.20240315.0200@webshop.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n"
            "Content-Transfer-Encoding: 7bit\r\n"
            "\r\n"
            "The export below is a single line, as some shop systems send it.\r\n"
            "RFC 5322 says 998 characters at most; real mail does not always listen.\r\n"
            "\r\n");
    QByteArray line;
    line.reserve(DemoMailbox::LongLineLength + 32);
    for (int order = 1; line.size() < DemoMailbox::LongLineLength; ++order) {
        line += "order=" + QByteArray::number(100000 + order) +
                ";qty=" + QByteArray::number(order % 7 + 1) + ";sku=MP-" +
                QByteArray::number(order * 37 % 1000) + "|";
    }
    line.truncate(DemoMailbox::LongLineLength);
    return head + line + "\r\n\r\n-- \r\nWeb Shop Exports\r\n";
}

} // namespace

// The 20 MB message: a short text part and a base64 attachment whose
// 76-character lines are computed from their line number. Any byte range
// can be produced without building the others, so RETR streams it with
// constant memory and every run serves the same octets.
class DemoMailbox::Generated
{
public:
    static constexpr qint64 EncodedLineLength = 76; // RFC 2045's limit
    static constexpr qint64 BytesPerLine = EncodedLineLength / 4 * 3;
    static constexpr qint64 LineLength = EncodedLineLength + 2;

    Generated()
        : m_head(QByteArrayLiteral(
                  "From: Backup Service <backup@nas.home.example>\r\n"
                  "To: demo@mailpeek.invalid\r\n"
                  "Subject: Nightly backup archive, 20 MB attached\r\n"
                  "Date: Sat, 16 Mar 2024 04:10:00 +0100\r\n"
                  "Message-ID: <backup-2024-03-16.0410@nas.home.example>\r\n"
                  "MIME-Version: 1.0\r\n"
                  "Content-Type: multipart/mixed; boundary=\"backup-archive-boundary\"\r\n"
                  "\r\n"
                  "--backup-archive-boundary\r\n"
                  "Content-Type: text/plain; charset=us-ascii\r\n"
                  "\r\n"
                  "Last night's backup archive is attached (about 15 MB, 20 MB encoded).\r\n"
                  "Big messages are where streaming and progress bars earn their keep.\r\n"
                  "\r\n"
                  "--backup-archive-boundary\r\n"
                  "Content-Type: application/octet-stream; name=\"backup-2024-03-16.bin\"\r\n"
                  "Content-Transfer-Encoding: base64\r\n"
                  "Content-Disposition: attachment; filename=\"backup-2024-03-16.bin\"\r\n"
                  "\r\n"))
        , m_tail(QByteArrayLiteral("\r\n--backup-archive-boundary--\r\n"))
        , m_lines((LargeMessageMinimumSize - m_head.size() - m_tail.size()) / LineLength + 1)
    { }

    [[nodiscard]] qint64 size() const
    {
        return m_head.size() + m_lines * LineLength + m_tail.size();
    }

    [[nodiscard]] QByteArray read(qint64 offset, qint64 maxSize) const
    {
        const qint64 end = std::min(size(), offset + maxSize);
        QByteArray out;
        if (offset >= end)
            return out;
        out.reserve(end - offset);
        const qint64 bodyStart = m_head.size();
        const qint64 bodyEnd = bodyStart + m_lines * LineLength;
        qint64 position = offset;
        if (position < bodyStart) {
            const qint64 take = std::min(end, bodyStart) - position;
            out += QByteArrayView(m_head).sliced(position, take);
            position += take;
        }
        while (position < end && position < bodyEnd) {
            const qint64 line = (position - bodyStart) / LineLength;
            const qint64 within = (position - bodyStart) % LineLength;
            const QByteArray text = encodedLine(line);
            const qint64 take = std::min(end - position, LineLength - within);
            out += QByteArrayView(text).sliced(within, take);
            position += take;
        }
        if (position < end)
            out += QByteArrayView(m_tail).sliced(position - bodyEnd, end - position);
        return out;
    }

private:
    [[nodiscard]] static QByteArray encodedLine(qint64 line)
    {
        // splitmix64: a few lines of arithmetic that give incompressible,
        // reproducible bytes, so compression on the way cannot hide the size.
        quint64 state = quint64(line) * 0x9E3779B97F4A7C15ULL;
        QByteArray raw(BytesPerLine, Qt::Uninitialized);
        for (qsizetype i = 0; i < raw.size(); i += 8) {
            state += 0x9E3779B97F4A7C15ULL;
            quint64 z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            z ^= z >> 31;
            for (qsizetype j = 0; j < 8 && i + j < raw.size(); ++j)
                raw[i + j] = char((z >> (8 * j)) & 0xFF);
        }
        return raw.toBase64() + "\r\n";
    }

    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_lines = 0;
};

DemoMailbox::DemoMailbox()
{
    DemoResources::ensureLoaded();
    // In the order a real maildrop would hold them: oldest first.
    static const char *const files[] = {
            "01-welcome.eml",
            "02-newsletter-inline-images.eml",
            "03-quarterly-report-pdf.eml",
            "04-korean-rfc2047.eml",
            "05-german-latin1.eml",
            "06-raw-utf8-emoji.eml",
            "07-mailing-list-digest.eml",
            "08-dots-and-signatures.eml",
            "09-alternative-invoice.eml",
            "10-meeting-invite.eml",
            "11-prize-spam.eml",
            "12-thread-reply.eml",
            "13-bounce-report.eml",
            "14-screenshot-attachment.eml",
            "15-ci-notification.eml",
    };
    for (const char *name : files) {
        Message message;
        message.octets = loadMessage(name);
        QByteArrayView stem(name);
        message.uid = uidFor(stem.first(stem.size() - 4), message.octets);
        m_messages.append(message);
    }

    Message longLine;
    longLine.octets = longLineMessage();
    longLine.uid = uidFor("16-long-line", longLine.octets);
    m_longLineIndex = int(m_messages.size());
    m_messages.append(longLine);

    Message large;
    large.generated = std::make_shared<const Generated>();
    // Hashing 20 MB for the UID would cost more than the whole rest of the
    // start-up; its head names the generator, and the size pins the layout.
    large.uid =
            uidFor("17-large-attachment",
                   large.generated->read(0, 4096) + QByteArray::number(large.generated->size()));
    m_largeIndex = int(m_messages.size());
    m_messages.append(large);

    Message last;
    last.octets = loadMessage("18-japanese-mixed-charsets.eml");
    last.uid = uidFor("18-japanese-mixed-charsets", last.octets);
    m_messages.append(last);
}

DemoMailbox::~DemoMailbox() = default;

QByteArray DemoMailbox::uid(int index) const
{
    return m_messages.at(index).uid;
}

qint64 DemoMailbox::size(int index) const
{
    const Message &message = m_messages.at(index);
    return message.generated ? message.generated->size() : message.octets.size();
}

QByteArray DemoMailbox::read(int index, qint64 offset, qint64 maxSize) const
{
    const Message &message = m_messages.at(index);
    if (message.generated)
        return message.generated->read(offset, maxSize);
    if (offset >= message.octets.size() || maxSize <= 0)
        return {};
    return message.octets.sliced(offset, std::min(maxSize, message.octets.size() - offset));
}

QByteArray DemoMailbox::content(int index) const
{
    return read(index, 0, size(index));
}

qint64 DemoMailbox::topLength(int index, int bodyLines) const
{
    // Walks the message in chunks so TOP of the large message costs only
    // the lines it asks for.
    constexpr qint64 Chunk = qint64(64) * 1024;
    const qint64 total = size(index);
    bool inHeader = true;
    bool lineEmpty = true; // the line being read has no octets before CRLF yet
    int linesLeft = bodyLines;
    for (qint64 offset = 0; offset < total; offset += Chunk) {
        const QByteArray chunk = read(index, offset, Chunk);
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            const char c = chunk.at(i);
            if (c == '\r')
                continue;
            if (c != '\n') {
                lineEmpty = false;
                continue;
            }
            const qint64 lineEnd = offset + i + 1;
            if (inHeader) {
                if (lineEmpty) {
                    inHeader = false;
                    if (linesLeft == 0)
                        return lineEnd;
                }
            } else if (--linesLeft == 0) {
                return lineEnd;
            }
            lineEmpty = true;
        }
    }
    return total;
}
