// Tsodyks-Markram synapses through the whole stack on the WebAssembly engine (needs the wasm build): the state u
// read with Projection.get after a regular 20 Hz train equals the facilitation recursion of pynn-api.md §6
// (computed here), a u set between runs is where the next spike starts from, and the post cell's first PSP
// scales with the released fraction w·u·x (depressing synapse: the second PSP peak is smaller by the closed form).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const spikeTimes = Array.from({ length: 10 }, (_, n) => 10 + 50 * n);  // 20 Hz from 10 ms

// u after each spike: u ← u·e^{-Δ/τ_facil} + U(1 - u·e^{-Δ/τ_facil}), from u = u0 at t = 0.
function uAfter(U: number, tauFacil: number, times: number[], u0 = 0): number {
  let u = u0;
  let last = 0;
  for (const t of times) {
    const decayed = u * Math.exp(-(t - last) / tauFacil);
    u = decayed + U * (1 - decayed);
    last = t;
  }
  return u;
}

test('facilitating synapse: u after a 20 Hz train follows the recursion; a u set between runs is used', async () => {
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: spikeTimes }), { label: 'source' });
  const post = new sim.Population(2, new sim.IF_curr_exp(), { label: 'post' });
  const prj = new sim.Projection(source, post, new sim.AllToAllConnector(),
    new sim.TsodyksMarkramSynapse({ weight: 0.1, delay: 1.0, U: 0.04, tau_rec: 100.0, tau_facil: 1000.0 }));
  assert.equal(await prj.get('u', { withAddress: false }), [0, 0]);
  await sim.run(500.0);
  const want = uAfter(0.04, 1000.0, spikeTimes);
  for (const u of (await prj.get('u', { withAddress: false })) as number[]) assert.ok(Math.abs(u - want) < 1e-12, `u ${u} vs ${want}`);
  await prj.initialize({ u: 0.5 });
  await sim.reset();
  await sim.run(20.0);  // one spike at 10 ms, 10 ms after t = 0, from u = 0.5
  const once = uAfter(0.04, 1000.0, [10], 0.5);
  for (const u of (await prj.get('u', { withAddress: false })) as number[]) assert.ok(Math.abs(u - once) < 1e-12, `u ${u} vs ${once}`);
  await sim.end();
});

test('depressing synapse: the second PSP peak is the first times the remaining resources', async () => {
  // Two spikes 100 ms apart onto a quiet cell: the PSP is linear in the PSC amplitude, so the peak ratio is the
  // ratio of released fractions, up to what is left of the first PSP after 100 ms (about e^{-10}, 1e-4 relative).
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: [10, 110] }), { label: 'source' });
  const post = new sim.Population(1, new sim.IF_curr_exp({ tau_m: 10.0, tau_syn_E: 2.0 }), { label: 'post' });
  post.record('v');
  new sim.Projection(source, post, new sim.OneToOneConnector(),
    new sim.TsodyksMarkramSynapse({ weight: 1.0, delay: 1.0, U: 0.5, tau_rec: 800.0, tau_facil: 0.0 }));
  await sim.run(200.0);
  const v = (await post.getData()).segments[0]!.analogsignals.find((s) => s.name === 'v')!;
  const trace = Array.from(v.column(0));
  const rest = trace[0]!;
  const peak = (from: number, to: number) => Math.max(...trace.slice(from * 10, to * 10)) - rest;
  const first = peak(10, 60);
  const second = peak(110, 160);
  // Release u·x with u = U = 0.5: x = 1 at the first spike; at the second, after 100 ms,
  // x = 1 - y - z with z + y recovering from U: x = 1 - U·e^{-100/800} up to the tiny y left (τ_syn = 2 ms).
  const tauSyn = 2.0, tauRec = 800.0, h = 100.0;
  const y = 0.5 * Math.exp(-h / tauSyn);
  const z = 0.5 * (Math.exp(-h / tauSyn) - Math.exp(-h / tauRec)) / (tauSyn / tauRec - 1);
  const x = 1 - y - z;
  assert.ok(first > 0.5, `first PSP ${first} mV`);
  assert.ok(Math.abs(second / first - x) < 2e-4, `ratio ${second / first} vs x ${x}`);
  await sim.end();
});

test('U, tau_rec and tau_facil from a list are checked as set() checks them (the engine refuses them at the build)', async () => {
  // PyNN's unit tests pass a FromListConnector U column; before, U = 1.5 and tau_rec = -4 were simulated as given.
  for (const [column, value, rule] of [
    ['U', 1.5, /TsodyksMarkramSynapse: U must be a probability in \[0, 1\], got 1\.5/],
    ['tau_rec', -4, /TsodyksMarkramSynapse: tau_rec must be > 0 ms, got -4/],
    ['tau_facil', -1, /TsodyksMarkramSynapse: tau_facil must be >= 0 ms, got -1/],
  ] as const) {
    await sim.setup({ timestep: 0.1 });
    const pre = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: [1] }));
    const post = new sim.Population(1, new sim.IF_curr_exp());
    new sim.Projection(pre, post, new sim.FromListConnector([[0, 0, 0.5], [1, 0, value]], { columnNames: [column] }), new sim.TsodyksMarkramSynapse({ weight: 0.1 }), { label: 'tm' });
    let message = '';
    await sim.run(1).catch((e: Error) => (message = e.message));
    assert.match(message, rule);
    await sim.end();
  }
});

test.run();
