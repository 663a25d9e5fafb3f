#pragma once

#include "export/exportjob.h"

#include <QDialog>

class NewMessageCounter;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTimer;

// Asks where and how to export: format (.eml folder, mbox file, Maildir),
// the target path, selected or all messages, "only new", and "delete from
// the server after export" with a warning that says exactly when a message
// is deleted. With a NewMessageCounter it says, before the export starts,
// how many messages "only new" would export to the target shown.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum Format { EmlFolder, MboxFile, Maildir };
    Q_ENUM(Format)

    ExportDialog(int selectedCount, int totalCount, QWidget *parent = nullptr);

    void setFormat(Format format);
    void setPath(const QString &path);
    void setSelectedOnly(bool selectedOnly);
    void setOnlyNew(bool onlyNew);
    void setDeleteAfter(bool deleteAfter);
    // Takes `counter` (parented to the dialog) and keeps the count of new
    // messages up to date as the target, the choice of messages and
    // "delete" change.
    void setNewMessageCounter(NewMessageCounter *counter);

    [[nodiscard]] Format format() const;
    [[nodiscard]] QString path() const;
    // "eml:DIR", "mbox:FILE" or "maildir:DIR", as ExportTarget reads it.
    [[nodiscard]] QString target() const;
    [[nodiscard]] bool selectedOnly() const;
    [[nodiscard]] bool onlyNew() const;
    [[nodiscard]] bool deleteAfter() const;

private:
    void browse();
    void updateState();
    void recount();
    void showCount(const QString &target, int toExport, int total, const QString &error);

    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QRadioButton *m_selected = nullptr;
    QRadioButton *m_all = nullptr;
    QCheckBox *m_onlyNew = nullptr;
    QCheckBox *m_delete = nullptr;
    QLabel *m_newCount = nullptr;
    QLabel *m_warning = nullptr;
    NewMessageCounter *m_counter = nullptr;
    QTimer *m_recount = nullptr;
    QPushButton *m_exportButton = nullptr;
};
