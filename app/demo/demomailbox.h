#pragma once

#include <QByteArray>
#include <QList>

#include <memory>

// The built-in sample mailbox the demo server serves: messages as a POP3
// server stores them (CRLF line ends, not dot-stuffed), each with a stable
// unique-id. Most come from resources/demo/mailbox; two are generated on
// demand because they would be unreadable (a 20,000-character line) or
// too big (20 MB) to commit. The big one is never held in memory whole:
// read() computes any range of it.
//
// Indexes are 0-based; POP3 message numbers are the server session's business.
class DemoMailbox
{
public:
    // The size of the generated large message, in octets.
    static constexpr qint64 LargeMessageMinimumSize = qint64(20) << 20;
    static constexpr int LongLineLength = 20000;

    DemoMailbox();
    ~DemoMailbox();
    DemoMailbox(const DemoMailbox &) = delete;
    DemoMailbox &operator=(const DemoMailbox &) = delete;

    [[nodiscard]] int count() const { return int(m_messages.size()); }
    [[nodiscard]] QByteArray uid(int index) const;
    [[nodiscard]] qint64 size(int index) const;
    // Up to maxSize octets of message `index` from `offset`.
    [[nodiscard]] QByteArray read(int index, qint64 offset, qint64 maxSize) const;
    // The whole message; for the large one this builds all 20 MB.
    [[nodiscard]] QByteArray content(int index) const;
    // How many leading octets TOP index bodyLines sends: the header, the
    // empty line and at most bodyLines lines of the body.
    [[nodiscard]] qint64 topLength(int index, int bodyLines) const;

    // Index of the generated messages, for tests.
    [[nodiscard]] int largeMessageIndex() const { return m_largeIndex; }
    [[nodiscard]] int longLineMessageIndex() const { return m_longLineIndex; }

private:
    class Generated;
    struct Message
    {
        QByteArray uid;
        QByteArray octets; // empty when `generated` computes them
        std::shared_ptr<const Generated> generated;
    };

    QList<Message> m_messages;
    int m_largeIndex = -1;
    int m_longLineIndex = -1;
};
