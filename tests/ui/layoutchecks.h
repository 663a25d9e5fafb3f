#pragma once

// What a user sees wrong in a laid-out window, found from the widgets'
// geometry: a widget cut off (shorter than its text needs at its width,
// or narrower than its text, or reaching past the window's edge) and widgets drawn over each other.
// Empty when nothing is wrong.

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStringList>
#include <QWidget>

namespace UiTest {

inline QString describe(const QWidget *widget)
{
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    return QStringLiteral("%1 \"%2\"")
            .arg(QString::fromLatin1(widget->metaObject()->className()), text.left(40));
}

// The widgets a user reads or operates, visible in `window`.
inline QList<QWidget *> leafWidgets(QWidget *window)
{
    QList<QWidget *> leaves;
    const QList<QWidget *> all = window->findChildren<QWidget *>();
    for (QWidget *widget : all) {
        if (!widget->isVisibleTo(window) || widget->isWindow())
            continue;
        if (qobject_cast<QLabel *>(widget) || qobject_cast<QAbstractButton *>(widget) ||
            qobject_cast<QLineEdit *>(widget) || qobject_cast<QComboBox *>(widget)) {
            // Parts of a compound widget (a combo box's line edit) are its own.
            if (qobject_cast<QComboBox *>(widget->parentWidget()))
                continue;
            leaves.append(widget);
        }
    }
    return leaves;
}

inline QString layoutProblems(QWidget *window)
{
    QStringList problems;
    const QList<QWidget *> leaves = leafWidgets(window);
    for (int i = 0; i < leaves.size(); ++i) {
        QWidget *widget = leaves.at(i);
        const QRect rect(widget->mapTo(window, QPoint(0, 0)), widget->size());
        if (!window->rect().contains(rect))
            problems << QStringLiteral("%1 reaches past the window").arg(describe(widget));
        if (widget->hasHeightForWidth() && widget->height() < widget->heightForWidth(rect.width()))
            problems << QStringLiteral("%1 is cut off (%2 of %3 pixels high)")
                                .arg(describe(widget))
                                .arg(widget->height())
                                .arg(widget->heightForWidth(rect.width()));
        // A text that does not wrap needs its width ("xport and dele").
        const auto *label = qobject_cast<QLabel *>(widget);
        const bool fixedText =
                qobject_cast<QAbstractButton *>(widget) || (label && !label->wordWrap());
        if (fixedText && widget->width() < widget->minimumSizeHint().width())
            problems << QStringLiteral("%1 is cut off (%2 of %3 pixels wide)")
                                .arg(describe(widget))
                                .arg(widget->width())
                                .arg(widget->minimumSizeHint().width());
        for (int j = i + 1; j < leaves.size(); ++j) {
            QWidget *other = leaves.at(j);
            if (widget->isAncestorOf(other) || other->isAncestorOf(widget))
                continue;
            const QRect otherRect(other->mapTo(window, QPoint(0, 0)), other->size());
            if (rect.intersects(otherRect))
                problems << QStringLiteral("%1 overlaps %2").arg(describe(widget), describe(other));
        }
    }
    return problems.join(QLatin1Char('\n'));
}

} // namespace UiTest
