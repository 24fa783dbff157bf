export { describeWritten, writeReports } from './report/write-reports.js';
export { renderMarkdownSummary } from './text/render-markdown-summary.js';
export { renderTerminalSummary } from './text/render-terminal-summary.js';
export { githubBenchmarkEntries, writeGithubBenchmark } from './tracking/github-benchmark.js';
export { finalLine, renderCheckMarkdown, renderCheckText } from './tracking/render-check.js';
export { compareJson, renderCompareText, type ComparedRun } from './tracking/render-compare.js';
export { shortPath } from './tracking/short-path.js';
export { gitPhrase, plainText } from './tables/git-phrase.js';
export { renderCalibration } from './text/render-calibration.js';
