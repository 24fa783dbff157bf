// Log lines lost with the log-forwarder are never reported as zero: `paybench run` with the
// forwarder killed in the middle of a cell marks that cell invalid, naming the forwarder, while
// the next cell (a fresh forwarder) stays ok.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { within } from './support/background-load.js';
import { CLI, writeScenario } from './support/paybench-cli.js';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

let cli: ChildProcess | undefined;
afterEach(() => {
  // A test that failed half-way: its CLI goes, and its children with it (their lifeline closes).
  if (cli && cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
});

/** The log-forwarder among the CLI's children, by its command line. */
function forwarderOf(cliPid: number): number | undefined {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  for (const row of rows) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    if (match && Number(match[2]) === cliPid && /log-forwarder/.test(match[3] as string)) return Number(match[1]);
  }
  return undefined;
}

interface CellOutcome {
  key: string;
  status: string;
  problems: string[];
  disqualifying: string[];
  logAccounting: {
    holds: boolean;
    settled: boolean;
    forwarderError: string | null;
    processes: { delivered: number | null; lostOnConnection: number | null }[];
  } | null;
}

describe('paybench run with the log-forwarder killed mid-cell', () => {
  it('marks that cell invalid, naming the forwarder and its lost counts; a cell with a healthy forwarder stays ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-log-loss-'));
    const out = join(dir, 'results');
    // A non-blocking driver: the processes run on without the forwarder, so only the log
    // accounting can tell that anything went wrong.
    const scenario = writeScenario(dir, 'forwarder-killed', [
      'name: forwarder-killed',
      'description: "the forwarder dies in the first cell"',
      'topologies: [monolith, extract-risk]',
      'logging:',
      '  - { name: tolerant, logger: { mode: sync }, driver: { mode: non-blocking }, forwarder: { whenFull: drop_newest } }',
      'load: [{ kind: open, rate: 40 }]',
      // The forwarder is killed as the first cell's measured window opens: what follows only has to outlast that
      // (the accounting's verdict comes from the forwarder's exit, not from how long the cell ran on), and 3 s at
      // 40 req/s still gives the healthy cell 120 requests' worth of log lines to account for.
      'duration: 3s',
      'warmup: 1s',
      'faults:',
      // A change the dead forwarder cannot take, after the kill.
      '  - { at: 2s, phase: late, forwarder: { sink: { mode: normal } } }',
      'population: 500',
    ]);
    const child = spawn(process.execPath, [CLI, 'run', scenario, '--out', out, '--no-floor'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d));

    const measuring = await within(90_000, async () => /measuring/.test(stderr), 200);
    expect(measuring, stderr).not.toBeNull();
    const forwarder = forwarderOf(child.pid as number);
    expect(forwarder, 'no log-forwarder among the CLI children').toBeDefined();
    process.kill(forwarder as number, 'SIGKILL');

    const [code] = (await once(child, 'exit')) as [number];
    expect(code, stderr).not.toBeNull();
    const [runDir] = readdirSync(out);
    const result = JSON.parse(readFileSync(join(out, runDir as string, 'result.json'), 'utf8')) as {
      cells: CellOutcome[];
    };
    const [killed, healthy] = result.cells;

    expect(killed?.status, JSON.stringify(killed?.problems)).toBe('invalid');
    expect(killed?.problems.join('\n')).toMatch(
      /log accounting does not hold: .*the log-forwarder exited \(code -, signal SIGKILL\)/,
    );
    expect(killed?.disqualifying).toContainEqual(expect.stringMatching(/^log accounting does not hold: /));
    expect(killed?.logAccounting).toMatchObject({
      holds: false,
      settled: false,
      forwarderError: expect.stringMatching(/SIGKILL/),
    });
    expect(killed?.logAccounting?.processes.every((p) => p.delivered === null && p.lostOnConnection === null)).toBe(
      true,
    );

    // Nothing about its logs holds it back (on a busy machine the load generator may fall behind:
    // that check is not under test here).
    const notAboutLoad = (healthy?.problems ?? []).filter((problem) => !/could not keep its schedule/.test(problem));
    expect(notAboutLoad).toEqual([]);
    if (notAboutLoad.length === healthy?.problems.length) expect(healthy?.status).toBe('ok');
    expect(healthy?.logAccounting).toMatchObject({ holds: true, settled: true, forwarderError: null });
    expect(healthy?.logAccounting?.processes.every((p) => p.lostOnConnection === 0)).toBe(true);
  });
});
