// GIF_cond_exp's deterministic post-spike kernels, which the NEURON fixture cannot reach (escape noise makes the
// spike time random on both sides): after each spike at t_s, gif.mod (PyNN's NEURON model) and NEST's gif_cond_exp
// add a_eta_k to eta_k and a_gamma_k to gamma_k, each decaying with its own time constant. NEST records the
// eta and v_t that acted during the step ending at the sample (summed at the start of the step, before the
// step's spike adds to them), so the value recorded at t is the kernel at t - dt:
//   i_eta(t) = sum over spikes t_s < t of sum_k a_eta_k e^{-(t - dt - t_s)/tau_eta_k}
//   v_t(t)   = v_t_star + sum over spikes t_s < t of sum_k a_gamma_k e^{-(t - dt - t_s)/tau_gamma_k}
// A strong DC pulse with a large lambda0 forces the spikes; their times are tsnn's own, the kernels are checked
// against the formula.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSim } from './tsnn-api.js';

const DT = 0.1;
const PARAMS = {
  v_rest: -62.0, cm: 0.3, tau_m: 12.0, tau_refrac: 3.0, tau_syn_E: 3.0, tau_syn_I: 6.0, e_rev_E: 0.0, e_rev_I: -75.0,
  v_reset: -66.0, i_offset: 0.0, delta_v: 0.5, v_t_star: -48.0, lambda0: 1e9,
  tau_eta: [2.0, 20.0, 150.0], tau_gamma: [3.0, 30.0, 200.0], a_eta: [0.1, 0.05, 0.02], a_gamma: [10.0, 4.0, 1.0],
};

function kernel(t: number, spikes: number[], a: number[], tau: number[]): number {
  let sum = 0;
  for (const ts of spikes) {
    if (ts > t - DT + 1e-9) continue;
    a.forEach((ak, k) => (sum += ak * Math.exp(-(t - DT - ts) / tau[k]!)));
  }
  return sum;
}

test('i_eta and v_t after forced spikes follow the summed exponential kernels', async () => {
  const sim = await loadSim();
  await sim.setup({ timestep: DT, minDelay: DT });
  const pop = new sim.Population(1, new sim.GIF_cond_exp(PARAMS), { initialValues: { v: -62.0 } });
  pop.record(['spikes', 'v', 'i_eta', 'v_t']);
  new sim.DCSource({ amplitude: 3.0, start: 10.0, stop: 14.0 }).injectInto(pop);
  await sim.run(80.0);
  const segment = (await pop.getData()).segments[0];
  const spikes = Array.from(segment.spiketrains[0].times as Float64Array);
  const iEta = Array.from(segment.filter({ name: 'i_eta' })[0].column(0) as Float32Array);
  const vT = Array.from(segment.filter({ name: 'v_t' })[0].column(0) as Float32Array);
  await sim.end();
  assert.ok(spikes.length >= 1 && spikes.every((t) => t > 10 && t < 14.5), `spikes ${spikes.join(', ')}`);
  let worstEta = 0;
  let worstVt = 0;
  for (let k = 0; k < iEta.length; ++k) {
    const t = k * DT;
    worstEta = Math.max(worstEta, Math.abs(iEta[k]! - kernel(t, spikes, PARAMS.a_eta, PARAMS.tau_eta)));
    worstVt = Math.max(worstVt, Math.abs(vT[k]! - (PARAMS.v_t_star + kernel(t, spikes, PARAMS.a_gamma, PARAMS.tau_gamma))));
  }
  // float32 recording: ~1e-7 relative of values up to 0.2 nA and 63 mV
  assert.ok(worstEta < 1e-6, `max |i_eta - formula| = ${worstEta} nA`);
  assert.ok(worstVt < 1e-4, `max |v_t - formula| = ${worstVt} mV`);
  // the kernels are there: v_t rose by the summed a_gamma at the first spike
  assert.ok(Math.max(...vT) > PARAMS.v_t_star + 14, `v_t max ${Math.max(...vT)}`);
});

test.run();
