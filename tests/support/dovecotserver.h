#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

/*
 * A private Dovecot 2.3 POP3 server for one test executable, the real
 * server the integration tests hold Mailpeek against.
 *
 * It lives in a temporary directory: its own dovecot.conf, base_dir and
 * state_dir, a passwd-file with plain passwords (so that USER/PASS, APOP,
 * PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1 and SCRAM-SHA-256 all work), one
 * Maildir per user and the log. It listens on two free loopback ports:
 * pop3Port() (plaintext, offers STLS) and pop3sPort() (implicit TLS), with
 * the test CA's "localhost" certificate (caCertificatePath()).
 *
 * Mailboxes are written directly as Maildir files together with Dovecot's
 * own dovecot-uidlist, so the POP3 message numbers follow the order given
 * to setMessages() and the UIDLs (format "%v.%u") are known in advance:
 * expectedUidl(). Only call setMessages() while no client is logged in to
 * that mailbox.
 *
 * Two accounts exist: user() for read-only tests and scratchUser() for
 * tests that delete.
 */
class DovecotServer : public QObject
{
    Q_OBJECT
public:
    explicit DovecotServer(QObject *parent = nullptr);
    ~DovecotServer() override;

    // Writes the configuration and starts Dovecot; returns once both ports
    // accept connections and the plaintext one greets. On failure `error`
    // says why and includes Dovecot's log.
    bool start(QString *error = nullptr);
    // Stops Dovecot and waits for its master process; the destructor does it
    // too. The mailboxes stay on disk until the object is destroyed.
    void stop();
    [[nodiscard]] bool isRunning() const;

    // Where to connect: Dovecot listens on IPv4 loopback only. The
    // certificate names both "localhost" and 127.0.0.1.
    [[nodiscard]] static QString host() { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] quint16 pop3Port() const { return m_pop3Port; }
    [[nodiscard]] quint16 pop3sPort() const { return m_pop3sPort; }

    [[nodiscard]] QString user() const { return m_accounts.at(0).user; }
    [[nodiscard]] QString password() const { return m_accounts.at(0).password; }
    // The account for destructive tests (DELE + QUIT).
    [[nodiscard]] QString scratchUser() const { return m_accounts.at(1).user; }
    [[nodiscard]] QString scratchPassword() const { return m_accounts.at(1).password; }

    // Replaces the user's mailbox (user() by default) with `messages`, in
    // this order: message n is messages[n - 1]. The bytes are stored as they
    // are; Dovecot sends bare LF as CRLF.
    void setMessages(const QList<QByteArray> &messages, const QString &user = {});
    [[nodiscard]] QString maildirPath(const QString &user = {}) const;

    // Message n (1-based) exactly as Dovecot stores it on disk; empty if it
    // no longer exists (deleted by DELE + QUIT).
    [[nodiscard]] QByteArray storedMessage(int n, const QString &user = {}) const;
    // How many message files the Maildir holds right now.
    [[nodiscard]] int storedMessageCount(const QString &user = {}) const;
    // The UIDL Dovecot gives message n of the last setMessages().
    [[nodiscard]] QByteArray expectedUidl(int n, const QString &user = {}) const;

    // What a POP3 client sees for stored bytes once it has removed the dot
    // stuffing and the terminating line: line ends as CRLF (bare LF gets a
    // CR, existing CRLF stays), and a final CRLF if the message lacked one.
    [[nodiscard]] static QByteArray pop3Octets(const QByteArray &stored);
    // The answer to "TOP n lines" for stored bytes: the header, the blank
    // line after it and the first `lines` lines of the body, as pop3Octets().
    [[nodiscard]] static QByteArray pop3Top(const QByteArray &stored, int lines);
    // The size LIST reports: the octets of the message with CRLF line ends,
    // not counting the CRLF the server adds to an unterminated last line.
    [[nodiscard]] static qint64 pop3Size(const QByteArray &stored);

    // Dovecot's log file plus anything the master printed; for failures.
    [[nodiscard]] QString logContents() const;
    [[nodiscard]] QString configPath() const;
    [[nodiscard]] static QString caCertificatePath();

private:
    struct Account
    {
        QString user;
        QString password;
    };

    bool writeConfiguration(QString *error);
    bool launch(QString *error, bool *portsBusy);
    bool waitUntilReady(QString *error);
    bool greets(quint16 port, int timeoutMs) const;
    bool accepts(quint16 port, int timeoutMs) const;
    QString resolvedUser(const QString &user) const;
    QString findStoredFile(const QString &user, const QString &baseName) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QByteArray m_processOutput;
    QList<Account> m_accounts{{QStringLiteral("alice"), QStringLiteral("s3cret-Pa55.word")},
                              {QStringLiteral("scratch"), QStringLiteral("Scr4tch-pass!")}};
    // Maildir base names in UID order, and the UIDVALIDITY, per user.
    QHash<QString, QStringList> m_files;
    QHash<QString, quint32> m_uidValidity;
    quint32 m_nextUidValidity = 1600000000;
    quint16 m_pop3Port = 0;
    quint16 m_pop3sPort = 0;
    uint m_mailUid = 0;
    uint m_mailGid = 0;
    QString m_mailUser;
};
