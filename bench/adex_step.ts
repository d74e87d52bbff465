// What one time step of an adaptive exponential cell costs (EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista and
// PointNeuron(AdExp)): 1000 unconnected cells with PyNN's default parameters under a DC drive, from silent to fast
// firing, 200 ms at dt 0.1 after 10 ms to settle. Their step is one RK4 step where that resolves the exponential
// term and ten substeps on the upswing (core/include/tsnn/models/adex_update.h), so its cost depends on how much of
// the time the cells spend near v_thresh. Figures only.
//   npx tsx bench/adex_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { printCellStepCosts } from './cell-step-cost.js';

const CELLS = 1000;
const DRIVES = [0, 0.5, 0.8, 1.5]; // nA: below rest's threshold, held near it by adaptation, about 25 and 85 Hz

await printCellStepCosts([
  ['EIF_cond_exp_isfa_ista', () => new sim.Population(CELLS, new sim.EIF_cond_exp_isfa_ista())],
  ['EIF_cond_alpha_isfa_ista', () => new sim.Population(CELLS, new sim.EIF_cond_alpha_isfa_ista())],
  ['PointNeuron(AdExp, AMPA: CondExp, GABAA: CondAlpha)', () => new sim.Population(CELLS, new sim.PointNeuron(new sim.AdExp(), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 2 }),
    GABAA: new sim.CondAlphaPostSynapticResponse({ e_syn: -70, tau_syn: 5 }),
  }))],
], DRIVES);
