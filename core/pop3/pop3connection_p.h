#pragma once

// Pop3Connection's machinery; not part of the library's interface.

#include "listedsizes.h"
#include "pipelinewindow.h"
#include "pop3commandspec.h"
#include "pop3connection.h"
#include "pop3framer.h"
#include "saslexchange.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>

#include <deque>
#include <memory>

class QSslSocket;
class QTimer;

class Pop3ConnectionPrivate
{
public:
    using State = Pop3Connection::State;
    using Security = Pop3Connection::Security;

    // One queued or in-flight command.
    struct Command
    {
        QPointer<Pop3Reply> reply;
        QByteArray wire; // the line to send, without CRLF
        QByteArray logText; // what the debug log shows instead (secrets masked)
        Pop3Reply::Command kind = Pop3Reply::Command::Noop; // known even once the reply is gone
        int message = 0;
        bool multiline = false;
        bool endsBatch = false; // Pop3CommandSpec::endsBatch()
        bool waitsForAnswers = false; // Pop3CommandSpec::waitsForAnswers()
        bool waitsForChanges = false; // Pop3CommandSpec::waitsForChanges()
        bool changesMailbox = false; // Pop3CommandSpec::changesMailbox()
        std::unique_ptr<SaslExchange> sasl; // AUTH only
        qint64 sentAtNs = -1; // on m_clock; -1 once its round trip was counted
    };

    explicit Pop3ConnectionPrivate(Pop3Connection *connection);
    ~Pop3ConnectionPrivate();

    // Commands
    Pop3Reply *enqueue(Pop3Reply::Command command, int message, QByteArray wire,
                       std::unique_ptr<SaslExchange> sasl = {});
    Pop3Reply *refuse(Pop3Reply::Command command, const Pop3Error &error);
    Pop3Reply *refuseInvalidNumber(Pop3Reply::Command command, int message);
    void resetForConnection(const QString &host, quint16 port, Security security,
                            Pop3Reply *greeting);
    void openSocket();

    // Sending
    void sendQueued();
    [[nodiscard]] bool mayFollow(const Command &next, bool pipelining) const;
    void writeLine(const QByteArray &line, const QByteArray &logText);
    void flush();
    void armTimers();
    void logLine(QByteArrayView direction, QByteArrayView text);
    void debug(const QString &line);

    // Socket events
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    void onDisconnected();
    void onTimeout(bool statusLine);
    void onTransferDeadline();
    [[nodiscard]] QString socketErrorMessage(Pop3Error::Code *code) const;
    // The server closed while answers wait unwalked: judged after them.
    void closedWithAnswersLeft();
    [[nodiscard]] bool hasUnreadBytes() const;
    // onReadyRead() in the next turn, once however often it is asked for.
    void readLater();

    // Answers
    void processBuffer();
    void finishWalk(quint64 generation);
    bool readBody();
    void logBodyBytes(QByteArrayView bytes);
    bool handleStatusLine(QByteArrayView line);
    void handleGreeting(QByteArrayView line);
    void measureRoundTrip(Command &front);
    [[nodiscard]] const Pop3CommandSpec &answeringSpec(const Command &front) const;
    void logStatusLine(const Pop3CommandSpec &spec, QByteArrayView line);
    bool handleSaslLine(Command &front, QByteArrayView line);
    bool handleRefusal(const Pop3CommandSpec &spec, const Command &front, QByteArrayView line);
    bool handleAccepted(const Pop3CommandSpec &spec, Command &front, QByteArrayView text);
    void recordAnswer(const Pop3CommandSpec &spec, const Command &front);
    bool acknowledgeQuit();
    bool startTls();
    void startBody(const Command &front);
    void finishBody();
    void failOversizedBody(const Command &command);
    void failUnreadable(Pop3Error::Code code, const QString &format, QByteArrayView line);
    void finishFront(Pop3Error error = {});
    void fail(const Pop3Error &error);
    void setState(State state);

    Pop3Connection *const q;

    QSslSocket *m_socket = nullptr;
    QSslConfiguration m_sslConfiguration;
    QByteArray m_pinnedDigest;
    QList<QSslError> m_sslErrors;
    QString m_host;
    quint16 m_port = 0;
    Security m_security = Security::ImplicitTls;
    State m_state = State::Unconnected;

    Pop3Framer m_framer;
    // The server's close was seen while answers were walked; judged after.
    bool m_closedDuringWalk = false;
    bool m_readQueued = false; // readLater()
    qint64 m_turnBytes = 0; // read since the last queued read (MaxReadPerTurn)
    quint64 m_generation = 0; // bumped whenever the framer's bytes stop being valid
    std::deque<std::unique_ptr<Command>> m_queue; // not yet sent
    std::deque<std::unique_ptr<Command>> m_inFlight; // sent, answer due
    QPointer<Pop3Reply> m_greeting;
    bool m_awaitingTls = false;
    bool m_quitAcknowledged = false;
    ListedSizes m_listedSizes;

    QByteArray m_welcome;
    Pop3Capabilities m_capabilities;
    bool m_utf8 = false;

    bool m_pipeliningAllowed = true;
    PipelineWindow m_window;
    QElapsedTimer m_clock; // round trips for m_window, m_framer's rate floor
    qsizetype m_inFlightBytes = 0;
    int m_inFlightChanges = 0; // DELE and RSET in flight
    qsizetype m_bytesSinceProgress = 0;
    bool m_processing = false; // inside processBuffer(): batch the writes
    bool m_sendPending = false;
    qint64 m_maxInMemoryAnswer = qint64(256) << 20;
    int m_debugLevel = 0;
    int m_connectTimeout = 30000;
    int m_timeout = 60000;
    qint64 m_minTransferRate = Pop3Connection::DefaultMinTransferRate;
    // Children of the connection, so moveToThread() carries them along.
    QTimer *m_inactivityTimer;
    QTimer *m_statusLineTimer;
    QTimer *m_transferTimer; // the rate floor's deadline
};
