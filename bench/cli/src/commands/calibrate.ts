import { Option, type Command } from 'commander';
import { ladderRates } from '@paybench/bench-analysis';
import { renderCalibration } from '@paybench/bench-outputs';
import { runCalibration } from '../calibrate/run-calibration.js';
import { EXIT } from '../exit-codes.js';
import { integerIn, integerListIn, numberIn } from '../parse-options.js';
import { choosePinning } from '../run/environment.js';
import { formatDuration } from '@paybench/bench-scenario';
import { durationArg, pinArg, type PinOption } from './run.js';
import { abortOnInterrupt } from './scenario-run.js';

interface CalibrateOptions {
  rates?: number[];
  start: number;
  factor: number;
  maxRate: number;
  duration: number;
  warmup: number;
  timeout: number;
  connections: number;
  maxLag: number;
  pin: PinOption;
  json?: boolean;
}

/**
 * Warm-up of every rung: as the built-in scenarios' cells (3 s). A fresh generator process spends its first ~2 s
 * compiling its hot paths on the same core (V8's background compiler), which holds the schedule up by several ms
 * a few times a second; a shorter warm-up would measure that instead of the generator a run relies on.
 */
const WARMUP_MS = 3_000;

/** A duration option whose default reads as a duration in --help (4s, not 4000). */
function durationOption(flags: string, description: string, defaultMs: number): Option {
  return new Option(flags, description).argParser(durationArg).default(defaultMs, formatDuration(defaultMs));
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description(
      'how fast the load generator keeps its schedule on this machine: the open loop over a ladder of rates ' +
        "against a trivial node:http server, next to autocannon's closed loop",
    )
    .option(
      '--rates <list>',
      'the offered rates to try, comma-separated (replaces --start/--factor/--max-rate)',
      integerListIn(1, 1_000_000),
    )
    .option('--start <n>', 'the first rate of the ladder, requests per second', integerIn(1, 1_000_000), 1_000)
    .option('--factor <x>', 'each rate is the previous one times this', numberIn(1.05, 10), 1.5)
    .option('--max-rate <n>', 'the ladder ends here at the latest', integerIn(1, 1_000_000), 100_000)
    .addOption(durationOption('-d, --duration <duration>', 'measured window of every rung', 4_000))
    .addOption(
      durationOption(
        '-w, --warmup <duration>',
        "warm-up before each window (sent, not counted), as a scenario cell's",
        WARMUP_MS,
      ),
    )
    .addOption(durationOption('--timeout <duration>', 'a request unanswered this long is a timeout', 2_000))
    .option(
      '-c, --connections <n>',
      "keep-alive connections: the open loop's pool, autocannon's loop",
      integerIn(1, 1_000),
      64,
    )
    .option('--max-lag <ms>', 'the schedule lag p99 a rung may have and still count as kept', numberIn(0.1, 1_000), 2)
    .option(
      '--pin <auto|off|SUT:LOAD>',
      'CPU pinning with taskset: auto puts the server on the SUT cores, the load on the others',
      pinArg,
      'auto',
    )
    .option('--json', 'print the result as JSON on stdout instead of the table (progress stays on stderr)')
    .addHelpText(
      'after',
      `
A trivial node:http server (one process, on the system under test's cores) answers GET / with a small
JSON body. autocannon's closed loop measures how fast this server can be driven from one process on
the load generator's cores (before and after the ladder); then paybench's open loop offers a
geometric ladder of rates, each rung in a fresh process, with a warm-up as long as a scenario cell's (a
fresh process's first ~2 s carry the JIT compiler's pauses, as in every cell's warm-up). A rung keeps its schedule
when the generator's schedule lag p99 stays within --max-lag and every request is answered; a missed
rung is measured once more (the better attempt counts). The ladder stops once the generator fell
behind in two rungs in a row (lag p99 above 5 x --max-lag, or requests dropped, failed or unanswered). Latency is measured from each request's scheduled
send time, as in every run. This is a benchmark of the machine and the generator: it always exits 0
when it completes; the machine's other load shows in the figures, so repeat it and compare medians.

Examples:
  npm run paybench -- calibrate                         the default ladder, 1000 req/s up by x1.5 (about 2-3 min)
  npm run paybench -- calibrate --rates 5000,20000 -d 10s   two long rungs
  npm run paybench -- calibrate --pin 1:0 --json > calibration.json`,
    )
    .action(async (options: CalibrateOptions, command: Command) => {
      if (options.duration <= 0) command.error('--duration must be positive', { exitCode: EXIT.usage });
      if (options.timeout < 1) command.error('--timeout must be at least 1ms', { exitCode: EXIT.usage });
      if (options.rates === undefined && options.maxRate < options.start)
        command.error(`--max-rate ${options.maxRate} is below --start ${options.start}`, { exitCode: EXIT.usage });
      const rates = options.rates ?? ladderRates(options.start, options.factor, options.maxRate);
      const pinning = choosePinning(options.pin);
      const say = (line: string) => process.stderr.write(`${line}\n`);
      if (pinning.sut === null) say(`running UNPINNED: ${pinning.note}; server and load compete for the same cores`);
      else say(`pinning: ${pinning.note}`);
      const perRungMs = options.warmup + options.duration + 300;
      say(
        `ladder: ${rates.join(', ')} req/s (a missed rung is retried once; falling behind twice in a row ends it), ` +
          `${formatDuration(options.duration)} + ${formatDuration(options.warmup)} warm-up each, about ` +
          `${formatDuration(perRungMs)}; with autocannon before and after, all of it about ` +
          `${formatDuration((rates.length + 2) * perRungMs)}`,
      );
      const signal = abortOnInterrupt();
      const result = await runCalibration({
        pinning,
        rates,
        durationMs: options.duration,
        warmupMs: options.warmup,
        timeoutMs: options.timeout,
        connections: options.connections,
        maxLagMs: options.maxLag,
        signal,
        onProgress: say,
      });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderCalibration(result)}\n`);
      process.exitCode = result.aborted ? EXIT.failed : EXIT.ok;
    });
}
