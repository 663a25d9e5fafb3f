#pragma once

#include "mime/parsedmessage.h"

#include <QByteArray>
#include <QWidget>

class MessageBrowser;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

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
    void showError(int number, const QString &text);

    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] int number() const { return m_number; }
    [[nodiscard]] QString bannerText() const;
    [[nodiscard]] QString headerText() const;
    [[nodiscard]] MessageBrowser *browser() const { return m_browser; }
    [[nodiscard]] QListWidget *attachmentList() const { return m_attachments; }
    [[nodiscard]] QPushButton *openButton() const { return m_open; }
    [[nodiscard]] QPushButton *sourceButton() const { return m_source; }
    [[nodiscard]] const ParsedMessage &message() const { return m_message; }

Q_SIGNALS:
    void openRequested(int number);

private:
    // GMime parsing of a big message takes long enough to freeze the
    // window: it runs on the thread pool and the result comes back queued.
    // A result for anything but the latest request is dropped.
    void parseAndRender(int number, const QByteArray &raw, Mode mode);
    void render(const ParsedMessage &message, bool preview);
    void toggleSource();
    void saveAttachment();

    Mode m_mode = Mode::Empty;
    int m_number = 0;
    ParsedMessage m_message;
    QByteArray m_raw;
    bool m_showingSource = false;
    quint64 m_parseRequest = 0;

    QLabel *m_banner = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_source = nullptr;
    QLabel *m_headers = nullptr;
    QProgressBar *m_progress = nullptr;
    MessageBrowser *m_browser = nullptr;
    QWidget *m_attachmentBox = nullptr;
    QListWidget *m_attachments = nullptr;
    QPushButton *m_save = nullptr;
};
