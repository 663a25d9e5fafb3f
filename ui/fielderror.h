#pragma once

#include <QLabel>

class QFormLayout;

// What is wrong with a form field (a server name with spaces, a port out of
// range), in a row of its own under the field: the field is tinted, the
// sentence says what is wrong, and the field carries it as its accessible
// description, so the error is not colour alone. A screen reader hears it
// as it appears or changes, not only once the field gets the focus: to
// assistive technology the sentence is a notification (AT-SPI's role for a
// message that shows up by itself, as a web page's role="alert"), and each
// new problem is also sent as an alert.
class FieldError : public QLabel
{
    Q_OBJECT
public:
    // Adds the (hidden) row under the last row of `form`, which holds `field`.
    FieldError(QFormLayout *form, QWidget *field, QWidget *parent);

    // Shows `problem`, or hides the row when it is empty.
    void setProblem(const QString &problem);

Q_SIGNALS:
    // A new problem was sent to assistive technology as an alert. (Tests
    // listen here: QAccessible hands events to an update handler only while
    // a platform bridge is active, which the offscreen platform never is.)
    void announced(const QString &problem);

private:
    QFormLayout *m_form;
    QWidget *m_field;
};
