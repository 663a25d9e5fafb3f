#pragma once

#include <QObject>
#include <QString>

class QStatusBar;

// Shows a hovered link's target in the status bar, and puts back what the
// bar said before (a session step, say) when the pointer leaves the link.
class HoverStatus : public QObject
{
    Q_OBJECT
public:
    explicit HoverStatus(QStatusBar *bar);

    // An empty target: the pointer left the link.
    void show(const QString &target);

private:
    QStatusBar *m_bar;
    QString m_saved;
    QString m_shown;
};
