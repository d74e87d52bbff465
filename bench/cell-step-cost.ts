// What one time step of a cell model costs: `cells` unconnected cells under a DC drive (i_offset), 10 ms to settle,
// then `runMs` timed at dt 0.1. Prints ns a cell and step and the firing rate, for each model and drive. Shared by
// bench/adex_step.ts and bench/hh_step.ts (and, through cellStepCost, adex_step.ts's synaptic drive). Figures only.
import * as sim from '../frontend/wasm.js';
import { threadsOption } from './measure.js';

const DT = 0.1;

/**
 * One timed run: a fresh simulation (seed `seed`), the cells `make` gives, driven by `drive` (which may add
 * sources and projections), 10 ms to settle, then `runMs` timed. Wall ns per cell and step (whatever else the run
 * steps included) and the cells' mean rate over all 10 + runMs ms.
 */
export async function cellStepCost(
  make: () => sim.Population,
  drive: (cells: sim.Population) => void,
  { runMs = 200, seed }: { runMs?: number; seed?: number } = {},
): Promise<{ nsPerCellStep: number; rate: number }> {
  await sim.setup({ timestep: DT, threads: threadsOption(), ...(seed === undefined ? {} : { seed }) });
  const cells = make();
  drive(cells);
  cells.record('spikes');
  await sim.run(10);
  const t0 = performance.now();
  await sim.run(runMs);
  const wall = performance.now() - t0;
  let spikes = 0;
  for (const n of cells.getSpikeCounts().values()) spikes += n;
  const size = cells.size;
  await sim.end();
  return { nsPerCellStep: (wall * 1e6) / ((runMs / DT) * size), rate: spikes / size / ((runMs + 10) / 1000) };
}

export async function printCellStepCosts(
  models: Array<[string, () => sim.Population]>,
  drives: number[],
  { runMs = 200 }: { runMs?: number } = {},
): Promise<void> {
  for (const [name, make] of models) {
    for (const drive of drives) {
      const { nsPerCellStep, rate } = await cellStepCost(make, (cells) => cells.set({ i_offset: drive }), { runMs });
      console.log(`${name}, i_offset ${drive} nA: ${nsPerCellStep.toFixed(1)} ns a cell and step, ${rate.toFixed(1)} Hz`);
    }
  }
}
