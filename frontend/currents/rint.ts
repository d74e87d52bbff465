// numpy.rint: round to the nearest integer, halves to the even neighbour (0.5 → 0, 1.5 → 2, 2.5 → 2).
export function rint(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

export { gridTime } from '../core/grid-time.js';
