#include "sessionstatus.h"

#include "session/mailboxsession.h"

#include <QCoreApplication>
#include <QStatusBar>
#include <QTimer>

namespace {

bool working(MailboxSession::State state)
{
    switch (state) {
    case MailboxSession::State::Connecting:
    case MailboxSession::State::Listing:
    case MailboxSession::State::Committing:
    case MailboxSession::State::Exporting:
        return true;
    case MailboxSession::State::Ready:
    case MailboxSession::State::Disconnected:
    case MailboxSession::State::Closed:
        return false;
    }
    return false;
}

} // namespace

SessionStatus::SessionStatus(MailboxSession *session, QStatusBar *bar, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_bar(bar)
{
    connect(session, &MailboxSession::statusMessage, this, &SessionStatus::show);
    connect(session, &MailboxSession::stateChanged, this, &SessionStatus::onStateChanged);
    connect(session, &MailboxSession::openFailed, this, &SessionStatus::onOpenFailed);
}

void SessionStatus::show(const QString &text)
{
    if (working(m_session->state())) {
        m_step = text;
        m_bar->showMessage(text);
    } else {
        m_step.clear();
        m_bar->showMessage(text, m_eventTimeout);
    }
}

void SessionStatus::onStateChanged()
{
    if (working(m_session->state()) || m_step.isEmpty())
        return;
    // A turn later: what follows the state (a failed open, a controller's
    // summary) replaces the step without the bar going blank in between,
    // and stays.
    QTimer::singleShot(0, this, [this, step = std::exchange(m_step, {})] {
        if (m_bar->currentMessage() == step && !working(m_session->state()))
            m_bar->clearMessage();
    });
}

void SessionStatus::onOpenFailed()
{
    // The dialog that follows explains; the bar no longer says "Connecting".
    m_bar->showMessage(QCoreApplication::translate("MainWindow", "Could not open the mailbox"));
}
