// Times on the simulation grid: k·dt without the binary noise of the product (1003·0.1 → 100.3, not
// 100.30000000000001), so reported times read as the user wrote them.
export function gridTime(k: number, dt: number): number {
  return Number((k * dt).toPrecision(12));
}
