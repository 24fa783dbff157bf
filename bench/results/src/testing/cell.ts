// Builds CellResult fixtures for the summary tests with the load generator's own tallies, so the
// per-second histograms are real HdrHistogram encodings exactly as a run would write them.
import { classifyStatus, createTally, type OpenLoopResult, type OutcomeTally, type SecondSample, summarizeTally, tallyEnding } from '@paybench/bench-load';
import type { CellResult, CellStatus, Phase, ProcessSample, RunResult } from '../result-schema.js';
import { loadLabel, type LoadPoint, type LoggingConfig } from '@paybench/bench-scenario';

/** What happened to one class in one second; latencies in ms, one entry per request. */
export interface ClassSecondSpec {
  /** Requests due in the second and sent; defaults to the number of endings listed. */
  sent?: number;
  dropped?: number;
  /** 200 answers. */
  ok?: number[];
  /** 422 answers. */
  rejected?: number[];
  /** 500 answers. */
  failed?: number[];
  timedOut?: number[];
  /** Connection refused (no latency sample). */
  refused?: number;
  /** Attempts sent again by a retrying client in this second. */
  retries?: number;
}

/** `count` requests of `latencyMs` each. */
export function times(count: number, latencyMs: number): number[] {
  return Array.from({ length: count }, () => latencyMs);
}

function record(tally: OutcomeTally, spec: ClassSecondSpec): void {
  const answer = (status: number) => (latency: number) =>
    tallyEnding(tally, { status, outcome: classifyStatus(status) }, latency);
  spec.ok?.forEach(answer(200));
  spec.rejected?.forEach(answer(422));
  spec.failed?.forEach(answer(500));
  spec.timedOut?.forEach((latency) => tallyEnding(tally, { errorKind: 'timeout' }, latency));
  for (let i = 0; i < (spec.refused ?? 0); i++) tallyEnding(tally, { errorKind: 'connection_refused' }, 0);
  const endings =
    (spec.ok?.length ?? 0) +
    (spec.rejected?.length ?? 0) +
    (spec.failed?.length ?? 0) +
    (spec.timedOut?.length ?? 0) +
    (spec.refused ?? 0);
  tally.sent += spec.sent ?? endings;
  tally.dropped += spec.dropped ?? 0;
  if (spec.retries !== undefined) tally.retries = (tally.retries ?? 0) + spec.retries;
}

/** An open-loop result from a list of seconds (index = second), each a spec per class. */
export function openLoopResult(
  seconds: Record<string, ClassSecondSpec>[],
  durationMs = seconds.length * 1000,
): OpenLoopResult {
  const classNames = [...new Set(seconds.flatMap((s) => Object.keys(s)))];
  const whole = new Map(classNames.map((name) => [name, createTally()]));
  const perSecond: SecondSample[] = seconds.map((specs, second) => {
    const classes: SecondSample['classes'] = {};
    for (const name of classNames) {
      const tally = createTally();
      record(tally, specs[name] ?? {});
      record(whole.get(name) ?? createTally(), specs[name] ?? {});
      classes[name] = summarizeTally(tally);
    }
    return { second, classes };
  });
  const classes: OpenLoopResult['classes'] = {};
  for (const [name, tally] of whole) {
    const summary = summarizeTally(tally);
    const scheduled = summary.sent + summary.dropped;
    const answered = Object.values(summary.statuses).reduce((t, n) => t + n, 0);
    classes[name] = {
      ...summary,
      scheduled,
      offeredRate: scheduled / (durationMs / 1000),
      achievedRate: answered / (durationMs / 1000),
    };
  }
  return {
    classes,
    perSecond,
    scheduleLag: { count: 0, p50: 0, p99: 0, max: 0 },
    generatorLimited: false,
    aborted: false,
    durationMs,
    warmupMs: 0,
    ratePerSecond: 100,
    seed: 1,
  };
}

/**
 * Once-a-second samples of one process from `fromSecond` to `toSecond`: CPU grows by
 * `cpuPerSecond` each second from `cpuAtStart`; the listed seconds are unreachable.
 */
export function processSamples(
  process: string,
  options: {
    fromSecond: number;
    toSecond: number;
    cpuPerSecond: number;
    cpuAtStart?: number;
    rssBytes: number | ((second: number) => number);
    unreachable?: number[];
  },
): ProcessSample[] {
  const samples: ProcessSample[] = [];
  for (let second = options.fromSecond; second <= options.toSecond; second++) {
    const reachable = !(options.unreachable ?? []).includes(second);
    const rss = typeof options.rssBytes === 'function' ? options.rssBytes(second) : options.rssBytes;
    samples.push({
      second,
      process,
      reachable,
      cpuSeconds: reachable ? (options.cpuAtStart ?? 0) + options.cpuPerSecond * (second - options.fromSecond) : null,
      rssBytes: reachable ? rss : null,
      eventLoopP99Ms: reachable ? 10 : null,
      driver: null,
    });
  }
  return samples;
}

export const BROKEN_LOGGING: LoggingConfig = {
  name: 'broken',
  logger: { mode: 'sync', maxBufferBytes: 1024 * 1024 },
  driver: { mode: 'blocking', maxBufferBytes: 1024 * 1024 },
  forwarder: { whenFull: 'block', maxEvents: 500 },
};

export const OPEN_100: LoadPoint = { kind: 'open', rate: 100, maxInFlight: 512 };

export interface CellOptions {
  topology?: string;
  logging?: LoggingConfig;
  load?: LoadPoint;
  repeat?: number;
  status?: CellStatus;
  problems?: string[];
  phases?: Phase[];
  processes?: string[];
  samples?: ProcessSample[];
  loadResult?: CellResult['loadResult'];
  /** A resilience preset and its counters: the key gains `/<preset>`, as for a scenario that lists presets. */
  resilience?: CellResult['resilience'];
}

export function cellResult(options: CellOptions = {}): CellResult {
  const topology = options.topology ?? 'monolith';
  const logging = options.logging ?? BROKEN_LOGGING;
  const load = options.load ?? OPEN_100;
  const durationMs = options.loadResult?.kind === 'open' ? options.loadResult.result.durationMs : 10_000;
  return {
    key: `${topology}/${logging.name}/${loadLabel(load)}${options.resilience ? `/${options.resilience.preset}` : ''}`,
    topology,
    logging,
    load,
    repeat: options.repeat ?? 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    wallMs: durationMs + 5_000,
    status: options.status ?? 'ok',
    problems: options.problems ?? [],
    phases: options.phases ?? [{ name: 'steady', fromMs: 0, toMs: durationMs }],
    faults: [],
    processes: (options.processes ?? [topology]).map((name) => ({ name, modules: [] })),
    loadResult: options.loadResult ?? null,
    samples: options.samples ?? [],
    forwarderSamples: [],
    logAccounting: null,
    ...(options.resilience ? { resilience: options.resilience } : {}),
  };
}

/** A steady open-loop cell: `seconds` seconds of `perSecond` answers of `latencyMs`, CPU and RSS as given. */
export function steadyCell(
  options: CellOptions & {
    seconds?: number;
    perSecond?: number;
    latencyMs: number;
    cpuPerSecond: number;
    rssBytes: number;
  },
): CellResult {
  const seconds = options.seconds ?? 10;
  const perSecond = options.perSecond ?? 100;
  const topology = options.topology ?? 'monolith';
  const result = openLoopResult(
    Array.from({ length: seconds }, () => ({ checkout: { ok: times(perSecond, options.latencyMs) } })),
  );
  return cellResult({
    ...options,
    loadResult: { kind: 'open', result },
    samples: processSamples(topology, {
      fromSecond: 0,
      toSecond: seconds,
      cpuPerSecond: options.cpuPerSecond,
      rssBytes: options.rssBytes,
    }),
  });
}

export function runResult(cells: CellResult[], overrides: Partial<RunResult> = {}): RunResult {
  return {
    schema: 'paybench/run-result',
    version: 1,
    runId: '20260101-000000-test',
    scenario: {
      name: 'test',
      description: 'summary tests',
      topologies: ['monolith', 'microservices'],
      logging: [BROKEN_LOGGING],
      load: [OPEN_100],
      duration: 10_000,
      warmup: 1_000,
      mix: { checkout: 80, orderStatus: 20 },
      timeout: 2_000,
      faults: [],
      slo: { p99Ms: 250 },
      repeat: 1,
      seed: 42,
      population: 100,
    },
    scenarioFile: 'test.yaml',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:10:00.000Z',
    complete: true,
    interruption: null,
    environment: {
      node: 'v24.0.0',
      platform: 'linux',
      kernel: '6.1.0',
      cpuModel: 'Test CPU',
      cores: 2,
      memoryBytes: 4 * 2 ** 30,
      gitCommit: null,
      gitDirty: null,
      pinning: { sut: '1', load: '0', note: 'load generator on CPU 0; system under test on CPU 1' },
      ci: false,
    },
    cells,
    summaries: [],
    comparisons: [],
    ...overrides,
  };
}

export const INCIDENT_PHASES: Phase[] = [
  { name: 'healthy', fromMs: 0, toMs: 10_000 },
  { name: 'stall', fromMs: 10_000, toMs: 15_000 },
  { name: 'recovery', fromMs: 15_000, toMs: 25_000 },
];

/**
 * 100 req/s (80 checkout, 20 orderStatus) over 25 s: healthy for 10 s; the forwarder stalls at
 * 10 s and nothing completes for 2 s, then the stalled requests time out (2 s timeout) with no
 * answer; at 15 s the stall is lifted: one second of timeouts and slow answers, one of slow
 * answers (p99 300 ms > SLO), then healthy again from second 17. `slowBy` stretches the slow answers
 * after the stall (not the timeouts), to tell topologies apart.
 */
export function incidentSeconds(slowBy = 1): Record<string, ClassSecondSpec>[] {
  const healthy = { checkout: { ok: times(80, 5) }, orderStatus: { ok: times(20, 2) } };
  const stalled = { checkout: { sent: 80 }, orderStatus: { sent: 20 } };
  const timingOut = {
    checkout: { sent: 80, timedOut: times(80, 2000) },
    orderStatus: { sent: 20, timedOut: times(20, 2000) },
  };
  return [
    ...times(10, 0).map(() => healthy),
    stalled,
    stalled,
    timingOut,
    timingOut,
    timingOut,
    {
      checkout: { sent: 80, timedOut: times(80, 2000), ok: times(80, 600 * slowBy) },
      orderStatus: { sent: 20, timedOut: times(20, 2000), ok: times(20, 500 * slowBy) },
    },
    { checkout: { ok: times(80, 300 * slowBy) }, orderStatus: { ok: times(20, 300 * slowBy) } },
    ...times(8, 0).map(() => healthy),
  ];
}

export function incidentCell(
  options: CellOptions & { slowBy?: number; cpuPerSecond?: number; rssBytes?: number } = {},
): CellResult {
  const topology = options.topology ?? 'monolith';
  const result = openLoopResult(incidentSeconds(options.slowBy));
  return cellResult({
    phases: INCIDENT_PHASES,
    samples: processSamples(topology, {
      fromSecond: 0,
      toSecond: 25,
      cpuPerSecond: options.cpuPerSecond ?? 0.2,
      rssBytes: options.rssBytes ?? 100 * 2 ** 20,
    }),
    ...options,
    loadResult: { kind: 'open', result },
  });
}
