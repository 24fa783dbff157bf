export { WORKER_PROTOCOL_VERSION, RunnerMessage, WorkerMessage } from './protocol.js';
export { MessageStream } from './message-stream.js';
export { serveWorkerSession, type SliceRunner, type WorkerSessionOptions } from './serve-worker.js';
export { runWorkers, type RunWorkersOptions, type WorkerEndpoint, type WorkersRun } from './run-workers.js';
export { mergeOpenLoopResults, mergeSeconds } from './merge-open-loop.js';
export { mergeLedgerSnapshots, mergeLedgersByClass } from './merge-ledgers.js';
