#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

// A plain-text POP3 server for the GUI probe: N generated messages
// (realistic 2-3 KB header blocks, short bodies), USER/PASS, CAPA with
// PIPELINING, STAT, LIST, UIDL, TOP, RETR, NOOP, RSET, QUIT. Messages are
// computed from their index, so the server holds only their sizes. It runs
// in a child process of the probe (guiprobe --serve N), so neither its
// work nor its memory is counted against the window being measured.
class ProbeServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit ProbeServer(int messages, QObject *parent = nullptr);

    [[nodiscard]] static QByteArray message(int index);
    [[nodiscard]] static QByteArray uid(int index);
    [[nodiscard]] int count() const { return int(m_sizes.size()); }
    [[nodiscard]] qint64 size(int index) const { return m_sizes.at(index); }
    [[nodiscard]] qint64 totalSize() const { return m_total; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QList<qint64> m_sizes;
    qint64 m_total = 0;
};
