#include "messageviewer.h"
#include "pop3/datasizetext.h"

#include "attachmentactions.h"
#include "linkguard.h"
#include "messagebrowser.h"
#include "mime/attachmentlist.h"
#include "sizeunits.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QThreadPool>
#include <QVBoxLayout>

namespace {

// "View source" shows at most this much of a message, with a note.
constexpr qint64 MaxSourceBytes = qint64(512) * 1024;

} // namespace

MessageViewer::MessageViewer(QWidget *parent)
    : QWidget(parent)
{
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("viewerBanner"));
    QFont bannerFont = m_banner->font();
    bannerFont.setBold(true);
    m_banner->setFont(bannerFont);
    // The banner shows a subject: text from the sender, never markup, and
    // however long it is it must not widen the window (the Subject row
    // below wraps it in full).
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_banner->setMinimumWidth(SizeUnits::chars(m_banner, 20));
    m_open = new QPushButton(QIcon(QStringLiteral(":/mailpeek/icons/open.svg")),
                             tr("&Open message"), this);
    m_open->setToolTip(tr("Download the whole message (RETR); some servers then mark it as read"));
    m_source = new QPushButton(tr("View &source"), this);
    m_source->setCheckable(true);
    m_headers = new QLabel(this);
    m_headers->setTextFormat(Qt::RichText);
    m_headers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headers->setWordWrap(true);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("viewerNotice"));
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    m_browser = new MessageBrowser(this);
    m_browser->setAccessibleName(tr("Message"));

    m_attachmentBox = new QWidget(this);
    m_attachments = new QListWidget(m_attachmentBox);
    m_attachments->setObjectName(QStringLiteral("attachments"));
    m_attachments->setAccessibleName(tr("Attachments"));
    m_attachments->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    m_save = new QPushButton(tr("Save &attachment…"), m_attachmentBox);
    m_saveAll = new QPushButton(tr("Save a&ll…"), m_attachmentBox);
    m_saveAll->setObjectName(QStringLiteral("saveAllAttachments"));
    m_openPart = new QPushButton(tr("Op&en"), m_attachmentBox);
    m_openPart->setObjectName(QStringLiteral("openAttachment"));
    m_openPart->setToolTip(tr("Open a copy with the desktop's application"));
    m_attachmentStatus = new QLabel(m_attachmentBox);
    m_attachmentStatus->setObjectName(QStringLiteral("attachmentStatus"));
    m_attachmentStatus->setTextFormat(Qt::PlainText);
    m_attachmentStatus->setWordWrap(true);
    m_attachmentStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attachmentStatus->setVisible(false);
    // The outcome of a save sits beside the buttons: the body keeps the room.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openPart, 0, Qt::AlignTop);
    buttons->addWidget(m_save, 0, Qt::AlignTop);
    buttons->addWidget(m_saveAll, 0, Qt::AlignTop);
    buttons->addWidget(m_attachmentStatus, 1);
    // Holds the buttons at their size while there is no outcome to show.
    buttons->addStretch();
    auto *attachmentLayout = new QVBoxLayout(m_attachmentBox);
    attachmentLayout->setContentsMargins(0, 0, 0, 0);
    attachmentLayout->addWidget(m_attachments);
    attachmentLayout->addLayout(buttons);
    m_attachmentBox->setVisible(false);
    m_actions = new AttachmentActions(this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_banner, 1);
    top->addWidget(m_source);
    top->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_headers);
    layout->addWidget(m_notice);
    layout->addWidget(m_progress);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_attachmentBox);

    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_number > 0)
            Q_EMIT openRequested(m_number);
    });
    connect(m_source, &QPushButton::clicked, this, &MessageViewer::toggleSource);
    connect(m_browser, &QTextBrowser::highlighted, this, [this](const QUrl &url) {
        Q_EMIT linkHovered(url.isEmpty() ? QString() : LinkGuard::displayTarget(url));
    });
    connect(m_save, &QPushButton::clicked, this, &MessageViewer::saveAttachment);
    connect(m_attachments, &QListWidget::itemActivated, this, &MessageViewer::saveAttachment);
    connect(m_saveAll, &QPushButton::clicked, this,
            [this] { m_actions->saveAll(m_message, m_offered); });
    connect(m_openPart, &QPushButton::clicked, this, [this] {
        if (const OfferedPart *part = currentPart())
            m_actions->open(m_message, *part);
    });
    connect(m_actions, &AttachmentActions::done, this, [this](const QString &text, bool failed) {
        m_attachmentStatus->setText(text);
        m_attachmentStatus->setStyleSheet(failed ? QStringLiteral("color:#b71c1c") : QString());
        m_attachmentStatus->setVisible(true);
    });
    clear();
}

void MessageViewer::clear()
{
    ++m_parseRequest;
    m_mode = Mode::Empty;
    m_number = 0;
    m_message = ParsedMessage();
    m_raw.clear();
    // A file-backed message keeps its (deleted) spool file open: let go of
    // every copy so the disk space comes back.
    m_browser->setMessage(ParsedMessage());
    m_spool.reset();
    m_notice->clear();
    m_notice->setVisible(false);
    m_banner->setText(tr("No message selected"));
    m_banner->setToolTip(QString());
    m_headers->clear();
    m_browser->clear();
    m_progress->setVisible(false);
    m_attachmentBox->setVisible(false);
    m_offered.clear();
    m_attachments->clear();
    m_attachmentStatus->clear();
    m_attachmentStatus->setVisible(false);
    m_open->setEnabled(false);
    m_source->setEnabled(false);
    m_source->setChecked(false);
    showSourceFont(false);
}

void MessageViewer::showLoading(int number)
{
    clear();
    m_mode = Mode::Loading;
    m_number = number;
    m_banner->setText(tr("Preview - not marked as read on the server"));
    m_headers->setText(tr("Loading the preview of message %1…").arg(number));
    m_open->setEnabled(true);
}

void MessageViewer::showPreview(int number, const QByteArray &topAnswer)
{
    m_number = number;
    m_banner->setText(tr("Preview - not marked as read on the server"));
    m_open->setEnabled(true);
    m_progress->setVisible(false);
    parseAndRender(number, topAnswer, Mode::Preview);
}

void MessageViewer::renumber(int number)
{
    if (number == m_number || m_mode == Mode::Empty)
        return;
    m_number = number;
    if (m_mode == Mode::Message)
        m_banner->setText(messageTitle());
}

QString MessageViewer::messageTitle() const
{
    const QString subject = m_message.summary().subject;
    return subject.isEmpty() ? tr("Message %1 (no subject)").arg(m_number) : subject;
}

void MessageViewer::showProgress(int number, qint64 received, qint64 total)
{
    if (number != m_number)
        return;
    m_progress->setVisible(true);
    // QProgressBar holds an int: scale to per mille.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(qMin<qint64>(1000, received * 1000 / total)) : 0);
    m_progress->setFormat(
            tr("Downloading: %1 of %2").arg(dataSizeText(received), dataSizeText(total)));
}

void MessageViewer::showMessage(int number, const QByteArray &raw)
{
    showReading(number);
    parseAndRender(number, raw, Mode::Message);
}

void MessageViewer::showMessageFile(int number, const std::shared_ptr<QTemporaryFile> &file)
{
    showReading(number);
    parseFileAndRender(number, file);
}

void MessageViewer::showReading(int number)
{
    m_number = number;
    m_banner->setText(tr("Message %1").arg(number));
    m_open->setEnabled(false);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Reading the message…"));
}

void MessageViewer::parseAndRender(int number, const QByteArray &raw, Mode mode)
{
    const quint64 request = ++m_parseRequest;
    m_spool.reset();
    QPointer<MessageViewer> self(this);
    QThreadPool::globalInstance()->start([self, request, number, raw, mode] {
        const ParsedMessage parsed = ParsedMessage::parse(raw);
        QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, request, number, raw, mode, parsed] {
                    if (self)
                        self->finishParse(request, number, mode, raw, parsed);
                },
                Qt::QueuedConnection);
    });
}

void MessageViewer::parseFileAndRender(int number, const std::shared_ptr<QTemporaryFile> &file)
{
    const quint64 request = ++m_parseRequest;
    // The file stays here, on the UI thread, until the parse has its own
    // descriptor; it is removed when the result comes back.
    m_spool = file;
    const QString path = file ? file->fileName() : QString();
    QPointer<MessageViewer> self(this);
    QThreadPool::globalInstance()->start([self, request, number, path] {
        const ParsedMessage parsed = ParsedMessage::parseFile(path);
        QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, request, number, parsed] {
                    if (self)
                        self->finishParse(request, number, Mode::Message, QByteArray(), parsed);
                },
                Qt::QueuedConnection);
    });
}

void MessageViewer::finishParse(quint64 request, int number, Mode mode, const QByteArray &raw,
                                const ParsedMessage &parsed)
{
    if (m_parseRequest != request)
        return;
    m_spool.reset();
    m_mode = mode;
    m_number = number;
    m_raw = raw;
    m_progress->setVisible(false);
    render(parsed, mode == Mode::Preview);
}

void MessageViewer::showError(int number, const QString &text)
{
    if (number != m_number)
        return;
    m_progress->setVisible(false);
    m_headers->setText(
            QStringLiteral("<span style=\"color:#b71c1c\">%1</span>").arg(text.toHtmlEscaped()));
}

QString MessageViewer::bannerText() const
{
    return m_banner->text();
}

QString MessageViewer::headerText() const
{
    return m_headers->text();
}

QString MessageViewer::noticeText() const
{
    return m_notice->text();
}

void MessageViewer::render(const ParsedMessage &message, bool preview)
{
    m_message = message;
    m_showingSource = false;
    m_source->setChecked(false);
    m_source->setEnabled(true);
    showSourceFont(false);
    m_browser->setMessage(message);
    // An opened message is titled by its subject, as in every mail client;
    // the number stays in the tooltip.
    if (!preview) {
        m_banner->setText(messageTitle());
        m_banner->setToolTip(tr("Message %1").arg(m_number));
    }

    const HeaderSummary summary = message.summary();
    QString headers;
    const auto row = [&headers](const QString &label, const QString &value) {
        if (value.isEmpty())
            return;
        headers += QStringLiteral("<tr><td style=\"padding-right:8px\"><b>%1</b></td><td>%2</td>"
                                  "</tr>")
                           .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("From:"), summary.from);
    row(tr("To:"), summary.to);
    row(tr("Cc:"), summary.cc);
    row(tr("Reply-To:"), summary.replyTo);
    row(tr("Date:"),
        summary.date.isValid() ? QLocale().toString(summary.date.toLocalTime(), QLocale::LongFormat)
                               : QString::fromUtf8(summary.rawDate));
    row(tr("Subject:"), summary.subject);
    m_headers->setText(QStringLiteral("<table>") + headers + QStringLiteral("</table>"));
    if (message.isTextTruncated()) {
        m_notice->setText(tr("This message is %1: only the first %2 of its text are shown. "
                             "Attachments are saved in full.")
                                  .arg(dataSizeText(message.sourceSize()),
                                       dataSizeText(ParsedMessage::MaxFileTextBytes)));
        m_notice->setVisible(true);
    } else {
        m_notice->clear();
        m_notice->setVisible(false);
    }

    const QString html = message.sanitizedHtml();
    const QString plain = message.plainText();
    const bool showPlain = !plain.isEmpty() && (preview || html.isEmpty());
    if (showPlain) {
        m_browser->setPlainText(plain);
    } else if (!html.isEmpty()) {
        m_browser->setHtml(html);
    } else {
        m_browser->setPlainText(preview ? tr("(No text in the first lines)") : QString());
    }

    m_attachments->clear();
    m_attachmentStatus->clear();
    m_attachmentStatus->setVisible(false);
    // A preview has only the first lines: its parts are not whole.
    m_offered = preview ? QList<OfferedPart>()
                        : AttachmentList::offeredParts(message, !showPlain && !html.isEmpty());
    for (qsizetype i = 0; i < m_offered.size(); ++i) {
        const OfferedPart &part = m_offered.at(i);
        auto *item = new QListWidgetItem(
                tr("%1 (%2, %3)").arg(part.displayName, part.mimeType, dataSizeText(part.size)),
                m_attachments);
        item->setData(Qt::UserRole, int(i));
    }
    // As many lines as parts, up to three: the body, not the list, gets the room.
    if (!m_offered.isEmpty()) {
        const int lines = int(qMin<qsizetype>(m_offered.size(), 3));
        m_attachments->setMaximumHeight(m_attachments->sizeHintForRow(0) * lines +
                                        2 * m_attachments->frameWidth());
    }
    m_attachmentBox->setVisible(!m_offered.isEmpty());
    m_saveAll->setEnabled(m_offered.size() > 1);
    if (!m_offered.isEmpty())
        m_attachments->setCurrentRow(0);
    if (!preview)
        Q_EMIT attachmentsFound(m_number, !m_offered.isEmpty());
}

const OfferedPart *MessageViewer::currentPart() const
{
    const QListWidgetItem *item = m_attachments->currentItem();
    const int index = item ? item->data(Qt::UserRole).toInt() : -1;
    return index >= 0 && index < m_offered.size() ? &m_offered.at(index) : nullptr;
}

void MessageViewer::toggleSource()
{
    m_showingSource = m_source->isChecked();
    if (m_showingSource) {
        showSourceFont(true);
        // A big message is shown in part: a text widget holding hundreds
        // of megabytes would take gigabytes and minutes.
        const qint64 size = m_message.isFileBacked() ? m_message.sourceSize() : m_raw.size();
        const QByteArray raw = m_message.isFileBacked()
                ? m_message.sourceHead(MaxSourceBytes)
                : m_raw.first(qsizetype(qMin<qint64>(m_raw.size(), MaxSourceBytes)));
        if (raw.size() < size) {
            m_notice->setText(tr("The source is %1: only the first %2 are shown.")
                                      .arg(dataSizeText(size), dataSizeText(raw.size())));
            m_notice->setVisible(true);
        }
        // Raw octets: show them as Latin-1 where they are not UTF-8, so no
        // byte is silently dropped.
        const QString text = QString::fromUtf8(raw);
        m_browser->setPlainText(
                text.contains(QChar::ReplacementCharacter) ? QString::fromLatin1(raw) : text);
    } else {
        render(m_message, m_mode == Mode::Preview);
    }
}

void MessageViewer::showSourceFont(bool fixed)
{
    // QFont(): the browser inherits the pane's font again. Every other
    // view resets it here, so the source's font never outlives the source.
    m_browser->setFont(fixed ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : QFont());
}

void MessageViewer::saveAttachment()
{
    if (const OfferedPart *part = currentPart())
        m_actions->save(m_message, *part);
}
