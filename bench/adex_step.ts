// What one time step of an adaptive exponential cell costs (EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista and
// PointNeuron(AdExp)): 1000 unconnected cells with PyNN's default parameters under a DC drive, from silent to fast
// firing, 200 ms at dt 0.1 after 10 ms to settle. Their step is one RK4 step where that resolves the exponential
// term and ten substeps on the upswing (core/include/tsnn/models/adex_update.h), so its cost depends on how much of
// the time the cells spend near v_thresh. Then the same cells (no DC) under Poisson synaptic input, where V moves
// more within a step: 100 excitatory (2 nS) and 25 inhibitory (10 nS) sources at 20 Hz onto each cell, 500 ms.
// Figures only.
//   npx tsx bench/adex_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { cellStepCost, printCellStepCosts } from './cell-step-cost.js';

const CELLS = 1000;
const DRIVES = [0, 0.5, 0.8, 1.5]; // nA: below rest's threshold, held near it by adaptation, about 25 and 85 Hz

const MODELS: Array<[string, () => sim.Population]> = [
  ['EIF_cond_exp_isfa_ista', () => new sim.Population(CELLS, new sim.EIF_cond_exp_isfa_ista())],
  ['EIF_cond_alpha_isfa_ista', () => new sim.Population(CELLS, new sim.EIF_cond_alpha_isfa_ista())],
  ['PointNeuron(AdExp, AMPA: CondExp, GABAA: CondAlpha)', () => new sim.Population(CELLS, new sim.PointNeuron(new sim.AdExp(), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 2 }),
    GABAA: new sim.CondAlphaPostSynapticResponse({ e_syn: -70, tau_syn: 5 }),
  }))],
];

await printCellStepCosts(MODELS, DRIVES);

for (const [name, make] of MODELS) {
  const { nsPerCellStep, rate } = await cellStepCost(make, (cells) => {
    const [excitatory, inhibitory] = cells.celltype.receptorTypes;
    const drive = (count: number, inDegree: number, weight: number, receptorType: string) =>
      new sim.Projection(new sim.Population(count, new sim.SpikeSourcePoisson({ rate: 20 })), cells,
        new sim.FixedNumberPreConnector(inDegree), new sim.StaticSynapse({ weight, delay: 0.1 }), { receptorType });
    drive(200, 100, 0.002, excitatory);
    drive(50, 25, 0.01, inhibitory);
  }, { runMs: 500, seed: 4 });
  console.log(`${name}, synaptic input: ${nsPerCellStep.toFixed(1)} ns a cell and step (sources and delivery ` +
    `included), ${rate.toFixed(1)} Hz`);
}
