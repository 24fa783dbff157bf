import type { ForwarderStats } from '@paybench/platform-log-forwarder';
import type { ResolvedTopology } from '@paybench/platform-topology';
import { request } from 'undici';
import type { ForwarderProcess } from './forwarder-process.js';
import type { LogDriverStats } from './log-driver/index.js';
import type { SupervisedProcess } from './supervised-process.js';

/**
 * Where every log line of one process is:
 *
 *   emitted = delivered + droppedByLogger + droppedByDriver + droppedByForwarder
 *             + lostOnConnection + inFlight
 *
 * `inFlight` is broken down by where the lines wait: in the process (its logger's buffer, its
 * stdout pipe), in the driver's buffer, on the TCP connection, in the forwarder's buffer. Each
 * part is measured, not inferred: the snapshot reads the forwarder first, then the drivers, then
 * the processes, so an upstream count is never older than a downstream one and no part can go
 * negative unless lines were invented or lost.
 *
 * Lines are lost, not in flight, when the connection they were handed to closed before the
 * forwarder read them: the protocol has no acknowledgements, so the driver marks how many lines
 * it had forwarded when its last connection closed, and every line up to that mark that the
 * forwarder never received is `lostOnConnection`. Once a later connection has delivered lines
 * past the mark, lost lines show instead as sequence numbers missing at the forwarder beyond the
 * lines dropped before it. Either way `lostOnConnection + onConnection` is exactly what the driver
 * forwarded and the forwarder did not receive, so the equation stays exact.
 *
 * `holds` is false, with the reason, if any part is negative, if lines were lost, if a process
 * could not be asked (it may be stalled), if the forwarder saw more sequence-number gaps than
 * there were drops and losses upstream of it, or if the forwarder's counts are gone (it exited
 * or did not answer): then every figure the forwarder alone knows is null.
 */
export interface ProcessLogAccount {
  readonly process: string;
  readonly emitted: number | null;
  /** null when the forwarder's counts are gone. */
  readonly delivered: number | null;
  readonly droppedByLogger: number | null;
  readonly droppedByDriver: number;
  /** null when the forwarder's counts are gone. */
  readonly droppedByForwarder: number | null;
  /**
   * Handed to a connection to the forwarder that closed before the forwarder read them (no
   * acknowledgements: lost with the connection); null when the forwarder's counts are gone.
   * Results written before this field existed lack it.
   */
  readonly lostOnConnection: number | null;
  readonly inFlight: {
    readonly inProcess: number | null;
    readonly inDriver: number;
    readonly onConnection: number | null;
    readonly inForwarder: number | null;
    readonly total: number | null;
  };
  /** Sequence numbers missing from what the forwarder received (lines lost before it). */
  readonly forwarderSeqGaps: number | null;
  readonly holds: boolean;
  readonly problems: readonly string[];
}

export interface LogAccounting {
  readonly at: string;
  readonly processes: readonly ProcessLogAccount[];
  readonly holds: boolean;
  /** True when nothing is in flight anywhere: every line is delivered, counted as dropped or lost. */
  readonly settled: boolean;
  /** Why the forwarder's counts could not be read (it exited, or did not answer); null when they were. */
  readonly forwarderError: string | null;
}

/** A forwarder whose counts cannot be read: why. */
export interface ForwarderGone {
  readonly gone: string;
}

/**
 * A life of a process that a deliberate kill ended (see crashModule): its driver's counts survive it, its
 * logger's went with it. `source` is the name its lines carried (`risk`, then `risk#2` for a second life).
 */
export interface KilledLife {
  readonly process: string;
  readonly life: number;
  readonly source: string;
  readonly supervised: SupervisedProcess;
}

const LOGGER_GONE = 'the process did not report its logger counts (stalled or gone)';

interface LoggerStatsReply {
  emitted: number;
  dropped: number;
}

export async function readLogAccounting(
  topology: ResolvedTopology,
  processes: ReadonlyMap<string, SupervisedProcess>,
  forwarder: ForwarderProcess | undefined,
  internalHeaders: Readonly<Record<string, string>> = {},
  killedLives: readonly KilledLife[] = [],
): Promise<LogAccounting> {
  if (!forwarder) throw new Error('this topology runs without a log pipeline: there is nothing to account for');
  const forwarderStats = await readForwarder(forwarder);
  const killed = new Map(killedLives.map((l) => [l.supervised, l]));
  // A process down after a crash (no restart) has no current life: only its killed lives are accounted.
  const living = topology.processes.filter((p) => !killed.has(processes.get(p.name) as SupervisedProcess));
  const driverStats = new Map<string, LogDriverStats>();
  for (const [name, p] of processes) if (p.driver) driverStats.set(name, p.driver.stats());
  const loggerStats = new Map(
    await Promise.all(living.map(async (p) => [p.name, await askLogger(p.internalUrl, internalHeaders)] as const)),
  );
  const lifeCount = (name: string) => killedLives.filter((l) => l.process === name).length + 1;
  const accounts = [
    ...killedLives.map((l) => accountForKilledLife(l, forwarderStats)),
    ...living.map((p) => {
      const life = lifeCount(p.name);
      const source = life > 1 ? `${p.name}#${life}` : p.name;
      return accountFor(p.name, loggerStats.get(p.name) ?? null, driverStats.get(p.name), forwarderStats, source);
    }),
  ];
  const forwarderError = 'gone' in forwarderStats ? forwarderStats.gone : null;
  return {
    at: new Date().toISOString(),
    processes: accounts,
    holds: forwarderError === null && accounts.every((a) => a.holds),
    settled: forwarderError === null && accounts.every((a) => a.inFlight.total === 0),
    forwarderError,
  };
}

/** The forwarder's counts, or why they are gone: they live in its memory only. */
async function readForwarder(forwarder: ForwarderProcess): Promise<ForwarderStats | ForwarderGone> {
  const gone = (why: string): ForwarderGone => ({ gone: `the log-forwarder ${why}, and its counts went with it` });
  const exitedHow = () => `exited (code ${forwarder.exited?.code ?? '-'}, signal ${forwarder.exited?.signal ?? '-'})`;
  if (forwarder.exited) return gone(exitedHow());
  try {
    return await forwarder.client.stats();
  } catch (error) {
    return forwarder.exited ? gone(exitedHow()) : gone(`did not answer (${(error as Error).message})`);
  }
}

async function askLogger(
  internalUrl: string,
  headers: Readonly<Record<string, string>>,
): Promise<LoggerStatsReply | null> {
  try {
    const reply = await request(`${internalUrl}/stats/logging`, { headers, signal: AbortSignal.timeout(1_000) });
    if (reply.statusCode !== 200) {
      await reply.body.dump();
      return null;
    }
    return (await reply.body.json()) as LoggerStatsReply;
  } catch {
    return null;
  }
}

export function accountFor(
  name: string,
  logger: LoggerStatsReply | null,
  driver: LogDriverStats | undefined,
  forwarder: ForwarderStats | ForwarderGone,
  /** The name the process's lines carry at the forwarder (its name, or `<name>#<life>` after a restart). */
  sourceName: string = name,
): ProcessLogAccount {
  const problems: string[] = [];
  const linesRead = driver?.linesRead ?? 0;
  const linesForwarded = driver?.linesForwarded ?? 0;
  const inDriver = driver?.bufferedLines ?? 0;
  const inProcess = logger ? logger.emitted - logger.dropped - linesRead : null;

  if (!driver) problems.push('no log driver: stdout does not go through the pipeline');
  if (!logger) problems.push(LOGGER_GONE);
  if (inProcess !== null && inProcess < 0)
    problems.push(`the driver read ${-inProcess} more lines than the process emitted`);
  const known = {
    process: name,
    emitted: logger?.emitted ?? null,
    droppedByLogger: logger?.dropped ?? null,
    droppedByDriver: driver?.linesDropped ?? 0,
  };
  if ('gone' in forwarder) {
    problems.push(`${linesForwarded} lines handed to the log-forwarder cannot be accounted for: ${forwarder.gone}`);
    return {
      ...known,
      delivered: null,
      droppedByForwarder: null,
      lostOnConnection: null,
      inFlight: { inProcess, inDriver, onConnection: null, inForwarder: null, total: null },
      forwarderSeqGaps: null,
      holds: false,
      problems,
    };
  }

  const source = forwarder.sources[sourceName] ?? { received: 0, processed: 0, dropped: 0, lastSeq: 0, seqGaps: 0 };
  const notReceived = linesForwarded - source.received;
  const droppedUpstream = (logger?.dropped ?? 0) + (driver?.linesDropped ?? 0);
  // Up to the mark, what never arrived went with its connection; past it (a later connection
  // delivered), the lost lines are the sequence numbers missing beyond the drops upstream.
  const pastMark = (driver?.linesForwardedToClosedConnections ?? 0) - source.received;
  const missingBeyondDrops = logger && (driver?.closedConnections ?? 0) > 0 ? source.seqGaps - droppedUpstream : 0;
  const lostOnConnection = Math.max(0, pastMark, Math.min(notReceived, missingBeyondDrops));
  const onConnection = notReceived - lostOnConnection;
  const inForwarder = source.received - source.processed - source.dropped;
  const total = inProcess === null ? null : inProcess + inDriver + onConnection + inForwarder;

  if (lostOnConnection > 0) {
    problems.push(
      `${lostOnConnection} lines were lost: handed to a connection to the log-forwarder that closed before it read them`,
    );
  }
  if (onConnection < 0) problems.push(`the forwarder received ${-onConnection} more lines than the driver sent`);
  if (inForwarder < 0) problems.push(`the forwarder processed or dropped ${-inForwarder} more lines than it received`);
  if (logger && source.seqGaps > droppedUpstream + lostOnConnection) {
    problems.push(
      `${source.seqGaps} sequence numbers are missing at the forwarder but only ${droppedUpstream + lostOnConnection} lines were dropped or lost before it`,
    );
  }
  return {
    ...known,
    delivered: source.processed,
    droppedByForwarder: source.dropped,
    lostOnConnection,
    inFlight: { inProcess, inDriver, onConnection, inForwarder, total },
    forwarderSeqGaps: source.seqGaps,
    holds: problems.length === 0,
    problems,
  };
}

/**
 * A killed life, named `<process> (life <n>, killed)`: everything its driver read is accounted for as usual;
 * what its logger still held in memory when SIGKILL came is lost with it and cannot be counted (no logger
 * counts survive a kill), so `emitted` is null and nothing is in flight in the process.
 */
export function accountForKilledLife(life: KilledLife, forwarder: ForwarderStats | ForwarderGone): ProcessLogAccount {
  const name = `${life.process} (life ${life.life}, killed)`;
  const account = accountFor(name, null, life.supervised.driver?.stats(), forwarder, life.source);
  const problems = account.problems.filter((p) => p !== LOGGER_GONE);
  const { inDriver, onConnection, inForwarder } = account.inFlight;
  const total = onConnection === null || inForwarder === null ? null : inDriver + onConnection + inForwarder;
  return { ...account, inFlight: { ...account.inFlight, inProcess: 0, total }, holds: problems.length === 0, problems };
}
