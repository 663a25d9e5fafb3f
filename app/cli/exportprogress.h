#pragma once

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

// The progress bar of `mailpeek-cli export`: one line redrawn in place on a
// terminal, at most ten times a second, with messages, bytes, rate and ETA.
// Built with a null stream it draws nothing (output is not a terminal), so
// scripts and logs get only the summary line.
class ExportProgress
{
public:
    explicit ExportProgress(std::FILE *terminal);
    ExportProgress(const ExportProgress &) = delete;
    ExportProgress &operator=(const ExportProgress &) = delete;

    // The stream to draw on: stdout when it is a terminal, else nothing, so
    // that `export > log` and pipes stay quiet as the CLI contract says.
    [[nodiscard]] static std::FILE *terminalStream();

    [[nodiscard]] bool isEnabled() const { return m_out != nullptr; }

    void update(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    // Erases the bar so another line (a notice, the summary) can be printed;
    // the next update() draws it again.
    void clear();

    // The bar's text for `width` columns; the rate and ETA are left out
    // until there is something to base them on. Public for tests.
    [[nodiscard]] static QString formatLine(int messagesDone, int messagesTotal, qint64 bytesDone,
                                            qint64 bytesTotal, double seconds, int width);
    // "1.5 MB", "312 B", in decimal units like most download tools.
    [[nodiscard]] static QString formatBytes(qint64 bytes);
    // "0:07", "12:34", "1:02:03".
    [[nodiscard]] static QString formatDuration(qint64 seconds);

private:
    [[nodiscard]] int terminalWidth() const;

    std::FILE *m_out = nullptr;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceDraw;
    bool m_drawn = false;
};
