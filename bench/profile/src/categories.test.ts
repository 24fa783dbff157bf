import { describe, expect, it } from 'vitest';
import { categorize, CATEGORY_RULES, ownCategory, packageOf, type FrameInfo } from './categories.js';

const ROOT = 'file:///work/main';
const frame = (functionName: string, url: string): FrameInfo => ({ functionName, url });
const nm = (path: string) => `${ROOT}/node_modules/${path}`;
const lib = (path: string) => `${ROOT}/libs/${path}`;
const appCode = frame('runCheckout', lib('payments/checkout/dist/flow/run-checkout.js'));

describe('CPU categories: one rule at a time', () => {
  it('(idle) is idle; (garbage collector) and (program) are other', () => {
    expect(ownCategory(frame('(idle)', ''))).toBe('idle');
    expect(ownCategory(frame('(garbage collector)', ''))).toBe('other');
    expect(ownCategory(frame('(program)', ''))).toBe('other');
  });

  it('JSON: the builtins when V8 shows them, and the known callers of JSON.parse / JSON.stringify', () => {
    expect(ownCategory(frame('parse', ''))).toBe('json');
    expect(ownCategory(frame('stringify', ''))).toBe('json');
    expect(ownCategory(frame('parse', nm('body-parser/lib/types/json.js')))).toBe('json');
    expect(ownCategory(frame('stringify', nm('express/lib/response.js')))).toBe('json');
    expect(ownCategory(frame('consumeEnd', nm('undici/lib/api/readable.js')))).toBe('json');
    // The rest of those packages is not JSON.
    expect(ownCategory(frame('read', nm('body-parser/lib/read.js')))).toBe('httpServer');
    expect(ownCategory(frame('send', nm('express/lib/response.js')))).toBe('httpServer');
  });

  it('database: the storage library, and native SQLite statement methods called from application code', () => {
    expect(ownCategory(frame('openDatabase', lib('platform/storage/dist/open-database.js')))).toBe('database');
    expect(ownCategory(frame('get', ''), frame('segmentOf', lib('payments/risk/dist/risk-store.js')))).toBe('database');
    expect(ownCategory(frame('run', ''), frame('recordAssessment', lib('payments/risk/dist/risk-store.js')))).toBe(
      'database',
    );
    // crypto's RandomBytesJob.run is a native `run` too, called by Node itself: not SQLite.
    expect(ownCategory(frame('run', ''), frame('randomFillSync', 'node:internal/crypto/random'))).toBeUndefined();
  });

  it('logging: pino and its streams, the logging library, the access log', () => {
    expect(ownCategory(frame('_asJson', nm('pino/lib/tools.js')))).toBe('logging');
    expect(ownCategory(frame('write', nm('sonic-boom/index.js')))).toBe('logging');
    expect(ownCategory(frame('mixin', lib('platform/logging/dist/create-logger.js')))).toBe('logging');
    expect(ownCategory(frame('', lib('platform/http/dist/access-log.js')))).toBe('logging');
  });

  it("HTTP client: undici (and Node's copy), node:_http_client, the RPC client", () => {
    expect(ownCategory(frame('writeH1', nm('undici/lib/dispatcher/client-h1.js')))).toBe('httpClient');
    expect(ownCategory(frame('fetch', 'node:internal/deps/undici/undici'))).toBe('httpClient');
    expect(ownCategory(frame('request', 'node:_http_client'))).toBe('httpClient');
    expect(ownCategory(frame('api.<computed>', lib('platform/http/dist/remote-contract.js')))).toBe('httpClient');
  });

  it('HTTP server: express and its parts, node:_http_server and friends, the server side of the HTTP library', () => {
    expect(ownCategory(frame('handle', nm('express/lib/application.js')))).toBe('httpServer');
    expect(ownCategory(frame('handleRequest', nm('router/lib/layer.js')))).toBe('httpServer');
    expect(ownCategory(frame('parserOnHeadersComplete', 'node:_http_common'))).toBe('httpServer');
    expect(ownCategory(frame('write_', 'node:_http_outgoing'))).toBe('httpServer');
    expect(ownCategory(frame('', lib('platform/http/dist/serve-contract.js')))).toBe('httpServer');
  });

  it('business logic: the payment modules, the checkout flow, the apps', () => {
    expect(ownCategory(frame('assess', lib('payments/risk/dist/risk-module.js')))).toBe('business');
    expect(ownCategory(appCode)).toBe('business');
    expect(ownCategory(frame('', `${ROOT}/apps/monolith/dist/main.js`))).toBe('business');
    expect(ownCategory(frame('assess', nm('@paybench/payments-risk/dist/risk-module.js')))).toBe('business');
  });

  it('other: zod and prom-client', () => {
    expect(ownCategory(frame('inst._zod.parse', nm('zod/v4/core/schemas.js')))).toBe('other');
    expect(ownCategory(frame('collect', nm('prom-client/lib/gauge.js')))).toBe('other');
  });

  it("generic code (Node's modules, natives, wasm, contracts, trace context) takes its caller's category, other at the root", () => {
    const generic = [
      frame('writev', ''),
      frame('writevGeneric', 'node:internal/stream_base_commons'),
      frame('wasm-function[20]', 'wasm://wasm/00034eea'),
      frame('DomainError', lib('platform/contract/dist/domain-error.js')),
      frame('traceFromHeader', lib('platform/http/dist/trace-context.js')),
      frame('(anonymous)', ''),
    ];
    for (const f of generic) {
      expect(ownCategory(f), f.functionName).toBeUndefined();
      expect(categorize(f, appCode, 'httpClient')).toBe('httpClient');
      expect(categorize(f, undefined, undefined)).toBe('other');
    }
    // Under idle nothing is idle but idle itself.
    expect(categorize(frame('x', 'node:timers'), frame('(idle)', ''), 'idle')).toBe('other');
  });

  it('own rules win over the caller', () => {
    expect(categorize(frame('_asJson', nm('pino/lib/tools.js')), appCode, 'business')).toBe('logging');
  });

  it('reads package names, scoped or not, from the last node_modules of a URL', () => {
    expect(packageOf(nm('express/lib/router.js'))).toBe('express');
    expect(packageOf(nm('@paybench/payments-risk/dist/x.js'))).toBe('@paybench/payments-risk');
    expect(packageOf(nm('a/node_modules/undici/index.js'))).toBe('undici');
    expect(packageOf('node:net')).toBeUndefined();
  });

  it('every rule says why', () => {
    for (const rule of CATEGORY_RULES) expect(rule.why.length).toBeGreaterThan(5);
  });
});
