#pragma once

#include "mime/attachmentlist.h"
#include "mime/parsedmessage.h"

#include <QByteArray>
#include <QWidget>

#include <memory>

class AttachmentActions;
class MessageBrowser;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTemporaryFile;

// The pane under the list: a preview from TOP n LINES (labelled, since it
// does not mark the message read on the server), or the whole message
// from RETR with its attachments and the raw source.
class MessageViewer : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Empty, Loading, Preview, Message };
    Q_ENUM(Mode)

    explicit MessageViewer(QWidget *parent = nullptr);

    void clear();
    void showLoading(int number);
    void showPreview(int number, const QByteArray &topAnswer);
    void showProgress(int number, qint64 received, qint64 total);
    void showMessage(int number, const QByteArray &raw);
    // A message spooled to a file (a big one): parsed from the file, which
    // is let go once parsed; nothing of the body but the text (cut at
    // ParsedMessage::MaxFileTextBytes) is held in memory.
    void showMessageFile(int number, const std::shared_ptr<QTemporaryFile> &file);
    void showError(int number, const QString &text);
    // The message shown has a new number (a new listing kept it).
    void renumber(int number);

    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] int number() const { return m_number; }
    [[nodiscard]] QString bannerText() const;
    [[nodiscard]] QString headerText() const;
    // What was left out of the view (text cut, source cut); empty if nothing.
    [[nodiscard]] QString noticeText() const;
    [[nodiscard]] MessageBrowser *browser() const { return m_browser; }
    [[nodiscard]] QListWidget *attachmentList() const { return m_attachments; }
    [[nodiscard]] QPushButton *openButton() const { return m_open; }
    [[nodiscard]] QPushButton *sourceButton() const { return m_source; }
    [[nodiscard]] const ParsedMessage &message() const { return m_message; }

Q_SIGNALS:
    void openRequested(int number);
    // The pointer is over a link of the message: its real target, as
    // LinkGuard::displayTarget() shows it; empty when it left the link.
    void linkHovered(const QString &target);
    // An opened message was rendered: whether it has parts to save (the
    // list's paperclip, known for sure now).
    void attachmentsFound(int number, bool hasAttachments);

private:
    // GMime parsing of a big message takes long enough to freeze the
    // window: it runs on the thread pool and the result comes back queued.
    // A result for anything but the latest request is dropped, and so is
    // one for a viewer already gone: the parse holds a copy of its input
    // (or, once open, its own descriptor of a spooled file),
    // so nobody waits for it (closing the window does not).
    // The banner and a busy bar while a whole message is parsed.
    void showReading(int number);
    void parseAndRender(int number, const QByteArray &raw, Mode mode);
    void parseFileAndRender(int number, const std::shared_ptr<QTemporaryFile> &file);
    void finishParse(quint64 request, int number, Mode mode, const QByteArray &raw,
                     const ParsedMessage &parsed);
    void render(const ParsedMessage &message, bool preview);
    // The banner of an opened message: its subject.
    [[nodiscard]] QString messageTitle() const;
    void toggleSource();
    void showSourceFont(bool fixed);
    void saveAttachment();
    // The part of the attachment list's current row; null if none.
    [[nodiscard]] const OfferedPart *currentPart() const;

    Mode m_mode = Mode::Empty;
    int m_number = 0;
    ParsedMessage m_message;
    QByteArray m_raw;
    // A spooled message until its parse is done (the parse holds it open).
    std::shared_ptr<QTemporaryFile> m_spool;
    bool m_showingSource = false;
    quint64 m_parseRequest = 0;

    QLabel *m_banner = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_source = nullptr;
    QLabel *m_headers = nullptr;
    QLabel *m_notice = nullptr;
    QProgressBar *m_progress = nullptr;
    MessageBrowser *m_browser = nullptr;
    QWidget *m_attachmentBox = nullptr;
    QListWidget *m_attachments = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_saveAll = nullptr;
    QPushButton *m_openPart = nullptr;
    // What the last save or open did, and where it put the file.
    QLabel *m_attachmentStatus = nullptr;
    AttachmentActions *m_actions = nullptr;
    // The parts the attachment list offers, in its order.
    QList<OfferedPart> m_offered;
};
