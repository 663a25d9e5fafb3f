#include "pop3reply.h"

#include "pop3parse.h"

#include <QIODevice>

Pop3Reply::Pop3Reply(Command command, int messageNumber, QObject *parent)
    : QObject(parent)
    , m_command(command)
    , m_messageNumber(messageNumber)
{ }

Pop3Reply::~Pop3Reply() = default;

QByteArray Pop3Reply::responseText() const
{
    return Pop3Parse::statusText(m_statusLine).toByteArray();
}

bool Pop3Reply::appendBody(QByteArrayView bytes)
{
    m_bodyOctets += bytes.size();
    if (m_outputFailed)
        return false;
    if (!m_streaming) {
        m_data.append(bytes);
        return true;
    }
    if (!m_output) { // the caller destroyed its device mid-stream
        m_outputFailed = true;
        return false;
    }
    // QIODevice::write may accept less than asked on some devices.
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 written = m_output->write(bytes.data() + done, bytes.size() - done);
        if (written <= 0) {
            m_outputFailed = true;
            return false;
        }
        done += written;
    }
    return true;
}

void Pop3Reply::finish(Pop3Error error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

void Pop3Reply::parsePendingUidListing() const
{
    if (!m_uidListingPending)
        return;
    m_uidListingPending = false;
    Pop3Parse::ListingResult listing = Pop3Parse::parseUidListing(m_data);
    m_uids = std::move(listing.uids);
    m_unusableUids = std::move(listing.unusableUids);
}
