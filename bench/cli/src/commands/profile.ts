import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveAuthSecret } from '../deployment-settings.js';
import { EXIT } from '../exit-codes.js';
import { integerIn } from '../parse-options.js';
import {
  CLINIC_TOOLS,
  DEFAULT_CLINIC_TIMEOUT_MS,
  isClinicTool,
  REFUSED_CLINIC_TOOLS,
  ProfileSelectionError,
  selectProcesses,
} from '@paybench/bench-profile';
import { DEFAULT_PROFILE_SCENARIO_FILE, defaultProfileScenario } from './default-profile-scenario.js';
import { DEFAULT_SAMPLING_INTERVAL_US } from '../run/collect-cpu-profiles.js';
import { choosePinning } from '../run/environment.js';
import { runScenario, type RunProfiling } from '../run/run-scenario.js';
import { loadScenario, type Scenario, ScenarioError } from '@paybench/bench-scenario';
import { durationArg, pinArg, type PinOption } from './run.js';
import { abortOnInterrupt, applyOverrides, finishRun } from './scenario-run.js';

interface ProfileOptions {
  tool: string;
  topology?: string[];
  process?: string[];
  module?: string;
  duration?: number;
  warmup?: number;
  rate?: number;
  seed?: number;
  population?: number;
  samplingInterval: number;
  toolTimeout: number;
  out: string;
  pin: PinOption;
}

const TOOLS = ['cpu', ...CLINIC_TOOLS];

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description(
      "profile processes while a scenario's load (or a short default load) runs: the built-in CPU breakdown per topology, or a clinic.js tool on one process",
    )
    .argument(
      '[scenario|file]',
      'a built-in scenario (see `list`) or a YAML/JSON scenario file; default: a short healthy load on monolith and microservices',
    )
    .option(
      '--tool <tool>',
      `cpu (the built-in breakdown, no browser needed), or a clinic.js tool: ${CLINIC_TOOLS.join(', ')}`,
      'cpu',
    )
    .option('-t, --topology <name...>', "profile only these topologies (default: the scenario's)")
    .option('-p, --process <name...>', 'the processes to profile, by name (default for cpu: every process)')
    .option(
      '-m, --module <module>',
      'profile the process hosting this module in each topology (e.g. risk: "monolith" in the monolith, "risk" in microservices)',
    )
    .option('-d, --duration <duration>', 'measured window of every cell, e.g. 20s', durationArg)
    .option('-w, --warmup <duration>', 'warm-up before the measured window, e.g. 3s', durationArg)
    .option(
      '--rate <n>',
      'replace the load with one open-loop point at n requests per second (a retrying client stays)',
      integerIn(1, 50_000),
    )
    .option('--seed <n>', 'seed of the population and of the request sequence', integerIn(0, 2 ** 31))
    .option('--population <n>', 'number of seeded consumers', integerIn(10, 1_000_000))
    .option(
      '--sampling-interval <us>',
      'cpu: V8 sampling interval in microseconds',
      integerIn(50, 100_000),
      DEFAULT_SAMPLING_INTERVAL_US,
    )
    .option(
      '--tool-timeout <duration>',
      'clinic: how long the tool may take, once the load is over, to write its report before it is stopped',
      durationArg,
      DEFAULT_CLINIC_TIMEOUT_MS,
    )
    .option('-o, --out <dir>', 'parent directory of the run directory', 'results')
    .option('--pin <auto|off|SUT:LOAD>', 'CPU pinning with taskset (as for run)', pinArg, 'auto')
    .addHelpText(
      'after',
      `
Examples:
  npm run paybench -- profile --module risk           the risk module's process in each topology (the monolith
                                                      process, the risk service), same load, breakdown side by side
  npm run paybench -- profile                         every process of both topologies
  npm run paybench -- profile architecture --topology microservices --rate 300
  npm run paybench -- profile --tool flame --topology microservices --process checkout
  npm run paybench -- profile incident --tool doctor --topology monolith --module risk
  npm run paybench -- run architecture --cpu-profile  a whole scenario, every process profiled

cpu: a V8 CPU profile of each chosen process's main thread over each cell's measured window (through a
loopback-only inspector endpoint on its internal listener); the main thread's CPU time over that window,
as the kernel measured it, is shared out in proportion to the samples' self frames between business logic,
HTTP server, HTTP client, JSON, logging, database and other (idle apart; rules in
bench/profile/src/categories.ts). The table, side by side per topology, goes to the terminal, summary.md,
result.json and report.html (a stacked bar per topology, and the remote-call cost); the raw .cpuprofile files go to <run>/profiles/ (Chrome DevTools or speedscope).

clinic tools run the chosen process as \`clinic <tool> -- node <app>\` (non-interactive, offline: no consent
prompt, browser or update check), stop it with Ctrl-C's SIGINT when the load is over and write the report
to <run>/clinic/<cell>/. A tool that has not finished after --tool-timeout is stopped, and the run says so.
bubbleprof is refused: it hangs on Node 24.

Exit code 0 when every cell ran, is valid and produced its profiles; 1 otherwise; 2 for a usage error.`,
    )
    .action(async (nameOrFile: string | undefined, options: ProfileOptions) => {
      process.exitCode = await profile(nameOrFile, options);
    });
}

async function profile(nameOrFile: string | undefined, options: ProfileOptions): Promise<number> {
  const refused = REFUSED_CLINIC_TOOLS[options.tool];
  if (refused) {
    process.stderr.write(`${refused}\n`);
    return EXIT.usage;
  }
  if (!TOOLS.includes(options.tool)) {
    process.stderr.write(`unknown tool "${options.tool}": use one of ${TOOLS.join(', ')}\n`);
    return EXIT.usage;
  }
  let scenario: Scenario;
  let scenarioFile = DEFAULT_PROFILE_SCENARIO_FILE;
  try {
    if (nameOrFile) ({ scenario, file: scenarioFile } = loadScenario(nameOrFile));
    else scenario = defaultProfileScenario();
  } catch (error) {
    if (error instanceof ScenarioError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  const overridden = applyOverrides(scenario, options);
  if ('error' in overridden) {
    process.stderr.write(`${overridden.error}\n`);
    return EXIT.usage;
  }
  scenario = overridden.scenario;
  const topologies = options.topology ?? scenario.topologies;
  const clinicTool = isClinicTool(options.tool) ? options.tool : null;
  let processes: Record<string, string[]>;
  try {
    processes = selectProcesses(
      topologies,
      {
        ...(options.process ? { processes: options.process } : {}),
        ...(options.module ? { module: options.module } : {}),
      },
      { single: clinicTool !== null },
    );
  } catch (error) {
    if (error instanceof ProfileSelectionError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const profiling: RunProfiling = clinicTool
    ? {
        clinic: {
          tool: clinicTool,
          processes: Object.fromEntries(Object.entries(processes).map(([t, [p]]) => [t, p as string])),
          timeoutMs: options.toolTimeout,
        },
      }
    : { cpu: { processes, samplingIntervalUs: options.samplingInterval } };

  const authSecret = resolveAuthSecret();
  if ('error' in authSecret) {
    process.stderr.write(`${authSecret.error}\n`);
    return EXIT.usage;
  }
  const signal = abortOnInterrupt();
  const pinning = choosePinning(options.pin);
  const what = Object.entries(processes)
    .map(([t, p]) => `${t}: ${p.join(', ')}`)
    .join('; ');
  process.stderr.write(
    `paybench profile (${options.tool}) of ${what}; scenario ${scenario.name}; Node ${process.version}; ${pinning.note}\n`,
  );
  const { result, dir } = await runScenario({
    scenario,
    scenarioFile,
    topologies,
    resultsRoot: resolve(options.out),
    pinning,
    authSecret: authSecret.value,
    signal,
    // A profile's figures are its CPU breakdown; `run` measures the floor.
    skipFloor: 'not measured by `paybench profile`',
    profiling,
  });
  const allValid = finishRun(result, dir);

  let produced = true;
  for (const cell of result.cells) {
    for (const p of cell.cpuProfiles ?? []) {
      if (p.file) process.stdout.write(`CPU profile ${cell.topology}/${p.process}: ${join(dir, p.file)}\n`);
      else produced = false;
    }
    for (const c of cell.clinic ?? []) {
      if (c.status === 'ok' && c.html)
        process.stdout.write(
          `clinic ${c.tool} ${cell.topology}/${c.process}: ${join(dir, c.html)}${c.data ? ` (data: ${join(dir, c.data)})` : ''}\n`,
        );
      else {
        produced = false;
        process.stderr.write(`clinic ${c.tool} ${cell.topology}/${c.process}: ${c.message}\n`);
      }
    }
    if (clinicTool && !cell.clinic?.length) produced = false;
    if (!clinicTool && !cell.cpuProfiles?.length) produced = false;
  }
  if (!clinicTool)
    process.stdout.write(
      'Open a .cpuprofile in Chrome DevTools (Performance > Load profile) or speedscope to explore it.\n',
    );
  if (allValid && !produced) process.stderr.write('some profiles are missing: see the messages above\n');
  return allValid && produced ? EXIT.ok : EXIT.failed;
}
