// Output for benchmark-action/github-action-benchmark's custom tools: one JSON array per
// direction (`customSmallerIsBetter`, `customBiggerIsBetter`), each entry
// { name, unit, value, range?, extra? }, so the action can chart every figure per commit.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@paybench/bench-results';
import { type Extraction, type Track, type TrackedFigure, tracks } from '@paybench/bench-analysis';

export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  /** Half the spread (max - min) of the valid repeats, e.g. "± 3.2"; absent with one repeat. */
  range?: string;
  /** How the value was measured and over how many samples. */
  extra: string;
}

export function githubBenchmarkEntries(
  extraction: Extraction,
  track: Track,
): { smaller: GithubBenchmarkEntry[]; bigger: GithubBenchmarkEntry[] } {
  const tracked = extraction.figures.filter((f) => tracks(track, f.kind));
  return {
    smaller: tracked.filter((f) => f.direction === 'smaller').map((f) => entry(f, extraction.runId)),
    bigger: tracked.filter((f) => f.direction === 'bigger').map((f) => entry(f, extraction.runId)),
  };
}

function entry(figure: TrackedFigure, runId: string): GithubBenchmarkEntry {
  const round = (v: number) => Number(v.toPrecision(4));
  const n = figure.repeats.length;
  const spread = n >= 2 ? Math.max(...figure.repeats) - Math.min(...figure.repeats) : null;
  const samples = [`median of ${n} valid repeat${n === 1 ? '' : 's'}`];
  if (spread !== null)
    samples.push(`range ${round(Math.min(...figure.repeats))} to ${round(Math.max(...figure.repeats))}`);
  if (figure.perSecond) samples.push(`${figure.perSecond.length} per-second values`);
  return {
    name: figure.name,
    unit: figure.unit,
    value: round(figure.value),
    ...(spread !== null ? { range: `± ${round(spread / 2)}` } : {}),
    extra: `${samples.join(', ')}\n${figure.how}\nrun ${runId}`,
  };
}

/** Writes `<prefix>-smaller.json` and `<prefix>-bigger.json`; returns their paths. */
export function writeGithubBenchmark(prefix: string, extraction: Extraction, track: Track): string[] {
  const { smaller, bigger } = githubBenchmarkEntries(extraction, track);
  mkdirSync(dirname(prefix), { recursive: true });
  const files: [string, GithubBenchmarkEntry[]][] = [
    [`${prefix}-smaller.json`, smaller],
    [`${prefix}-bigger.json`, bigger],
  ];
  for (const [file, entries] of files) writeFileAtomic(file, `${JSON.stringify(entries, null, 2)}\n`);
  return files.map(([file]) => file);
}
