/**
 * A tiny deterministic PRNG. Every draw stream is keyed by (seed, index, purpose), so any one
 * consumer (or its funding sources) can be computed on its own, in any order, in any process,
 * without generating the population before it.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  intBetween(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Distinct purposes draw from unrelated streams even for the same seed and index. */
export const STREAM = { consumer: 1, fundingSources: 2 } as const;

export function seededRandom(seed: number, index: number, stream: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const next = mulberry32(streamKey(seed, index, stream));
  return {
    next,
    intBetween: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

/** Folds the parts into one 32-bit key; safe integers keep their high bits too. */
function streamKey(...parts: number[]): number {
  let key = 0x9e3779b9;
  for (const part of parts) {
    const low = part >>> 0;
    const high = Math.floor(part / 0x1_0000_0000) >>> 0;
    key = fmix32(key ^ fmix32(low));
    key = fmix32(key ^ fmix32(high + 0x6a09e667));
  }
  return key;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * mulberry32: a float in [0, 1) per call, from 32 bits of state. Not for cryptography; good
 * enough statistics for test data and traffic, very fast, and above all reproducible: the same
 * seed gives the same sequence on every machine and run. bench's traffic mix and bootstrap
 * intervals draw from it too, so their figures depend on this exact sequence.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
