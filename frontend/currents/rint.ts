// numpy.rint: round to the nearest integer, halves to the even neighbour (0.5 → 0, 1.5 → 2, 2.5 → 2).
export function rint(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** k·dt without the binary noise of the product (9·0.1 → 0.9, not 0.9000000000000001). */
export function gridTime(k: number, dt: number): number {
  return Number((k * dt).toPrecision(12));
}
