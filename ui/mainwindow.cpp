#include "mainwindow.h"
#include "pop3/datasizetext.h"

#include "aboutdialog.h"
#include "accountcontroller.h"
#include "certificateinfo.h"
#include "commitcontroller.h"
#include "deletionmarks.h"
#include "dragoutcache.h"
#include "errortext.h"
#include "exportcontroller.h"
#include "hoverstatus.h"
#include "messagebrowser.h"
#include "messagefilterproxy.h"
#include "messagelistview.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "protocollogdock.h"
#include "quickfilter.h"
#include "sessionstatus.h"
#include "shownmessageguard.h"
#include "sizeunits.h"
#include "trustcontroller.h"
#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QSslCipher>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

static void initResources()
{
    // mailpeek_ui is a static library: its resources need an explicit init.
    Q_INIT_RESOURCE(mailpeek);
}

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/mailpeek/icons/%1.svg").arg(QLatin1String(name)));
}

// The English catalogue (translations/mailpeek_en.ts) spells the plural
// out; %Ln groups digits the locale's way.
QString messages(int count)
{
    return MainWindow::tr("%Ln message(s)", nullptr, count);
}

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    default:
        return QStringLiteral("TLS");
    }
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new MailboxSession(this))
{
    initResources();
    setWindowTitle(tr("Mailpeek"));
    setWindowIcon(icon("mailpeek"));
    qRegisterMetaType<MailboxSession::CommitResult>();

    m_proxy = new MessageFilterProxy(this);
    m_proxy->setSourceModel(m_session->model());
    createActions();
    createLayout();
    createControllers();
    wireSession();

    // Arrow keys through a long list should not fire a TOP for every row.
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(120);
    connect(&m_previewTimer, &QTimer::timeout, this, &MainWindow::requestPreview);
    m_visibleTimer.setSingleShot(true);
    m_visibleTimer.setInterval(50);
    connect(&m_visibleTimer, &QTimer::timeout, this, &MainWindow::prioritizeVisible);

    updateActions();
    updateCounts();
    updateSecurity();
    resize(SizeUnits::chars(this, 156), SizeUnits::lines(this, 42));
}

MainWindow::~MainWindow()
{
    // The session outlives this body (it is a child): its last signals
    // must not reach widgets already gone, nor controllers that open
    // dialogs over them. Nothing here waits: files for dragging out and
    // parses still running hold what they need and drop their results.
    m_session->setTrustDecider(nullptr);
    m_session->disconnect(this);
    m_session->disconnect(m_commit);
    m_session->disconnect(m_export);
    m_session->disconnect(m_status);
    m_session->model()->disconnect(this);
}

void MainWindow::createActions()
{
    m_actions = new WindowActions(this);
    m_connectAction = m_actions->connectAction;
    m_deleteAction = m_actions->deleteAction;
    m_undeleteAction = m_actions->undeleteAction;
    m_resetAction = m_actions->resetAction;
    m_exportAction = m_actions->exportAction;
    m_quitAction = m_actions->quitAction;
    m_addAccountAction = m_actions->addAccountAction;
    m_editAccountAction = m_actions->editAccountAction;
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectOrDisconnect);
    connect(m_resetAction, &QAction::triggered, m_session, &MailboxSession::reset);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions->documentationAction, &QAction::triggered, this,
            [] { QDesktopServices::openUrl(AboutDialog::documentationUrl()); });
    connect(m_actions->openDemoAction, &QAction::triggered, this, &MainWindow::reopenDemo);
}

void MainWindow::createLayout()
{
    m_log = new ProtocolLogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    connect(m_log, &ProtocolLogDock::levelChanged, m_session, &MailboxSession::setDebugLevel);
    m_session->setDebugLevel(0);
    m_actions->populate(this, m_log->toggleViewAction());
    // Opened, the log takes a quarter of the window (at least a few lines),
    // not its own size hint: that left the list two rows at 800x500.
    connect(m_log->toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
        if (shown)
            resizeDocks({m_log}, {qMax(SizeUnits::lines(m_log, 6), height() / 4)}, Qt::Vertical);
    });

    auto *central = new QWidget(this);
    m_accountCombo = new QComboBox(central);
    m_accountCombo->setObjectName(QStringLiteral("accountBox"));
    m_accountCombo->setMinimumContentsLength(24);
    m_accountCombo->setPlaceholderText(tr("No account - add one"));
    m_filter = new QLineEdit(central);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by sender name, address or subject"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(SizeUnits::chars(m_filter, 48));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &MessageFilterProxy::setFilterFixedString);

    auto *bar = new QHBoxLayout;
    auto *accountLabel = new QLabel(tr("Account:"), central);
    accountLabel->setBuddy(m_accountCombo);
    m_accountCombo->setAccessibleName(tr("Account"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setAccessibleDescription(
            tr("Shows only the messages whose sender (name or address) or subject contains this "
               "text, whatever its case and accents; Ctrl+F to reach it, Esc to clear"));
    bar->addWidget(accountLabel);
    bar->addWidget(m_accountCombo);
    bar->addStretch();
    bar->addWidget(m_filter, 1);

    m_view = new MessageListView(m_proxy, central);
    m_proxy->setDragSource([this](const QList<int> &numbers) { return dragUrls(numbers); });

    m_viewer = new MessageViewer(central);
    // The message text may shrink to two lines in a short window (it
    // scrolls); QTextBrowser's own minimum is twice that.
    m_viewer->browser()->setMinimumHeight(SizeUnits::lines(m_viewer, 2));
    connect(m_viewer, &MessageViewer::openRequested, this, &MainWindow::openCurrentMessage);
    connect(m_viewer, &MessageViewer::linkHovered, new HoverStatus(statusBar()),
            &HoverStatus::show);
    connect(m_viewer, &MessageViewer::attachmentsFound, m_session->model(),
            &MessageListModel::setHasAttachments);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(m_view);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({SizeUnits::lines(m_view, 16), SizeUnits::lines(m_view, 24)});

    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, m_view);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, &MainWindow::openCurrentMessage);
    }
    connect(m_view, &QTreeView::doubleClicked, this, &MainWindow::openCurrentMessage);
    new QuickFilter(m_filter, m_view, m_actions->findAction, this);
    m_marks = new DeletionMarks(m_session, m_view, this);
    connect(m_deleteAction, &QAction::triggered, m_marks, &DeletionMarks::markAndMoveOn);
    connect(m_undeleteAction, &QAction::triggered, m_marks, &DeletionMarks::undelete);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_previewTimer.start();
        updateActions();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, &m_visibleTimer,
            qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::layoutChanged, &m_visibleTimer,
            qOverload<>(&QTimer::start));
    // Rows arrive in chunks (MessageListModel); sorted descending, each chunk
    // lands on screen. Not restarted by every chunk: it fires during them.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_visibleTimer.isActive())
            m_visibleTimer.start();
    });

    m_securityButton = new QToolButton(this);
    m_securityButton->setObjectName(QStringLiteral("securityButton"));
    m_securityButton->setAutoRaise(true);
    m_securityButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_securityButton, &QToolButton::clicked, this, &MainWindow::showCertificateSummary);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_markedLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_securityButton);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_markedLabel);
    // The session's notices about the mailbox (messages without a usable
    // unique-id, marks that could not follow a reconnect, no TOP): they
    // stay until the next listing, where a status message would be gone in
    // a moment. Found by its object name (no member for it).
    auto *notice = new QLabel(this);
    notice->setObjectName(QStringLiteral("sessionNotice"));
    notice->setWordWrap(true);
    notice->hide();
    // Permanent: a normal status-bar widget hides while a message shows.
    statusBar()->insertPermanentWidget(0, notice, 1);
}

void MainWindow::createControllers()
{
    m_accounts = new AccountController(m_accountCombo, this, this);
    connect(m_addAccountAction, &QAction::triggered, m_accounts, &AccountController::addAccount);
    connect(m_editAccountAction, &QAction::triggered, m_accounts, &AccountController::editAccount);
    connect(m_accounts, &AccountController::openRequested, this, &MainWindow::openSession);
    connect(m_accounts, &AccountController::accountsChanged, this, &MainWindow::updateActions);
    connect(m_accounts, &AccountController::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text); });

    m_trust = new TrustController(
            this, [this] { return m_accounts->settingUp(); },
            [this](const QSslCertificate &certificate) { m_accounts->pin(certificate); }, this);
    m_session->setTrustDecider(m_trust);

    m_commit = new CommitController(m_session, this, this);
    connect(m_commit, &CommitController::settled, this, [this] {
        m_viewer->clear();
        updateActions();
        updateSecurity();
    });
    connect(m_commit, &CommitController::closeAllowed, this, [this] {
        m_closeAllowed = true;
        close();
    });

    m_export = new ExportController(
            m_session, this, [this] { return m_view->selectionModel()->selectedRows(); }, this);
    connect(m_exportAction, &QAction::triggered, m_export, &ExportController::showDialog);
    m_dragOut = new DragOutCache(m_session->model(), this);
    new ShownMessageGuard(m_session->model(), m_viewer, m_view, this);
    m_status = new SessionStatus(m_session, statusBar(), this);
    connect(m_commit, &CommitController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_export, &ExportController::statusMessage, statusBar(), &QStatusBar::showMessage);
}

void MainWindow::wireSession()
{
    MessageListModel *model = m_session->model();
    connect(model, &MessageListModel::markedCountChanged, this, [this] {
        updateCounts();
        updateActions();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    // What the filter shows changes with rows arriving and with the filter.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &MainWindow::updateCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCounts);
    connect(m_session, &MailboxSession::stateChanged, this, [this] {
        updateActions();
        updateSecurity();
    });
    connect(m_session, &MailboxSession::notice, this, [this](const QString &text) {
        auto *label = findChild<QLabel *>(QStringLiteral("sessionNotice"));
        const QString all = !label->isHidden() ? label->text() + QLatin1Char('\n') + text : text;
        label->setText(all);
        label->setToolTip(all);
        label->show();
        m_log->appendLine(text);
    });
    connect(m_session, &MailboxSession::stateChanged, this, [this](MailboxSession::State state) {
        // Each listing says again what still holds.
        if (state == MailboxSession::State::Listing) {
            if (auto *label = findChild<QLabel *>(QStringLiteral("sessionNotice")))
                label->hide();
        }
    });
    connect(m_session, &MailboxSession::opened, this, &MainWindow::onOpened);
    connect(m_session, &MailboxSession::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_session, &MailboxSession::debugMessage, m_log, &ProtocolLogDock::appendLine);
    connect(m_session, &MailboxSession::previewReady, this,
            [this](int number, const QByteArray &answer) {
                // A late answer for a row the user already left, or for a
                // message already opened in full, is dropped.
                if (number == currentNumber() && m_viewer->mode() != MessageViewer::Mode::Message)
                    m_viewer->showPreview(number, answer);
            });
    connect(m_session, &MailboxSession::previewFailed, this,
            [this](int number, const Pop3Error &error) {
                m_viewer->showError(number, explainError(error));
            });
    connect(m_session, &MailboxSession::messageProgress, m_viewer, &MessageViewer::showProgress);
    connect(m_session, &MailboxSession::messageReady, this,
            [this](int number, const QByteArray &raw) {
                m_dragOut->keep(number, raw);
                if (number == currentNumber())
                    m_viewer->showMessage(number, raw);
            });
    // A big message arrives in a file: it is parsed from there, and not
    // kept for dragging out (that would copy it; export it instead).
    connect(m_session, &MailboxSession::messageSpooled, this,
            [this](int number, const std::shared_ptr<QTemporaryFile> &file) {
                if (number == currentNumber())
                    m_viewer->showMessageFile(number, file);
            });
    connect(m_session, &MailboxSession::messageFailed, this,
            [this](int number, const Pop3Error &error) {
                m_viewer->showError(number, explainError(error));
            });
    connect(m_session, &MailboxSession::resetFinished, this, [this](const Pop3Error &error) {
        statusBar()->showMessage(
                error.isError() ? explainError(error) : tr("All deletion marks cleared"), 5000);
    });
    connect(m_session, &MailboxSession::connectionLost, this, [this](const Pop3Error &error) {
        statusBar()->showMessage(
                tr("Connection lost (%1). Nothing was deleted; it reconnects on your next "
                   "action.")
                        .arg(error.errorString()));
    });
    connect(m_session, &MailboxSession::reconnecting, this,
            [this] { statusBar()->showMessage(tr("The connection had dropped; reconnecting…")); });
}

void MainWindow::openSession(const ConnectionSettings &settings)
{
    m_trust->forget();
    m_viewer->clear();
    m_commit->forgetClose();
    m_session->open(settings);
}

void MainWindow::openDemo(const ConnectionSettings &settings)
{
    m_accounts->openWithoutAccount(tr("Demo mailbox"), settings);
}

void MainWindow::setDemoStarter(DemoStarter starter)
{
    m_demoStarter = std::move(starter);
    m_actions->openDemoAction->setVisible(bool(m_demoStarter));
}

void MainWindow::reopenDemo()
{
    ConnectionSettings settings;
    QString error;
    if (!m_demoStarter(&settings, &error)) {
        showNotice(QMessageBox::Warning, tr("Demo mailbox"),
                   tr("The demo server could not start: %1").arg(error));
        return;
    }
    openDemo(settings);
}

void MainWindow::showAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::loadAccounts(bool reopenLast)
{
    m_accounts->load(reopenLast);
}

void MainWindow::exportMessages(const QString &target, const ExportJob::Options &options)
{
    m_export->start(target, options);
}

QList<QUrl> MainWindow::dragUrls(const QList<int> &numbers)
{
    int missing = 0;
    const QList<QUrl> urls = m_dragOut->urls(numbers, &missing);
    if (missing > 0)
        statusBar()->showMessage(
                tr("Only opened messages can be dragged out (%Ln not opened yet); use Export "
                   "for the others.",
                   nullptr, missing),
                8000);
    return urls;
}

void MainWindow::connectOrDisconnect()
{
    switch (m_session->state()) {
    case MailboxSession::State::Connecting:
    case MailboxSession::State::Listing:
    case MailboxSession::State::Ready:
        m_commit->finish(false);
        return;
    case MailboxSession::State::Disconnected:
    case MailboxSession::State::Closed:
        m_accounts->connectToCurrent();
        return;
    case MailboxSession::State::Committing:
    case MailboxSession::State::Exporting:
        return;
    }
}

void MainWindow::onOpened()
{
    m_accounts->opened();
    updateTitle();
    updateSecurity();
    updateCounts();
    // Before the session starts its bulk TOP batches.
    prioritizeVisible();
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setFocus();
}

void MainWindow::onOpenFailed(const Pop3Error &error)
{
    // The certificate dialog already told the user about this one.
    if (error.code() == Pop3Error::Code::UntrustedCertificate && m_trust->shown()) {
        m_trust->forget();
        return;
    }
    if (m_accounts->handleOpenFailure(error))
        return;
    m_accounts->showOpenFailure(explainError(error, m_session->loginDelay()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const MailboxSession::State state = m_session->state();
    const bool sessionOpen = state == MailboxSession::State::Connecting ||
            state == MailboxSession::State::Listing || state == MailboxSession::State::Ready ||
            (state == MailboxSession::State::Disconnected && m_session->model()->markedCount() > 0);
    if (m_closeAllowed || !sessionOpen) {
        if (state == MailboxSession::State::Committing) {
            // Wait for QUIT's answer: closing now would cut the session.
            m_commit->closeWhenCommitted();
            event->ignore();
            return;
        }
        event->accept();
        return;
    }
    event->ignore();
    m_commit->finish(true);
}

QList<int> MainWindow::selectedNumbers() const
{
    return DeletionMarks::selectedNumbers(m_view);
}

int MainWindow::currentNumber() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(MessageListModel::NumberRole).toInt() : 0;
}

void MainWindow::requestPreview()
{
    const int number = currentNumber();
    if (number <= 0) {
        m_viewer->clear();
        return;
    }
    if (m_viewer->number() == number && m_viewer->mode() != MessageViewer::Mode::Empty)
        return;
    m_viewer->showLoading(number);
    m_session->preview(number, m_previewLines);
}

void MainWindow::openCurrentMessage()
{
    const int number = currentNumber();
    if (number <= 0)
        return;
    if (m_viewer->number() != number)
        m_viewer->showLoading(number);
    m_viewer->showProgress(number, 0, m_session->model()->octetsForNumber(number));
    m_session->fetchMessage(number);
}

void MainWindow::prioritizeVisible()
{
    if (m_proxy->rowCount() == 0)
        return;
    const QModelIndex first = m_view->indexAt(QPoint(1, 1));
    const QModelIndex last = m_view->indexAt(QPoint(1, m_view->viewport()->height() - 2));
    const int firstRow = first.isValid() ? first.row() : 0;
    const int lastRow = last.isValid() ? last.row() : qMin(m_proxy->rowCount() - 1, firstRow + 60);
    QList<int> numbers;
    for (int row = firstRow; row <= lastRow; ++row)
        numbers.append(m_proxy->index(row, 0).data(MessageListModel::NumberRole).toInt());
    m_session->prioritize(numbers);
}

void MainWindow::updateActions()
{
    const MailboxSession::State state = m_session->state();
    const bool live =
            state == MailboxSession::State::Ready || state == MailboxSession::State::Disconnected;
    const bool hasRows = m_session->model()->messageCount() > 0;
    const bool hasSelection = m_view && m_view->selectionModel()->hasSelection();
    const bool connected = state == MailboxSession::State::Connecting ||
            state == MailboxSession::State::Listing || state == MailboxSession::State::Ready;
    if (connected)
        WindowActions::setText(m_connectAction, tr("Dis&connect"),
                               tr("End the session; marked messages are deleted only after you "
                                  "confirm"));
    else
        WindowActions::setText(m_connectAction, tr("&Connect"),
                               tr("Connect to the chosen account"));
    const bool busy =
            state == MailboxSession::State::Committing || state == MailboxSession::State::Exporting;
    m_connectAction->setEnabled(!busy);
    m_exportAction->setEnabled(live && hasRows);
    m_deleteAction->setEnabled(live && hasRows && hasSelection);
    m_undeleteAction->setEnabled(live && hasRows && m_marks && m_marks->canUndelete());
    m_resetAction->setEnabled(live && m_session->model()->markedCount() > 0);
    if (m_accountCombo)
        m_accountCombo->setEnabled(!connected);
    m_editAccountAction->setEnabled(m_accounts && m_accounts->hasAccounts() && !connected);
    // Like the account box: another mailbox once this one is closed.
    m_actions->openDemoAction->setEnabled(!connected && !busy);
}

void MainWindow::updateCounts()
{
    const MessageListModel *model = m_session->model();
    m_countLabel->setText(countText());
    m_markedLabel->setText(markedText());
    m_markedLabel->setVisible(model->markedCount() > 0);
}

QString MainWindow::countText() const
{
    const MessageListModel *model = m_session->model();
    // With a filter the count says how much of the mailbox the list shows;
    // the size stays the mailbox's.
    const QString count = m_filter->text().isEmpty()
            ? messages(model->messageCount())
            : tr("%1 of %2")
                      .arg(QLocale().toString(m_proxy->rowCount()),
                           messages(model->messageCount()));
    return tr("%1, %2").arg(count, dataSizeText(model->totalOctets()));
}

void MainWindow::updateTitle()
{
    // The account box names the mailbox on screen (AccountBox), the
    // settings say which login on which server it is.
    const ConnectionSettings &settings = m_session->settings();
    const QString mailbox = QStringLiteral("%1@%2").arg(settings.user, settings.host);
    const QString name = m_accountCombo->currentText();
    setWindowTitle(name.isEmpty() ? tr("%1 - Mailpeek").arg(mailbox)
                                  : tr("%1 (%2) - Mailpeek").arg(name, mailbox));
}

QString MainWindow::markedText() const
{
    return tr("%Ln marked", nullptr, m_session->model()->markedCount());
}

QString MainWindow::securityText() const
{
    return m_securityButton->text();
}

void MainWindow::updateSecurity()
{
    const SecuritySummary security = m_session->securitySummary();
    const bool ready = m_session->state() == MailboxSession::State::Ready;
    if (!ready || !security.connected) {
        m_securityButton->setVisible(false);
        return;
    }
    m_securityButton->setVisible(true);
    if (security.encrypted) {
        m_securityButton->setIcon(icon("lock"));
        m_securityButton->setText(protocolName(security.protocol));
        m_securityButton->setToolTip(tr("Encrypted; click for the certificate"));
    } else {
        m_securityButton->setIcon(icon("unlock"));
        m_securityButton->setText(tr("Not encrypted"));
        m_securityButton->setToolTip(tr("This connection is not encrypted"));
    }
}

void MainWindow::showCertificateSummary()
{
    const SecuritySummary security = m_session->securitySummary();
    if (!security.connected)
        return;
    QString text;
    if (security.encrypted) {
        text = tr("%1, %2\nLogged in with %3\n\n%4")
                       .arg(protocolName(security.protocol), security.cipher,
                            m_session->authenticationMethod(),
                            certificateSummary(security.certificate));
        if (!m_session->settings().pinnedCertificate.isNull())
            text += tr("\n\nThis certificate is pinned for this account.");
    } else {
        text = tr("The connection to %1 is not encrypted: the server, and anyone on the "
                  "network path, can read your mail.\nLogged in with %2")
                       .arg(m_session->settings().host, m_session->authenticationMethod());
    }
    showNotice(QMessageBox::Information, tr("Connection security"), text);
}

void MainWindow::showNotice(QMessageBox::Icon iconType, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(iconType, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("notice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}
