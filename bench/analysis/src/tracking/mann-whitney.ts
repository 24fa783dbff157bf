// The Mann-Whitney U test (Wilcoxon rank-sum), two-sided: does one sample tend to hold larger
// values than the other? Rank-based, so it needs no assumption about the shape of latency
// distributions (skewed, with outliers) and one extreme second moves it no more than any other.

export interface MannWhitneyResult {
  /** U of the first sample: how many (a, b) pairs have a > b, ties counting one half. */
  u: number;
  n1: number;
  n2: number;
  /** Two-sided p-value: the chance of a U at least this far from n1*n2/2 if both samples came from one distribution. */
  p: number;
  /**
   * exact: the null distribution of U counted out (both samples under 8 values and no ties, as
   * scipy's `method="auto"` does). normal: the normal approximation with tie correction and
   * continuity correction (scipy's `method="asymptotic"`, `use_continuity=True`).
   */
  method: 'exact' | 'normal';
}

/** Below this size for both samples (and without ties) the p-value is exact. */
const EXACT_BELOW = 8;

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0)
    throw new RangeError(`Mann-Whitney U needs two non-empty samples, got ${n1} and ${n2} values`);
  const pooled = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort(
    (x, y) => x.value - y.value,
  );
  // Mid-ranks: tied values share the mean of the ranks they span; the tie sizes feed the
  // variance correction below.
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length;) {
    let end = start;
    while (end + 1 < pooled.length && pooled[end + 1].value === pooled[start].value) end++;
    const size = end - start + 1;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) if (pooled[i].first) rankSumA += midRank;
    tieTerm += size ** 3 - size;
    start = end + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  // Two-sided: the larger of U1 and U2 = n1*n2 - U1, measured in the upper tail.
  const uMax = Math.max(u, n1 * n2 - u);
  if (n1 < EXACT_BELOW && n2 < EXACT_BELOW && tieTerm === 0) {
    const counts = uDistribution(n1, n2);
    const total = counts.reduce((sum, c) => sum + c, 0);
    const upper = counts.slice(Math.ceil(uMax)).reduce((sum, c) => sum + c, 0);
    return { u, n1, n2, p: Math.min(1, (2 * upper) / total), method: 'exact' };
  }
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  // Every value tied: no evidence of any difference.
  if (!(variance > 0)) return { u, n1, n2, p: 1, method: 'normal' };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { u, n1, n2, p: Math.min(1, Math.max(0, 2 * normalSurvival(z))), method: 'normal' };
}

/**
 * How many of the C(n1+n2, n1) orderings of two tie-free samples give each U (index = U). The
 * largest value belongs either to the first sample (it beats all n2 others: U grows by n2) or to
 * the second (U unchanged): f(n1, n2) = f(n1-1, n2) shifted by n2 + f(n1, n2-1).
 */
function uDistribution(n1: number, n2: number, memo = new Map<string, number[]>()): number[] {
  if (n1 === 0 || n2 === 0) return [1];
  const key = `${n1},${n2}`;
  const known = memo.get(key);
  if (known) return known;
  const withFirst = uDistribution(n1 - 1, n2, memo);
  const withSecond = uDistribution(n1, n2 - 1, memo);
  const counts = new Array<number>(n1 * n2 + 1).fill(0);
  withFirst.forEach((c, u) => (counts[u + n2] += c));
  withSecond.forEach((c, u) => (counts[u] += c));
  memo.set(key, counts);
  return counts;
}

/** P(Z > z) for a standard normal Z. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Complementary error function, Chebyshev fit (Numerical Recipes' erfcc): relative error below
 * 1.2e-7 everywhere, ample for a p-value compared with 0.05.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
