#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;

// Help → About: what this program is, its version and the versions of Qt
// and GMime it runs with (what a bug report needs), its licence, and a
// link to the documentation.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The installed README (Debian: /usr/share/doc/mailpeek), else the one
    // in the source tree this build came from (a build run in place).
    [[nodiscard]] static QUrl documentationUrl();
    [[nodiscard]] QString text() const;

private:
    QLabel *m_text = nullptr;
};
