import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RequestSpec } from '@paybench/bench-load';
import type { ClosedRung, FloorMeasurement, MachineFloor, Pinning } from '@paybench/bench-results';
import { readProcUsage } from '@paybench/platform-runtime';
import { checkoutRequests, type TrafficPlan } from '../run/traffic.js';
import { measureInWorker, serverPort, spawnPinned } from './pinned-children.js';

const SERVER = fileURLToPath(new URL('./floor-server.js', import.meta.url));

export interface FloorOptions {
  pinning: Pinning;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** The run's traffic: the floor sends its first checkout's body, the shape every cell sends. */
  traffic: TrafficPlan;
  signal?: AbortSignal;
  onProgress?(line: string): void;
}

export const DEFAULT_FLOOR = { connections: 32, durationMs: 2_000, warmupMs: 1_000 } as const;

/** One checkout as the cells build it (consumer token, basket, idempotency key), posted to the floor servers' echo. */
export function floorRequest(traffic: TrafficPlan): RequestSpec {
  return { ...checkoutRequests(traffic)(0), path: '/echo' };
}

/**
 * The machine's floor, with the tools the cells use, on the cores the cells use: autocannon's closed loop (on the
 * load generator's cores) against a bare express JSON endpoint, then against the same endpoint behind one bare
 * express-to-express hop over an undici keep-alive Pool (both processes on the system under test's cores). The
 * servers' CPU time comes from /proc, so measuring it costs them nothing.
 */
export async function measureFloor(options: FloorOptions): Promise<MachineFloor> {
  const say = options.onProgress ?? (() => undefined);
  const request = floorRequest(options.traffic);
  const started: ChildProcess[] = [];
  const start = async (args: string[], what: string) => {
    const child = spawnPinned(SERVER, options.pinning.sut, args);
    started.push(child);
    return { child, origin: `http://127.0.0.1:${await serverPort(child, what)}` };
  };
  try {
    const back = await start(['express'], 'floor server (express)');
    say(`machine floor: bare express JSON endpoint, closed loop, ${options.connections} connections...`);
    const express = await measure(back.origin, [back.child], request, options);
    say(`  ${Math.round(express.throughput)} req/s, ${formatCpu(express.cpuMicrosPerRequest)}`);
    const front = await start(['front', back.origin], 'floor server (hop)');
    say('machine floor: the same through one express-to-express hop over undici keep-alive...');
    const hop = await measure(front.origin, [front.child, back.child], request, options);
    say(`  ${Math.round(hop.throughput)} req/s, ${formatCpu(hop.cpuMicrosPerRequest)}`);
    return {
      express,
      hop,
      hopCpuMicros:
        express.cpuMicrosPerRequest === null || hop.cpuMicrosPerRequest === null
          ? null
          : hop.cpuMicrosPerRequest - express.cpuMicrosPerRequest,
      connections: options.connections,
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      method:
        "autocannon's closed loop on the load generator's cores against bare express 5 servers on the system " +
        "under test's cores (a JSON POST of the body a cell's first checkout sends); CPU per request from the " +
        "servers' /proc/<pid>/stat over warm-up and window, divided by the answers autocannon counted over both",
    };
  } finally {
    for (const child of started) child.kill('SIGTERM');
  }
}

async function measure(
  origin: string,
  servers: ChildProcess[],
  request: RequestSpec,
  options: FloorOptions,
): Promise<FloorMeasurement> {
  // From /proc, outside the servers: reading it costs them nothing (see readProcUsage).
  const cpu = async () => {
    let sum = 0;
    for (const server of servers) {
      const usage = server.pid === undefined ? null : await readProcUsage(server.pid);
      if (usage === null) return null;
      sum += usage.cpuSeconds * 1e6;
    }
    return sum;
  };
  const before = await cpu();
  const rung = (await measureInWorker(
    {
      type: 'start',
      kind: 'closed',
      origin,
      connections: options.connections,
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      timeoutMs: 2_000,
      request,
    },
    options.pinning.load,
    options.signal,
  )) as ClosedRung;
  const after = await cpu();
  const answered = rung.requestsInAll ?? 0;
  return {
    throughput: rung.throughput,
    p50: rung.p50,
    p99: rung.p99,
    failed: rung.failed,
    cpuMicrosPerRequest: before === null || after === null || answered === 0 ? null : (after - before) / answered,
  };
}

function formatCpu(micros: number | null): string {
  return micros === null ? 'CPU per request unknown (no /proc)' : `${micros.toFixed(0)} us CPU per request`;
}
