#pragma once

#include <QDockWidget>

class QComboBox;
class QPlainTextEdit;

// The session as the protocol sees it, at debug level 1 (one line a
// command) or 2 (every line both ways). Credentials arrive already masked
// from Pop3Connection. Hidden by default; logging is off while hidden so a
// 100,000-message scan does not pay for text nobody reads.
class ProtocolLogDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ProtocolLogDock(QWidget *parent = nullptr);

    // 0 while hidden, else the level chosen in the dock.
    [[nodiscard]] int effectiveLevel() const;
    void appendLine(const QString &line);
    [[nodiscard]] QString text() const;

Q_SIGNALS:
    void levelChanged(int level);

private:
    QComboBox *m_level = nullptr;
    QPlainTextEdit *m_log = nullptr;
};
