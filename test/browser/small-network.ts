// The network the browser test runs both in Chromium and in Node: Poisson sources (drawn in the engine) driving
// IF_curr_exp cells through fixed-probability connections (expanded in the engine), so equal spikes mean the same
// random streams, connectivity and dynamics on both sides.
import type { Backend } from '../../frontend/backend/backend.js';
import { fixedProbability, network, population, runAndCollectSpikes, type SpikeRecord } from '../wasm/network-builders.js';

const lif = { cm: 0.25, tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -55, tau_refrac: 2, i_offset: 0, tau_syn_E: 5, tau_syn_I: 5 };

export const smallNetworkSteps = 3000;

export function smallNetwork() {
  const sources = population('noise', 30, 'SpikeSourcePoisson', { rate: 40, start: 0, duration: 1e9 });
  return network(0.1, 2024n, [sources, population('cells', 12, 'IF_curr_exp', lif, { v: -65 })], [
    fixedProbability(0, 1, 0.4, 0.7, 1.5, 'excitatory', 1n),
  ]);
}

/** Runs the small network on `backend`; spikes as "population:cell:step" strings, sorted. */
export async function runSmallNetwork(backend: Backend): Promise<SpikeRecord> {
  return runAndCollectSpikes(backend, smallNetwork(), smallNetworkSteps, 500);
}
