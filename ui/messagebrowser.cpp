#include "messagebrowser.h"

#include <QDesktopServices>
#include <QImage>
#include <QTextDocument>

MessageBrowser::MessageBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("messageBrowser"));
    // Links open in the user's browser after a click, never in here.
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        const QString scheme = url.scheme();
        if (scheme == QLatin1String("https") || scheme == QLatin1String("http") ||
            scheme == QLatin1String("mailto"))
            QDesktopServices::openUrl(url);
    });
}

QVariant MessageBrowser::loadResource(int type, const QUrl &name)
{
    if (name.scheme() == QLatin1String("cid")) {
        const QByteArray part = m_message.partByContentId(name.toString());
        if (!part.isEmpty()) {
            if (type == QTextDocument::ImageResource) {
                const QImage image = QImage::fromData(part);
                if (!image.isNull())
                    return image;
            }
            return part;
        }
    }
    // Not QTextBrowser::loadResource(): it would read local files.
    m_refused.append(name);
    return {};
}
