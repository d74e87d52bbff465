// Vogels & Abbott (2005) benchmark networks (Brette et al. 2007, benchmarks 1 and 2), ported line by line from
// PyNN's examples/VAbenchmarks.py: 4000 integrate-and-fire cells (4:1 excitatory:inhibitory), 2% random
// connectivity, CUBA (current-based, IF_curr_exp) or COBA (conductance-based, IF_cond_exp, with a brief Poisson
// kick-start).
//
//   npx tsx examples/vogels_abbott.ts [CUBA|COBA] [--use-views] [--use-assembly] [--build-only] [--json]
//
// --build-only builds the Network message and prints its summary without running (no engine needed).
import { mkdirSync } from 'node:fs';
import * as sim from 'tsnn/wasm';

const args = process.argv.slice(2);
const benchmark = args.find((a) => !a.startsWith('--')) ?? 'CUBA';
if (benchmark !== 'CUBA' && benchmark !== 'COBA') throw new Error(`benchmark must be CUBA or COBA, got ${benchmark}`);
const useViews = args.includes('--use-views');
const useAssembly = args.includes('--use-assembly');
const buildOnly = args.includes('--build-only');
const json = args.includes('--json');
const log = (...items: unknown[]) => {
  if (!json) console.log(...items);
};

// === Define parameters ===
const rngseed = 98765;
const parallelSafe = true;
const n = 4000; // number of cells
const rEi = 4.0; // number of excitatory cells : number of inhibitory cells
const pconn = 0.02; // connection probability
const stimDur = 50.0; // (ms) duration of random stimulation
const rate = 100.0; // (Hz) frequency of the random stimulation
const dt = 0.1; // (ms) simulation timestep
const tstop = 1000; // (ms) simulation duration
const delay = 0.2;

// Cell parameters
let area = 20000.0; // (µm²)
const tauM = 20.0; // (ms)
let cm = 1.0; // (µF/cm²)
const gLeak = 5e-5; // (S/cm²)
const eLeak = benchmark === 'COBA' ? -60.0 : -49.0; // (mV)
const vThresh = -50.0; // (mV)
const vReset = -60.0; // (mV)
const tRefrac = 5.0; // (ms) (clamped at v_reset)
const vMean = -60.0; // (mV) 'mean' membrane potential, for calculating CUBA weights
const tauExc = 5.0; // (ms)
const tauInh = 10.0; // (ms)

// Synapse parameters
const Gexc = benchmark === 'COBA' ? 4.0 : 0.27; // (nS)
const Ginh = benchmark === 'COBA' ? 51.0 : 4.5; // (nS)
const ErevExc = 0.0; // (mV)
const ErevInh = -80.0; // (mV)

// === Calculate derived parameters ===
area = area * 1e-8; // convert to cm²
cm = cm * area * 1000; // convert to nF
const Rm = 1e-6 / (gLeak * area); // membrane resistance in MΩ
if (Math.abs(tauM - cm * Rm) > 1e-9) throw new Error('tau_m must equal cm·Rm'); // just to check
const nExc = Math.round((n * rEi) / (1 + rEi)); // number of excitatory cells
const nInh = n - nExc; // number of inhibitory cells
const celltype = benchmark === 'COBA' ? sim.IF_cond_exp : sim.IF_curr_exp;
const wExc = benchmark === 'COBA' ? Gexc * 1e-3 : 1e-3 * Gexc * (ErevExc - vMean); // uS or nA
const wInh = benchmark === 'COBA' ? Ginh * 1e-3 : 1e-3 * Ginh * (ErevInh - vMean); // uS or nA (negative)

// === Build the network ===
const started = performance.now();
const nodeId = await sim.setup({ timestep: dt, minDelay: delay, maxDelay: 1.0 });
const np = sim.numProcesses();

const cellParams: Record<string, number> = {
  tau_m: tauM,
  tau_syn_E: tauExc,
  tau_syn_I: tauInh,
  v_rest: eLeak,
  v_thresh: vThresh,
  v_reset: vReset,
  cm,
  tau_refrac: tRefrac,
};
if (benchmark === 'COBA') {
  cellParams.e_rev_E = ErevExc;
  cellParams.e_rev_I = ErevInh;
}

log(`${nodeId} Creating cell populations...`);
let allCells: sim.Population | sim.Assembly | undefined;
let excCells: sim.BasePopulation;
let inhCells: sim.BasePopulation;
if (useViews) {
  // one population, with views for the excitatory and inhibitory sub-populations
  const all = new sim.Population(nExc + nInh, new celltype(cellParams), { label: 'All Cells' });
  allCells = all;
  excCells = all.view({ stop: nExc }, 'Excitatory cells');
  inhCells = all.view({ start: nExc }, 'Inhibitory cells');
} else {
  excCells = new sim.Population(nExc, new celltype(cellParams), { label: 'Excitatory_Cells' });
  inhCells = new sim.Population(nInh, new celltype(cellParams), { label: 'Inhibitory_Cells' });
  if (useAssembly) allCells = excCells.add(inhCells) as sim.Assembly;
}

let extStim: sim.Population | undefined;
let extConn: sim.FixedProbabilityConnector | undefined;
let extSyn: sim.StaticSynapse | undefined;
if (benchmark === 'COBA') {
  extStim = new sim.Population(20, new sim.SpikeSourcePoisson({ rate, duration: stimDur }), { label: 'expoisson' });
  const rconn = 0.01;
  extConn = new sim.FixedProbabilityConnector(rconn);
  extSyn = new sim.StaticSynapse({ weight: 0.1 });
}

log(`${nodeId} Initialising membrane potential to random values...`);
const rng = new sim.NumpyRNG({ seed: rngseed, parallelSafe });
const uniformDistr = new sim.RandomDistribution('uniform', { low: vReset, high: vThresh }, rng);
if (useViews) {
  allCells!.initialize({ v: uniformDistr });
} else {
  excCells.initialize({ v: uniformDistr });
  inhCells.initialize({ v: uniformDistr });
}

log(`${nodeId} Connecting populations...`);
const connector = new sim.FixedProbabilityConnector(pconn, { rng });
const excSyn = new sim.StaticSynapse({ weight: wExc, delay });
const inhSyn = new sim.StaticSynapse({ weight: wInh, delay });

const connections: Record<string, sim.Projection> = {};
if (useViews || useAssembly) {
  connections.exc = new sim.Projection(excCells, allCells!, connector, excSyn, { receptorType: 'excitatory' });
  connections.inh = new sim.Projection(inhCells, allCells!, connector, inhSyn, { receptorType: 'inhibitory' });
  if (benchmark === 'COBA') {
    connections.ext = new sim.Projection(extStim!, allCells!, extConn!, extSyn!, { receptorType: 'excitatory' });
  }
} else {
  connections.e2e = new sim.Projection(excCells, excCells, connector, excSyn, { receptorType: 'excitatory' });
  connections.e2i = new sim.Projection(excCells, inhCells, connector, excSyn, { receptorType: 'excitatory' });
  connections.i2e = new sim.Projection(inhCells, excCells, connector, inhSyn, { receptorType: 'inhibitory' });
  connections.i2i = new sim.Projection(inhCells, inhCells, connector, inhSyn, { receptorType: 'inhibitory' });
  if (benchmark === 'COBA') {
    connections.ext2e = new sim.Projection(extStim!, excCells, extConn!, extSyn!, { receptorType: 'excitatory' });
    connections.ext2i = new sim.Projection(extStim!, inhCells, extConn!, extSyn!, { receptorType: 'excitatory' });
  }
}

// === Setup recording ===
log(`${nodeId} Setting up recording...`);
if (useViews || useAssembly) {
  allCells!.record('spikes');
  excCells.view([0, 1]).record('v');
} else {
  excCells.record('spikes');
  inhCells.record('spikes');
  excCells.view([0, 1]).record('v');
}
const buildTime = (performance.now() - started) / 1000;

if (buildOnly) {
  const network = sim.buildNetwork();
  const summary = {
    benchmark,
    populations: network.populations.map((p) => ({ label: p.label, size: p.size, cellType: p.cellType?.name })),
    projections: network.projections.map((p) => ({
      label: p.label,
      receptorType: p.receptorType,
      weight: p.synapse?.weight?.kind?.$case === 'scalar' ? p.synapse.weight.kind.value : undefined,
      delay: p.synapse?.delay?.kind?.$case === 'scalar' ? p.synapse.delay.kind.value : undefined,
      pConnect: p.connector?.rule?.$case === 'fixedProbability' ? p.connector.rule.value.pConnect : undefined,
    })),
    recordings: network.recordings.map((r) => ({ population: r.population, variable: r.variable })),
  };
  console.log(json ? JSON.stringify(summary) : summary);
} else {
  // === Run simulation ===
  log(`${nodeId} Running simulation...`);
  const runStarted = performance.now();
  await sim.run(tstop);
  const simTime = (performance.now() - runStarted) / 1000;
  const eCount = excCells.meanSpikeCount();
  const iCount = inhCells.meanSpikeCount();

  // === Print results to file ===
  log(`${nodeId} Writing data to file...`);
  const writeStarted = performance.now();
  mkdirSync('out', { recursive: true });
  await excCells.writeData(`out/VAbenchmarks_${benchmark}_exc_tsnn_np${np}.npz`, { annotations: { script_name: 'vogels_abbott.ts' } });
  await inhCells.writeData(`out/VAbenchmarks_${benchmark}_inh_tsnn_np${np}.npz`, { annotations: { script_name: 'vogels_abbott.ts' } });
  const writeTime = (performance.now() - writeStarted) / 1000;

  const synapses =
    useViews || useAssembly
      ? `${await connections.exc!.size()} e→e,i  ${await connections.inh!.size()} i→e,i`
      : `${await connections.e2e!.size()} e→e  ${await connections.e2i!.size()} e→i  ${await connections.i2e!.size()} i→e  ${await connections.i2i!.size()} i→i`;
  console.log('\n--- Vogels-Abbott Network Simulation ---');
  console.log(`Nodes                  : ${np}`);
  console.log(`Simulation type        : ${benchmark}`);
  console.log(`Number of Neurons      : ${n}`);
  console.log(`Number of Synapses     : ${synapses}`);
  console.log(`Excitatory conductance : ${Gexc} nS`);
  console.log(`Inhibitory conductance : ${Ginh} nS`);
  console.log(`Excitatory rate        : ${(eCount * 1000.0) / tstop} Hz`);
  console.log(`Inhibitory rate        : ${(iCount * 1000.0) / tstop} Hz`);
  console.log(`Build time             : ${buildTime} s`);
  console.log(`Simulation time        : ${simTime} s`);
  console.log(`Writer time            : ${writeTime} s`);
}

// === Finished with simulator ===
await sim.end();
