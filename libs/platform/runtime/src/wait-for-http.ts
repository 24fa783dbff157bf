import { request } from 'undici';
import type { SupervisedProcess } from './supervised-process.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly process: SupervisedProcess;
  /**
   * The nonce the process was started with: a 200 only counts if its JSON body echoes it. A port
   * can answer before the process we started has bound it (or after it failed to): another run's
   * process on that port answers too, and must not be taken for ours.
   */
  readonly nonce?: string;
  /** Sent with every probe (an internal listener asks for the deployment's secret). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Polls a URL until it answers 200. Fails fast, quoting the process's stderr, if the process
 * exits first (a port in use, a bad configuration), names the URL on timeout, and names the port
 * at once if it answers as another process (nonce mismatch).
 */
export async function waitForHttp(url: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = options.process.hasExited;
    if (exit) {
      const how = `code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}`;
      const stderr = options.process.stderr() || '(no stderr)';
      throw new Error(`process "${options.process.name}" exited (${how}) before it was ready:\n${stderr}`);
    }
    let answer: { status: number; body: string } | undefined;
    try {
      const headers = options.headers ? { headers: options.headers } : {};
      const reply = await request(url, { ...headers, signal: AbortSignal.timeout(1_000) });
      answer = { status: reply.statusCode, body: await reply.body.text() };
    } catch (error) {
      last = (error as { code?: string }).code ?? (error as Error).message;
    }
    if (answer?.status === 200) {
      if (options.nonce === undefined || echoedNonce(answer.body) === options.nonce) return;
      const port = new URL(url).port;
      const mismatch = `port ${port} answers as another process (nonce mismatch): another paybench run holds it?`;
      throw new Error(`process "${options.process.name}": ${mismatch}`);
    }
    if (answer) last = `HTTP ${answer.status} ${answer.body.slice(0, 300)}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`process "${options.process.name}" was not ready within ${options.timeoutMs} ms (${url}: ${last})`);
}

function echoedNonce(body: string): unknown {
  try {
    return (JSON.parse(body) as { nonce?: unknown } | null)?.nonce;
  } catch {
    return undefined;
  }
}
