import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * An HTTP server whose latency is known by construction, to check that a load generator reports
 * the truth (calibration, and this folder's tests). Every answer is delayed by `delayMs` (a Node timer: it counts
 * from the event loop's cached clock, so by a fresh clock it can answer up to a millisecond early); during
 * a stall, answers are held until the stall ends and then all released; while hung, requests are
 * never answered. `?status=422` answers with that status; `?hang=1` is never answered. With `failFirst`, the
 * first `failFirst` arrivals of each distinct request body are answered 503 (a retrying client's test).
 */
export interface KnownLatencyServer {
  origin: string;
  /** Requests received so far. */
  readonly received: number;
  /** How many times each distinct non-empty request body arrived (a retry sends the same body). */
  readonly arrivalsByBody: ReadonlyMap<string, number>;
  /** From now, hold every answer (including those already waiting) until `forMs` from now. */
  stall(forMs: number): void;
  /** From now, never answer (until close). */
  hang(): void;
  close(): Promise<void>;
}

export async function startKnownLatencyServer(options: {
  delayMs: number;
  failFirst?: number;
}): Promise<KnownLatencyServer> {
  let stalledUntil = 0;
  let hung = false;
  let received = 0;
  const arrivalsByBody = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  const answerWhenFree = (request: IncomingMessage, response: ServerResponse, arrival: number) => {
    if (hung) return;
    const held = stalledUntil - performance.now();
    if (held > 0) return later(held, () => answerWhenFree(request, response, arrival));
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    if (query.has('hang')) return;
    const status = arrival <= (options.failFirst ?? 0) ? 503 : Number(query.get('status') ?? 200);
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
  };

  const server = createServer((request, response) => {
    received++;
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const arrival = body === '' ? Infinity : (arrivalsByBody.get(body) ?? 0) + 1;
      if (body !== '') arrivalsByBody.set(body, arrival);
      if (options.delayMs > 0) later(options.delayMs, () => answerWhenFree(request, response, arrival));
      else answerWhenFree(request, response, arrival);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    arrivalsByBody,
    stall(forMs) {
      stalledUntil = performance.now() + forMs;
    },
    hang() {
      hung = true;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** An origin on which nothing listens: a port that was just free. */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * A known-latency server closed when `onFinished` calls back: given a test's `onTestFinished`, each test closes its
 * own server, tests that run side by side included.
 */
export async function knownLatencyServerFor(
  onFinished: (close: () => Promise<void>) => void,
  options: { delayMs: number; failFirst?: number },
): Promise<KnownLatencyServer> {
  const server = await startKnownLatencyServer(options);
  onFinished(() => server.close());
  return server;
}
