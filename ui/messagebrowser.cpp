#include "messagebrowser.h"

#include "linkguard.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QImage>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>

MessageBrowser::MessageBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("messageBrowser"));
    // Links open in the user's browser after a click, never in here.
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &MessageBrowser::activateLink);
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

QString MessageBrowser::anchorTextAt(const QTextDocument *document, int position)
{
    if (!document || position < 0)
        return {};
    const QTextBlock block = document->findBlock(position);
    // The fragments of the block, and which one holds the position.
    QList<QTextFragment> fragments;
    qsizetype hit = -1;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (fragment.contains(position))
            hit = fragments.size();
        fragments.append(fragment);
    }
    if (hit < 0 || !fragments.at(hit).charFormat().isAnchor())
        return {};
    const QString href = fragments.at(hit).charFormat().anchorHref();
    const auto sameLink = [&href](const QTextFragment &fragment) {
        return fragment.charFormat().isAnchor() && fragment.charFormat().anchorHref() == href;
    };
    qsizetype first = hit;
    while (first > 0 && sameLink(fragments.at(first - 1)))
        --first;
    QString text;
    for (qsizetype i = first; i < fragments.size() && sameLink(fragments.at(i)); ++i)
        text += fragments.at(i).text();
    return text;
}

void MessageBrowser::mousePressEvent(QMouseEvent *event)
{
    // Viewport coordinates to document ones, as QTextBrowser::anchorAt()
    // does; an exact hit, so a click beside a link finds no link.
    const QPointF point = event->position() +
            QPointF(horizontalScrollBar()->value(), verticalScrollBar()->value());
    m_pressPosition = document()->documentLayout()->hitTest(point, Qt::ExactHit);
    QTextBrowser::mousePressEvent(event);
}

void MessageBrowser::activateLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int position = m_pressPosition >= 0 ? m_pressPosition : textCursor().selectionStart();
    m_pressPosition = -1;
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http") &&
        scheme != QLatin1String("mailto"))
        return;
    const QString text = anchorTextAt(document(), position);
    if (LinkGuard::isMisleading(text, url)) {
        confirmMisleadingLink(url, text);
        return;
    }
    QDesktopServices::openUrl(url);
}

void MessageBrowser::confirmMisleadingLink(const QUrl &url, const QString &text)
{
    // One plain-text message: the link text is the sender's, and
    // QMessageBox's informative text would guess at rich text.
    auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Open link"),
            tr("This link may not go where it says.\n\nThe text of the link shows:\n%1\n\n"
               "but it leads to:\n%2\n\nMessages that pretend to come from a bank or a shop "
               "use such links to steal passwords.")
                    .arg(text.trimmed().left(300), LinkGuard::displayTarget(url)),
            QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("linkWarning"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    QPushButton *open = box->addButton(tr("Open &link"), QMessageBox::AcceptRole);
    open->setObjectName(QStringLiteral("openMisleadingLink"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    // Opening is the choice a user has to make on purpose.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(open, &QPushButton::clicked, this, [url] { QDesktopServices::openUrl(url); });
    box->open();
}
