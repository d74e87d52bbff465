// The random number generator of a connector. PyNN uses NumpyRNG(seed=151985012) when none is given, so that a
// script without an rng builds the same network every time; we keep that seed (our generator is Philox, so the
// connections differ from PyNN's Mersenne Twister, but they are reproducible on every backend).
import type { RngSpec } from '../generated/tsnn/v1/model.js';
import { AbstractRNG, NumpyRNG } from '../random/rng.js';
import { engineStream, rngSpec, takeNetworkStreams } from '../random/rng-spec.js';

export const DEFAULT_CONNECTOR_SEED = 151985012;

export function checkRng(owner: string, rng: unknown): AbstractRNG {
  // PyNN makes a new NumpyRNG with that seed for every connector, so that all of them draw the same numbers; here
  // each connector's rule takes the network's next stream instead (rng-spec.ts), so projections stay independent.
  if (rng === undefined || rng === null) return takeNetworkStreams(new NumpyRNG({ seed: DEFAULT_CONNECTOR_SEED }));
  if (rng instanceof AbstractRNG) return rng;
  throw new TypeError(`${owner}: 'rng' must be a NumpyRNG, GSLRNG or NativeRNG, got ${String(rng)}`);
}

/** The RngSpec of one use of a connector's rng (its own stream, or the network's next: rng-spec.ts). */
export function connectorRngSpec(rng: AbstractRNG, ctx: { allocateStream(): bigint }): RngSpec {
  return rngSpec(rng, engineStream(rng, () => ctx.allocateStream()));
}
