#include "accountdialog.h"

#include "certificateinfo.h"
#include "growtocontents.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

// The order of the security combo box.
constexpr Pop3Connection::Security securities[] = {Pop3Connection::Security::ImplicitTls,
                                                   Pop3Connection::Security::StartTls,
                                                   Pop3Connection::Security::None};

const char *const saslNames[] = {"PLAIN",         "LOGIN",   "CRAM-MD5",   "SCRAM-SHA-1",
                                 "SCRAM-SHA-256", "XOAUTH2", "OAUTHBEARER"};

} // namespace

AccountDialog::AccountDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Account"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Work mail"));
    m_host = new QLineEdit(this);
    m_host->setPlaceholderText(tr("pop.example.org"));
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(Pop3Connection::DefaultTlsPort);
    m_security = new QComboBox(this);
    m_security->addItem(tr("TLS (port 995)"));
    m_security->addItem(tr("STARTTLS (port 110)"));
    m_security->addItem(tr("None - unencrypted"));
    m_plaintextWarning = new QLabel(
            tr("<b>Warning:</b> without encryption your password and your mail travel over "
               "the network readable by anyone on the way. Use this only on a network you "
               "trust completely."),
            this);
    m_plaintextWarning->setWordWrap(true);
    m_plaintextWarning->setStyleSheet(QStringLiteral("color: #b71c1c;"));

    m_auth = new QComboBox(this);
    m_auth->addItem(tr("Automatic (strongest offered)"), QStringLiteral("auto"));
    m_auth->addItem(tr("USER/PASS"), QStringLiteral("user"));
    m_auth->addItem(tr("APOP"), QStringLiteral("apop"));
    for (const char *name : saslNames)
        m_auth->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Stored in the system keychain; without one, kept in memory "
                              "until Mailpeek quits"));
    m_pinned = new QLabel(this);
    m_pinned->setWordWrap(true);
    m_pinned->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Server:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("S&ecurity:"), m_security);
    form->addRow(m_plaintextWarning);
    form->addRow(tr("&Login method:"), m_auth);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("Trusted certificate:"), m_pinned);
    // Rows, not only their fields: a hidden field leaves its label behind.
    form->setRowVisible(m_plaintextWarning, false);
    form->setRowVisible(m_pinned, false);
    m_form = form;

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_security, &QComboBox::currentIndexChanged, this, &AccountDialog::onSecurityChanged);
    connect(m_host, &QLineEdit::textChanged, this, &AccountDialog::updateAcceptable);
    connect(m_user, &QLineEdit::textChanged, this, &AccountDialog::updateAcceptable);
    m_account.id = AccountStore::newId();
    GrowToContents::install(this);
    updateAcceptable();
}

void AccountDialog::setAccount(const Account &account)
{
    m_account = account;
    m_name->setText(account.name);
    m_host->setText(account.host);
    for (int i = 0; i < 3; ++i) {
        if (securities[i] == account.security)
            m_security->setCurrentIndex(i);
    }
    if (account.port != 0)
        m_port->setValue(account.port);
    QString auth;
    switch (account.authMethod) {
    case ConnectionSettings::AuthMethod::Automatic:
        auth = QStringLiteral("auto");
        break;
    case ConnectionSettings::AuthMethod::User:
        auth = QStringLiteral("user");
        break;
    case ConnectionSettings::AuthMethod::Apop:
        auth = QStringLiteral("apop");
        break;
    case ConnectionSettings::AuthMethod::Rpop:
        auth = QStringLiteral("auto");
        break;
    case ConnectionSettings::AuthMethod::Sasl:
        auth = QString::fromLatin1(account.saslMechanism);
        break;
    }
    m_auth->setCurrentIndex(qMax(0, m_auth->findData(auth)));
    m_user->setText(account.user);
    m_form->setRowVisible(m_pinned, !account.pinnedCertificate.isNull());
    m_pinned->setText(certificateSummary(account.pinnedCertificate));
    updateAcceptable();
}

Account AccountDialog::account() const
{
    Account account = m_account;
    const bool serverChanged = account.host != m_host->text().trimmed() ||
            account.port != m_port->value() ||
            account.security != securities[m_security->currentIndex()];
    account.name = m_name->text().trimmed();
    account.host = m_host->text().trimmed();
    account.port = quint16(m_port->value());
    account.security = securities[m_security->currentIndex()];
    ConnectionSettings::parseAuthMethod(m_auth->currentData().toString(), &account.authMethod,
                                        &account.saslMechanism);
    account.user = m_user->text();
    if (serverChanged) {
        // Another server: the pinned certificate and the trust that came
        // with it belong to the old one.
        account.pinnedCertificate = QSslCertificate();
        account.verified = false;
    }
    return account;
}

QString AccountDialog::password() const
{
    return m_password->text();
}

void AccountDialog::onSecurityChanged()
{
    const Pop3Connection::Security security = securities[m_security->currentIndex()];
    // Follow the security mode while the port is still a default one.
    if (m_port->value() == Pop3Connection::DefaultTlsPort ||
        m_port->value() == Pop3Connection::DefaultPort) {
        m_port->setValue(security == Pop3Connection::Security::ImplicitTls
                                 ? Pop3Connection::DefaultTlsPort
                                 : Pop3Connection::DefaultPort);
    }
    m_form->setRowVisible(m_plaintextWarning, security == Pop3Connection::Security::None);
}

void AccountDialog::updateAcceptable()
{
    m_ok->setEnabled(!m_host->text().trimmed().isEmpty() && !m_user->text().isEmpty());
}
