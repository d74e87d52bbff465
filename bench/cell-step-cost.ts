// What one time step of a cell model costs: `cells` unconnected cells under a DC drive (i_offset), 10 ms to settle,
// then `runMs` timed at dt 0.1. Prints ns a cell and step and the firing rate, for each model and drive. Shared by
// bench/adex_step.ts and bench/hh_step.ts. Figures only.
import * as sim from '../frontend/wasm.js';
import { threadsOption } from './measure.js';

const DT = 0.1;

export async function printCellStepCosts(
  models: Array<[string, () => sim.Population]>,
  drives: number[],
  { runMs = 200 }: { runMs?: number } = {},
): Promise<void> {
  const threads = threadsOption();
  for (const [name, make] of models) {
    for (const drive of drives) {
      await sim.setup({ timestep: DT, threads });
      const cells = make();
      cells.set({ i_offset: drive });
      cells.record('spikes');
      await sim.run(10);
      const t0 = performance.now();
      await sim.run(runMs);
      const wall = performance.now() - t0;
      let spikes = 0;
      for (const n of cells.getSpikeCounts().values()) spikes += n;
      const size = cells.size;
      await sim.end();
      const nsPerCellStep = (wall * 1e6) / ((runMs / DT) * size);
      const rate = spikes / size / ((runMs + 10) / 1000);
      console.log(`${name}, i_offset ${drive} nA: ${nsPerCellStep.toFixed(1)} ns a cell and step, ${rate.toFixed(1)} Hz`);
    }
  }
}
