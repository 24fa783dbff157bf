import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { findBinary } from '@paybench/platform-runtime';
import { resolveAuthSecret } from '../deployment-settings.js';
import { EXIT } from '../exit-codes.js';
import { integerIn } from '../parse-options.js';
import { DEFAULT_SAMPLING_INTERVAL_US } from '../run/collect-cpu-profiles.js';
import { selectProcesses } from '@paybench/bench-profile';
import { choosePinning } from '../run/environment.js';
import { runScenario } from '../run/run-scenario.js';
import { parseWorkerAddress } from '../run/workers/remote-workers.js';
import { Duration, loadScenario, ScenarioError } from '@paybench/bench-scenario';
import { WRK_PACKAGE, wrkVersion } from '@paybench/bench-load';
import { abortOnInterrupt, applyOverrides, finishRun } from './scenario-run.js';
import { runOnTarget } from './run-on-target.js';

export interface RunCommandOptions {
  topology?: string[];
  repeat?: number;
  duration?: number;
  warmup?: number;
  seed?: number;
  population?: number;
  out: string;
  pin: PinOption;
  cpuProfile?: boolean;
  floor: boolean;
  forwarder?: 'builtin' | 'syslog-ng';
  crossCheck?: boolean;
  target?: string;
  workers?: string[];
  workerToken?: string;
}

export type PinOption = 'auto' | 'off' | { sut: string; load: string };

export function durationArg(value: string): number {
  const parsed = Duration.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 2m');
  return parsed.data;
}

/** `--workers a:1,b:2`: remote generator workers, each host:port. */
export function workersArg(value: string): string[] {
  const addresses = value
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
  try {
    for (const address of addresses) parseWorkerAddress(address);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (addresses.length === 0) throw new InvalidArgumentError('expected host:port,... (at least one worker)');
  return addresses;
}

export function pinArg(value: string): PinOption {
  if (value === 'auto' || value === 'off') return value;
  const match = /^([0-9,-]+):([0-9,-]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected auto, off, or SUT_CPUS:LOAD_CPUS such as 1:0 or 2-3:0-1');
  return { sut: match[1] as string, load: match[2] as string };
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'run a scenario: every cell (topology x logging x load) with its fault timeline; print a summary and write the results',
    )
    .argument('[scenario|file]', 'a built-in scenario (see `list`) or a YAML/JSON scenario file', 'incident')
    .option('-t, --topology <name...>', 'run only these topologies (built-in names or topology files)')
    .option('-r, --repeat <n>', 'repeat every cell n times, interleaved', integerIn(1, 50))
    .option(
      '-d, --duration <duration>',
      'measured window of every cell, e.g. 30s (fault times must fit in it)',
      durationArg,
    )
    .option('-w, --warmup <duration>', 'warm-up before the measured window, e.g. 5s', durationArg)
    .option('--seed <n>', 'seed of the population and of the request sequence', integerIn(0, 2 ** 31))
    .option('--population <n>', 'number of seeded consumers', integerIn(10, 1_000_000))
    .option('-o, --out <dir>', 'parent directory of the run directory', 'results')
    .option(
      '--pin <auto|off|SUT:LOAD>',
      'CPU pinning with taskset: auto splits the cores between system under test and load generator',
      pinArg,
      'auto',
    )
    .addOption(
      new Option(
        '--forwarder <kind>',
        "the node-level log forwarder of every logging configuration: the built-in one, or Debian's syslog-ng",
      ).choices(['builtin', 'syslog-ng']),
    )
    .option(
      '--cpu-profile',
      'profile every process over every measured window: the CPU breakdown by category (see `profile --help`)',
    )
    .option(
      '--no-floor',
      "skip the machine's floor (bare express and one bare hop, ~10 s before the cells); the result says it is missing",
    )
    .option(
      '--cross-check',
      "measure every closed-loop cell again with wrk (Debian's wrk package), same bodies and pinning: both figures and their ratio",
    )
    .option(
      '--target <targets.yaml>',
      'run on a deployment started elsewhere (paybench up --write-targets, paybench deploy k8s): start no process',
    )
    .option(
      '--workers <host:port,...>',
      'send every open loop from these remote generator workers (`paybench worker --listen` on each host) instead ' +
        'of local processes: the schedule is split between them and their histograms merged exactly',
      workersArg,
    )
    .option(
      '--worker-token <token>',
      'the shared secret the workers were started with (default: env PAYBENCH_WORKER_TOKEN)',
    )
    .addHelpText(
      'after',
      `
Examples:
  npm run bench                                   the incident replay (the default scenario)
  npm run paybench -- run architecture            healthy comparison: latency at fixed rates, saturation
  npm run paybench -- run quick --repeat 3        CI smoke, three interleaved repeats
  npm run paybench -- run capacity                capacity at the SLO: stepped load until the SLO breaks twice
  npm run paybench -- run incident --topology microservices --duration 40s
  npm run paybench -- run ./my-scenario.yaml --out /tmp/results
  npm run paybench -- run architecture --cpu-profile   with the CPU breakdown of every process
  npm run paybench -- run incident --forwarder syslog-ng   the incident with Debian's syslog-ng as the forwarder
  npm run paybench -- run architecture --cross-check   saturation also measured by wrk, side by side
  npm run paybench -- run quick --target /tmp/up.yaml    on the deployment \`up --write-targets /tmp/up.yaml\` runs
  PAYBENCH_WORKER_TOKEN=... npm run paybench -- run quick --workers 10.0.0.5:7100,10.0.0.6:7100
                                                  open loops sent from two worker hosts (see \`worker --help\`)

With --target, the runner starts no process: it loads the deployment the file describes (entry URL, each
process's internal URL, the forwarder's control URL, credentials by reference), measures and injects faults
through the same endpoints as locally, and marks the result external. A cell the target cannot run (another
topology, logging configuration or resilience preset, a fault it does not support) is refused with the reason,
in the output and in result.json; refused cells do not count against the exit code, but a run where no cell
can run exits 1. CPU and RSS come from each process's own /stats/sample (not /proc), there is no log
accounting, no payment reconciliation and no machine floor (the floor would be the runner's machine's).

Before the cells, the run measures the machine's floor on the same cores with the same tools: a bare
express JSON endpoint, and the same behind one bare express-to-express hop (throughput and CPU per
request); the summary sets the topologies against it: the monolith's saturation throughput or capacity at the SLO
(monolith efficiency), and microservices' extra CPU per internal call against one bare hop's (hop overhead).

Results: <out>/<timestamp>-<scenario>/result.json (raw histograms and per-second series),
summary.md (verdicts and tables, for a pull request or $GITHUB_STEP_SUMMARY), report.html (one
self-contained page with the verdicts and charts; opens offline) with every chart also under
charts/*.svg, and process logs under logs/. A cell is invalid when the load generator's schedule-lag
p99 exceeds 10% of the slowest class's p99 (floor 2 ms) or 10 ms. Exit code 0 when every cell ran and
is valid, 1 otherwise.`,
    )
    .action(async (nameOrFile: string, options: RunCommandOptions) => {
      process.exitCode = await run(nameOrFile, options);
    });
}

async function run(nameOrFile: string, options: RunCommandOptions): Promise<number> {
  let loaded;
  try {
    loaded = loadScenario(nameOrFile);
  } catch (error) {
    if (error instanceof ScenarioError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  const overridden = applyOverrides(loaded.scenario, options);
  if ('error' in overridden) {
    process.stderr.write(`${overridden.error}\n`);
    return EXIT.usage;
  }
  const { scenario } = overridden;
  const workerToken = options.workerToken ?? process.env['PAYBENCH_WORKER_TOKEN'];
  if (options.workers && !workerToken) {
    process.stderr.write("--workers needs the workers' shared secret: --worker-token or env PAYBENCH_WORKER_TOKEN\n");
    return EXIT.usage;
  }
  const remoteWorkers = options.workers && workerToken ? { addresses: options.workers, token: workerToken } : undefined;
  if (options.target) return runOnTarget(options.target, scenario, loaded.file, options, remoteWorkers);
  const authSecret = resolveAuthSecret();
  if ('error' in authSecret) {
    process.stderr.write(`${authSecret.error}\n`);
    return EXIT.usage;
  }
  if (scenario.logging.some((l) => l.forwarder.kind === 'syslog-ng') && !findBinary('syslog-ng')) {
    process.stderr.write(
      "this scenario runs syslog-ng as the log forwarder, and it is not installed: install Debian's package " +
        'syslog-ng-core (`sudo apt-get install syslog-ng-core`)\n',
    );
    return EXIT.failed;
  }
  if (options.crossCheck && wrkVersion() === null) {
    process.stderr.write(
      `--cross-check needs wrk, which is not installed: install Debian's ${WRK_PACKAGE} package (apt-get install -y ${WRK_PACKAGE})\n`,
    );
    return EXIT.usage;
  }
  if (options.crossCheck && !scenario.load.some((l) => l.kind === 'closed'))
    process.stderr.write(`--cross-check: scenario ${scenario.name} has no closed-loop cell, nothing to cross-check\n`);
  const signal = abortOnInterrupt();
  const pinning = choosePinning(options.pin);
  process.stderr.write(`paybench run ${scenario.name} on Node ${process.version}; ${pinning.note}\n`);
  const { result, dir } = await runScenario({
    scenario,
    scenarioFile: loaded.file,
    ...(options.topology ? { topologies: options.topology } : {}),
    resultsRoot: resolve(options.out),
    pinning,
    authSecret: authSecret.value,
    signal,
    ...(options.floor ? {} : { skipFloor: 'not measured (--no-floor)' }),
    ...(options.crossCheck ? { crossCheck: true } : {}),
    ...(remoteWorkers ? { remoteWorkers } : {}),
    ...(options.cpuProfile
      ? {
          profiling: {
            cpu: {
              processes: allProcesses(options.topology ?? scenario.topologies),
              samplingIntervalUs: DEFAULT_SAMPLING_INTERVAL_US,
            },
          },
        }
      : {}),
  });
  return finishRun(result, dir) ? EXIT.ok : EXIT.failed;
}

/** --cpu-profile: every process of every topology (an unknown topology fails here, as it would in the cell). */
function allProcesses(topologies: readonly string[]): Record<string, string[]> {
  try {
    return selectProcesses(topologies, {}, { single: false });
  } catch {
    return {};
  }
}
