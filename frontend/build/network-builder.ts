// Turns the objects a script made (populations, projections, assemblies, current sources, recordings) into the
// one Network message every backend consumes, and checks it before anything runs.
import type { Network } from '../generated/tsnn/v1/model.js';
import type { SimulationState } from '../simulation/state.js';
import { checkBuildHeap, checkEncoderHeap } from './encoding-heap.js';
import { validateNetwork } from './validate-network.js';

export const SIMULATOR_NAME = 'tsnn 0.1.0';

export function buildNetwork(state: SimulationState): Network {
  // Every backend encodes this message next; a heap too small for that would abort the process there.
  checkBuildHeap(state.populations);
  const network: Network = {
    settings: {
      timestep: state.timestep,
      minDelay: state.minDelaySetting === 'auto' ? 0 : state.minDelaySetting,
      maxDelay: state.maxDelay === 'auto' ? 0 : state.maxDelay,
      seed: BigInt(state.seed),
      simulator: `${SIMULATOR_NAME}${state.backend ? ` (${state.backend.name})` : ''}`,
      threads: state.threads,
    },
    populations: state.populations.map((p) => p.toMessage()),
    projections: state.projections.map((p) => p.toMessage()),
    currentSources: state.currentSources.map((s) => s.toMessage()),
    recordings: state.populations.flatMap((p, index) => p.recordingRequests(index)),
    assemblies: state.assemblies.map((a) => ({ label: a.label, cells: a.toCellSet() })),
  };
  validateNetwork(network);
  checkEncoderHeap(network.populations);
  return network;
}
