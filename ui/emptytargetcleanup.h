#pragma once

#include "export/exporttarget.h"

#include <QString>
#include <QStringList>

// An export that wrote nothing leaves nothing behind (issue 14): the sinks
// create their target when the export starts (to refuse an unusable one
// before talking to the server), so a run that finds nothing new left an
// empty folder, an empty Maildir or a folder for an mbox file that was never
// written. Before the export, remember() notes which parts of the target
// do not exist yet; after an export that exported nothing, removeCreated()
// removes those parts again, and only while they are empty (rmdir, and an
// mbox file of 0 bytes): whatever holds anything stays. mailpeek-cli keeps
// its behaviour; this is the window's.
class EmptyTargetCleanup
{
public:
    void remember(const ExportTarget &target);
    void removeCreated() const;

private:
    QString m_file; // an mbox file that did not exist
    QStringList m_directories; // deepest first
};
