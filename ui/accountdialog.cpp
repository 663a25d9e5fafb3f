#include "accountdialog.h"

#include "certificateinfo.h"
#include "fielderror.h"
#include "growtocontents.h"
#include "sizeunits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

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
    setObjectName(QStringLiteral("accountDialog"));
    setWindowTitle(tr("Add account"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setPlaceholderText(tr("Work mail"));
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("accountHost"));
    m_host->setPlaceholderText(tr("pop.example.org"));
    // Wide enough for a long server name, and for the sentence under it
    // to read as one or two lines, not a column of words.
    m_host->setMinimumWidth(SizeUnits::chars(m_host, 48));
    // A line edit, not a spin box: a spin box quietly keeps its last value
    // when "0" or nothing is typed, and saves a port the user never saw.
    m_port = new QLineEdit(QString::number(Pop3Connection::DefaultTlsPort), this);
    m_port->setObjectName(QStringLiteral("accountPort"));
    m_port->setMaxLength(5);
    m_port->setInputMethodHints(Qt::ImhDigitsOnly);
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
    m_user->setObjectName(QStringLiteral("accountUser"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("accountPassword"));
    m_password->setToolTip(tr("Stored in the system keychain; without one, kept in memory "
                              "until Mailpeek quits"));
    m_forgetPassword = new QCheckBox(tr("&Forget the stored password"), this);
    m_forgetPassword->setObjectName(QStringLiteral("accountForgetPassword"));
    m_pinned = new QLabel(this);
    m_pinned->setWordWrap(true);
    m_pinned->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Server:"), m_host);
    m_form = form;
    m_hostError = new FieldError(form, m_host, this);
    m_hostError->setObjectName(QStringLiteral("accountHostError"));
    form->addRow(tr("&Port:"), m_port);
    m_portError = new FieldError(form, m_port, this);
    m_portError->setObjectName(QStringLiteral("accountPortError"));
    form->addRow(tr("S&ecurity:"), m_security);
    form->addRow(m_plaintextWarning);
    form->addRow(tr("&Login method:"), m_auth);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_forgetPassword);
    form->addRow(tr("Trusted certificate:"), m_pinned);
    // Rows, not only their fields: a hidden field leaves its label behind.
    form->setRowVisible(m_plaintextWarning, false);
    form->setRowVisible(m_pinned, false);
    form->setRowVisible(m_forgetPassword, false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_security, &QComboBox::currentIndexChanged, this, &AccountDialog::onSecurityChanged);
    connect(m_host, &QLineEdit::textChanged, this, &AccountDialog::updateAcceptable);
    connect(m_port, &QLineEdit::textChanged, this, &AccountDialog::updateAcceptable);
    connect(m_forgetPassword, &QCheckBox::toggled, this, [this](bool forget) {
        // Forgetting and typing a new one at once would be two answers.
        if (forget)
            m_password->clear();
        m_password->setEnabled(!forget);
    });
    connect(m_user, &QLineEdit::textChanged, this, &AccountDialog::updateAcceptable);
    m_account.id = AccountStore::newId();
    GrowToContents::install(this);
    updateAcceptable();
}

void AccountDialog::setAccount(const Account &account)
{
    m_account = account;
    setWindowTitle(tr("Edit account"));
    m_name->setText(account.name);
    m_host->setText(account.host);
    for (int i = 0; i < 3; ++i) {
        if (securities[i] == account.security)
            m_security->setCurrentIndex(i);
    }
    if (account.port != 0)
        m_port->setText(QString::number(account.port));
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
    const bool serverChanged = account.host != m_host->text().trimmed() || account.port != port() ||
            account.security != securities[m_security->currentIndex()];
    account.name = m_name->text().trimmed();
    account.host = m_host->text().trimmed();
    account.port = port();
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
    return m_forgetPassword->isChecked() ? QString() : m_password->text();
}

void AccountDialog::setPasswordStored(bool stored)
{
    m_form->setRowVisible(m_forgetPassword, stored);
    m_forgetPassword->setChecked(false);
    m_password->setPlaceholderText(stored ? tr("Stored - type to replace") : QString());
    // The placeholder is not read out by every screen reader.
    m_password->setAccessibleDescription(
            stored ? tr("A password is stored for this account. Type a new one to replace it, "
                        "or leave the field empty to keep it.")
                   : QString());
}

bool AccountDialog::forgetPassword() const
{
    return m_forgetPassword->isChecked();
}

QString AccountDialog::hostProblem(const QString &host)
{
    const QString name = host.trimmed();
    if (name.isEmpty())
        return {}; // required, but no mistake yet: OK stays disabled
    if (std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.isSpace(); }))
        return tr("The server name cannot contain spaces.");
    if (!QHostAddress(name).isNull())
        return {};
    if (name.contains(u':'))
        return tr("Enter the port in the Port field, not after the server name.");
    // A host name: labels of letters, digits and hyphens (an international
    // name is checked in its ASCII form), at most 253 characters in all.
    static const QRegularExpression label(QStringLiteral("^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$"));
    const QString ace = QString::fromLatin1(QUrl::toAce(name));
    bool valid = !ace.isEmpty() && ace.size() <= 253;
    const QStringList labels = ace.endsWith(u'.') ? ace.chopped(1).split(u'.') : ace.split(u'.');
    for (const QString &part : labels)
        valid = valid && label.match(part).hasMatch();
    if (!valid)
        return tr("\"%1\" is not a server name. Enter a name such as pop.example.org, or an IP "
                  "address.")
                .arg(name);
    return {};
}

QString AccountDialog::portProblem(const QString &port)
{
    bool ok = false;
    const uint value = port.trimmed().toUInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return tr("The port must be a number from 1 to 65535 (995 for TLS, 110 otherwise).");
    return {};
}

quint16 AccountDialog::port() const
{
    return portProblem(m_port->text()).isEmpty() ? quint16(m_port->text().trimmed().toUInt())
                                                 : m_account.port;
}

void AccountDialog::onSecurityChanged()
{
    const Pop3Connection::Security security = securities[m_security->currentIndex()];
    // Follow the security mode while the port is still a default one.
    const QString port = m_port->text().trimmed();
    if (port == QString::number(Pop3Connection::DefaultTlsPort) ||
        port == QString::number(Pop3Connection::DefaultPort)) {
        m_port->setText(QString::number(security == Pop3Connection::Security::ImplicitTls
                                                ? Pop3Connection::DefaultTlsPort
                                                : Pop3Connection::DefaultPort));
    }
    m_form->setRowVisible(m_plaintextWarning, security == Pop3Connection::Security::None);
}

void AccountDialog::updateAcceptable()
{
    const QString hostError = hostProblem(m_host->text());
    const QString portError = portProblem(m_port->text());
    m_hostError->setProblem(hostError);
    m_portError->setProblem(portError);
    m_ok->setEnabled(!m_host->text().trimmed().isEmpty() && hostError.isEmpty() &&
                     portError.isEmpty() && !m_user->text().isEmpty());
}
