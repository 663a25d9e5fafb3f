#pragma once

#include "mime/parsedmessage.h"

#include <QTextBrowser>

class QTextDocument;

// Shows a message body. Mail HTML arrives sanitised, and this browser
// loads nothing on its own: cid: references are served from the message's
// own parts, every other resource (http, file, relative) is refused, so a
// tracking pixel or a local file can never be fetched.
//
// Links open in the desktop's browser on a click (http, https, mailto);
// one whose text shows another site than its target asks first
// (LinkGuard), naming both.
class MessageBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MessageBrowser(QWidget *parent = nullptr);

    void setMessage(const ParsedMessage &message) { m_message = message; }
    // Resource URLs the document asked for and was refused, for tests.
    [[nodiscard]] QList<QUrl> refusedResources() const { return m_refused; }

    QVariant loadResource(int type, const QUrl &name) override;

    // The whole text of the link the character at position belongs to
    // (a link may span several formats: "<a><b>www.</b>bank.example</a>").
    // Empty if that character is no link.
    [[nodiscard]] static QString anchorTextAt(const QTextDocument *document, int position);

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    void activateLink(const QUrl &url);
    void confirmMisleadingLink(const QUrl &url, const QString &text);

    ParsedMessage m_message;
    QList<QUrl> m_refused;
    // Where the last mouse press hit the document (-1: none, e.g. a link
    // activated with the keyboard, whose text is then the selection).
    int m_pressPosition = -1;
};
