#include "exportdialog.h"

#include "growtocontents.h"
#include "newmessagecounter.h"
#include "sizeunits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

ExportDialog::ExportDialog(int selectedCount, int totalCount, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export messages"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("Folder of .eml files"), EmlFolder);
    m_format->addItem(tr("mbox file"), MboxFile);
    m_format->addItem(tr("Maildir"), Maildir);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setMinimumWidth(SizeUnits::chars(m_path, 48));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_selected = new QRadioButton(this);
    m_selected->setObjectName(QStringLiteral("exportSelected"));
    // With nothing selected the choice stays in its place, greyed, and says
    // why: selecting messages first is how a user gets it back.
    if (selectedCount == 0)
        m_selected->setText(tr("Selected messages (none selected)"));
    else if (selectedCount == 1)
        m_selected->setText(tr("The selected message"));
    else
        m_selected->setText(tr("The %n selected message(s)", nullptr, selectedCount));
    m_selected->setEnabled(selectedCount > 0);
    m_all = new QRadioButton(totalCount == 1 ? tr("The only message in the mailbox")
                                             : tr("All %n message(s)", nullptr, totalCount),
                             this);
    m_all->setObjectName(QStringLiteral("exportAll"));
    (selectedCount > 1 ? m_selected : m_all)->setChecked(true);
    auto *scope = new QVBoxLayout;
    scope->addWidget(m_selected);
    scope->addWidget(m_all);

    m_onlyNew = new QCheckBox(tr("Only messages not exported before"), this);
    m_onlyNew->setObjectName(QStringLiteral("exportOnlyNew"));
    m_onlyNew->setToolTip(tr("Skips messages this computer has already exported from this "
                             "mailbox to this same target"));
    m_newCount = new QLabel(this);
    m_newCount->setObjectName(QStringLiteral("exportNewCount"));
    m_newCount->setWordWrap(true);
    // Under the check box it explains, as its own text is indented.
    m_newCount->setIndent(style()->pixelMetric(QStyle::PM_IndicatorWidth) +
                          style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
    m_newCount->setVisible(false);
    m_delete = new QCheckBox(tr("Delete the messages from the server after export"), this);
    m_delete->setObjectName(QStringLiteral("exportDelete"));
    m_warning = new QLabel(
            tr("<b>Warning:</b> the exported messages are deleted from the server for good. "
               "Each one is deleted only after it has been written and flushed to disk here, "
               "and the deletions take effect only when the server confirms the end of the "
               "session. If the export is cancelled or the connection drops, nothing is "
               "deleted."),
            this);
    m_warning->setObjectName(QStringLiteral("exportDeleteWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b71c1c"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    // A row whose field is a layout gets a label without a buddy, which
    // shows the '&' as it is: the label is made here, for the path.
    auto *targetLabel = new QLabel(tr("&Target:"), this);
    targetLabel->setBuddy(m_path);
    form->addRow(targetLabel, pathRow);
    form->addRow(tr("Messages:"), scope);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_exportButton = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_onlyNew);
    layout->addWidget(m_newCount);
    layout->addWidget(m_delete);
    layout->addWidget(m_warning);
    layout->addStretch();
    layout->addWidget(buttons);

    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(documents).filePath(QStringLiteral("Mailpeek export")));

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the user's folder, but a file format wants a file name.
        QString current = m_path->text();
        if (format() == MboxFile && !current.endsWith(QLatin1String(".mbox")))
            current += QStringLiteral(".mbox");
        else if (format() != MboxFile && current.endsWith(QLatin1String(".mbox")))
            current.chop(5);
        m_path->setText(current);
        updateState();
    });
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_delete, &QCheckBox::toggled, this, &ExportDialog::updateState);
    // Typing a path changes the target at every key: count once it rests.
    m_recount = new QTimer(this);
    m_recount->setSingleShot(true);
    m_recount->setInterval(250);
    connect(m_recount, &QTimer::timeout, this, &ExportDialog::recount);
    connect(m_path, &QLineEdit::textChanged, m_recount, qOverload<>(&QTimer::start));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::recount);
    connect(m_selected, &QRadioButton::toggled, this, &ExportDialog::recount);
    connect(m_delete, &QCheckBox::toggled, this, &ExportDialog::recount);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    GrowToContents::install(this);
    updateState();
}

void ExportDialog::setNewMessageCounter(NewMessageCounter *counter)
{
    m_counter = counter;
    counter->setParent(this);
    connect(counter, &NewMessageCounter::counted, this, &ExportDialog::showCount);
    m_newCount->setVisible(true);
    recount();
}

void ExportDialog::recount()
{
    m_recount->stop();
    if (!m_counter)
        return;
    if (path().isEmpty()) {
        m_newCount->clear();
        return;
    }
    m_newCount->setText(tr("Counting the messages not yet exported to this target…"));
    m_counter->count(target(), selectedOnly(), deleteAfter());
}

void ExportDialog::showCount(const QString &countedTarget, int toExport, int total,
                             const QString &error)
{
    if (countedTarget != target())
        return; // an answer for a path typed over since
    if (toExport < 0)
        m_newCount->setText(tr("Which messages are new cannot be told: %1").arg(error));
    else if (toExport == 0)
        m_newCount->setText(tr("All %n message(s) were exported to this target before: nothing "
                               "new to export.",
                               nullptr, total));
    else if (toExport >= total)
        m_newCount->setText(tr("None of these %n message(s) was exported to this target before.",
                               nullptr, total));
    else
        m_newCount->setText(tr("%1 of these %n message(s) were not exported to this target before.",
                               nullptr, total)
                                    .arg(toExport));
    // Read with the check box it explains when that gets the focus.
    m_onlyNew->setAccessibleDescription(m_newCount->text());
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(format));
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void ExportDialog::setSelectedOnly(bool selectedOnly)
{
    (selectedOnly && m_selected->isEnabled() ? m_selected : m_all)->setChecked(true);
}

void ExportDialog::setOnlyNew(bool onlyNew)
{
    m_onlyNew->setChecked(onlyNew);
}

void ExportDialog::setDeleteAfter(bool deleteAfter)
{
    m_delete->setChecked(deleteAfter);
}

ExportDialog::Format ExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ExportDialog::target() const
{
    const QString absolute = QDir::cleanPath(QDir().absoluteFilePath(path()));
    switch (format()) {
    case EmlFolder:
        return QStringLiteral("eml:") + absolute;
    case MboxFile:
        return QStringLiteral("mbox:") + absolute;
    case Maildir:
        return QStringLiteral("maildir:") + absolute;
    }
    return {};
}

bool ExportDialog::selectedOnly() const
{
    return m_selected->isChecked();
}

bool ExportDialog::onlyNew() const
{
    return m_onlyNew->isChecked();
}

bool ExportDialog::deleteAfter() const
{
    return m_delete->isChecked();
}

void ExportDialog::browse()
{
    auto *dialog = new QFileDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (format() == MboxFile) {
        dialog->setWindowTitle(tr("Export to mbox file"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->setOption(QFileDialog::DontConfirmOverwrite); // mbox appends
        dialog->selectFile(path());
    } else {
        dialog->setWindowTitle(tr("Export to folder"));
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setDirectory(path());
    }
    connect(dialog, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
    dialog->open();
}

void ExportDialog::updateState()
{
    m_warning->setVisible(m_delete->isChecked());
    m_exportButton->setEnabled(!path().isEmpty());
    m_exportButton->setText(m_delete->isChecked() ? tr("&Export and delete") : tr("&Export"));
}
