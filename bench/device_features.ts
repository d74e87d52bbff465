// What bench/device_models.ts leaves out, in one small network run for 1 s: the LIF family but IF_curr_exp and
// IF_cond_exp (which the benchmarks run), PointNeuron with LIF, spike arrays, the four current sources (noisy with
// a value per target) and the multi-quantal and stochastic Tsodyks-Markram synapses. The network a GPU session
// runs with tsnn-run on both engines (scripts/gpu-device.sh) to check the device's spikes, state and currents
// against the CPU's.
//   npx tsx bench/device_features.ts [--threads N] [--backend wasm|server [--server-binary PATH]] [--export-network FILE]
import * as sim from '../frontend/wasm.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

const T_STOP = 1000;

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, seed: 91, threads: threadsOption(), backend: provider });
const rng = new sim.NumpyRNG({ seed: 5 });
// [label, cell type, excitatory weight, a state variable recorded besides spikes and v (v again where none)]
const models: [string, InstanceType<typeof sim.IF_curr_alpha> | InstanceType<typeof sim.PointNeuron>, number, string][] = [
  ['curr_alpha', new sim.IF_curr_alpha(), 0.12, 'v'],
  ['curr_delta', new sim.IF_curr_delta(), 0.35, 'v'],
  ['cond_alpha', new sim.IF_cond_alpha(), 0.007, 'gsyn_exc'],
  ['facets', new sim.IF_facets_hardware1(), 0.0001, 'gsyn_inh'],
  ['point_lif', new sim.PointNeuron(new sim.LIF(), {
    AMPA: new sim.CurrExpPostSynapticResponse({ tau_syn: 2 }), GABA: new sim.CurrExpPostSynapticResponse({ tau_syn: 8 }),
  }), 0.12, 'AMPA.isyn'],
];
const cells = models.map(([label, cellType, , variable]) => {
  const population = new sim.Population(16, cellType, { label });
  population.record([...new Set(['spikes', 'v', variable])]);
  return population;
});
const noise = new sim.Population(30, new sim.SpikeSourcePoisson({ rate: 400 }), { label: 'noise' });
const times = Array.from({ length: 8 }, (_, cell) => Array.from({ length: 40 }, (_, k) => 5 + k * (24 + cell) + cell * 0.3));
const array = new sim.Population(8, new sim.SpikeSourceArray({ spike_times: times }), { label: 'array' });
array.record('spikes');
models.forEach(([label, , weight], k) => {
  const receptorType = label === 'point_lif' ? 'AMPA' : 'excitatory';
  new sim.Projection(noise, cells[k]!, new sim.FixedProbabilityConnector(0.4, { rng }),
    new sim.StaticSynapse({ weight, delay: new sim.RandomDistribution('uniform', [0.1, 2.0], rng) }), { receptorType });
  new sim.Projection(array, cells[k]!, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: weight * 2, delay: 1.5 }), { receptorType });
});
const inhibitoryWeight = (label: string) => (label.startsWith('curr') || label === 'point_lif' ? -0.8 : 0.01);
models.forEach(([label], k) => {
  const receptorType = label === 'point_lif' ? 'GABA' : 'inhibitory';
  new sim.Projection(cells[(k + 1) % cells.length]!, cells[k]!, new sim.FixedNumberPreConnector(3, { rng }),
    new sim.StaticSynapse({ weight: inhibitoryWeight(label), delay: 0.7 }), { receptorType });
});
new sim.Projection(noise, cells[0]!, new sim.FixedProbabilityConnector(0.3, { rng }),
  new sim.MultiQuantalSynapse({ weight: 0.4, delay: 0.5, U: 0.3, n: 4, tau_rec: 300, tau_facil: 40 }), { receptorType: 'excitatory' });
new sim.Projection(noise, cells[2]!, new sim.FixedProbabilityConnector(0.3, { rng }),
  new sim.StochasticTsodyksMarkramSynapse({ weight: 0.004, delay: 0.5, U: 0.5, tau_rec: 200, tau_facil: 0 }), { receptorType: 'excitatory' });
// The four current sources, recorded; noisy gives each of its targets its own series.
const dc = new sim.DCSource({ amplitude: 0.3, start: 100, stop: 700 });
dc.injectInto(cells[0]!);
const ac = new sim.ACSource({ amplitude: 0.2, offset: 0.1, frequency: 7, phase: 30, start: 50, stop: 900 });
ac.injectInto(cells[2]!);
const step = new sim.StepCurrentSource({ times: [200, 400, 650], amplitudes: [0.08, -0.04, 0.05] });
step.injectInto(cells[3]!);
const noisy = new sim.NoisyCurrentSource({ mean: 0.2, stdev: 0.3, start: 150, stop: 850, dt: 1.0 });
noisy.injectInto(cells[1]!);
for (const source of [dc, ac, step, noisy]) source.record();
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([...cells, array]);
// Each population must be active without firing at its refractory limit, or the check would show little.
console.log(cells.map((p) => `${p.label} ${(countSpikes([p]) / p.size / (T_STOP / 1000)).toFixed(1)} Hz`).join(', '));
const neurons = cells.reduce((n, p) => n + p.size, 0);
await sim.end();
await stop();
print(figures('device_features', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, neurons, spikes));
