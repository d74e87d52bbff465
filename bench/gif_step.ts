// What one time step of GIF_cond_exp (NEST gif_cond_exp) costs: 1000 unconnected cells with PyNN's default
// parameters under a DC drive, from silent (0 nA) to firing (1.0 nA), 200 ms at dt 0.1 after 10 ms to settle. Each
// step integrates V, decays the η and γ kernels and draws the escape noise (core/include/tsnn/models/gif_update.h).
// Figures only.
//   npx tsx bench/gif_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { printCellStepCosts } from './cell-step-cost.js';

await printCellStepCosts([['GIF_cond_exp', () => new sim.Population(1000, new sim.GIF_cond_exp())]], [0, 0.5, 0.8, 1.0]);
