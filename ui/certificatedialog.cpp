#include "certificatedialog.h"

#include "certificateinfo.h"
#include "sizeunits.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

CertificateDialog::CertificateDialog(Mode mode, const QString &host, const QList<QSslError> &errors,
                                     const QList<QSslCertificate> &chain, QWidget *parent)
    : QDialog(parent)
    , m_certificate(chain.value(0))
{
    setObjectName(QStringLiteral("certificateDialog"));
    setWindowTitle(tr("Certificate not trusted"));
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    if (mode == Mode::OfferPinning) {
        intro->setText(
                tr("The certificate of <b>%1</b> could not be verified. Someone may be "
                   "intercepting the connection, or the server uses a certificate of its own. "
                   "Compare the SHA-256 fingerprint with the one your provider publishes; trust "
                   "it only if they match. Mailpeek will then accept exactly this certificate "
                   "for this account, and nothing else.")
                        .arg(host.toHtmlEscaped()));
    } else {
        intro->setText(
                tr("The certificate of <b>%1</b> is not the one this account trusts, or is no "
                   "longer valid. Mailpeek does not connect: this is what an interception "
                   "looks like. If your provider changed its certificate, check the new "
                   "fingerprint with them and set the account up again.")
                        .arg(host.toHtmlEscaped()));
    }
    auto *details = new QPlainTextEdit(this);
    details->setReadOnly(true);
    details->setAccessibleName(tr("Certificate details"));
    details->setPlainText(
            tr("Problems:\n%1\n\n%2").arg(sslErrorList(errors), certificateSummary(m_certificate)));
    details->setMinimumSize(SizeUnits::chars(details, 72), SizeUnits::lines(details, 10));

    auto *buttons = new QDialogButtonBox(this);
    if (mode == Mode::OfferPinning) {
        QPushButton *trust =
                buttons->addButton(tr("Trust this certificate"), QDialogButtonBox::AcceptRole);
        trust->setObjectName(QStringLiteral("trustButton"));
        trust->setEnabled(!m_certificate.isNull());
        buttons->addButton(QDialogButtonBox::Cancel)->setDefault(true);
    } else {
        buttons->addButton(QDialogButtonBox::Close);
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(details);
    layout->addWidget(buttons);
}
