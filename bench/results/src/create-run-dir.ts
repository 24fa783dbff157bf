import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A run id: the start time (ISO 8601, ':' and '.' made '-', whole seconds), then a number from 2
 * when that second already had a run, then the scenario name (which starts with a letter).
 */
export const RUN_ID = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)-(?:(\d+)-)?([a-z].*)$/;

/**
 * Creates the run's directory under `resultsRoot`, exclusively: a run started in the same second
 * as another (same name) gets `-2`, `-3`... after the time instead of sharing its directory.
 */
export function createRunDir(resultsRoot: string, startedAt: Date, scenario: string): { runId: string; dir: string } {
  mkdirSync(resultsRoot, { recursive: true });
  const second = startedAt.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  for (let n = 1; ; n++) {
    const runId = n === 1 ? `${second}-${scenario}` : `${second}-${n}-${scenario}`;
    const dir = join(resultsRoot, runId);
    try {
      // Not recursive: EEXIST is how a second run in the same second finds out.
      mkdirSync(dir);
      return { runId, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Orders run ids by start time, then by their number within the second (oldest first). */
export function compareRunIds(a: string, b: string): number {
  const [, timeA = a, nA = '1'] = RUN_ID.exec(a) ?? [];
  const [, timeB = b, nB = '1'] = RUN_ID.exec(b) ?? [];
  return timeA === timeB ? Number(nA) - Number(nB) : timeA < timeB ? -1 : 1;
}
