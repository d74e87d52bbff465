// Argument checks shared by the structures: errors name the structure, the parameter and what is allowed.
import { ValueError } from '../errors.js';
import { AbstractRNG } from '../random/rng.js';

export function checkFinite(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${owner}: ${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function checkPositive(owner: string, name: string, value: unknown): number {
  const number = checkFinite(owner, name, value);
  if (!(number > 0)) throw new ValueError(`${owner}: ${name} must be > 0, got ${number}`);
  return number;
}

export function checkNonNegative(owner: string, name: string, value: unknown): number {
  const number = checkFinite(owner, name, value);
  if (!(number >= 0)) throw new ValueError(`${owner}: ${name} must be >= 0, got ${number}`);
  return number;
}

export function checkCount(owner: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new ValueError(`${owner}.generatePositions: n must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

export type FillOrder = 'sequential' | 'random';

export function checkFillOrder(owner: string, value: unknown): FillOrder {
  if (value !== 'sequential' && value !== 'random') {
    throw new ValueError(`${owner}: fillOrder must be 'sequential' or 'random', got ${String(value)}`);
  }
  return value;
}

export function checkRng(owner: string, rng: unknown): AbstractRNG | undefined {
  if (rng !== undefined && rng !== null && !(rng instanceof AbstractRNG)) {
    throw new ValueError(`${owner}: rng must be a NumpyRNG, GSLRNG or NativeRNG, got ${String(rng)}`);
  }
  return rng ?? undefined;
}

/** Python's round(): halves go to the even neighbour (PyNN's grid sizes use it). */
export function pythonRound(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
