export { createServerApp, type ServerAppOptions } from './create-server-app.js';
export { bodyParserErrorReply, errorBody, errorHandler, notFound, requireJsonBody } from './error-responses.js';
export { controlGuard, loopbackCallersOnly } from './control-guard.js';
export {
  INTERNAL_AUTH_HEADER,
  internalAuthHeaders,
  newInternalSecret,
  requireInternalSecret,
} from './internal-auth.js';
export { serveContractRpc, servePublicRoutes, rpcPath, rpcServedCount } from './serve-contract.js';
export { remoteContract, createPool, type RemoteOptions, type PoolOptions } from './remote-contract.js';
export { listen, listenOn, listenOnPath, closeServer } from './listen.js';
export { DEADLINE_HEADER } from './deadline-header.js';
export {
  currentTrace,
  runWithTrace,
  traceFromHeader,
  outgoingTraceparent,
  traceLogFields,
  type TraceContext,
} from './trace-context.js';
