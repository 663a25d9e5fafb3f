#pragma once

#include <QFontMetrics>
#include <QWidget>

// The one size unit of the window and its dialogs: the widget's own font.
// Widths are counted in average characters and heights in lines, so the
// layout keeps its proportions with a larger font or a CJK one, where
// fixed pixels squeezed the text (issue 14).
namespace SizeUnits {

[[nodiscard]] inline int chars(const QWidget *widget, int count)
{
    return widget->fontMetrics().averageCharWidth() * count;
}

[[nodiscard]] inline int lines(const QWidget *widget, int count)
{
    return widget->fontMetrics().lineSpacing() * count;
}

} // namespace SizeUnits
