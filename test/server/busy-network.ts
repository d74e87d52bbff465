// A network that keeps the engine busy for far longer than any test waits: a recurrent population driven to fire,
// for runs that are cancelled, disconnected or interrupted part-way.
import type { Network } from '../../frontend/generated/tsnn/v1/model.js';
import { fixedProbability, network, population } from '../wasm/network-builders.js';

export function busyNetwork(): Network {
  return network(0.1, 11n, [population('busy', 2000, 'IF_curr_exp', { i_offset: 1.0 })], [fixedProbability(0, 0, 0.05, 0.05, 1, 'excitatory', 1n)]);
}

/** Steps no test waits for: hours of simulated time. */
export const endlessSteps = 100_000_000n;
