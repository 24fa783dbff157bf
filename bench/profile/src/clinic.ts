// clinic.js tools, run on one process of a topology by the runtime's wrapper support: the
// supervisor starts `clinic <tool> ... -- node <app>` in a process group of its own (see
// ProcessWrapper in libs/platform/runtime), stops it with SIGINT to the whole group (clinic's
// Ctrl-C) once the load is over, and kills the group if the tool has not finished in time.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProcessWrapper } from '@paybench/platform-runtime';
import type { ClinicRun } from './cpu-profile-types.js';

export const CLINIC_TOOLS = ['doctor', 'flame', 'heapprofiler'] as const;
export type ClinicTool = (typeof CLINIC_TOOLS)[number];

/** Tools refused up front, and why: the command says so instead of hanging. */
export const REFUSED_CLINIC_TOOLS: Readonly<Record<string, string>> = {
  bubbleprof:
    'clinic bubbleprof hangs here: on Node 24 the profiled process never exits after the load ends, so bubbleprof never writes its output. Use --tool doctor, flame or heapprofiler, or --tool cpu for the built-in breakdown.',
};

/** How long a tool may take, after the load, to stop the app and write its report. */
export const DEFAULT_CLINIC_TIMEOUT_MS = 120_000;

export function isClinicTool(tool: string): tool is ClinicTool {
  return (CLINIC_TOOLS as readonly string[]).includes(tool);
}

const require = createRequire(import.meta.url);

/**
 * The wrapper that runs one process under `clinic <tool>`, non-interactively and offline:
 * - `NO_INSIGHT` answers clinic's usage-statistics consent prompt (without it clinic waits on the
 *   prompt and writes nothing), `NO_UPDATE_NOTIFIER` skips its update check, `--open=false` its
 *   browser;
 * - the clinic CLI runs with a preload (`--import`, which its children do not inherit) that sends
 *   its own console output to stderr: the app's stdout, which clinic passes on, stays the log
 *   pipeline's, so the log accounting still holds;
 * - it writes into `dir` (`--dest`, and the working directory: 0x, under flame, writes there),
 *   named after the process (`--name`).
 */
export function clinicWrapper(
  tool: ClinicTool,
  options: { dir: string; name: string; timeoutMs: number },
): ProcessWrapper {
  return {
    command: process.execPath,
    args: [
      '--import',
      pathToFileURL(consolePreload()).href,
      require.resolve('clinic/bin.js'),
      tool,
      '--open=false',
      '--dest',
      options.dir,
      '--name',
      options.name,
      '--',
    ],
    stopSignal: 'SIGINT',
    stopTimeoutMs: options.timeoutMs,
    cwd: options.dir,
    env: { NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1' },
  };
}

function consolePreload(): string {
  const built = fileURLToPath(new URL('./clinic-console.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./clinic-console.ts', import.meta.url));
}

/**
 * What a clinic run left in `dir` once its process was stopped: the data (`<name>.clinic-<tool>`)
 * and the HTML report next to it. `killed` is true when the tool did not finish in time.
 */
export function clinicOutcome(
  tool: ClinicTool,
  options: {
    dir: string;
    name: string;
    process: string;
    runDir: string;
    killed: boolean;
    timeoutMs: number;
    exit: { code: number | null; signal: string | null } | null;
  },
): ClinicRun {
  const files = existsSync(options.dir) ? readdirSync(options.dir) : [];
  const data = files.find((f) => f === `${options.name}.clinic-${tool}`);
  const html = files.find((f) => f === `${options.name}.clinic-${tool}.html`);
  const rel = (f: string | undefined) => (f ? relative(options.runDir, join(options.dir, f)) : null);
  const base = { tool, process: options.process, data: rel(data), html: rel(html) };
  if (options.killed) {
    return {
      ...base,
      status: 'timeout',
      message: `clinic ${tool} did not finish within ${Math.round(options.timeoutMs / 1000)} s after the load ended: it was stopped (its process group killed)${html ? '' : ', and wrote no report'}. Give it longer with --tool-timeout.`,
    };
  }
  if (!html) {
    const exit = options.exit
      ? ` (it exited with code ${options.exit.code ?? '-'}, signal ${options.exit.signal ?? '-'})`
      : '';
    return {
      ...base,
      status: 'failed',
      message: `clinic ${tool} wrote no report${exit}: see its stderr in the cell's logs (${options.process}.stderr.log)`,
    };
  }
  return { ...base, status: 'ok', message: `clinic ${tool} report: ${join(options.runDir, base.html as string)}` };
}
