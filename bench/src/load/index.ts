// The bench's load generators: open loop for latency under a given load, closed loop (autocannon)
// for maximum throughput, and a server of known latency to check them against.
export type { RequestSpec, ResponseOutcome, TrafficClass } from './request-spec.js';
export { classifyStatus } from './request-spec.js';
export type { OpenLoopOptions } from './open-loop.js';
export { runOpenLoop } from './open-loop.js';
export type { ClassResult, OpenLoopResult, ScheduleLag, SecondClassSample, SecondSample } from './open-loop-result.js';
export type { OutcomeCounts } from './outcome-tally.js';
export type { LatencySummary } from './latency-histogram.js';
export type { ErrorsByKind, TransportErrorKind } from './transport-error.js';
export type { SaturationOptions, SaturationResult } from './saturation.js';
export { runSaturation } from './saturation.js';
export type { KnownLatencyServer } from './known-latency-server.js';
export { closedPortOrigin, startKnownLatencyServer } from './known-latency-server.js';
