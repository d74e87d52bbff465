// What one time step costs for every standard cell model with an i_offset: 1000 unconnected cells with PyNN's
// default parameters, silent (0 nA) and driven (0.5 nA), 100 ms at dt 0.1 after 10 ms to settle. Shows which models
// are far from the LIF pair loops' few ns (bench/hh_step.ts and bench/adex_step.ts look closer at two of them).
// With --varied, the models with a v_rest also run with it spread over the cells (-65 + 0.001·i mV): cells whose
// constants differ, which the uniform fast paths do not take. Figures only.
//   npx tsx bench/cell_models_step.ts [--varied] [--threads N]
import * as sim from '../frontend/wasm.js';
import { STANDARD_MODELS } from '../frontend/cells/standard-models.js';
import { printCellStepCosts } from './cell-step-cost.js';

const CELLS = 1000;
const specs = Object.values(STANDARD_MODELS).filter(
  (spec) => spec !== undefined && 'i_offset' in new sim.CellType(spec).defaultParameters,
);
const models = specs.map((spec) => [spec!.name, () => new sim.Population(CELLS, new sim.CellType(spec!))] as [string, () => sim.Population]);
if (process.argv.includes('--varied')) {
  const vRest = Array.from({ length: CELLS }, (_, i) => -65 + 0.001 * i);
  for (const spec of specs) {
    if (!('v_rest' in new sim.CellType(spec!).defaultParameters)) continue;
    models.push([`${spec!.name} (v_rest varied)`, () => new sim.Population(CELLS, new sim.CellType(spec!, { v_rest: vRest }))]);
  }
}
await printCellStepCosts(models, [0, 0.5], { runMs: 100 });
