// A PyNN-style script run both in Chromium and in Node by the browser test: Poisson sources driving IF_curr_exp
// cells through a FixedProbabilityConnector, spikes recorded from both populations, read back with getData();
// with threads > 1 on the threaded build.
import type * as Sim from '../../frontend/wasm.js';

/** Spike times per cell, population by population ("label cell: t1 t2 ..."), for an exact comparison. */
export async function runPyNNNetwork(sim: typeof Sim, wasm: Sim.WasmSetupOptions['wasm'] = {}, threads = 1): Promise<string[]> {
  await sim.setup({ timestep: 0.1, seed: 2024, wasm, threads });
  const noise = new sim.Population(30, new sim.SpikeSourcePoisson({ rate: 40 }), { label: 'noise' });
  const cells = new sim.Population(12, new sim.IF_curr_exp({ cm: 0.25, tau_m: 10, v_thresh: -55, tau_refrac: 2 }), { label: 'cells' });
  new sim.Projection(noise, cells, new sim.FixedProbabilityConnector(0.4), new sim.StaticSynapse({ weight: 0.7, delay: 1.5 }), {
    receptorType: 'excitatory',
  });
  noise.record('spikes');
  cells.record('spikes');
  await sim.run(300);
  const lines: string[] = [];
  for (const population of [noise, cells]) {
    const segment = (await population.getData()).segments[0];
    segment.spiketrains.forEach((train, cell) => lines.push(`${population.label} ${cell}: ${Array.from(train.times).join(' ')}`));
  }
  await sim.end();
  return lines;
}
