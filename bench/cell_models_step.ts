// What one time step costs for every standard cell model with an i_offset: 1000 unconnected cells with PyNN's
// default parameters, silent (0 nA) and driven (0.5 nA), 100 ms at dt 0.1 after 10 ms to settle. Shows which models
// are far from the LIF pair loops' few ns (bench/hh_step.ts and bench/adex_step.ts look closer at two of them).
// Figures only.
//   npx tsx bench/cell_models_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { STANDARD_MODELS } from '../frontend/cells/standard-models.js';
import { printCellStepCosts } from './cell-step-cost.js';

const models = Object.values(STANDARD_MODELS)
  .filter((spec) => spec !== undefined && 'i_offset' in new sim.CellType(spec).defaultParameters)
  .map((spec) => [spec!.name, () => new sim.Population(1000, new sim.CellType(spec!))] as [string, () => sim.Population]);
await printCellStepCosts(models, [0, 0.5], { runMs: 100 });
