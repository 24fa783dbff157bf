import type { RunningTopology } from '@paybench/platform-runtime';
import type { ProcessPolicyCounts } from '@paybench/bench-results';
import { request } from 'undici';

const READ_TIMEOUT_MS = 2_000;

/**
 * What each process's resilience policies did over the cell (`GET /stats/resilience` on its internal
 * listener, summed over callees), read once as the cell ends. A process that does not answer is listed as
 * unreachable with zeros rather than failing the cell: the counters inform, they are not figures gated on.
 */
export async function readPolicyCounts(running: RunningTopology): Promise<ProcessPolicyCounts[]> {
  const headers = running.internalHeaders();
  return Promise.all(
    running.topology.processes.map(async (p): Promise<ProcessPolicyCounts> => {
      try {
        const reply = await request(`${p.internalUrl}/stats/resilience`, {
          headers,
          signal: AbortSignal.timeout(READ_TIMEOUT_MS),
        });
        if (reply.statusCode !== 200) {
          await reply.body.dump();
          return unreachable(p.name);
        }
        const { total } = (await reply.body.json()) as { total: Omit<ProcessPolicyCounts, 'process' | 'reachable'> };
        const { retries, breakerOpens, breakerRejections, bulkheadRejections, fallbacks } = total;
        return {
          process: p.name,
          reachable: true,
          retries,
          breakerOpens,
          breakerRejections,
          bulkheadRejections,
          fallbacks,
        };
      } catch {
        return unreachable(p.name);
      }
    }),
  );
}

function unreachable(process: string): ProcessPolicyCounts {
  return {
    process,
    reachable: false,
    retries: 0,
    breakerOpens: 0,
    breakerRejections: 0,
    bulkheadRejections: 0,
    fallbacks: 0,
  };
}
