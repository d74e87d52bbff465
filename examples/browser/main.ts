// The browser example: Vogels & Abbott's CUBA network (PyNN's examples/VAbenchmarks.py), written exactly as a
// Node script would be, run in WebAssembly in a Web Worker, with a progress bar and a spike raster.
//   node examples/browser/bundle.mjs && node examples/browser/serve.mjs   then open http://127.0.0.1:8080/
import * as sim from 'tsnn/wasm';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const cellsInput = element<HTMLInputElement>('cells');
const durationInput = element<HTMLInputElement>('duration');
const seedInput = element<HTMLInputElement>('seed');
const button = element<HTMLButtonElement>('run');
const progress = element<HTMLProgressElement>('progress');
const status = element<HTMLParagraphElement>('status');
const canvas = element<HTMLCanvasElement>('raster');

// Parameters of the CUBA benchmark (VAbenchmarks.py); connection probability scaled so each cell keeps 80 inputs.
const cellParams = { tau_m: 20, tau_syn_E: 5, tau_syn_I: 10, v_rest: -49, v_thresh: -50, v_reset: -60, tau_refrac: 5, cm: 0.2, i_offset: 0 };
const vMean = -60;
const wExc = 1e-3 * 0.27 * (0 - vMean); // nA: conductance 0.27 nS at a mean distance of 60 mV from E_exc = 0 mV
const wInh = 1e-3 * 4.5 * (-80 - vMean); // nA: conductance 4.5 nS, E_inh = -80 mV (negative: inhibitory)
const delay = 0.2;

async function simulate(nCells: number, duration: number, seed: number) {
  // The engine runs in a Web Worker, so the page stays responsive while the network is built and simulated.
  await sim.setup({ timestep: 0.1, minDelay: delay, seed, wasm: { worker: true } });
  const nExc = Math.round(0.8 * nCells);
  const exc = new sim.Population(nExc, new sim.IF_curr_exp(cellParams), { label: 'excitatory' });
  const inh = new sim.Population(nCells - nExc, new sim.IF_curr_exp(cellParams), { label: 'inhibitory' });
  const rng = new sim.NumpyRNG({ seed });
  for (const population of [exc, inh]) {
    population.initialize({ v: new sim.RandomDistribution('uniform', { low: cellParams.v_reset, high: cellParams.v_thresh }, rng) });
  }
  const connector = new sim.FixedProbabilityConnector(Math.min(1, 80 / nCells), { rng });
  const all = new sim.Assembly([exc, inh], { label: 'all cells' });
  new sim.Projection(exc, all, connector, new sim.StaticSynapse({ weight: wExc, delay }), { receptorType: 'excitatory' });
  new sim.Projection(inh, all, connector, new sim.StaticSynapse({ weight: wInh, delay }), { receptorType: 'inhibitory' });
  exc.record('spikes');
  inh.record('spikes');

  const started = performance.now();
  await sim.run(duration, {
    progressEverySteps: Math.max(1, Math.round(duration / 0.1 / 100)),
    onProgress: (p) => {
      progress.value = Number(p.step) / Number(p.targetStep);
    },
  });
  const wall = (performance.now() - started) / 1000;
  const trains = [exc, inh].map(async (population) => (await population.getData()).segments[0].spiketrains);
  const [excTrains, inhTrains] = await Promise.all(trains);
  await sim.end();
  return { excTrains, inhTrains, wall };
}

function drawRaster(trains: Array<{ times: Float64Array }>, nExc: number, duration: number) {
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const rows = Math.min(trains.length, canvas.height);
  const stride = trains.length / rows;
  for (let row = 0; row < rows; row++) {
    const cell = Math.floor(row * stride);
    context.fillStyle = cell < nExc ? '#1f4e9c' : '#c0392b';
    for (const t of trains[cell].times) context.fillRect(Math.floor((t / duration) * canvas.width), row, 2, 1);
  }
}

button.addEventListener('click', async () => {
  const nCells = Number(cellsInput.value);
  const duration = Number(durationInput.value);
  const seed = Number(seedInput.value);
  button.disabled = true;
  progress.value = 0;
  status.textContent = `Building and running ${nCells} cells for ${duration} ms...`;
  try {
    const { excTrains, inhTrains, wall } = await simulate(nCells, duration, seed);
    const trains = [...excTrains, ...inhTrains];
    drawRaster(trains, excTrains.length, duration);
    const rate = (list: Array<{ length: number }>) => list.reduce((sum, train) => sum + train.length, 0) / list.length / (duration / 1000);
    progress.value = 1;
    status.textContent =
      `${duration} ms simulated in ${wall.toFixed(2)} s of wall time.\n` +
      `Mean rates: excitatory ${rate(excTrains).toFixed(1)} Hz, inhibitory ${rate(inhTrains).toFixed(1)} Hz.`;
  } catch (error) {
    status.textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    button.disabled = false;
  }
});
