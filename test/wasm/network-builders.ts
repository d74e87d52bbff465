// Small hand-built tsnn.v1 messages for the backend tests, and a helper that runs a network and collects the spikes
// per population as (cell, step) pairs sorted the same way every time.
import type { Backend } from '../../frontend/backend/backend.js';
import { Network, type Population, type Projection, type Value } from '../../frontend/generated/tsnn/v1/model.js';

export function scalar(value: number): Value {
  return { kind: { $case: 'scalar', value } };
}

export function scalars(values: Record<string, number>): Record<string, Value> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, scalar(value)]));
}

export function population(label: string, size: number, cellType: string, parameters: Record<string, number>, initialValues: Record<string, number> = {}): Population {
  const zeros = new Array<number>(size).fill(0);
  return {
    label,
    size,
    cellType: { name: cellType, parameters: scalars(parameters), initialValues: scalars(initialValues) },
    positions: { x: zeros.map((_, i) => i), y: zeros, z: zeros },
    annotations: [],
  };
}

export function fixedProbability(pre: number, post: number, p: number, weight: number, delay: number, receptorType: string, stream: bigint): Projection {
  return {
    label: `p${pre}->p${post}`,
    weightSign: 0,
    pre: { parts: [{ population: pre, cells: { $case: 'all', value: true } }], label: '' },
    post: { parts: [{ population: post, cells: { $case: 'all', value: true } }], label: '' },
    connector: {
      rule: { $case: 'fixedProbability', value: { pConnect: p, selfConnections: 0 } },
      rng: { kind: 0, hasSeed: false, seed: 0n, stream, parallelSafe: true },
      safe: true,
      sourceFile: '',
    },
    synapse: { weight: scalar(weight), delay: scalar(delay), dynamics: { $case: 'staticSynapse', value: {} } },
    receptorType,
    annotations: [],
  };
}

export function network(timestep: number, seed: bigint, populations: Population[], projections: Projection[] = [], recordSpikesOf: number[] = populations.map((_, i) => i)): Network {
  return Network.fromPartial({
    settings: { timestep, minDelay: 0, maxDelay: 0, seed, simulator: 'tsnn test' },
    populations,
    projections,
    recordings: recordSpikesOf.map((p) => ({
      population: p,
      variable: 'spikes',
      cells: { population: p, cells: { $case: 'all', value: true } },
      samplingInterval: 0,
    })),
  });
}

export interface SpikeRecord {
  /** "population:cell:step" for every spike, sorted: a canonical form that compares with assert.equal. */
  readonly spikes: string[];
  readonly finalStep: bigint;
}

/** Creates a session for `net`, runs `steps` steps and collects the spikes of every recorded population. */
export async function runAndCollectSpikes(backend: Backend, net: Network, steps: number, progressEverySteps = 0): Promise<SpikeRecord> {
  await backend.createSession(net);
  const spikes: Array<[number, number, bigint]> = [];
  const complete = await backend.run({ steps: BigInt(steps), progressEverySteps, chunkSteps: 0 }, (event) => {
    if (event.event?.$case !== 'data' || event.event.value.variable !== 'spikes') return;
    const data = event.event.value;
    data.spikeCells.forEach((cell, k) => spikes.push([data.population, cell, data.spikeSteps[k]]));
  });
  spikes.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return { spikes: spikes.map(([p, c, s]) => `${p}:${c}:${s}`), finalStep: complete.step };
}

/** Spike steps of one cell, from a SpikeRecord. */
export function stepsOf(record: SpikeRecord, populationIndex: number, cell: number): number[] {
  const prefix = `${populationIndex}:${cell}:`;
  return record.spikes.filter((s) => s.startsWith(prefix)).map((s) => Number(s.slice(prefix.length))).sort((a, b) => a - b);
}
