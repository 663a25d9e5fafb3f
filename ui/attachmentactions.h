#pragma once

#include "mime/attachmentlist.h"
#include "mime/parsedmessage.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QTemporaryDir;
class QWidget;

// What can be done with a message's parts: save one (a file dialog), save
// all into a folder (a folder dialog), or open one with the desktop's
// application. The disk work runs on the thread pool, the part decoded in
// blocks (from the spool file for a big message), never loaded whole.
// Every outcome, good or bad, arrives as done(): the viewer shows it where
// the user is looking, naming where the files went.
//
// Files are named through FileNameSanitizer, never from raw header text,
// and never written over an existing file ("name (2).pdf" instead).
// "Open" writes into a private folder (mode 0700, under the system's
// temporary directory) that lives as long as this object, i.e. until the
// viewer goes with the window; programs (scripts, .desktop files,
// executables) are never opened, only saved.
class AttachmentActions : public QObject
{
    Q_OBJECT
public:
    explicit AttachmentActions(QWidget *dialogParent);
    ~AttachmentActions() override;

    void save(const ParsedMessage &message, const OfferedPart &part);
    void saveAll(const ParsedMessage &message, const QList<OfferedPart> &parts);
    void open(const ParsedMessage &message, const OfferedPart &part);

    // Writes parts into directory under sanitised, unique names. Returns
    // the paths written; stops at the first failure with *error set (what
    // was written stays). Any thread.
    [[nodiscard]] static QStringList writeParts(const ParsedMessage &message,
                                                const QList<OfferedPart> &parts,
                                                const QString &directory, QString *error);
    // True for a part that would run code if opened.
    [[nodiscard]] static bool isProgram(const OfferedPart &part);

Q_SIGNALS:
    // text: a sentence for the user; failed: it reports an error.
    void done(const QString &text, bool failed);

private:
    // Runs writeParts() on the thread pool; then(paths) on this thread on success.
    void writeInBackground(const ParsedMessage &message, const QList<OfferedPart> &parts,
                           const QString &directory,
                           std::function<void(const QStringList &paths)> then);
    void reportSaved(const QString &directory, const QStringList &paths);
    [[nodiscard]] QString privateDirectory();

    QWidget *m_dialogParent;
    std::unique_ptr<QTemporaryDir> m_openDirectory;
};
