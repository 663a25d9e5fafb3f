#pragma once

#include <QCoreApplication>
#include <QString>

// The protocol layer's user-visible texts all use Pop3Connection's
// translation context, whichever of its classes words them, so moving a
// text between them never loses its translation.
namespace Pop3Text {
inline QString tr(const char *text)
{
    return QCoreApplication::translate("Pop3Connection", text);
}
} // namespace Pop3Text
