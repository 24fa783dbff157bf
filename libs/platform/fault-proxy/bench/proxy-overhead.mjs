// The fault proxy's own cost with no toxic: HTTP keep-alive requests straight to a server and through the proxy, at
// the same rate, interleaved (each pair in alternating order), each path on its own kept-alive connection. Prints
// p50/p90/p99/p99.9 of both, the latency the proxy adds at each, and the proxy's CPU per request.
//
//   nx run @paybench/platform-fault-proxy:build
//   node libs/platform/fault-proxy/bench/proxy-overhead.mjs [--rate 400] [--seconds 30] [--warmup 3] [--json]
//     [--latency-ms 0.3]   (a latency toxic of that many ms each way on the proxy: what a sub-ms delay really adds)
//
// Three processes: this one (the client), the HTTP server, the proxy. With taskset, the client is pinned to the first
// half of the CPUs and the server and the proxy to the other half (as paybench pins the load generator apart from the
// system under test and its supervisor). Latency runs from sending a request to its last byte, in microseconds.
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';

const role = process.env.FAULT_PROXY_BENCH_ROLE;
if (role === 'server') await runServer();
else if (role === 'proxy') await runProxy();
else await runClient();

/** Answers every request with a small JSON body, like a module call. */
async function runServer() {
  const body = JSON.stringify({ ok: true, decision: 'approve', score: 0.12, reasons: [] });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  serve({ port: server.address().port });
}

async function runProxy() {
  const { startFaultProxy } = await import('@paybench/platform-fault-proxy');
  const upstreamPort = Number(process.env.FAULT_PROXY_BENCH_UPSTREAM);
  const latencyMs = Number(process.env.FAULT_PROXY_BENCH_LATENCY_MS ?? 0);
  const toxics = latencyMs > 0 ? [{ type: 'latency', ms: latencyMs }] : [];
  const proxy = await startFaultProxy({ upstream: { host: '127.0.0.1', port: upstreamPort }, toxics });
  serve({ port: proxy.port }, () => proxy.stats());
}

/** Reports `ready` to the parent, then answers `cpu` with this process's CPU time (µs) and `extra()`. */
function serve(ready, extra = () => ({})) {
  process.send({ type: 'ready', ...ready });
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ type: 'cpu', cpuMicros: user + system, ...extra() });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

async function runClient() {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '400' },
      seconds: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      'latency-ms': { type: 'string', default: '0' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const { Pool } = await import('undici');

  const cores = availableParallelism();
  const half = Math.max(1, Math.floor(cores / 2));
  const clientCpus = cores >= 2 ? `0-${half - 1}` : undefined;
  const serverCpus = cores >= 2 ? `${half}-${cores - 1}` : undefined;
  const pinned = clientCpus !== undefined && pin(process.pid, clientCpus);

  const server = await start('server', {}, pinned ? serverCpus : undefined);
  const proxy = await start(
    'proxy',
    { FAULT_PROXY_BENCH_UPSTREAM: String(server.ready.port), FAULT_PROXY_BENCH_LATENCY_MS: values['latency-ms'] },
    pinned ? serverCpus : undefined,
  );
  const paths = [
    { name: 'direct', pool: new Pool(`http://127.0.0.1:${server.ready.port}`, { connections: 1 }), samples: [] },
    { name: 'proxied', pool: new Pool(`http://127.0.0.1:${proxy.ready.port}`, { connections: 1 }), samples: [] },
  ];

  const send = async (path, record) => {
    const started = process.hrtime.bigint();
    const response = await path.pool.request({ method: 'POST', path: '/rpc/risk/assess', body: '{"amount":1000}' });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${path.name}: HTTP ${response.statusCode}`);
    if (record) path.samples.push(Number(process.hrtime.bigint() - started) / 1000);
  };

  const intervalMs = 1000 / rate;
  const total = Math.round(rate * (warmup + seconds));
  const firstMeasured = Math.round(rate * warmup);
  let cpuStart;
  const inFlight = new Set();
  const t0 = performance.now();
  for (let k = 0; k < total; k++) {
    if (k === firstMeasured) {
      await Promise.all(inFlight);
      cpuStart = { proxy: await cpu(proxy.child), server: await cpu(server.child), client: process.cpuUsage() };
    }
    const due = t0 + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Pairs in alternating order: direct then proxied, proxied then direct, ...
    const path = paths[(k % 2) ^ (Math.floor(k / 2) % 2)];
    const request = send(path, k >= firstMeasured).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  const cpuEnd = { proxy: await cpu(proxy.child), server: await cpu(server.child) };
  for (const path of paths) await path.pool.close();
  proxy.child.disconnect();
  server.child.disconnect();

  const [direct, proxied] = paths.map((path) => summarize(path.samples));
  const proxiedRequests = paths[1].samples.length;
  const result = {
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores, node: process.version, platform: process.platform },
    pinning: pinned ? { client: clientCpus, serverAndProxy: serverCpus } : 'none (taskset unavailable)',
    rate,
    seconds,
    latencyToxicMs: Number(values['latency-ms']),
    requestsPerPath: { direct: direct.n, proxied: proxied.n },
    latencyMicros: {
      direct,
      proxied,
      added: Object.fromEntries(['p50', 'p90', 'p99', 'p999'].map((p) => [p, round(proxied[p] - direct[p])])),
    },
    proxyCpuMicrosPerRequest: round((cpuEnd.proxy.cpuMicros - cpuStart.proxy.cpuMicros) / proxiedRequests),
    serverCpuMicrosPerRequest: round((cpuEnd.server.cpuMicros - cpuStart.server.cpuMicros) / (direct.n + proxied.n)),
    proxyStats:
      cpuEnd.proxy.connectionsOpened === undefined
        ? undefined
        : {
            connectionsOpened: cpuEnd.proxy.connectionsOpened,
            bytesUpstream: cpuEnd.proxy.bytesUpstream,
            bytesDownstream: cpuEnd.proxy.bytesDownstream,
          },
  };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else print(result);
}

function print(r) {
  const { direct, proxied, added } = r.latencyMicros;
  const toxic = r.latencyToxicMs > 0 ? `latency ${r.latencyToxicMs} ms each way` : 'no toxic';
  console.log(`fault proxy overhead, ${toxic}: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}`);
  const { pinning } = r;
  const pins =
    typeof pinning === 'string' ? pinning : `client ${pinning.client}, server and proxy ${pinning.serverAndProxy}`;
  console.log(`pinning: ${pins}`);
  console.log(`${r.rate} req/s in all, interleaved, ${r.seconds} s measured: ${direct.n} direct, ${proxied.n} proxied`);
  console.log('latency (µs)      p50      p90      p99    p99.9');
  for (const [name, row] of [
    ['direct', direct],
    ['proxied', proxied],
    ['added', added],
  ]) {
    console.log(`${name.padEnd(12)}${['p50', 'p90', 'p99', 'p999'].map((p) => String(row[p]).padStart(9)).join('')}`);
  }
  console.log(`proxy CPU per request: ${r.proxyCpuMicrosPerRequest} µs (server: ${r.serverCpuMicrosPerRequest} µs)`);
}

function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) };
}

function round(x) {
  return Math.round(x * 10) / 10;
}

/** Pins a process to `cpus` with taskset; false when taskset is missing or fails. */
function pin(pid, cpus) {
  try {
    execFileSync('taskset', ['-cp', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function start(name, env, cpus) {
  const child = fork(new URL(import.meta.url), [], {
    env: { ...process.env, ...env, FAULT_PROXY_BENCH_ROLE: name },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (cpus) pin(child.pid, cpus);
  const [ready] = await once(child, 'message');
  return { child, ready };
}

async function cpu(child) {
  child.send('cpu');
  for (;;) {
    const [message] = await once(child, 'message');
    if (message.type === 'cpu') return message;
  }
}
