// The summary layer: figures derived from a run's raw results (per-second histograms and counts,
// process samples, log accounting), each documented where it is computed, and the end-of-run table.
// The shapes of the stored figures are the stored model's: bench/src/results/summary-schema.ts and
// comparison-schema.ts. Every user of the figures gets them through summarizeRun, stored or computed.
export { summarizeRun, type RunSummaries } from './summarize-run.js';
export type { SloContext } from './traffic-figures.js';
export { countSamplesAbove, mergeEncodedHistograms } from './merged-latency.js';
export { renderTerminalSummary } from './render-terminal-summary.js';
export {
  formatMicrosAsMs,
  formatMiB,
  formatMs,
  formatPercent,
  formatRate,
  formatRatio,
  formatSeconds,
} from './format-units.js';
export { renderMarkdownSummary } from './render-markdown-summary.js';
export type { Verdict } from './fault-verdicts.js';
export { runVerdicts } from './fault-verdicts.js';
export type { RichSegment, RichText } from './rich-text.js';
export { richTextToMarkdown } from './rich-text.js';
export { FIGURE_NOTES, MEASUREMENT_NOTES } from './measurement-notes.js';
export { CPU_BREAKDOWN_HOW, columnTitle, otherThreads, remoteCallLine } from './cpu-breakdown.js';
export { cpuBreakdownGroups, cpuBreakdownRows, remoteCallUs } from './cpu-breakdown-groups.js';
export type { BreakdownColumn, BreakdownGroup, CpuBreakdownRow } from './cpu-breakdown-groups.js';
