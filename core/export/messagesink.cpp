#include "messagesink.h"

#include <QCoreApplication>

#include "sinkdevice.h"

MessageSink::MessageSink(QString targetPath)
    : m_targetPath(std::move(targetPath))
{ }

// Subclasses roll back in their own destructors: by the time this one runs
// their state is gone.
MessageSink::~MessageSink() = default;

ExportResult MessageSink::open()
{
    if (m_open)
        return ExportResult::success(m_targetPath);
    m_lastError = doOpen();
    m_open = m_lastError.isOk();
    return m_lastError;
}

QIODevice *MessageSink::begin(const ExportMessageInfo &info)
{
    if (m_device) {
        m_lastError = ExportResult(
                ExportResult::Kind::Usage,
                QStringLiteral("A message is already being written to %1; commit or roll it back "
                               "first")
                        .arg(m_targetPath));
        return nullptr;
    }
    if (!m_open && open().isError())
        return nullptr;
    m_lastError = doBegin(info);
    if (m_lastError.isError()) {
        doRollback();
        m_device.reset();
        return nullptr;
    }
    Q_ASSERT(m_device);
    return m_device.get();
}

ExportResult MessageSink::stage()
{
    if (!m_device) {
        m_lastError = ExportResult(
                ExportResult::Kind::Usage,
                QCoreApplication::translate("MessageSink", "No message is being written to %1")
                        .arg(m_targetPath));
        return m_lastError;
    }
    ExportResult result = m_device->finish();
    qint64 offset = 0;
    if (result.isOk())
        result = doStage(&offset);
    if (result.isError()) {
        doRollback();
    } else {
        ++m_staged;
        m_lastStagedOffset = offset;
    }
    m_device.reset();
    m_lastError = result;
    return result;
}

ExportResult MessageSink::commitBatch()
{
    if (m_device) {
        m_lastError = ExportResult(
                ExportResult::Kind::Usage,
                QStringLiteral("A message is still being written to %1; stage or roll it back "
                               "before committing")
                        .arg(m_targetPath));
        return m_lastError;
    }
    m_lastCommittedPaths.clear();
    if (m_staged == 0) {
        m_lastError = ExportResult::success(m_targetPath);
        return m_lastError;
    }
    QStringList paths;
    ExportResult result = doCommitBatch(&paths);
    if (result.isError()) {
        doRollbackBatch();
    } else {
        m_committed += m_staged;
        ++m_batches;
        m_lastCommittedPaths = std::move(paths);
    }
    m_staged = 0;
    m_lastError = result;
    return result;
}

ExportResult MessageSink::commit()
{
    ExportResult staged = stage();
    if (staged.isError())
        return staged;
    ExportResult result = commitBatch();
    if (result.isOk() && !m_lastCommittedPaths.isEmpty())
        result = ExportResult::success(m_lastCommittedPaths.constLast());
    m_lastError = result;
    return result;
}

void MessageSink::rollback()
{
    if (!m_device)
        return;
    doRollback();
    m_device.reset();
}

void MessageSink::rollbackBatch()
{
    rollback();
    if (m_staged > 0)
        doRollbackBatch();
    m_staged = 0;
}

void MessageSink::setDevice(std::unique_ptr<SinkDevice> device)
{
    m_device = std::move(device);
}
