#include "commitcontroller.h"
#include "pop3/datasizetext.h"

#include "errortext.h"
#include "models/messagelistmodel.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

// Texts keep the window's catalogue context: they were the window's, and
// their translations stay valid.

namespace {
QString messages(int count)
{
    return QCoreApplication::translate("MainWindow", "%Ln message(s)", nullptr, count);
}
} // namespace

CommitController::CommitController(MailboxSession *session, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dialogParent(dialogParent)
{
    connect(m_session, &MailboxSession::committed, this, &CommitController::report);
}

void CommitController::finish(bool closeAfterwards)
{
    const int marked = m_session->model()->markedCount();
    if (marked == 0) {
        m_closeAfterCommit = closeAfterwards;
        m_session->commit();
        return;
    }
    auto *box = new QMessageBox(
            QMessageBox::Question, QCoreApplication::translate("MainWindow", "Delete messages?"),
            QCoreApplication::translate("MainWindow", "Delete %Ln message(s) from the server?",
                                        nullptr, marked),
            {}, m_dialogParent);
    box->setObjectName(QStringLiteral("commitConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
            QCoreApplication::translate(
                    "MainWindow",
                    "The marked messages (%1) are deleted for good when the session "
                    "ends. This cannot be undone.",
                    nullptr, marked)
                    .arg(dataSizeText(m_session->model()->markedOctets())));
    QPushButton *commit = box->addButton(
            closeAfterwards ? QCoreApplication::translate("MainWindow", "Delete %Ln and quit",
                                                          nullptr, marked)
                            : QCoreApplication::translate("MainWindow", "Delete %Ln and disconnect",
                                                          nullptr, marked),
            QMessageBox::DestructiveRole);
    commit->setObjectName(QStringLiteral("commitButton"));
    QPushButton *keep = box->addButton(
            closeAfterwards
                    ? QCoreApplication::translate("MainWindow", "Quit without deleting")
                    : QCoreApplication::translate("MainWindow", "Disconnect without deleting"),
            QMessageBox::NoRole);
    keep->setObjectName(QStringLiteral("keepButton"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, commit, keep, closeAfterwards](QAbstractButton *button) {
                if (button == commit) {
                    m_closeAfterCommit = closeAfterwards;
                    m_session->commit();
                } else if (button == keep) {
                    // Marks are only local, so ending the session with a
                    // plain QUIT deletes nothing.
                    m_session->model()->clearMarks();
                    m_closeAfterCommit = closeAfterwards;
                    m_session->commit();
                }
            });
    box->open();
}

void CommitController::report(const MailboxSession::CommitResult &result)
{
    const bool closeAfterwards = std::exchange(m_closeAfterCommit, false);
    QString problem;
    if (result.requested > 0) {
        if (result.outcomeUnknown) {
            // QUIT may have reached the server: saying "nothing was deleted"
            // could make someone rely on mail that is gone.
            problem = QCoreApplication::translate(
                              "MainWindow",
                              "The marked messages (%1) may or may not have been deleted. The "
                              "connection ended after the server was asked to end the session "
                              "(QUIT) but before it confirmed; a POP3 server deletes messages when "
                              "it ends the session, so it may have done so. Connect again to see "
                              "which messages are still on the server.",
                              nullptr, result.requested)
                              .arg(messages(result.requested));
            if (result.error.isError())
                problem += QStringLiteral("\n\n") + explainError(result.error);
        } else if (!result.quitConfirmed) {
            problem =
                    QCoreApplication::translate(
                            "MainWindow",
                            "Nothing was deleted. The connection ended before the server confirmed "
                            "the end of the session (QUIT), and a POP3 server deletes messages "
                            "only "
                            "then. The marked messages (%1) are still on the server.",
                            nullptr, result.requested)
                            .arg(messages(result.requested));
            if (result.error.isError())
                problem += QStringLiteral("\n\n") + explainError(result.error);
        } else if (result.confirmed < result.requested) {
            problem = QCoreApplication::translate(
                              "MainWindow",
                              "%1 of %Ln message(s) were deleted; the server refused the others."
                              "\n\n%2",
                              nullptr, result.requested)
                              .arg(result.confirmed)
                              .arg(explainError(result.error));
        } else {
            Q_EMIT statusMessage(QCoreApplication::translate(
                                         "MainWindow", "%Ln message(s) deleted from the server",
                                         nullptr, result.deleted()),
                                 0);
        }
    } else {
        Q_EMIT statusMessage(QCoreApplication::translate("MainWindow", "Disconnected"), 5000);
    }
    // Rows that may be gone are not left on screen as if they were there:
    // the next connection lists what the server really holds.
    if (result.quitConfirmed || result.outcomeUnknown)
        m_session->model()->clear();
    Q_EMIT settled();

    if (!problem.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning,
                                    QCoreApplication::translate("MainWindow", "Deleting messages"),
                                    problem, QMessageBox::Ok, m_dialogParent);
        box->setObjectName(QStringLiteral("commitOutcome"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        if (closeAfterwards)
            connect(box, &QDialog::finished, this, &CommitController::closeAllowed);
        box->open();
        return;
    }
    if (closeAfterwards)
        Q_EMIT closeAllowed();
}
