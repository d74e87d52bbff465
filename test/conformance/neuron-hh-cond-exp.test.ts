// HH_cond_exp against PyNN 0.10.1 on NEURON 8.2.2 (test/fixtures/neuron_HH_cond_exp_*.json, made by
// test/reference/neuron_hh_cond_exp.py: CVODE at 1e-11, rate tables off, NEST's peak spike rule on its samples).
// The whole v trace, action potentials included, within the fixture's tolerance (what RK4 at dt/10 costs against
// the accurate solution, with margin; tsnn's adaptive RKF45, hh_update.h, is within a seventh of it), and every
// spike within one step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { checkFixture } from './check-fixture.js';
import { loadFixture } from './fixtures.js';

const names = ['neuron_HH_cond_exp_dc', 'neuron_HH_cond_exp_synaptic'];

test('the HH fixtures make the supra cell fire and keep the sub cell silent', () => {
  for (const name of names) {
    const fixture = loadFixture(name);
    assert.ok(fixture.results.supra!.spikes!.length >= 2, `${name}: supra fires`);
    assert.equal(fixture.results.sub!.spikes, [], `${name}: sub stays silent`);
    assert.equal(fixture.tolerance.v_compare_until_ms.supra, fixture.t_stop, `${name}: whole trace compared`);
  }
});

for (const name of names) {
  test(name, async () => {
    const problems = await checkFixture(loadFixture(name));
    assert.equal(problems, [], problems.join('\n'));
  });
}

// Each cell carries its integration step from one time step to the next; reset() must restart it too, or a
// second run from the same initial state would take other steps than the first. The truth: the first run.
test('after reset() a run repeats the first bit for bit', async () => {
  await sim.setup({ timestep: 0.1, seed: 3 });
  const cells = new sim.Population(20, new sim.HH_cond_exp({ i_offset: 0.1 }));
  // Fixed input (a Poisson source would draw new spikes after reset(), as NEST's do).
  const times = Array.from({ length: 20 }, (_, i) => new sim.Sequence(Array.from({ length: 40 }, (_, k) => 1 + k * 3.7 + i * 0.3)));
  const drive = new sim.Population(20, new sim.SpikeSourceArray({ spike_times: times }));
  new sim.Projection(drive, cells, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.02, delay: 0.1 }));
  cells.record(['v', 'spikes']);
  await sim.run(150);
  await sim.reset();
  await sim.run(150);
  const [first, second] = (await cells.getData()).segments;
  const vOf = (segment: typeof first) => Array.from(segment!.filter({ name: 'v' })[0]!.data);
  assert.ok(first!.spiketrains.reduce((n, train) => n + train.times.length, 0) > 20, 'the cells fire');
  assert.equal(second!.spiketrains.map((train) => Array.from(train.times)), first!.spiketrains.map((train) => Array.from(train.times)));
  assert.equal(vOf(second), vOf(first));
  await sim.end();
});

test.run();
