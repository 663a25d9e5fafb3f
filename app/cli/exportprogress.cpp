#include "exportprogress.h"

#include <QStringList>

#include <algorithm>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {
constexpr qint64 RedrawIntervalMs = 100;
} // namespace

ExportProgress::ExportProgress(std::FILE *terminal)
    : m_out(terminal)
{
    m_clock.start();
}

std::FILE *ExportProgress::terminalStream()
{
    return ::isatty(STDOUT_FILENO) ? stdout : nullptr;
}

int ExportProgress::terminalWidth() const
{
    winsize size{};
    if (m_out && ::ioctl(::fileno(m_out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

void ExportProgress::update(int messagesDone, int messagesTotal, qint64 bytesDone,
                            qint64 bytesTotal)
{
    if (!m_out)
        return;
    const bool last = messagesTotal > 0 && messagesDone >= messagesTotal;
    // Redrawing on every network chunk would cost more than the export.
    if (m_drawn && !last && m_sinceDraw.isValid() && m_sinceDraw.elapsed() < RedrawIntervalMs)
        return;
    m_sinceDraw.start();
    const double seconds = double(m_clock.nsecsElapsed()) / 1e9;
    // One column less than the width: writing the last column makes some
    // terminals wrap, and the next '\r' would then start a new line.
    const QString line = formatLine(messagesDone, messagesTotal, bytesDone, bytesTotal, seconds,
                                    terminalWidth() - 1);
    std::fprintf(m_out, "\r\033[K%s", qPrintable(line));
    std::fflush(m_out);
    m_drawn = true;
}

void ExportProgress::clear()
{
    if (!m_out || !m_drawn)
        return;
    std::fputs("\r\033[K", m_out);
    std::fflush(m_out);
    m_drawn = false;
}

QString ExportProgress::formatLine(int messagesDone, int messagesTotal, qint64 bytesDone,
                                   qint64 bytesTotal, double seconds, int width)
{
    QStringList parts;
    parts.append(QStringLiteral("%1/%2 msgs").arg(messagesDone).arg(messagesTotal));
    parts.append(QStringLiteral("%1/%2").arg(formatBytes(bytesDone), formatBytes(bytesTotal)));
    // Under half a second the rate is mostly connection setup: leave it out.
    if (seconds >= 0.5 && bytesDone > 0) {
        const double rate = double(bytesDone) / seconds;
        parts.append(formatBytes(qint64(rate)) + QStringLiteral("/s"));
        const qint64 remaining = std::max<qint64>(0, bytesTotal - bytesDone);
        parts.append(QStringLiteral("ETA ") +
                     formatDuration(qint64(double(remaining) / rate + 0.5)));
    }
    const QString text = parts.join(QStringLiteral("  "));

    // The bar takes what the text leaves, within reason.
    const int barWidth = std::min(40, width - int(text.size()) - 3);
    if (barWidth < 5)
        return text.left(std::max(0, width));
    const double fraction = bytesTotal > 0
            ? std::clamp(double(bytesDone) / double(bytesTotal), 0.0, 1.0)
            : messagesTotal > 0 ? double(messagesDone) / double(messagesTotal)
                                : 1.0;
    const int filled = int(fraction * barWidth);
    return QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
            QString(barWidth - filled, QLatin1Char('.')) + QStringLiteral("] ") + text;
}

QString ExportProgress::formatBytes(qint64 bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"kB", "MB", "GB", "TB", "PB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    return QStringLiteral("%1 %2")
            .arg(value, 0, 'f', value < 10 ? 1 : 0)
            .arg(QLatin1String(units[unit]));
}

QString ExportProgress::formatDuration(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds / 60) % 60;
    const qint64 secs = seconds % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
                .arg(hours)
                .arg(minutes, 2, 10, QLatin1Char('0'))
                .arg(secs, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}
