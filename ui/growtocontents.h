#pragma once

#include <QObject>

class QWidget;

// Keeps a dialog at least as tall as its content needs at its width. A
// top-level window does not follow the height-for-width of labels that wrap
// by itself: a warning shown later (the export dialog's "delete after
// export", the account dialog's unencrypted connection) was cut off, or
// squeezed the rows above it over each other. Whenever the layout changes
// (a row shown or hidden) or the width does, the minimum height is set to
// what the content needs, and the window grows to it (and shrinks back,
// unless the user made it taller).
class GrowToContents : public QObject
{
    Q_OBJECT
public:
    // Owned by `window`.
    static void install(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit GrowToContents(QWidget *window);
    void fit();

    QWidget *m_window;
    bool m_fitted = false;
};
