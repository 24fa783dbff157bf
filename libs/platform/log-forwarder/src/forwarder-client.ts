import { Pool } from 'undici';
import type { ConfigPatch, ForwarderConfig } from './config.js';
import type { ForwarderStats } from './forwarder-stats.js';

/** A non-2xx answer from the control API, with its error message (e.g. the invalid field). */
export class ForwarderRequestError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `status ${status}`;
    super(`log-forwarder control API answered ${status}: ${message}`);
    this.name = 'ForwarderRequestError';
    this.status = status;
    this.body = body;
  }
}

/**
 * Drives a running forwarder through its control API: the supervisor reads its stats and the
 * bench reconfigures it mid-run. One small keep-alive pool, so polling stats stays cheap.
 */
export class ForwarderClient {
  readonly #pool: Pool;
  readonly #headers: Readonly<Record<string, string>>;

  /**
   * `origin` is `http://127.0.0.1:<controlPort>`, or just the control port; `headers` go with every call (a
   * credential, when the control API sits behind one: `paybench run --target`).
   */
  constructor(origin: string | number, options: { timeoutMs?: number; headers?: Record<string, string> } = {}) {
    this.#headers = options.headers ?? {};
    const url = typeof origin === 'number' ? `http://127.0.0.1:${origin}` : origin;
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.#pool = new Pool(url, { connections: 2, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  stats(): Promise<ForwarderStats> {
    return this.#call<ForwarderStats>('GET', '/stats');
  }

  setConfig(patch: ConfigPatch): Promise<ForwarderConfig> {
    return this.#call<ForwarderConfig>('PUT', '/config', patch);
  }

  async healthy(): Promise<boolean> {
    try {
      await this.#call('GET', '/healthz');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #call<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await this.#pool.request({
      method,
      path,
      headers: body === undefined ? this.#headers : { ...this.#headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Keep the raw text: a proxy or a crash page is still worth showing in the error.
    }
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw new ForwarderRequestError(response.statusCode, parsed);
    return parsed as T;
  }
}
