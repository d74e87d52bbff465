// Times on the simulation grid: k·dt without the binary noise of the product (1003·0.1 → 100.3, not
// 100.30000000000001), so reported times read as the user wrote them.
export function gridTime(k: number, dt: number): number {
  return Number((k * dt).toPrecision(12));
}

/** Whether `ms` is a whole number of timesteps (within 1e-9 of one: 0.3 / 0.1 is 2.9999999999999996). */
export function isGridMultiple(ms: number, dt: number): boolean {
  const ratio = ms / dt;
  return Math.abs(ratio - Math.round(ratio)) <= 1e-9;
}
