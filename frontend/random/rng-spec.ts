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

/** Where an RNG object's own streams lie (bit 61): apart from the network's streams (small numbers, allocated in
 *  order of construction), the engine's synaptic transmission (bit 62) and spike sources (bit 63), a reset's trial
 *  number (bits 32-60) and the frontend's own draws (all ones). docs/architecture.md has the whole map. */
const OWN_STREAMS = 1n << 61n;

/** RNG objects whose uses take the network's streams: PyNN's default connector RNG (connector-rng.ts). */
const usesNetworkStreams = new WeakSet<AbstractRNG>();

export function takeNetworkStreams(rng: AbstractRNG): AbstractRNG {
  usesNetworkStreams.add(rng);
  return rng;
}

/**
 * The stream for one random use of `rng` on an engine. An RNG object with a seed of its own counts its uses
 * (AbstractRNG.takeEngineStream), so a new object with the same seed repeats them, as PyNN's NumpyRNG(seed) does.
 * Uses of the simulation seed (an unseeded NativeRNG) and of the default connector RNG take the network's next
 * stream (`allocate`): each such use draws its own numbers.
 */
export function engineStream(rng: AbstractRNG, allocate: () => bigint): bigint {
  const simulationSeed = rng instanceof NativeRNG && !rng.seeded;
  if (simulationSeed || usesNetworkStreams.has(rng)) return allocate();
  return OWN_STREAMS | rng.takeEngineStream();
}
