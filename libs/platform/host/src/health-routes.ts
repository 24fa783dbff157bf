import type { Database } from '@paybench/platform-storage';
import type { Express } from 'express';
import { request } from 'undici';

export interface HealthOptions {
  readonly process: string;
  /** This process's start nonce, echoed so the supervisor can tell it from another run's process on the port. */
  readonly nonce: string;
  readonly db: Database;
  /** Internal origins of the peer processes this one calls. */
  readonly peers: readonly string[];
  /** The internal listener's credential, which a peer's `/healthz` asks for like any internal call. */
  readonly peerHeaders: Readonly<Record<string, string>>;
}

/**
 * `/healthz` answers while the event loop runs (liveness). `/readyz` also checks the database
 * and that every peer process this one calls answers its own liveness probe.
 */
export function mountHealthRoutes(app: Express, options: HealthOptions): void {
  const identity = { process: options.process, nonce: options.nonce };
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...identity });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      options.db.prepare('SELECT 1').get();
      checks['database'] = 'ok';
    } catch (error) {
      checks['database'] = (error as Error).message;
    }
    await Promise.all(
      options.peers.map(async (peer) => {
        try {
          const reply = await request(`${peer}/healthz`, {
            headers: options.peerHeaders,
            signal: AbortSignal.timeout(1_000),
          });
          await reply.body.dump();
          checks[peer] = reply.statusCode === 200 ? 'ok' : `HTTP ${reply.statusCode}`;
        } catch (error) {
          checks[peer] = (error as { code?: string }).code ?? (error as Error).message;
        }
      }),
    );
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', ...identity, checks });
  });
}
