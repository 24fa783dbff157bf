// Where the system tests start real processes: a block of ports of their own.

/**
 * Port blocks of 200 between 16 000 and 20 000: below the 20 000-32 000 where `paybench run` places its cells
 * (bench/cli start-cell.ts), so a mechanism file's processes never meet those of a run another file makes beside it
 * (reconciliation.test.ts runs paybench in the "mechanisms" group); below 32 768, where Linux hands out ephemeral
 * ports; above run-target.test.ts's 14 000-15 800.
 */
const FIRST_PORT = 16_000;
const BLOCKS = 20;
/**
 * The blocks are dealt out over this many lanes, one per vitest worker (VITEST_POOL_ID, 1 up to the mechanism
 * files' maxWorkers, see vitest.config.ts): files that run at the same time never draw the same block, so one file's
 * process can never be taken for another's, nor hold a port another file's test counts on being free.
 */
export const PORT_LANES = 3;

/**
 * A random block's first port (a process of a topology takes base + its offset, its internal listener base + 100),
 * in this worker's lane. Random, so that a listener left over by an earlier test cannot collide twice in a row.
 */
export function freshBasePort(): number {
  const lane = (Number(process.env['VITEST_POOL_ID'] ?? 1) - 1) % PORT_LANES;
  const block = lane + PORT_LANES * Math.floor((Math.random() * (BLOCKS - lane)) / PORT_LANES);
  return FIRST_PORT + 200 * block;
}
