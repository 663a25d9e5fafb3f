#include "dovecotserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <functional>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr int StartAttempts = 5;
constexpr int ReadyTimeoutMs = 15000;
constexpr int PollIntervalMs = 50;
constexpr int StopTimeoutMs = 10000;

QString dovecotBinary()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("dovecot"));
    if (!onPath.isEmpty())
        return onPath;
    // Debian installs it in sbin, which is not on an ordinary user's PATH.
    return QStandardPaths::findExecutable(QStringLiteral("dovecot"),
                                          {QStringLiteral("/usr/sbin"),
                                           QStringLiteral("/usr/local/sbin"),
                                           QStringLiteral("/sbin")});
}

// Two distinct ports nobody listens on right now. Another process may take
// one before Dovecot binds it; start() retries with new ports then.
QList<quint16> pickFreePorts(int count)
{
    QList<QTcpServer *> servers;
    QList<quint16> ports;
    for (int i = 0; i < count; ++i) {
        auto *server = new QTcpServer;
        if (server->listen(QHostAddress::LocalHost, 0))
            ports.append(server->serverPort());
        servers.append(server);
    }
    qDeleteAll(servers);
    return ports;
}

// Runs a local event loop until one of the signals `connectQuit` wires to
// QEventLoop::quit fires, or `timeoutMs` passes: waiting without sleeping.
void runEventLoop(int timeoutMs, const std::function<void(QEventLoop &)> &connectQuit)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connectQuit(loop);
    timer.start(timeoutMs);
    loop.exec();
}

void setOwner(const QString &path, uint uid, uint gid)
{
    if (::geteuid() != 0)
        return;
    // Mail processes run as the mail user, which must own its Maildir.
    if (::chown(QFile::encodeName(path).constData(), uid, gid) != 0)
        qWarning("DovecotServer: cannot chown %s", qPrintable(path));
}

QByteArray toCrlf(const QByteArray &stored)
{
    QByteArray out;
    out.reserve(stored.size() + stored.size() / 40 + 2);
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const char c = stored.at(i);
        if (c == '\n' && (i == 0 || stored.at(i - 1) != '\r'))
            out.append('\r');
        out.append(c);
    }
    return out;
}

} // namespace

DovecotServer::DovecotServer(QObject *parent)
    : QObject(parent)
{
    if (::geteuid() == 0) {
        // Dovecot refuses to give mail access to uid 0; as root we hand the
        // Maildirs to the system "mail" user (Debian's uid 8).
        const passwd *mail = ::getpwnam("mail");
        if (!mail)
            mail = ::getpwnam("dovecot");
        if (mail) {
            m_mailUid = mail->pw_uid;
            m_mailGid = mail->pw_gid;
            m_mailUser = QString::fromLocal8Bit(mail->pw_name);
        }
    } else {
        // An unprivileged Dovecot runs everything as the current user.
        m_mailUid = ::getuid();
        m_mailGid = ::getgid();
        if (const passwd *self = ::getpwuid(m_mailUid))
            m_mailUser = QString::fromLocal8Bit(self->pw_name);
    }

    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                            QStringLiteral("/mailpeek-dovecot-XXXXXX"));
    // QTemporaryDir is 0700; the mail user and Dovecot's own users must be
    // able to reach their Maildirs, the passwd-file and the sockets.
    QFile::setPermissions(m_dir->path(),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                  QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                  QFile::ExeOther);
    for (const Account &account : std::as_const(m_accounts))
        setMessages({}, account.user);
}

DovecotServer::~DovecotServer()
{
    stop();
}

QString DovecotServer::caCertificatePath()
{
    return QStringLiteral(MAILPEEK_TEST_CERTS_DIR "/ca.pem");
}

QString DovecotServer::configPath() const
{
    return m_dir->filePath(QStringLiteral("dovecot.conf"));
}

QString DovecotServer::resolvedUser(const QString &user) const
{
    return user.isEmpty() ? this->user() : user;
}

QString DovecotServer::maildirPath(const QString &user) const
{
    return m_dir->filePath(QStringLiteral("mail/") + resolvedUser(user));
}

bool DovecotServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool DovecotServer::writeConfiguration(QString *error)
{
    const QString certs = QStringLiteral(MAILPEEK_TEST_CERTS_DIR);
    const QString base = m_dir->path();
    const bool root = ::geteuid() == 0;
    const QString loginUser = root ? QStringLiteral("dovenull") : m_mailUser;
    const QString internalUser = root ? QStringLiteral("dovecot") : m_mailUser;

    QFile passwd(m_dir->filePath(QStringLiteral("passwd")));
    if (!passwd.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1").arg(passwd.fileName());
        return false;
    }
    // Plain passwords: CRAM-MD5, SCRAM and APOP need the secret itself.
    for (const Account &account : std::as_const(m_accounts))
        passwd.write(account.user.toUtf8() + ":{PLAIN}" + account.password.toUtf8() + "\n");
    passwd.close();
    // The auth process runs as the internal user and must read it.
    passwd.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                          QFile::ReadOther);

    QDir(base).mkpath(QStringLiteral("run"));
    QDir(base).mkpath(QStringLiteral("state"));

    QString dh;
    if (QFileInfo::exists(QStringLiteral("/usr/share/dovecot/dh.pem")))
        dh = QStringLiteral("ssl_dh = </usr/share/dovecot/dh.pem\n");

    const QString config = QStringLiteral(R"(# Written by DovecotServer for one test run.
protocols = pop3
listen = 127.0.0.1
base_dir = %1/run
state_dir = %1/state
instance_name = mailpeek-test-%2
log_path = %1/dovecot.log
default_login_user = %3
default_internal_user = %4
mail_uid = %5
mail_gid = %6
first_valid_uid = %5
first_valid_gid = %6
mail_location = maildir:%1/mail/%u
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 apop
auth_verbose = yes
# Wrong-password tests should not slow every later login down: no
# failure delay here, no anvil penalty below.
auth_failure_delay = 0
mail_max_userip_connections = 200
ssl = yes
ssl_cert = <%7/server.pem
ssl_key = <%7/server.key
%8pop3_uidl_format = %v.%u
pop3_no_flag_updates = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN %1/passwd
}
userdb {
  driver = static
  args = uid=%5 gid=%6 home=%1/mail/%u
}
# Dovecot chroots these by default, which needs root-owned directories
# outside a temporary folder.
service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = %9
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = %10
    ssl = yes
  }
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
)")
                                   .arg(base, QString::number(::getpid()), loginUser, internalUser,
                                        QString::number(m_mailUid), QString::number(m_mailGid),
                                        certs, dh, QString::number(m_pop3Port))
                                   .arg(m_pop3sPort);

    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(config.toUtf8()) != config.toUtf8().size()) {
        *error = QStringLiteral("cannot write %1").arg(configPath());
        return false;
    }
    return true;
}

bool DovecotServer::start(QString *error)
{
    QString localError;
    if (!error)
        error = &localError;
    if (isRunning())
        return true;

    const QString binary = dovecotBinary();
    if (binary.isEmpty()) {
        *error = QStringLiteral("dovecot not found (install dovecot-core and dovecot-pop3d)");
        return false;
    }

    for (int attempt = 0; attempt < StartAttempts; ++attempt) {
        const QList<quint16> ports = pickFreePorts(2);
        if (ports.size() != 2) {
            *error = QStringLiteral("no free loopback port");
            return false;
        }
        m_pop3Port = ports.at(0);
        m_pop3sPort = ports.at(1);
        if (!writeConfiguration(error))
            return false;
        bool portsBusy = false;
        if (launch(error, &portsBusy))
            return true;
        stop();
        if (!portsBusy)
            return false;
        // Someone took a port between our probe and Dovecot's bind: retry.
        QFile::remove(m_dir->filePath(QStringLiteral("dovecot.log")));
    }
    return false;
}

bool DovecotServer::launch(QString *error, bool *portsBusy)
{
    m_processOutput.clear();
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProgram(dovecotBinary());
    // -F keeps the master in the foreground, so it is our child to stop.
    m_process->setArguments({QStringLiteral("-F"), QStringLiteral("-c"), configPath()});
    // If the test executable crashes, Dovecot must not outlive it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    connect(m_process, &QProcess::readyRead, this,
            [this] { m_processOutput += m_process->readAll(); });
    m_process->start();
    if (!m_process->waitForStarted()) {
        *error = QStringLiteral("cannot run %1: %2")
                         .arg(m_process->program(), m_process->errorString());
        return false;
    }

    if (waitUntilReady(error))
        return true;
    const QString log = logContents();
    *portsBusy = log.contains(QLatin1String("Address already in use"));
    *error += QStringLiteral("\n--- Dovecot log ---\n") + log;
    return false;
}

bool DovecotServer::waitUntilReady(QString *error)
{
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < ReadyTimeoutMs) {
        if (m_process->state() != QProcess::Running) {
            *error = QStringLiteral("dovecot exited with code %1 during start-up")
                             .arg(m_process->exitCode());
            return false;
        }
        // A greeting proves more than a bound port: pop3-login runs and
        // reaches its master, so the first test's login will not race it.
        if (accepts(m_pop3sPort, 1000) && greets(m_pop3Port, 5000))
            return true;
        runEventLoop(PollIntervalMs, [this](QEventLoop &loop) {
            connect(m_process, &QProcess::finished, &loop, &QEventLoop::quit);
        });
    }
    *error = QStringLiteral("dovecot did not accept connections on ports %1 and %2 within %3 s")
                     .arg(m_pop3Port)
                     .arg(m_pop3sPort)
                     .arg(ReadyTimeoutMs / 1000);
    return false;
}

bool DovecotServer::accepts(quint16 port, int timeoutMs) const
{
    QTcpSocket socket;
    runEventLoop(timeoutMs, [&socket, port](QEventLoop &loop) {
        connect(&socket, &QTcpSocket::connected, &loop, &QEventLoop::quit);
        connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        socket.connectToHost(QHostAddress::LocalHost, port);
    });
    const bool ok = socket.state() == QAbstractSocket::ConnectedState;
    socket.abort();
    return ok;
}

bool DovecotServer::greets(quint16 port, int timeoutMs) const
{
    QTcpSocket socket;
    runEventLoop(timeoutMs, [&socket, port](QEventLoop &loop) {
        connect(&socket, &QTcpSocket::readyRead, &loop, [&socket, &loop] {
            if (socket.canReadLine())
                loop.quit();
        });
        connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        socket.connectToHost(QHostAddress::LocalHost, port);
    });
    const bool ok = socket.canReadLine() && socket.readLine().startsWith("+OK");
    socket.abort();
    return ok;
}

void DovecotServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        // SIGTERM: the master stops its children (shutdown_clients is on)
        // and waits for them before it exits.
        m_process->terminate();
        if (!m_process->waitForFinished(StopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(StopTimeoutMs);
        }
    }
    m_processOutput += m_process->readAll();
    delete m_process;
    m_process = nullptr;
}

void DovecotServer::setMessages(const QList<QByteArray> &messages, const QString &user)
{
    const QString name = resolvedUser(user);
    const QString path = maildirPath(name);
    // Start from nothing: Dovecot's indexes of the old content go too.
    QDir(path).removeRecursively();
    QDir().mkpath(m_dir->filePath(QStringLiteral("mail")));
    QStringList files;
    const quint32 uidValidity = m_nextUidValidity++;
    for (const char *sub : {"", "/cur", "/new", "/tmp"}) {
        QDir().mkpath(path + QLatin1String(sub));
        setOwner(path + QLatin1String(sub), m_mailUid, m_mailGid);
    }

    // Maildir names as Dovecot makes them; the times only increase, but the
    // order that counts is the one dovecot-uidlist below assigns.
    QByteArray uidlist = "3 V" + QByteArray::number(uidValidity) + " N" +
            QByteArray::number(messages.size() + 1) + " G" +
            QUuid::createUuid().toByteArray(QUuid::Id128) + "\n";
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString base = QStringLiteral("%1.M%2P%3Q%4.mailpeek")
                                     .arg(uidValidity + i)
                                     .arg(i)
                                     .arg(::getpid())
                                     .arg(i + 1);
        const QString filePath = path + QStringLiteral("/cur/") + base + QStringLiteral(":2,");
        QFile file(filePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(messages.at(i)) != messages.at(i).size())
            qFatal("DovecotServer: cannot write %s", qPrintable(filePath));
        file.close();
        setOwner(filePath, m_mailUid, m_mailGid);
        files.append(base);
        uidlist += QByteArray::number(i + 1) + " :" + QFile::encodeName(base) + "\n";
    }
    const QString uidlistPath = path + QStringLiteral("/dovecot-uidlist");
    QFile uidlistFile(uidlistPath);
    if (!uidlistFile.open(QIODevice::WriteOnly) || uidlistFile.write(uidlist) != uidlist.size())
        qFatal("DovecotServer: cannot write %s", qPrintable(uidlistPath));
    uidlistFile.close();
    setOwner(uidlistPath, m_mailUid, m_mailGid);

    m_files.insert(name, files);
    m_uidValidity.insert(name, uidValidity);
}

QString DovecotServer::findStoredFile(const QString &user, const QString &baseName) const
{
    // Dovecot may have moved the file from new/ to cur/ or added flags
    // after the ':'; the base name before it stays.
    for (const char *sub : {"/cur", "/new"}) {
        const QDir dir(maildirPath(user) + QLatin1String(sub));
        const QStringList entries = dir.entryList(QDir::Files);
        for (const QString &entry : entries) {
            if (entry == baseName || entry.startsWith(baseName + QLatin1Char(':')))
                return dir.filePath(entry);
        }
    }
    return {};
}

QByteArray DovecotServer::storedMessage(int n, const QString &user) const
{
    const QStringList files = m_files.value(resolvedUser(user));
    if (n < 1 || n > files.size())
        return {};
    const QString path = findStoredFile(resolvedUser(user), files.at(n - 1));
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

int DovecotServer::storedMessageCount(const QString &user) const
{
    int count = 0;
    for (const char *sub : {"/cur", "/new"})
        count += int(QDir(maildirPath(user) + QLatin1String(sub)).entryList(QDir::Files).size());
    return count;
}

QByteArray DovecotServer::expectedUidl(int n, const QString &user) const
{
    return QByteArray::number(m_uidValidity.value(resolvedUser(user))) + '.' +
            QByteArray::number(n);
}

QByteArray DovecotServer::pop3Octets(const QByteArray &stored)
{
    QByteArray out = toCrlf(stored);
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

qint64 DovecotServer::pop3Size(const QByteArray &stored)
{
    return toCrlf(stored).size();
}

QByteArray DovecotServer::pop3Top(const QByteArray &stored, int lines)
{
    const QByteArray crlf = toCrlf(stored);
    qsizetype headerEnd = -1;
    if (crlf.startsWith("\r\n"))
        headerEnd = 2;
    else if (const qsizetype blank = crlf.indexOf("\r\n\r\n"); blank >= 0)
        headerEnd = blank + 4;
    if (headerEnd < 0)
        return pop3Octets(stored);
    qsizetype end = headerEnd;
    for (int line = 0; line < lines && end < crlf.size(); ++line) {
        const qsizetype next = crlf.indexOf("\r\n", end);
        end = next < 0 ? crlf.size() : next + 2;
    }
    return pop3Octets(crlf.left(end));
}

QString DovecotServer::logContents() const
{
    QFile log(m_dir->filePath(QStringLiteral("dovecot.log")));
    QString text;
    if (log.open(QIODevice::ReadOnly))
        text = QString::fromLocal8Bit(log.readAll());
    QByteArray output = m_processOutput;
    if (m_process)
        output += m_process->peek(m_process->bytesAvailable());
    if (!output.isEmpty())
        text += QStringLiteral("--- dovecot's own output ---\n") + QString::fromLocal8Bit(output);
    return text;
}
