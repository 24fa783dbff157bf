import { mulberry32 } from '@paybench/payments-dataset';
import type { TrafficClass } from './request-spec.js';

/** Which class the n-th request of a run belongs to, and its index within that class. */
export interface MixPick {
  classIndex: number;
  /** The argument for that class's next(): how many requests of the class came before. */
  classRequestIndex: number;
}

/**
 * Draws classes by weight from a seeded PRNG. Picks are made in request order, one per scheduled
 * request, whether or not it ends up being sent: a dropped request still consumes its draw, so
 * the sequence depends on the seed alone and never on how fast the system answered.
 */
export function createTrafficMix(classes: readonly TrafficClass[], seed: number): () => MixPick {
  if (classes.length === 0) throw new RangeError('the traffic mix needs at least one class');
  for (const trafficClass of classes) {
    if (!(trafficClass.weight > 0) || !Number.isFinite(trafficClass.weight)) {
      throw new RangeError(`class "${trafficClass.name}" needs a positive finite weight, got ${trafficClass.weight}`);
    }
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const trafficClass of classes) cumulative.push((total += trafficClass.weight));
  const random = mulberry32(seed);
  const counts = classes.map(() => 0);
  return () => {
    const target = random() * total;
    let classIndex = cumulative.findIndex((bound) => target < bound);
    // Guards against a rounding edge where target equals the total.
    if (classIndex === -1) classIndex = classes.length - 1;
    return { classIndex, classRequestIndex: counts[classIndex]++ };
  };
}
