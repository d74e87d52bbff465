// The contract's RngSpec (model.proto) for an RNG object: which seed and which stream an engine draws from.
import type { RngSpec } from '../generated/tsnn/v1/model.js';
import { NativeRNG, type AbstractRNG } from './rng.js';

/**
 * RngSpec of `rng` for one random use numbered `stream` (assigned by the graph builder). An unseeded NativeRNG
 * means "the simulation seed" (has_seed false); NumpyRNG and GSLRNG always carry their seed, drawn at
 * construction when the user gave none, so the engines draw what the frontend object describes.
 */
export function rngSpec(rng: AbstractRNG, stream: bigint): RngSpec {
  const usesSimulationSeed = rng instanceof NativeRNG && !rng.seeded;
  return {
    kind: rng.kind,
    hasSeed: !usesSimulationSeed,
    seed: usesSimulationSeed ? 0n : BigInt(rng.seed),
    stream: BigInt.asUintN(64, stream),
    parallelSafe: rng.parallelSafe,
  };
}
