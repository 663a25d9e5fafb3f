#pragma once

#include <QList>

#include <utility>

// A stable bottom-up merge sort of a list of ints (row numbers) that can
// stop after any bounded amount of work and go on later: sorting 100,000
// rows by a text key takes 50-100 ms, several frames, so the proxy that
// sorts them spreads it over turns of the event loop (issue 13). The work
// is the same as one std::stable_sort; only the pauses are new.
class SteppedMergeSort
{
public:
    void start(QList<int> items)
    {
        m_a = std::move(items);
        m_b = QList<int>(m_a.size());
        m_width = 1;
        m_base = 0;
        m_merging = false;
    }
    void clear() { start({}); }

    // Sorts until done (true) or until `expired()` answers true; it is asked
    // every 256 comparisons. `less` must be a strict weak order.
    template<typename Less, typename Expired> bool run(Less less, Expired expired)
    {
        const qsizetype n = m_a.size();
        int comparisons = 0;
        while (m_width < n) {
            const int *a = m_a.constData();
            int *b = m_b.data();
            while (m_base < n) {
                if (!m_merging) {
                    m_left = m_base;
                    m_leftEnd = qMin(m_base + m_width, n);
                    m_right = m_leftEnd;
                    m_rightEnd = qMin(m_base + 2 * m_width, n);
                    m_out = m_base;
                    m_merging = true;
                }
                while (m_left < m_leftEnd && m_right < m_rightEnd) {
                    // Ties take the left run first: stable.
                    if (less(a[m_right], a[m_left]))
                        b[m_out++] = a[m_right++];
                    else
                        b[m_out++] = a[m_left++];
                    if (++comparisons == 256) {
                        comparisons = 0;
                        if (expired())
                            return false;
                    }
                }
                while (m_left < m_leftEnd)
                    b[m_out++] = a[m_left++];
                while (m_right < m_rightEnd)
                    b[m_out++] = a[m_right++];
                m_merging = false;
                m_base += 2 * m_width;
            }
            m_a.swap(m_b);
            m_width *= 2;
            m_base = 0;
        }
        return true;
    }

    // The sorted list, once run() answered true.
    [[nodiscard]] QList<int> take()
    {
        m_b = {};
        return std::exchange(m_a, {});
    }

private:
    QList<int> m_a; // the runs of the current pass
    QList<int> m_b; // the merged runs of the next pass
    qsizetype m_width = 1; // run length of the current pass
    qsizetype m_base = 0; // start of the next pair of runs
    // The merge in progress, when m_merging.
    bool m_merging = false;
    qsizetype m_left = 0;
    qsizetype m_leftEnd = 0;
    qsizetype m_right = 0;
    qsizetype m_rightEnd = 0;
    qsizetype m_out = 0;
};
