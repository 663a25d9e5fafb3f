#pragma once

#include <QCoreApplication>
#include <QString>

// The protocol layer's user-visible texts all use Pop3Connection's
// translation context, whichever of its classes words them, so moving a
// text between them never loses its translation. Call it qualified,
// `Pop3Text::tr("...")`: lupdate reads the context from the
// Q_DECLARE_TR_FUNCTIONS below, and an unqualified tr() in a class without
// one of its own would be filed under that class's name instead.
class Pop3Text
{
    Q_DECLARE_TR_FUNCTIONS(Pop3Connection)
};
