// Pairs the figures of two measurements by name and says how much each moved and whether the
// move is beyond the noise the measurements show: the common ground of `compare` and `check`.
import { judgeNoise, type NoiseEvidence, type NoiseSamples } from './noise.js';
import type { Direction, FigureKind } from './tracked-figure.js';

/** What a comparison needs of a figure: a baseline file's figures have no `how`. */
export interface ComparableFigure extends NoiseSamples {
  name: string;
  kind: FigureKind;
  unit: string;
  direction: Direction;
  value: number;
}

export interface FigurePair<F extends ComparableFigure = ComparableFigure> {
  name: string;
  kind: FigureKind;
  unit: string;
  direction: Direction;
  before: F | null;
  after: F | null;
  /** after / before; Infinity when before is 0 and after is not; null unless both exist. */
  change: number | null;
  /** Whether the move, if any, is for the worse, given the figure's direction. */
  worse: boolean | null;
  noise: NoiseEvidence | null;
}

/** Every figure of `before` (in its order), then those only `after` has. */
export function pairFigures<F extends ComparableFigure>(before: readonly F[], after: readonly F[]): FigurePair<F>[] {
  const afterByName = new Map(after.map((f) => [f.name, f]));
  const beforeNames = new Set(before.map((f) => f.name));
  const pairs = before.map((b) => pairOf(b, afterByName.get(b.name) ?? null));
  return [...pairs, ...after.filter((a) => !beforeNames.has(a.name)).map((a) => pairOf(null, a))];
}

function pairOf<F extends ComparableFigure>(before: F | null, after: F | null): FigurePair<F> {
  const shape = (before ?? after) as F;
  const both = before !== null && after !== null;
  const change = both ? changeOf(before.value, after.value) : null;
  return {
    name: shape.name,
    kind: shape.kind,
    unit: shape.unit,
    direction: shape.direction,
    before,
    after,
    change,
    worse:
      change === null || change === 1
        ? change === 1
          ? false
          : null
        : shape.direction === 'smaller'
          ? change > 1
          : change < 1,
    noise: both ? judgeNoise(before, after) : null,
  };
}

export function changeOf(before: number, after: number): number {
  if (before === 0) return after === 0 ? 1 : Infinity;
  return after / before;
}
