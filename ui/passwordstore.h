#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// Passwords in the system keychain through QtKeychain, asynchronously (a
// keychain may prompt, or talk D-Bus: the UI thread must not wait). Where
// no keychain service runs, passwords are kept in memory for this session
// only, so the user is asked once per session; they are never written to
// the configuration file.
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    explicit PasswordStore(QObject *parent = nullptr);

    // `done(found, password)` is called later, never from within read().
    void read(const QString &key, std::function<void(bool, const QString &)> done);
    void write(const QString &key, const QString &password);
    void remove(const QString &key);
    // The password was refused: forget the in-memory copy (the keychain
    // entry is replaced by the next write()).
    void forget(const QString &key) { m_sessionCache.remove(key); }
    [[nodiscard]] bool isKeychainAvailable() const { return m_keychainAvailable; }
    // Tests run without a keychain service; they turn it off up front.
    void setKeychainEnabled(bool enabled) { m_keychainAvailable = enabled; }

private:
    QHash<QString, QString> m_sessionCache;
    bool m_keychainAvailable = true;
};
