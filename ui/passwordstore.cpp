#include "passwordstore.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace {

const QString service = QStringLiteral("Mailpeek");

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{ }

void PasswordStore::read(const QString &key, std::function<void(bool, const QString &)> done)
{
    if (m_sessionCache.contains(key) || !m_keychainAvailable) {
        const bool found = m_sessionCache.contains(key);
        const QString password = m_sessionCache.value(key);
        QTimer::singleShot(0, this, [done, found, password] { done(found, password); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(service, this);
    job->setKey(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, done] {
        if (job->error() == QKeychain::NoError) {
            m_sessionCache.insert(key, job->textData());
            done(true, job->textData());
            return;
        }
        if (job->error() != QKeychain::EntryNotFound)
            m_keychainAvailable = false; // no service: ask once, keep in memory
        done(false, QString());
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QString &password)
{
    m_sessionCache.insert(key, password);
    if (!m_keychainAvailable)
        return;
    auto *job = new QKeychain::WritePasswordJob(service, this);
    job->setKey(key);
    job->setTextData(password);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError)
            m_keychainAvailable = false;
    });
    job->start();
}

void PasswordStore::remove(const QString &key)
{
    m_sessionCache.remove(key);
    if (!m_keychainAvailable)
        return;
    auto *job = new QKeychain::DeletePasswordJob(service, this);
    job->setKey(key);
    job->setAutoDelete(true);
    job->start();
}
