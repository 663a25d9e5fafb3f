#pragma once

#include "demoidentity.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class DemoMaildrop;
class QSslSocket;
class ScramServer;

// One client connection of the DemoServer: the RFC 1939 state machine with
// STLS, SASL (RFC 5034) and RESP-CODES. Reads every complete line in order
// (so pipelined commands just work), and streams message octets in chunks
// as the socket drains, so a 20 MB RETR never sits in memory twice.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    // RFC 2449 allows commands of 255 octets; SASL responses are longer.
    static constexpr qsizetype MaxLine = 8192;

    // The session takes `socket` over; `maildrop` must outlive it.
    DemoSession(DemoMaildrop *maildrop, const DemoServerIdentity &identity, QSslSocket *socket,
                QObject *parent = nullptr);
    ~DemoSession() override;

    void start();
    [[nodiscard]] bool isLoggedIn() const { return m_state == State::Transaction; }

Q_SIGNALS:
    void closed();

private:
    enum class State { Authorization, Transaction, Closed };
    enum class SaslStep { None, PlainResponse, ScramClientFirst, ScramClientFinal, ScramDone };

    struct Transfer
    {
        bool active = false;
        int index = -1; // DemoMailbox index
        qint64 offset = 0;
        qint64 end = 0;
        bool atLineStart = true;
    };

    void onReadyRead();
    void onEncrypted();
    void onDisconnected();
    void processInput();
    void handleLine(const QByteArray &line);
    void handleSaslResponse(const QByteArray &line);
    void handleAuthorization(const QByteArray &command, const QList<QByteArray> &args);
    void handleTransaction(const QByteArray &command, const QList<QByteArray> &args);

    void sendCapabilities();
    void startTls();
    void startAuth(const QList<QByteArray> &args);
    void finishPlain(const QByteArray &encoded);
    void enterTransaction();
    void sendStat();
    void sendList(const QList<QByteArray> &args, bool uids);
    void quit();

    // The 0-based snapshot position of message `number`, or -1 after
    // answering -ERR.
    int messageArgument(const QByteArray &number);
    [[nodiscard]] qint64 liveOctets() const;
    [[nodiscard]] int liveCount() const;

    void startTransfer(const QByteArray &statusLine, int mailboxIndex, qint64 length);
    void pump();
    void send(const QByteArray &line);
    void closeConnection();

    DemoMaildrop *m_maildrop = nullptr;
    DemoServerIdentity m_identity;
    QSslSocket *m_socket = nullptr;
    State m_state = State::Authorization;
    QByteArray m_input;
    bool m_processing = false;
    bool m_pumping = false;
    bool m_ended = false; // closed() was emitted
    bool m_handshaking = false;
    bool m_encrypted = false;
    QByteArray m_pendingUser; // from USER, waiting for PASS
    SaslStep m_saslStep = SaslStep::None;
    std::unique_ptr<ScramServer> m_scram;
    QList<int> m_messages; // DemoMailbox indexes, fixed at login
    QList<bool> m_deleted;
    Transfer m_transfer;
    QTimer m_idleTimer;
};
