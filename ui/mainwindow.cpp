#include "mainwindow.h"

#include "accountcontroller.h"
#include "certificateinfo.h"
#include "commitcontroller.h"
#include "dragoutcache.h"
#include "errortext.h"
#include "exportcontroller.h"
#include "messagefilterproxy.h"
#include "messageviewer.h"
#include "models/messagelistmodel.h"
#include "protocollogdock.h"
#include "sessionstatus.h"
#include "shownmessageguard.h"
#include "trustcontroller.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
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
    resize(1100, 720);
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
    m_connectAction = new QAction(icon("connect"), tr("&Connect"), this);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectOrDisconnect);

    m_deleteAction = new QAction(icon("delete"), tr("&Delete"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setToolTip(
            tr("Mark the selected messages for deletion; they are deleted when you quit"));
    connect(m_deleteAction, &QAction::triggered, this,
            [this] { m_session->markForDeletion(selectedNumbers()); });

    m_undeleteAction = new QAction(icon("undelete"), tr("&Undelete"), this);
    m_undeleteAction->setShortcut(QKeySequence::Undo);
    connect(m_undeleteAction, &QAction::triggered, this,
            [this] { m_session->unmark(selectedNumbers()); });

    m_resetAction = new QAction(icon("reset"), tr("&Reset"), this);
    m_resetAction->setToolTip(tr("Clear every deletion mark (RSET)"));
    connect(m_resetAction, &QAction::triggered, m_session, &MailboxSession::reset);

    m_exportAction = new QAction(icon("export"), tr("&Export…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(
            tr("Save the selected or all messages as .eml files, an mbox file or a Maildir"));

    m_quitAction = new QAction(icon("quit"), tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_addAccountAction = new QAction(icon("account"), tr("&Add account…"), this);
    m_editAccountAction = new QAction(tr("&Edit account…"), this);
}

void MainWindow::createLayout()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(m_connectAction);
    toolbar->addSeparator();
    toolbar->addAction(m_deleteAction);
    toolbar->addAction(m_undeleteAction);
    toolbar->addAction(m_resetAction);
    toolbar->addSeparator();
    toolbar->addAction(m_exportAction);
    toolbar->addSeparator();
    toolbar->addAction(m_quitAction);

    m_log = new ProtocolLogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    connect(m_log, &ProtocolLogDock::levelChanged, m_session, &MailboxSession::setDebugLevel);
    m_session->setDebugLevel(0);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_deleteAction);
    edit->addAction(m_undeleteAction);
    edit->addAction(m_resetAction);
    QMenu *accounts = menuBar()->addMenu(tr("&Account"));
    accounts->addAction(m_addAccountAction);
    accounts->addAction(m_editAccountAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *logAction = m_log->toggleViewAction();
    logAction->setText(tr("&Protocol log"));
    logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(logAction);

    auto *central = new QWidget(this);
    m_accountCombo = new QComboBox(central);
    m_accountCombo->setObjectName(QStringLiteral("accountBox"));
    m_accountCombo->setMinimumContentsLength(24);
    m_accountCombo->setPlaceholderText(tr("No account - add one"));
    m_filter = new QLineEdit(central);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by sender or subject"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(360);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Account:"), central));
    bar->addWidget(m_accountCombo);
    bar->addStretch();
    bar->addWidget(m_filter, 1);

    m_view = new QTreeView(central);
    m_view->setObjectName(QStringLiteral("messageList"));
    // Uniform heights: the view can place 100,000 rows without measuring each.
    m_view->setUniformRowHeights(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setModel(m_proxy);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_proxy->setDragSource([this](const QList<int> &numbers) { return dragUrls(numbers); });
    m_view->setSortingEnabled(true);
    // The model's own order is by number, ascending: shown in that order the
    // proxy keeps it as it is instead of sorting 100,000 rows on every new
    // listing (seconds of a frozen window), and rows from later batches need
    // no sorted insertion either. Runs after the view's own handler.
    connect(m_view->header(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder order) {
                if (column == MessageListModel::NumberColumn && order == Qt::AscendingOrder)
                    m_proxy->sort(-1);
            });
    m_view->sortByColumn(MessageListModel::NumberColumn, Qt::AscendingOrder);
    // sortByColumn() sorts once more after the signal (the indicator did not
    // change): without this the proxy sorts every listing and every chunk of
    // rows by number (issue 6).
    m_proxy->sort(-1);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    header->resizeSection(MessageListModel::NumberColumn, 60);
    header->resizeSection(MessageListModel::FromColumn, 230);
    header->resizeSection(MessageListModel::DateColumn, 140);
    header->resizeSection(MessageListModel::SizeColumn, 80);
    header->resizeSection(MessageListModel::StateColumn, 160);

    m_viewer = new MessageViewer(central);
    connect(m_viewer, &MessageViewer::openRequested, this, &MainWindow::openCurrentMessage);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(m_view);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({280, 400});

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
                tr("Only opened messages can be dragged out (%1 not opened yet); use Export "
                   "for the others.")
                        .arg(missing),
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
    QList<int> numbers;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    numbers.reserve(rows.size());
    for (const QModelIndex &index : rows)
        numbers.append(index.data(MessageListModel::NumberRole).toInt());
    std::sort(numbers.begin(), numbers.end());
    return numbers;
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
    m_connectAction->setText(connected ? tr("Dis&connect") : tr("&Connect"));
    const bool busy =
            state == MailboxSession::State::Committing || state == MailboxSession::State::Exporting;
    m_connectAction->setEnabled(!busy);
    m_exportAction->setEnabled(live && hasRows);
    m_deleteAction->setEnabled(live && hasRows && hasSelection);
    m_undeleteAction->setEnabled(live && hasRows && hasSelection);
    m_resetAction->setEnabled(live && m_session->model()->markedCount() > 0);
    if (m_accountCombo)
        m_accountCombo->setEnabled(!connected);
    m_editAccountAction->setEnabled(m_accounts && m_accounts->hasAccounts() && !connected);
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
    return tr("%1, %2").arg(messages(model->messageCount()),
                            QLocale().formattedDataSize(model->totalOctets(), 1,
                                                        QLocale::DataSizeTraditionalFormat));
}

QString MainWindow::markedText() const
{
    return tr("%1 marked").arg(m_session->model()->markedCount());
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
