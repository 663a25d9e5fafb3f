#pragma once

#include "mime/parsedmessage.h"

#include <QTextBrowser>

// Shows a message body. Mail HTML arrives sanitised, and this browser
// loads nothing on its own: cid: references are served from the message's
// own parts, every other resource (http, file, relative) is refused, so a
// tracking pixel or a local file can never be fetched.
class MessageBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MessageBrowser(QWidget *parent = nullptr);

    void setMessage(const ParsedMessage &message) { m_message = message; }
    // Resource URLs the document asked for and was refused, for tests.
    [[nodiscard]] QList<QUrl> refusedResources() const { return m_refused; }

    QVariant loadResource(int type, const QUrl &name) override;

private:
    ParsedMessage m_message;
    QList<QUrl> m_refused;
};
