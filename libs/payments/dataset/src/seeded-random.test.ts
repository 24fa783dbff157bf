import { describe, expect, it } from 'vitest';
import { mulberry32 } from './index.js';

// bench's stored figures (traffic mix, bootstrap intervals) depend on this exact sequence.
describe('mulberry32', () => {
  it('draws the reference sequence for a seed, on every machine and run', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('takes any number as a seed by its low 32 bits', () => {
    const negative = mulberry32(-7);
    expect([negative(), negative()]).toEqual([0.43306733411736786, 0.32539576734416187]);
    const large = mulberry32(2 ** 33 + 5);
    expect([large(), large()]).toEqual([0.6897749109193683, 0.7727432732935995]);
  });
});
