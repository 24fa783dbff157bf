import type { RichText } from './rich-text.js';
import { BAD_SECOND_FAILURE_SHARE, RECOVERY_GOOD_SECONDS } from './second-verdicts.js';

/**
 * How the figures were measured, worded once: summary.md ends with these, report.html shows them
 * with the figure notes below. They restate README.md's "The benchmark" section; change both
 * together.
 */
export const MEASUREMENT_NOTES: readonly RichText[] = [
  [
    "Open loop at a fixed offered rate; latency runs from each request's ",
    { em: 'intended' },
    " start time to its last byte, so a stall counts in full, and so does the generator's own lateness: its schedule-lag p99 is shown beside the p99, and a cell is invalid when it exceeds 10% of the slowest class's p99 (floor 2 ms) or 10 ms. A request unanswered at the timeout is abandoned and recorded at that deadline: a p99 at the timeout is a floor. Percentiles come from merged HDR histograms (µs, within 0.1%), never averaged; the raw histograms are in ",
    { code: 'result.json' },
    '.',
  ],
  [
    { em: 'answered %' },
    ' = (2xx + 422) / requests due; ',
    { em: 'within SLO %' },
    ' also removes answers slower than the SLO (a lower bound). Closed-loop figures are autocannon saturation: service time from send.',
  ],
  [
    "CPU ms/req = growth of every process's CPU time (",
    { code: '/proc/<pid>/stat' },
    "; runs before it: prom-client's ",
    { code: 'process_cpu_seconds_total' },
    "), less what the harness's own readings cost the processes when the run measured it (each process asked every 5 s, in runs before every second; the cell's notes say how much), / 2xx answers; RSS = sum of per-process peaks, read once a second. Log lines dropped = by the logger + the driver + the forwarder, from the end-to-end accounting; lines lost with a broken connection to the forwarder are shown apart (+N lost).",
  ],
  [
    'A ratio between topologies is a ratio of medians over valid repeats; ',
    { em: '[low-high]' },
    ' after it is its 95% interval, a seeded percentile bootstrap (2000 resamples, the same output for the same data). ',
    { em: 'Over repeats' },
    ' when both topologies have 2 or more: the spread between runs. Otherwise ',
    { em: 'per-second' },
    ': each whole-window figure recomputed from the seconds of the window resampled within each phase (a stall and a recovery are not interchangeable seconds); seconds of one run share its machine, data and warm-up, so this understates the variance between runs, and peak RSS (a maximum) gets no interval. A verdict calls a ratio a difference only when its interval excludes x1.',
  ],
];

/** What the report's figures add to the notes above: the per-second judgements behind the timelines. */
export const FIGURE_NOTES: readonly RichText[] = [
  [
    'Each second of the window is judged: it is ',
    { em: 'bad' },
    ` when its p99 (all classes merged) is above the SLO, when more than ${BAD_SECOND_FAILURE_SHARE * 100}% of its requests failed or were dropped, or when requests were sent and none completed (a stall, whose latency only shows when it ends). `,
    { em: 'Time to impact' },
    ' runs from a fault event to the start of the first bad second of its phase; ',
    { em: 'time to recover' },
    ` from the last fault event to the first of ${RECOVERY_GOOD_SECONDS} good seconds in a row.`,
  ],
  [
    'Per-second figures count requests by the second they ',
    { em: 'ended' },
    ' in (latency, answers, errors) and by the second they were ',
    { em: 'due' },
    ' in (requests due): a stall shows as seconds with nothing answered, then a burst of slow answers or timeouts. Seconds after the window are the drain (late answers of requests due in it).',
  ],
  [
    'Fairness: the load generator runs in its own process, pinned with ',
    { code: 'taskset' },
    ' to half the cores, the system under test with its supervisor, log drivers and forwarder to the other half; each cell starts from a fresh database. Machines are noisy: compare within one run, use repeats, quote medians and ratios.',
  ],
];
