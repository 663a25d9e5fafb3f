#include "protocollogdock.h"

#include "sizeunits.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

ProtocolLogDock::ProtocolLogDock(QWidget *parent)
    : QDockWidget(tr("Protocol log"), parent)
{
    setObjectName(QStringLiteral("protocolLog"));
    auto *content = new QWidget(this);
    m_level = new QComboBox(content);
    m_level->addItem(tr("Commands (level 1)"), 1);
    m_level->addItem(tr("Every line (level 2)"), 2);
    auto *copy = new QPushButton(tr("Copy all"), content);
    auto *clear = new QPushButton(tr("Clear"), content);
    m_log = new QPlainTextEdit(content);
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setMaximumBlockCount(20000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Two lines at least, not QPlainTextEdit's default: in a small window
    // the message list keeps its rows (a larger window opens it larger).
    m_log->setMinimumHeight(SizeUnits::lines(m_log, 2));

    auto *bar = new QHBoxLayout;
    auto *levelLabel = new QLabel(tr("Detail:"), content);
    levelLabel->setBuddy(m_level);
    m_level->setAccessibleName(tr("Detail"));
    m_log->setAccessibleName(tr("Protocol log"));
    m_log->setAccessibleDescription(tr("The commands and answers of the session; passwords "
                                       "are masked"));
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addStretch();
    bar->addWidget(copy);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_log);
    setWidget(content);

    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_log->toPlainText()); });
    connect(clear, &QPushButton::clicked, m_log, &QPlainTextEdit::clear);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT levelChanged(effectiveLevel()); });
    connect(this, &QDockWidget::visibilityChanged, this,
            [this] { Q_EMIT levelChanged(effectiveLevel()); });
    hide();
}

int ProtocolLogDock::effectiveLevel() const
{
    return isVisible() ? m_level->currentData().toInt() : 0;
}

void ProtocolLogDock::appendLine(const QString &line)
{
    m_log->appendPlainText(line);
}

QString ProtocolLogDock::text() const
{
    return m_log->toPlainText();
}
