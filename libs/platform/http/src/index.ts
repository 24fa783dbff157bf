export { createServerApp, type ServerAppOptions } from './create-server-app.js';
export { errorBody, errorHandler, notFound, requireJsonBody } from './error-responses.js';
export { serveContractRpc, servePublicRoutes, rpcPath } from './serve-contract.js';
export { remoteContract, createPool, type RemoteOptions, type PoolOptions } from './remote-contract.js';
export { listen, closeServer } from './listen.js';
export {
  currentTrace,
  runWithTrace,
  traceFromHeader,
  outgoingTraceparent,
  traceLogFields,
  type TraceContext,
} from './trace-context.js';
