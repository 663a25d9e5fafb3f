#include "aboutdialog.h"

#include "mime/mimelibrary.h"
#include "sizeunits.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Mailpeek"));
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/mailpeek/icons/mailpeek.svg")).pixmap(64, 64));
    logo->setAccessibleName(tr("Mailpeek logo"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setOpenExternalLinks(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    const QString version = QCoreApplication::applicationVersion().isEmpty()
            ? QStringLiteral(MAILPEEK_VERSION)
            : QCoreApplication::applicationVersion();
    // Pieces, not one sentence: the summary is main()'s --help text.
    const QString html = QStringLiteral("<h3>Mailpeek %1</h3><p>%2</p><p>%3</p><p>%4</p>"
                                        "<p><a href=\"%5\">%6</a></p>");
    m_text->setText(html.arg(
            version.toHtmlEscaped(),
            QCoreApplication::translate(
                    "main", "Browse a POP3 mailbox, preview without marking anything read, export.")
                    .toHtmlEscaped(),
            tr("Qt %1 (built with %2), GMime %3")
                    .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                         MimeLibrary::version())
                    .toHtmlEscaped(),
            tr("Licensed under the GNU General Public License, version 3 or later.")
                    .toHtmlEscaped(),
            documentationUrl().toString(QUrl::FullyEncoded).toHtmlEscaped(),
            tr("Documentation").toHtmlEscaped()));
    m_text->setAccessibleName(tr("About Mailpeek"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(logo, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    // Room for the text at a readable width; the height follows it.
    m_text->setMinimumWidth(SizeUnits::chars(m_text, 48));
    layout->setSizeConstraint(QLayout::SetMinimumSize);
}

QUrl AboutDialog::documentationUrl()
{
    // The package installs under /usr whatever prefix the build had.
    for (const QString &installed : {QStringLiteral(MAILPEEK_DOC_DIR "/README.md"),
                                     QStringLiteral("/usr/share/doc/mailpeek/README.md")}) {
        if (QFileInfo::exists(installed))
            return QUrl::fromLocalFile(installed);
    }
    return QUrl::fromLocalFile(QStringLiteral(MAILPEEK_SOURCE_DIR "/README.md"));
}

QString AboutDialog::text() const
{
    return m_text->text();
}
