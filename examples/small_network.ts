// A small network of 20 conductance-based (alpha) integrate-and-fire cells, each driven by its own random spike
// train through 50% random connectivity; ported line by line from PyNN's examples/small_network.py.
//
//   npx tsx examples/small_network.ts [--build-only] [--json]
//
// --build-only builds the Network message and prints its summary without running (no engine needed).
import { mkdirSync } from 'node:fs';
import * as sim from 'tsnn/wasm';

const args = process.argv.slice(2);
const buildOnly = args.includes('--build-only');
const json = args.includes('--json');

// === Define parameters ===
const n = 20; // Number of cells
const w = 0.002; // synaptic weight (µS)
const cellParams = {
  tau_m: 20.0, // (ms)
  tau_syn_E: 2.0, // (ms)
  tau_syn_I: 4.0, // (ms)
  e_rev_E: 0.0, // (mV)
  e_rev_I: -70.0, // (mV)
  tau_refrac: 2.0, // (ms)
  v_rest: -60.0, // (mV)
  v_reset: -70.0, // (mV)
  v_thresh: -50.0, // (mV)
  cm: 0.5, // (nF)
};
const dt = 0.1; // (ms)
const synDelay = 1.0; // (ms)
const inputRate = 50.0; // (Hz)
const simtime = 1000.0; // (ms)

// === Build the network ===
await sim.setup({ timestep: dt, maxDelay: synDelay });

const cells = new sim.Population(n, new sim.IF_cond_alpha(cellParams), { initialValues: { v: 0.0 }, label: 'cells' });

const number = Math.trunc((2 * simtime * inputRate) / 1000.0);
const isi = new sim.RandomDistribution('exponential', { beta: 1000.0 / inputRate }, new sim.NumpyRNG({ seed: 26278342 }));

function generateSpikeTimes(_i: number): sim.Sequence {
  let t = 0;
  return new sim.Sequence(isi.next(number).map((x) => (t += x)));
}
if (!(generateSpikeTimes(0).max() > simtime)) throw new Error('the spike trains must outlast the simulation');

const spikeSource = new sim.Population(n, new sim.SpikeSourceArray({ spike_times: generateSpikeTimes }));

spikeSource.record('spikes');
cells.record('spikes');
cells.view({ start: 0, stop: 2 }).record(['v', 'gsyn_exc']);

const syn = new sim.StaticSynapse({ weight: w, delay: synDelay });
const inputConns = new sim.Projection(spikeSource, cells, new sim.FixedProbabilityConnector(0.5), syn);

if (buildOnly) {
  const network = sim.buildNetwork();
  const summary = {
    populations: network.populations.map((p) => ({ label: p.label, size: p.size, cellType: p.cellType?.name })),
    projections: network.projections.map((p) => ({
      label: p.label,
      receptorType: p.receptorType,
      weight: p.synapse?.weight?.kind?.$case === 'scalar' ? p.synapse.weight.kind.value : undefined,
      delay: p.synapse?.delay?.kind?.$case === 'scalar' ? p.synapse.delay.kind.value : undefined,
      pConnect: p.connector?.rule?.$case === 'fixedProbability' ? p.connector.rule.value.pConnect : undefined,
    })),
    spikeTrains: network.populations[1]?.cellType?.parameters.spike_times?.kind?.$case === 'sequences'
      ? network.populations[1].cellType.parameters.spike_times.kind.value.items.length
      : 0,
    recordings: network.recordings.map((r) => ({ population: r.population, variable: r.variable })),
  };
  console.log(json ? JSON.stringify(summary) : summary);
} else {
  // === Run simulation ===
  await sim.run(simtime);
  mkdirSync('out', { recursive: true });
  await cells.writeData('out/small_network_tsnn.npz', { annotations: { script_name: 'small_network.ts' } });
  console.log(`Connections: ${await inputConns.size()}`);
  console.log('Mean firing rate: ', (cells.meanSpikeCount() * 1000.0) / simtime, 'Hz');
}

// === Clean up and quit ========================================================
await sim.end();
