import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigPatch, ForwarderStats, SourceStats } from '@paybench/platform-log-forwarder';
import { startForwarderProcess, type ForwarderProcess, type ForwarderSettings } from '../forwarder-process.js';
import { startSyslogNg, type SyslogNgProcess } from './syslog-ng-process.js';
import type { SyslogNgQueueStats } from './syslog-ng-stats.js';

/**
 * syslog-ng as the node-level forwarder, behind the same interface as the built-in one. The drivers send it RFC
 * 5424 messages (APP-NAME = the process), it queues them per process (`maxEvents` each) and forwards each message's
 * text to a destination: a built-in forwarder that only sinks (always `block`, so that a slow or stalled sink
 * pushes back on syslog-ng, as a slow Elasticsearch would), over a Unix socket (see syslog-ng-config.ts: that hop
 * is the harness's, and it should not buffer megabytes the built-in forwarder does not have). The scenario's sink faults apply to that
 * destination; `whenFull` is syslog-ng's flow control, fixed when it starts (`block` = `flags(flow-control)`,
 * `drop_newest` = none: a full queue drops the newest message).
 *
 * Its stats are the built-in ones with syslog-ng in the middle: per process, `received` is what syslog-ng took in,
 * `dropped` what its queue dropped (plus the destination's, always 0), `processed` what the destination sank, so
 * the pipeline's accounting (emitted = delivered + dropped + lost + in flight) holds across both, and what waits in
 * syslog-ng's queue or on its connection counts as in the forwarder.
 */
export async function startSyslogNgForwarder(
  settings: ForwarderSettings,
  programs: readonly string[],
  options: { logDir: string; cpuList?: string | null },
): Promise<ForwarderProcess> {
  const maxEvents = settings.maxEvents ?? 500;
  const socketDir = mkdtempSync(join(tmpdir(), 'paybench-sink-'));
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  const destinationSocket = join(socketDir, 'sink.sock');
  let destination: ForwarderProcess;
  try {
    destination = await startForwarderProcess(
      { ...settings, whenFull: 'block', maxEvents, dataSocket: destinationSocket },
      options,
    );
  } catch (error) {
    removeSocketDir();
    throw error;
  }
  let syslogNg: SyslogNgProcess;
  try {
    syslogNg = await startSyslogNg(
      {
        destinationSocket,
        programs,
        flowControl: settings.whenFull === 'block',
        queueMessages: maxEvents,
      },
      options,
    );
  } catch (error) {
    await destination.stop();
    removeSocketDir();
    throw error;
  }
  const stats = async (): Promise<ForwarderStats> => {
    // The destination first, then syslog-ng: an upstream count is never older than a downstream one.
    const sunk = await destination.client.stats();
    const queues = await syslogNg.stats();
    return combine(sunk, programs, queues);
  };
  return {
    kind: 'syslog-ng',
    dataPort: syslogNg.port,
    framing: 'rfc5424',
    controlPort: destination.controlPort,
    pid: syslogNg.pid,
    get exited() {
      return syslogNg.exited ?? destination.exited;
    },
    stderr: () => [syslogNg.stderr(), destination.stderr()].filter(Boolean).join('\n'),
    client: {
      stats,
      async setConfig(patch: ConfigPatch) {
        if (patch.whenFull !== undefined && patch.whenFull !== settings.whenFull) {
          throw new Error(
            `syslog-ng's flow control is set when it starts (whenFull ${settings.whenFull}); it cannot become ${patch.whenFull}`,
          );
        }
        const { whenFull: _fixed, ...sinkOnly } = patch;
        return destination.client.setConfig(sinkOnly);
      },
      close: () => destination.client.close(),
    },
    async stop(graceMs) {
      // syslog-ng first: what it still holds goes to the destination while that still reads.
      await syslogNg.stop(graceMs);
      await destination.stop(graceMs);
      removeSocketDir();
    },
  };
}

function combine(sunk: ForwarderStats, programs: readonly string[], queues: SyslogNgQueueStats[]): ForwarderStats {
  const sources: Record<string, SourceStats> = {};
  let queued = 0;
  let dropped = 0;
  programs.forEach((program, i) => {
    const queue = queues[i] as SyslogNgQueueStats;
    const arrived = sunk.sources[program] ?? { received: 0, processed: 0, dropped: 0, lastSeq: 0, seqGaps: 0 };
    queued += queue.queued;
    dropped += queue.dropped;
    sources[program] = {
      received: Math.max(queue.processed, arrived.received),
      processed: arrived.processed,
      dropped: queue.dropped + arrived.dropped,
      lastSeq: arrived.lastSeq,
      // Lines syslog-ng dropped show at the destination as missing sequence numbers too: they are the forwarder's
      // drops, not lines lost before it.
      seqGaps: Math.max(0, arrived.seqGaps - queue.dropped),
    };
  });
  return {
    ...sunk,
    buffered: sunk.buffered + queued,
    totals: { ...sunk.totals, dropped: sunk.totals.dropped + dropped },
    sources,
  };
}
