// Where a CPU profile's self time goes, by what the code is for. Every rule is here, in order.
//
// A V8 CPU profile is a call tree; each sample hits one node, whose function's *self* time it
// is. Each node gets a category from its own call frame (script URL and function name) when a
// rule below matches it; a node no rule matches is *generic* (Node's own modules, native
// functions, anonymous and wasm code, the contract layer, trace context) and takes the category
// of its caller, so a socket write is HTTP server time when express asked for it and HTTP client
// time when undici did. Generic code with no categorised caller (timers, the event loop's own
// work) is `other`. `(idle)` samples (the event loop waiting) are not busy time: they are
// excluded from the total and reported on their own.
//
// The rules, first match wins:
//  1. V8's pseudo-frames: (idle) -> idle; (garbage collector), (program) -> other.
//  2. JSON: JSON.parse and JSON.stringify are builtins whose time V8 books to their *caller*
//     (they rarely show as frames of their own: when they do, url '' and name parse/stringify,
//     they match too). So the rule names the callers whose self time is (de)serialisation:
//     body-parser's JSON `parse`, express's response `stringify`, undici's body `consumeEnd` /
//     `json`. Serialisation done inside a caller that does other work too (the RPC client's
//     request builder, pino's line builder) stays in that caller's category.
//  3. database: the storage library (libs/platform/storage), and node:sqlite's native statement
//     methods (prepare, run, get, all, iterate, exec: frames without a script URL) when called
//     from application code (a native `run` called by Node's own crypto module is not SQLite).
//  4. logging: pino and its streams (sonic-boom, thread-stream, pino-std-serializers...), the
//     logging library (libs/platform/logging) and the HTTP access log (one line per request).
//  5. HTTP client: undici (also Node's bundled copy), node:_http_client / _http_agent, and the
//     RPC client (libs/platform/http remote-contract).
//  6. HTTP server: express and the packages it is made of (router, body-parser, raw-body,
//     finalhandler, type-is...), node:_http_server / _http_common / _http_incoming /
//     _http_outgoing (llhttp's callbacks), and the server side of libs/platform/http.
//  7. business logic: the payment modules and the checkout flow (libs/payments/**), and the
//     apps' composition roots.
//  8. other: zod (contract validation), prom-client (the harness's metric scrapes).
//  Everything else is generic: it takes its caller's category.
import type { CpuCategory } from './cpu-profile-types.js';

/** The parts of a V8 call frame the rules read. */
export interface FrameInfo {
  readonly functionName: string;
  readonly url: string;
}

/** A rule's verdict: a category, or `idle` for the event loop's waiting. */
export type FrameCategory = CpuCategory | 'idle';

interface Rule {
  readonly category: FrameCategory;
  readonly why: string;
  readonly test: (frame: FrameInfo, caller: FrameInfo | undefined) => boolean;
}

const SQLITE_METHODS = new Set(['prepare', 'run', 'get', 'all', 'iterate', 'exec']);
const LOGGING_PACKAGES = new Set([
  'pino',
  'sonic-boom',
  'thread-stream',
  'pino-std-serializers',
  'fast-redact',
  'quick-format-unescaped',
  'safe-stable-stringify',
  'atomic-sleep',
  'on-exit-leak-free',
  'pino-abstract-transport',
  'real-require',
  '@paybench/platform-logging',
]);
const HTTP_CLIENT_PACKAGES = new Set(['undici']);
const HTTP_SERVER_PACKAGES = new Set([
  'express',
  'router',
  'body-parser',
  'raw-body',
  'finalhandler',
  'on-finished',
  'on-headers',
  'type-is',
  'mime-types',
  'mime-db',
  'media-typer',
  'content-type',
  'content-disposition',
  'accepts',
  'negotiator',
  'parseurl',
  'qs',
  'send',
  'serve-static',
  'statuses',
  'http-errors',
  'encodeurl',
  'escape-html',
  'etag',
  'fresh',
  'range-parser',
  'proxy-addr',
  'forwarded',
  'ipaddr.js',
  'vary',
  'cookie',
  'cookie-signature',
  'path-to-regexp',
  'merge-descriptors',
  'iconv-lite',
  'unpipe',
  'ee-first',
  'destroy',
  'depd',
  'bytes',
  'toidentifier',
  'setprototypeof',
  'inherits',
  'safe-buffer',
  'safer-buffer',
  'once',
  'wrappy',
  'is-promise',
  'object-inspect',
  'side-channel',
  'side-channel-list',
  'side-channel-map',
  'side-channel-weakmap',
]);
const OTHER_PACKAGES = new Set(['zod', 'prom-client', 'tdigest', 'bintrees']);
const NODE_HTTP_SERVER = new Set([
  'node:_http_server',
  'node:_http_common',
  'node:_http_incoming',
  'node:_http_outgoing',
]);
const NODE_HTTP_CLIENT = new Set(['node:_http_client', 'node:_http_agent']);

/** The package a script belongs to: the last `node_modules/<name>` (or `@scope/name`) of its URL. */
export function packageOf(url: string): string | undefined {
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match?.[1];
}

/** `libs/<group>/<lib>` of a workspace library's script (by path, or by package name when loaded through node_modules). */
function workspaceLib(url: string): string | undefined {
  const path = /\/libs\/(payments|platform)\/([^/]+)\//.exec(url);
  if (path && !packageOf(url)) return `${path[1]}/${path[2]}`;
  const pkg = /^@paybench\/(payments|platform)-(.+)$/.exec(packageOf(url) ?? '');
  return pkg ? `${pkg[1]}/${pkg[2]}` : undefined;
}

const isNative = (frame: FrameInfo) => frame.url === '';
const isNodeCore = (frame: FrameInfo | undefined) => frame !== undefined && frame.url.startsWith('node:');
const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const inPackageFile = (frame: FrameInfo, pkg: string, path: string) =>
  packageOf(frame.url) === pkg && frame.url.includes(`/node_modules/${pkg}/${path}`);

/** The rules, in order; the first that matches a frame gives its category (see the header). */
export const CATEGORY_RULES: readonly Rule[] = [
  {
    category: 'idle',
    why: 'V8 pseudo-frame: the event loop waiting',
    test: (f) => isNative(f) && f.functionName === '(idle)',
  },
  {
    category: 'other',
    why: 'V8 pseudo-frames: garbage collection, VM and native work',
    test: (f) => isNative(f) && (f.functionName === '(garbage collector)' || f.functionName === '(program)'),
  },
  {
    category: 'json',
    why: 'JSON.parse / JSON.stringify shown as frames of their own',
    test: (f) => isNative(f) && (f.functionName === 'parse' || f.functionName === 'stringify'),
  },
  {
    category: 'json',
    why: "body-parser's JSON body parse (JSON.parse)",
    test: (f) => inPackageFile(f, 'body-parser', 'lib/types/json.js') && f.functionName === 'parse',
  },
  {
    category: 'json',
    why: "express's res.json serialisation (JSON.stringify)",
    test: (f) => inPackageFile(f, 'express', 'lib/response.js') && f.functionName === 'stringify',
  },
  {
    category: 'json',
    why: "undici's response body decoding (JSON.parse)",
    test: (f) =>
      inPackageFile(f, 'undici', 'lib/api/readable.js') &&
      (f.functionName === 'consumeEnd' || f.functionName === 'json'),
  },
  { category: 'database', why: 'the storage library', test: (f) => workspaceLib(f.url) === 'platform/storage' },
  {
    category: 'database',
    why: "node:sqlite's native statement methods, called from application code",
    test: (f, caller) =>
      isNative(f) &&
      SQLITE_METHODS.has(f.functionName) &&
      caller !== undefined &&
      !isNodeCore(caller) &&
      !isNative(caller),
  },
  { category: 'logging', why: 'pino and its streams', test: (f) => LOGGING_PACKAGES.has(packageOf(f.url) ?? '') },
  { category: 'logging', why: 'the logging library', test: (f) => workspaceLib(f.url) === 'platform/logging' },
  {
    category: 'logging',
    why: 'the HTTP access log',
    test: (f) => workspaceLib(f.url) === 'platform/http' && fileName(f.url).startsWith('access-log.'),
  },
  {
    category: 'httpClient',
    why: 'undici',
    test: (f) => HTTP_CLIENT_PACKAGES.has(packageOf(f.url) ?? '') || f.url.startsWith('node:internal/deps/undici'),
  },
  { category: 'httpClient', why: "Node's HTTP client", test: (f) => NODE_HTTP_CLIENT.has(f.url) },
  {
    category: 'httpClient',
    why: 'the RPC client',
    test: (f) => workspaceLib(f.url) === 'platform/http' && fileName(f.url).startsWith('remote-contract.'),
  },
  {
    category: 'httpServer',
    why: 'express and its parts',
    test: (f) => HTTP_SERVER_PACKAGES.has(packageOf(f.url) ?? ''),
  },
  { category: 'httpServer', why: "Node's HTTP server and llhttp callbacks", test: (f) => NODE_HTTP_SERVER.has(f.url) },
  {
    category: 'httpServer',
    why: 'the server side of the HTTP library',
    test: (f) => workspaceLib(f.url) === 'platform/http' && !fileName(f.url).startsWith('trace-context.'),
  },
  {
    category: 'business',
    why: 'the payment modules and the checkout flow',
    test: (f) => workspaceLib(f.url)?.startsWith('payments/') === true,
  },
  {
    category: 'business',
    why: "the apps' composition roots",
    test: (f) => /\/apps\/[^/]+\/(dist|src)\//.test(f.url) && !packageOf(f.url),
  },
  {
    category: 'other',
    why: 'contract validation (zod), metrics (prom-client)',
    test: (f) => OTHER_PACKAGES.has(packageOf(f.url) ?? ''),
  },
];

/** The category a frame's own rule gives, or undefined for generic code (it takes its caller's). */
export function ownCategory(frame: FrameInfo, caller?: FrameInfo): FrameCategory | undefined {
  return CATEGORY_RULES.find((rule) => rule.test(frame, caller))?.category;
}

/** The category of a frame's self time: its own rule's, else its caller's (`other` at the root). */
export function categorize(
  frame: FrameInfo,
  caller: FrameInfo | undefined,
  callerCategory: FrameCategory | undefined,
): FrameCategory {
  const own = ownCategory(frame, caller);
  if (own) return own;
  return callerCategory === undefined || callerCategory === 'idle' ? 'other' : callerCategory;
}
