// Builds the Potjans & Diesmann (2014) microcircuit with the public PyNN-style API only, at any neuron and
// connectivity scale, with Poisson or DC background drive and optional thalamic input. Works with any of the
// tsnn entry points ('tsnn/wasm', 'tsnn/grpc'): pass the imported module as `sim`.
import type * as Tsnn from '../../frontend/index.js';
import {
  BACKGROUND_RATE,
  DELAY,
  EXTERNAL_INDEGREE,
  INITIAL_V,
  L4E_TO_L23E_REL_SD,
  MEAN_WEIGHT,
  NEURON,
  POPULATIONS,
  THALAMUS,
  WEIGHT_REL_SD,
  compensationCurrent,
  externalDcCurrent,
  isExcitatory,
  meanWeight,
  scaledSize,
  synapseCount,
  type PopulationName,
  type Rounding,
} from './parameters.js';

export interface MicrocircuitOptions {
  neuronScale: number;
  connectivityScale: number;
  /** 'poisson': one Poisson source per neuron at K_ext·8 Hz (NEST's reference); 'dc': its mean as a current. */
  drive: 'poisson' | 'dc';
  thalamus: boolean;
  rounding: Rounding;
  /** Standard deviation of the initial membrane potential (mV): 10 in PD14's reference, 5 in GeNN. */
  initialVSd: number;
  dt: number;
  seed: number;
}

export const DEFAULT_OPTIONS: MicrocircuitOptions = {
  neuronScale: 0.5,
  connectivityScale: 0.5,
  drive: 'poisson',
  thalamus: false,
  rounding: 'truncate',
  initialVSd: INITIAL_V.sd,
  dt: 0.1,
  seed: 42,
};

export interface Microcircuit {
  populations: Map<PopulationName, Tsnn.Population>;
  /** Internal projections (the synapse totals count these only, as GeNN and NEST do). */
  internal: Tsnn.Projection[];
  /** Background and thalamic drive projections. */
  drive: Tsnn.Projection[];
  /** Synapses the rules ask for, per the model card: the engine must build exactly this many. */
  expectedSynapses: number;
  neurons: number;
}

/** A huge finite bound for one-sided clipping (the contract rejects infinities). */
const UNBOUNDED = 1e9;

export function buildMicrocircuit(sim: typeof Tsnn, options: MicrocircuitOptions): Microcircuit {
  const { neuronScale: ns, connectivityScale: cs } = options;
  const rng = new sim.NumpyRNG({ seed: options.seed });
  const populations = new Map<PopulationName, Tsnn.Population>();
  let neurons = 0;
  for (const name of POPULATIONS) {
    const size = scaledSize(name, ns, options.rounding);
    let iOffset = compensationCurrent(name, cs);
    if (options.drive === 'dc') iOffset += externalDcCurrent(name);
    const pop = new sim.Population(size, new sim.IF_curr_exp({ ...NEURON, i_offset: iOffset }), {
      label: name,
      initialValues: { v: new sim.RandomDistribution('normal', [INITIAL_V.mean, options.initialVSd], rng) },
    });
    populations.set(name, pop);
    neurons += size;
  }

  const internal: Tsnn.Projection[] = [];
  let expectedSynapses = 0;
  for (const target of POPULATIONS) {
    for (const source of POPULATIONS) {
      const n = synapseCount(source, target, ns, cs, options.rounding);
      if (n === 0) continue;
      expectedSynapses += n;
      const w = meanWeight(source, target) / Math.sqrt(cs);
      const relSd = source === 'L4E' && target === 'L23E' ? L4E_TO_L23E_REL_SD : WEIGHT_REL_SD;
      const sd = Math.abs(w * relSd);
      const excitatory = isExcitatory(source);
      const weight = new sim.RandomDistribution('normal_clipped', excitatory ? [w, sd, 0, UNBOUNDED] : [w, sd, -UNBOUNDED, 0], rng);
      const d = excitatory ? DELAY.E : DELAY.I;
      const delay = new sim.RandomDistribution('normal_clipped', [d.mean, d.sd, options.dt, UNBOUNDED], rng);
      internal.push(
        new sim.Projection(
          populations.get(source)!,
          populations.get(target)!,
          new sim.FixedTotalNumberConnector(n, { withReplacement: true, rng }),
          new sim.StaticSynapse({ weight, delay }),
          { receptorType: excitatory ? 'excitatory' : 'inhibitory', label: `${source}→${target}` },
        ),
      );
    }
  }

  const drive: Tsnn.Projection[] = [];
  if (options.drive === 'poisson') {
    for (const name of POPULATIONS) {
      const target = populations.get(name)!;
      const background = new sim.Population(
        target.size,
        new sim.SpikeSourcePoisson({ rate: EXTERNAL_INDEGREE[name] * cs * BACKGROUND_RATE }),
        { label: `${name}_background` },
      );
      drive.push(
        new sim.Projection(background, target, new sim.OneToOneConnector(),
          new sim.StaticSynapse({ weight: MEAN_WEIGHT / Math.sqrt(cs), delay: options.dt }),
          { receptorType: 'excitatory', label: `background→${name}` }),
      );
    }
  }
  if (options.thalamus) {
    // 902 cells at every scale; connection probabilities scaled by cs keep the in-degree at cs times full scale.
    const thalamus = new sim.Population(
      THALAMUS.size,
      new sim.SpikeSourcePoisson({ rate: THALAMUS.rate, start: THALAMUS.start, duration: THALAMUS.duration }),
      { label: 'thalamus' },
    );
    for (const name of POPULATIONS) {
      const p = THALAMUS.probability[name];
      if (p === 0) continue;
      const w = MEAN_WEIGHT / Math.sqrt(cs);
      drive.push(
        new sim.Projection(thalamus, populations.get(name)!, new sim.FixedProbabilityConnector(p * cs, { rng }),
          new sim.StaticSynapse({
            weight: new sim.RandomDistribution('normal_clipped', [w, w * WEIGHT_REL_SD, 0, UNBOUNDED], rng),
            delay: new sim.RandomDistribution('normal_clipped', [DELAY.E.mean, DELAY.E.sd, options.dt, UNBOUNDED], rng),
          }),
          { receptorType: 'excitatory', label: `thalamus→${name}` }),
      );
    }
  }
  return { populations, internal, drive, expectedSynapses, neurons };
}
