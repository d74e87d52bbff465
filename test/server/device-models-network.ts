// Every cell type the CUDA engine runs beyond the LIF family, and every kind of spike source, in one small recurrent
// network: Izhikevich, both AdEx models, IF_cond_exp_gsfa_grr, GIF_cond_exp and HH_cond_exp in a ring (each drives
// the next, the last inhibits the first), all driven by Poisson sources; gamma, refractory Poisson and inhomogeneous
// gamma sources on the first three; an AdExp PointNeuron with an exponential, an alpha and a beta receptor;
// Tsodyks-Markram synapses from the Poisson sources onto GIF, stochastic ones (p = 0.5) onto HH, STDP ones (pair
// rule, additive) from the gamma sources onto Izhikevich with delays of 1..20 steps. Spikes, v and each
// model's own state variable are recorded. test/server/cuda-engine.test.ts runs it on the server's CUDA
// path against the CPU engine; bench/device_models.ts exports it for tsnn-run on a machine with a GPU.
import type * as wasmSim from '../../frontend/wasm.js';

type Sim = typeof wasmSim;
type Population = InstanceType<Sim['Population']>;

export interface DeviceModelsNetwork {
  /** Every population, sources included, in the order their data is compared. */
  readonly populations: Population[];
  /** The neurons (the sources excluded). */
  readonly cells: Population[];
  /** A renewal source whose rate a second run may change. */
  readonly refractory: Population;
  /** The Tsodyks-Markram projection (its u can be read back). */
  readonly shortTermPlastic: InstanceType<Sim['Projection']>;
  /** The STDP projection (its weights can be read back). */
  readonly spikeTimingPlastic: InstanceType<Sim['Projection']>;
}

export function buildDeviceModels(sim: Sim): DeviceModelsNetwork {
  const rng = new sim.NumpyRNG({ seed: 3 });
  const models: [string, Population['celltype'], number, string][] = [
    ['izhikevich', new sim.Izhikevich(), 3.0, 'u'],
    ['adex', new sim.EIF_cond_exp_isfa_ista(), 0.001, 'w'],
    ['adex_alpha', new sim.EIF_cond_alpha_isfa_ista(), 0.0007, 'gsyn_exc'],
    ['gsfa_grr', new sim.IF_cond_exp_gsfa_grr(), 0.006, 'g_s'],
    ['gif', new sim.GIF_cond_exp(), 0.008, 'i_eta'],
    ['hh', new sim.HH_cond_exp(), 0.008, 'gsyn_inh'],
  ];
  const ring = models.map(([label, cellType]) => new sim.Population(12, cellType, { label }));
  const noise = new sim.Population(30, new sim.SpikeSourcePoisson({ rate: 500 }), { label: 'noise' });
  const gamma = new sim.Population(10, new sim.SpikeSourceGamma({ alpha: 3, beta: 600 }), { label: 'gamma' });
  const refractory = new sim.Population(10, new sim.SpikeSourcePoissonRefractory({ rate: 200, tau_refrac: 3 }), { label: 'refractory' });
  const inhGamma = new sim.Population(10, new sim.SpikeSourceInhGamma({
    a: new sim.Sequence([2, 4]), b: new sim.Sequence([0.01, 0.005]), tbins: new sim.Sequence([0, 50]),
  }), { label: 'inh_gamma' });
  const delay = new sim.RandomDistribution('uniform', [0.1, 2.0], rng);
  const connect = (pre: Population, post: Population, p: number, weight: number, receptorType: string,
    d: number | typeof delay = delay) =>
    new sim.Projection(pre, post, new sim.FixedProbabilityConnector(p, { rng }), new sim.StaticSynapse({ weight, delay: d }), { receptorType });
  connect(gamma, ring[0]!, 0.4, 2.0, 'excitatory');
  connect(refractory, ring[1]!, 0.4, 0.001, 'excitatory');
  connect(inhGamma, ring[2]!, 0.4, 0.006, 'excitatory');
  const point = new sim.Population(12, new sim.PointNeuron(new sim.AdExp(), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 2 }),
    GABAA: new sim.CondAlphaPostSynapticResponse({ e_syn: -70, tau_syn: 5 }),
    NMDA: new sim.CondBetaPostSynapticResponse({ e_syn: 0, tau_rise: 2, tau_decay: 40 }),
  }), { label: 'point' });
  connect(noise, point, 0.3, 0.0015, 'AMPA');
  connect(noise, point, 0.2, 0.0002, 'NMDA');
  connect(ring[0]!, point, 0.3, 0.01, 'GABAA', 0.8);
  models.forEach(([, , weight, variable], k) => {
    const population = ring[k]!;
    const last = k === models.length - 1;
    const next = (k + 1) % ring.length;
    const nextWeight = models[next]![2];  // in the units of the next model's synapses (nA, µS)
    connect(noise, population, 0.3, weight, 'excitatory');
    connect(population, ring[next]!, 0.2, last ? -nextWeight : nextWeight / 2, last ? 'inhibitory' : 'excitatory', 0.6);
    population.record(['spikes', 'v', variable]);
  });
  const shortTermPlastic = new sim.Projection(noise, ring[4]!, new sim.FixedProbabilityConnector(0.3, { rng }),
    new sim.TsodyksMarkramSynapse({ weight: 0.006, delay: 0.5, U: 0.4, tau_rec: 200, tau_facil: 50 }), { receptorType: 'excitatory' });
  new sim.Projection(noise, ring[5]!, new sim.FixedProbabilityConnector(0.3, { rng }),
    new sim.SimpleStochasticSynapse({ weight: 0.008, delay: 0.5, p: 0.5 }), { receptorType: 'excitatory' });
  const spikeTimingPlastic = new sim.Projection(gamma, ring[0]!, new sim.FixedProbabilityConnector(0.5, { rng }),
    new sim.STDPMechanism({
      timingDependence: new sim.SpikePairRule({ tau_plus: 15, tau_minus: 25, A_plus: 0.02, A_minus: 0.025 }),
      weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 3.0 }),
      weight: 1.5,
      delay,
    }), { receptorType: 'excitatory' });
  for (const source of [gamma, refractory, inhGamma]) source.record('spikes');
  point.record(['spikes', 'v', 'w', 'NMDA.gsyn']);
  return { populations: [...ring, gamma, refractory, inhGamma, point], cells: [...ring, point], refractory, shortTermPlastic,
    spikeTimingPlastic };
}
