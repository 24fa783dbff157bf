// A local generator worker: one slice of a cell's schedule in a process of its own (pinned by its parent), speaking
// the worker protocol (bench/load/src/workers/protocol.ts) over the pipe on fd 3. It exits when the session ends,
// and the session ends when the runner goes away: no worker outlives its runner.
import { Socket } from 'node:net';
import { serveWorkerSession } from '@paybench/bench-load';
import { runOpenSlice } from './open-slice.js';

const name = process.argv[2] ?? `local pid ${process.pid}`;
// Ctrl-C is the runner's to act on (it sends abort); the worker leads a group of its own and ignores a stray SIGINT.
process.on('SIGINT', () => undefined);
// The pipe is private to the parent: no token needed.
await serveWorkerSession(new Socket({ fd: 3, readable: true, writable: true }), {
  name,
  token: null,
  runSlice: runOpenSlice,
});
process.exit(0);
