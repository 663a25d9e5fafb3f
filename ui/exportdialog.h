#pragma once

#include "export/exportjob.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// Asks where and how to export: format (.eml folder, mbox file, Maildir),
// the target path, selected or all messages, "only new", and "delete from
// the server after export" with a warning that says exactly when a message
// is deleted.
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

    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QRadioButton *m_selected = nullptr;
    QRadioButton *m_all = nullptr;
    QCheckBox *m_onlyNew = nullptr;
    QCheckBox *m_delete = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_exportButton = nullptr;
};
