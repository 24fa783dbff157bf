export {
  cpuBreakdownGroups,
  cpuBreakdownRows,
  remoteCallUs,
  type BreakdownColumn,
  type BreakdownGroup,
} from './summary/cpu-breakdown-groups.js';
export { runVerdicts } from './summary/fault-verdicts.js';
export {
  floorLines,
  hopOverheads,
  monolithEfficiency,
  type HopOverhead,
  type MonolithEfficiency,
} from './summary/floor-figures.js';
export { beyondNoise, formatRatioInterval, intervalBasis } from './summary/format-interval.js';
export {
  formatMicrosAsMs,
  formatMiB,
  formatMs,
  formatPercent,
  formatRate,
  formatRatio,
  formatSeconds,
} from './summary/format-units.js';
export { lostSuffix } from './summary/log-lines.js';
export { linkProxyCpuNote } from './summary/link-proxy-cpu.js';
export { FIGURE_NOTES, MEASUREMENT_NOTES } from './summary/measurement-notes.js';
export { mergeEncodedHistograms } from './summary/merged-latency.js';
export {
  GOODPUT_RECOVERED_SHARE,
  goodputOf,
  metastabilityVerdicts,
  triggerOf,
  type MetastabilityVerdict,
  type Trigger,
} from './summary/metastability.js';
export { cellRetryCounts, retryCountsText, type CellRetryCounts } from './summary/policy-counts.js';
export { richTextToMarkdown, type RichText } from './summary/rich-text.js';
export {
  axisRank,
  cellConfiguration,
  configurationLabel,
  configurationParts,
  scenarioAxes,
  type ScenarioAxes,
} from './summary/scenario-axes.js';
export { secondFigures, type SecondFigures } from './summary/second-figures.js';
export { RECOVERY_GOOD_SECONDS } from './summary/second-verdicts.js';
export { summarizeRun } from './summary/summarize-run.js';
export { buildBaseline, readBaseline, serializeBaseline, type Baseline } from './tracking/baseline-file.js';
export {
  assertSameScenario,
  checkAgainstBaseline,
  tracks,
  type CheckOptions,
  type CheckOutcome,
  type CheckedFigure,
  type Track,
} from './tracking/check-baseline.js';
export { pairFigures, type FigurePair } from './tracking/compare-figures.js';
export { extractFigures } from './tracking/extract-figures.js';
export { newestRunOf } from './tracking/find-run.js';
export { NOISE_METHOD } from './tracking/noise.js';
export { readThresholdsFile } from './tracking/thresholds.js';
export type { Extraction, TrackedFigure } from './tracking/tracked-figure.js';
export * from './tables/index.js';
export {
  highestKeptRate,
  ladderRates,
  ladderShouldStop,
  rungFellBehind,
  rungMisses,
  sustainedRate,
} from './calibration/ladder.js';
export {
  addReconciliations,
  isUnknownOutcome,
  reconcile,
  reconciliationFailed,
  type EndingsByIndex,
  type ReconciliationInput,
  type StoredOrder,
} from './reconciliation/reconcile.js';
export { blastRadius, type BlockBlast, type ClassPhaseBlast, type TopologyBlast } from './blast/blast-radius.js';
export { blastSentences, classLabel, type BlastSentence } from './blast/blast-sentences.js';
export { HIT_BELOW_SHARE } from './blast/class-seconds.js';
export {
  judgeGeneratorLag,
  LAG_CEILING_MS,
  LAG_FLOOR_MS,
  LAG_RULE_TEXT,
  LAG_SHARE_OF_P99,
  type LagVerdict,
} from './validity/generator-lag-rule.js';
