import { request } from 'undici';
import type { SupervisedProcess } from './supervised-process.js';

/**
 * Polls a URL until it answers 200. Fails fast, quoting the process's stderr, if the process
 * exits first (a port in use, a bad configuration), and names the URL on timeout.
 */
export async function waitForHttp(url: string, options: { timeoutMs: number; process: SupervisedProcess }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = options.process.hasExited;
    if (exit) {
      throw new Error(
        `process "${options.process.name}" exited (code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}) before it was ready:\n${options.process.stderr() || '(no stderr)'}`,
      );
    }
    try {
      const reply = await request(url, { signal: AbortSignal.timeout(1_000) });
      const body = await reply.body.text();
      if (reply.statusCode === 200) return;
      last = `HTTP ${reply.statusCode} ${body.slice(0, 300)}`;
    } catch (error) {
      last = (error as { code?: string }).code ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`process "${options.process.name}" was not ready within ${options.timeoutMs} ms (${url}: ${last})`);
}
