import type { ForwarderStats } from '@paybench/platform-log-forwarder';
import type { ResolvedTopology } from '@paybench/platform-topology';
import { request } from 'undici';
import type { ForwarderProcess } from './forwarder-process.js';
import type { LogDriverStats } from './log-driver/index.js';
import type { SupervisedProcess } from './supervised-process.js';

/**
 * Where every log line of one process is:
 *
 *   emitted = delivered + droppedByLogger + droppedByDriver + droppedByForwarder + inFlight
 *
 * `inFlight` is broken down by where the lines wait: in the process (its logger's buffer, its
 * stdout pipe), in the driver's buffer, on the TCP connection, in the forwarder's buffer. Each
 * part is measured, not inferred: the snapshot reads the forwarder first, then the drivers, then
 * the processes, so an upstream count is never older than a downstream one and no part can go
 * negative unless lines were invented or lost. `holds` is false, with the reason, if any part is
 * negative, if a process could not be asked (it may be stalled), or if the forwarder saw more
 * sequence-number gaps than there were drops upstream of it.
 */
export interface ProcessLogAccount {
  readonly process: string;
  readonly emitted: number | null;
  readonly delivered: number;
  readonly droppedByLogger: number | null;
  readonly droppedByDriver: number;
  readonly droppedByForwarder: number;
  readonly inFlight: {
    readonly inProcess: number | null;
    readonly inDriver: number;
    readonly onConnection: number;
    readonly inForwarder: number;
    readonly total: number | null;
  };
  /** Sequence numbers missing from what the forwarder received (lines lost before it). */
  readonly forwarderSeqGaps: number;
  readonly holds: boolean;
  readonly problems: readonly string[];
}

export interface LogAccounting {
  readonly at: string;
  readonly processes: readonly ProcessLogAccount[];
  readonly holds: boolean;
  /** True when nothing is in flight anywhere: every line is delivered or counted as dropped. */
  readonly settled: boolean;
}

interface LoggerStatsReply {
  emitted: number;
  dropped: number;
}

export async function readLogAccounting(
  topology: ResolvedTopology,
  processes: ReadonlyMap<string, SupervisedProcess>,
  forwarder: ForwarderProcess | undefined,
): Promise<LogAccounting> {
  if (!forwarder) throw new Error('this topology runs without a log pipeline: there is nothing to account for');
  const forwarderStats = await forwarder.client.stats();
  const driverStats = new Map<string, LogDriverStats>();
  for (const [name, p] of processes) if (p.driver) driverStats.set(name, p.driver.stats());
  const loggerStats = new Map(
    await Promise.all(topology.processes.map(async (p) => [p.name, await askLogger(p.internalUrl)] as const)),
  );
  const accounts = topology.processes.map((p) =>
    accountFor(p.name, loggerStats.get(p.name) ?? null, driverStats.get(p.name), forwarderStats),
  );
  return {
    at: new Date().toISOString(),
    processes: accounts,
    holds: accounts.every((a) => a.holds),
    settled: accounts.every((a) => a.inFlight.total === 0),
  };
}

async function askLogger(internalUrl: string): Promise<LoggerStatsReply | null> {
  try {
    const reply = await request(`${internalUrl}/stats/logging`, { signal: AbortSignal.timeout(1_000) });
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
  forwarder: ForwarderStats,
): ProcessLogAccount {
  const problems: string[] = [];
  const source = forwarder.sources[name] ?? { received: 0, processed: 0, dropped: 0, lastSeq: 0, seqGaps: 0 };
  const linesRead = driver?.linesRead ?? 0;
  const inDriver = driver?.bufferedLines ?? 0;
  const onConnection = (driver?.linesForwarded ?? 0) - source.received;
  const inForwarder = source.received - source.processed - source.dropped;
  const inProcess = logger ? logger.emitted - logger.dropped - linesRead : null;
  const total = inProcess === null ? null : inProcess + inDriver + onConnection + inForwarder;

  if (!driver) problems.push('no log driver: stdout does not go through the pipeline');
  if (!logger) problems.push('the process did not report its logger counts (stalled or gone)');
  if (inProcess !== null && inProcess < 0) problems.push(`the driver read ${-inProcess} more lines than the process emitted`);
  if (onConnection < 0) problems.push(`the forwarder received ${-onConnection} more lines than the driver sent`);
  if (inForwarder < 0) problems.push(`the forwarder processed or dropped ${-inForwarder} more lines than it received`);
  const droppedUpstream = (logger?.dropped ?? 0) + (driver?.linesDropped ?? 0);
  if (logger && source.seqGaps > droppedUpstream) {
    problems.push(`${source.seqGaps} sequence numbers are missing at the forwarder but only ${droppedUpstream} lines were dropped before it`);
  }
  return {
    process: name,
    emitted: logger?.emitted ?? null,
    delivered: source.processed,
    droppedByLogger: logger?.dropped ?? null,
    droppedByDriver: driver?.linesDropped ?? 0,
    droppedByForwarder: source.dropped,
    inFlight: { inProcess, inDriver, onConnection, inForwarder, total },
    forwarderSeqGaps: source.seqGaps,
    holds: problems.length === 0,
    problems,
  };
}
