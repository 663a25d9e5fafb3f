#include "newmessagecounter.h"

#include "export/exportplanner.h"
#include "export/exporttarget.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutex>
#include <QPointer>
#include <QThreadPool>

// What the pool's tasks share: the inputs, which never change, and the
// journal, read by the first task that needs it.
struct NewMessageCounter::Shared
{
    QString journalPath;
    ExportAccount account;
    QList<Message> messages;
    QList<int> selected;

    QMutex mutex; // one count at a time; guards the journal
    std::unique_ptr<ExportStateStore> store;
    QString storeError;
    bool storeRead = false;

    struct Result
    {
        int toExport = -1;
        int total = 0;
        QString error;
    };
    Result count(const QString &target, bool selectedOnly, bool deleteAfter);
};

NewMessageCounter::Shared::Result NewMessageCounter::Shared::count(const QString &target,
                                                                   bool selectedOnly,
                                                                   bool deleteAfter)
{
    Result result;
    QString problem;
    const ExportTarget parsed = ExportTarget::parse(target, &problem);
    if (!parsed.isValid()) {
        result.error = problem;
        return result;
    }
    const QMutexLocker locker(&mutex);
    if (!storeRead) {
        storeRead = true;
        // No journal yet means nothing exported yet. Not created here: the
        // dialog only looks.
        if (QFileInfo::exists(journalPath)) {
            store = std::make_unique<ExportStateStore>(journalPath);
            if (!store->open()) {
                storeError = store->errorString();
                store.reset();
            }
        }
    }
    if (!storeError.isEmpty()) {
        result.error = storeError;
        return result;
    }

    ExportOptions options;
    options.onlyNew = true;
    options.deleteAfter = deleteAfter;
    QList<ScanEntry> listing;
    QList<UniqueIdEntry> uids;
    listing.reserve(messages.size());
    for (const Message &message : std::as_const(messages)) {
        listing.append({message.number, message.octets});
        if (!message.uid.isEmpty())
            uids.append({message.number, message.uid});
    }
    if (selectedOnly) {
        // As the export finds them: by key, in its own listing.
        options.selectByKey = true;
        for (const Message &message : std::as_const(messages)) {
            if (!selected.contains(message.number))
                continue;
            ExportOptions::Selector selector;
            selector.uid = message.uid;
            selector.octets = message.octets;
            selector.shownNumber = message.number;
            options.selection.append(selector);
        }
        result.total = int(options.selection.size());
    } else {
        result.total = int(messages.size());
    }
    ExportPlanner planner(options, account);
    (void)planner.readListing(MailboxListing::mergeListing(listing, uids, {}, true));
    const QString destination = ExportTarget::destinationOf(parsed.format(), parsed.path());
    const ExportPlanner::Plan plan = planner.plan(
            [this, &destination](const ExportKey &key, qint64 octets) {
                return store ? store->lookup(key, octets, destination) : ExportStateStore::Lookup();
            },
            destination);
    // A message without a UID is keyed by its headers, which only the export
    // reads: counted as new, as it is unless it went here before.
    result.toExport = int(plan.toFetch.size()) + plan.failed;
    return result;
}

NewMessageCounter::NewMessageCounter(QString journalPath, ExportAccount account,
                                     QList<Message> messages, QList<int> selectedNumbers,
                                     QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->journalPath = std::move(journalPath);
    m_shared->account = std::move(account);
    m_shared->messages = std::move(messages);
    m_shared->selected = std::move(selectedNumbers);
}

NewMessageCounter::~NewMessageCounter() = default;

void NewMessageCounter::count(const QString &target, bool selectedOnly, bool deleteAfter)
{
    const quint64 request = ++m_request;
    QPointer<NewMessageCounter> self(this);
    QThreadPool::globalInstance()->start([self, shared = m_shared, request, target, selectedOnly,
                                          deleteAfter] {
        const Shared::Result result = shared->count(target, selectedOnly, deleteAfter);
        QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, request, target, result] {
                    // Only the latest request: the user typed on.
                    if (self && self->m_request == request)
                        Q_EMIT self->counted(target, result.toExport, result.total, result.error);
                },
                Qt::QueuedConnection);
    });
}
