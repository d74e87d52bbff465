// Chi-squared goodness of fit and its critical value (Wilson-Hilferty approximation of the chi-squared quantile,
// accurate to a fraction of a percent for df >= 3), for the connector statistics tests.

/** Upper critical value of chi-squared with df degrees of freedom at the 1 - alpha quantile, for z = z(1 - alpha). */
export function chiSquaredCritical(df: number, z: number): number {
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/** z for alpha = 0.001 (one-sided): the test fails wrongly once in a thousand seeds, and our seeds are fixed. */
export const Z_999 = 3.0902;

/** Sum over bins of (observed - expected)^2 / expected. */
export function chiSquared(observed: readonly number[], expected: readonly number[]): number {
  let x = 0;
  for (let k = 0; k < observed.length; ++k) x += (observed[k]! - expected[k]!) ** 2 / expected[k]!;
  return x;
}

/** Binomial(n, p) probabilities of 0..n. */
export function binomialPmf(n: number, p: number): number[] {
  const out: number[] = [];
  let logC = 0;
  for (let k = 0; k <= n; ++k) {
    if (k > 0) logC += Math.log((n - k + 1) / k);
    out.push(Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p)));
  }
  return out;
}

/**
 * Merges neighbouring bins (from both tails inwards) until every expected count is at least minExpected,
 * as the chi-squared approximation needs. Returns observed and expected counts per merged bin.
 */
export function mergeBins(observed: readonly number[], expected: readonly number[], minExpected = 5): { observed: number[]; expected: number[] } {
  const o: number[] = [];
  const e: number[] = [];
  let accO = 0;
  let accE = 0;
  for (let k = 0; k < expected.length; ++k) {
    accO += observed[k]!;
    accE += expected[k]!;
    if (accE >= minExpected) {
      o.push(accO);
      e.push(accE);
      accO = 0;
      accE = 0;
    }
  }
  if (o.length === 0) return { observed: [accO], expected: [accE] };
  o[o.length - 1]! += accO;
  e[e.length - 1]! += accE;
  return { observed: o, expected: e };
}
