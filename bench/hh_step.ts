// What one time step of HH_cond_exp (NEST hh_cond_exp_traub) costs: 1000 unconnected cells with PyNN's default
// parameters under a DC drive, silent and firing, 100 ms at dt 0.1 after 10 ms to settle. Each step is NEST's
// adaptive RKF45, as many trial steps as its error control asks (core/include/tsnn/models/hh_update.h). Figures only.
//   npx tsx bench/hh_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { printCellStepCosts } from './cell-step-cost.js';

await printCellStepCosts([['HH_cond_exp', () => new sim.Population(1000, new sim.HH_cond_exp())]], [0, 0.2, 1], { runMs: 100 });
