// Times on the simulation grid: k·dt without the binary noise of the product (1003·0.1 → 100.3, not
// 100.30000000000001), so reported times read as the user wrote them.
export function gridTime(k: number, dt: number): number {
  return Number((k * dt).toPrecision(12));
}

/**
 * gridTime(k, dt) for many k at once: where dt divides 1 ms a whole number of times (0.1, 0.025), k / (steps per
 * ms) is the same double (the nearest to the decimal) at one division each, as NEST's integer time reads; spike
 * times of long runs take this path.
 */
export function gridTimes(dt: number): (k: number) => number {
  const perMs = Math.round(1 / dt);
  if (perMs >= 1 && Math.abs(perMs * dt - 1) <= 1e-12) return (k) => k / perMs;
  return (k) => gridTime(k, dt);
}

/** Whether `ms` is a whole number of timesteps (within 1e-9 of one: 0.3 / 0.1 is 2.9999999999999996). */
export function isGridMultiple(ms: number, dt: number): boolean {
  const ratio = ms / dt;
  return Math.abs(ratio - Math.round(ratio)) <= 1e-9;
}

/**
 * The step a run asked to reach `ms` ends on: the nearest one, a half step rounding up, with 1e-9 of a step allowed
 * for binary noise (0.15 / 0.1 is 1.4999999999999998: step 2, as 0.25 / 0.1 = 2.5 is step 3).
 */
export function nearestStep(ms: number, dt: number): number {
  return Math.round(ms / dt + 1e-9);
}
