// STDP through the whole stack on the WebAssembly engine (needs the wasm build): with additive, potentiation-
// dominated pair STDP every input that helps the post cell fire gains weight in proportion to its pairings, so
// Poisson inputs firing faster end stronger than slow ones (and both above where they started, since A+ > A-).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('additive potentiation-dominated STDP: fast Poisson inputs end stronger than slow ones', async () => {
  await sim.setup({ timestep: 0.1, seed: 12345 });
  const fast = new sim.Population(10, new sim.SpikeSourcePoisson({ rate: 40.0 }), { label: 'fast' });
  const slow = new sim.Population(10, new sim.SpikeSourcePoisson({ rate: 5.0 }), { label: 'slow' });
  const post = new sim.Population(1, new sim.IF_curr_exp(), { label: 'post' });
  post.record('spikes');
  const stdp = () =>
    new sim.STDPMechanism({
      timingDependence: new sim.SpikePairRule({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.005 }),
      weightDependence: new sim.AdditiveWeightDependence({ w_min: 0.0, w_max: 2.0 }),
      weight: 0.5,
      delay: 1.0,
    });
  const fromFast = new sim.Projection(fast, post, new sim.AllToAllConnector(), stdp());
  const fromSlow = new sim.Projection(slow, post, new sim.AllToAllConnector(), stdp());
  await sim.run(1000.0);
  const postSpikes = (await post.getData()).segments[0]!.spiketrains[0]!;
  assert.ok(postSpikes.length > 20, `the post cell must fire for STDP to act (got ${postSpikes.length} spikes)`);
  const wFast = (await fromFast.get('weight', { withAddress: false })) as number[];
  const wSlow = (await fromSlow.get('weight', { withAddress: false })) as number[];
  assert.ok(mean(wSlow) > 0.5, `slow inputs potentiated on balance (mean ${mean(wSlow)})`);
  assert.ok(mean(wFast) > mean(wSlow) + 0.1, `fast ${mean(wFast)} vs slow ${mean(wSlow)}`);
  // Every fast input ends above every slow one.
  assert.ok(Math.min(...wFast) > Math.max(...wSlow), `fast ${wFast} vs slow ${wSlow}`);
  // Weights are set between runs and evolve from there.
  await fromFast.set({ weight: 0.5 });
  assert.equal(await fromFast.get('weight', { withAddress: false }), new Array(10).fill(0.5));
  await sim.end();
});

test.run();
