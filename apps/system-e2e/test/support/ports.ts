// Where the system tests start real processes: a block of ports of their own.

/** Port blocks of 200 between 20 000 and 32 000: below 32 768, where Linux hands out ephemeral ports. */
const BLOCKS = 60;
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
  const block = lane + PORT_LANES * Math.floor((Math.random() * BLOCKS) / PORT_LANES);
  return 20_000 + 200 * block;
}
