#pragma once

#include "export/exportoptions.h"
#include "export/exportstatestore.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

// How many messages an "only new" export to a target would fetch, said in
// the export dialog before it starts. The same ExportPlanner as the export
// decides, over the listed rows and the journal for that destination
// (ExportStateStore), so the dialog cannot promise what the export does not
// do. The journal can be large (a line per message ever exported), so it is
// read, once, and every count made on the global thread pool; the answer
// comes back through counted(), only for the latest request.
class NewMessageCounter : public QObject
{
    Q_OBJECT
public:
    struct Message
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid; // empty when the list has no usable UID
    };

    NewMessageCounter(QString journalPath, ExportAccount account, QList<Message> messages,
                      QList<int> selectedNumbers, QObject *parent = nullptr);
    ~NewMessageCounter() override;

    // `target` as ExportTarget reads it ("eml:DIR"...). Returns at once.
    void count(const QString &target, bool selectedOnly, bool deleteAfter);

Q_SIGNALS:
    // toExport of total messages would be exported; error says why no count
    // could be made (toExport is then -1).
    void counted(const QString &target, int toExport, int total, const QString &error);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    quint64 m_request = 0;
};
