// The log-forwarder failure on the monolith, with real pipes, sockets, buffers and backpressure: the cases are in
// support/log-pipeline-cases.ts, shared with the other topology's file.
import { describeLogPipeline } from './support/log-pipeline-cases.js';

describeLogPipeline('monolith');
