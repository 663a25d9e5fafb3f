#include "fielderror.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QFormLayout>

namespace {

// What a screen reader sees of a FieldError: a notification named by its
// sentence (a plain label is static text, which is not spoken when it
// appears).
class AccessibleFieldError : public QAccessibleWidget
{
public:
    explicit AccessibleFieldError(QLabel *label)
        : QAccessibleWidget(label, QAccessible::Notification)
    { }

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name)
            return static_cast<const QLabel *>(widget())->text();
        return QAccessibleWidget::text(t);
    }
};

QAccessibleInterface *fieldErrorInterface(const QString &className, QObject *object)
{
    if (className == QLatin1String(FieldError::staticMetaObject.className()))
        return new AccessibleFieldError(static_cast<FieldError *>(object));
    return nullptr;
}

} // namespace

FieldError::FieldError(QFormLayout *form, QWidget *field, QWidget *parent)
    : QLabel(parent)
    , m_form(form)
    , m_field(field)
{
    static const bool factoryInstalled = [] {
        QAccessible::installFactory(fieldErrorInterface);
        return true;
    }();
    Q_UNUSED(factoryInstalled);
    setWordWrap(true);
    setStyleSheet(QStringLiteral("color: #b71c1c;"));
    // No buddy: a second label of the field would take the place of its
    // "Server:"/"Port:" label as its accessible name.
    form->addRow(QString(), this);
    form->setRowVisible(this, false);
}

void FieldError::setProblem(const QString &problem)
{
    QPalette colours = m_field->parentWidget()->palette();
    if (!problem.isEmpty())
        colours.setColor(QPalette::Base, QColor(0xfd, 0xec, 0xea));
    m_field->setPalette(colours);
    m_field->setProperty("invalid", !problem.isEmpty());
    m_field->setAccessibleDescription(problem);
    if (problem == text())
        return;
    setText(problem);
    m_form->setRowVisible(this, !problem.isEmpty());
    if (problem.isEmpty())
        return;
    // Shown (AT-SPI's "showing" of a notification) or changed while shown;
    // the alert is the platform-neutral "say this now".
    QAccessibleEvent nameChanged(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&nameChanged);
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
    Q_EMIT announced(problem);
}
