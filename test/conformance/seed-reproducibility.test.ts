// Same network and seed => the same result; another seed => a different one (DESIGN.md decision 3). Random
// ingredients: FixedProbabilityConnector drawing from the global seed (NativeRNG), Poisson sources, and a
// RandomDistribution for initial v.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSim } from './tsnn-api.js';

interface Outcome {
  connections: number[][];
  spikes: number[][];
}

async function simulate(seed: number, connectorSeed: number): Promise<Outcome> {
  const sim = await loadSim();
  await sim.setup({ timestep: 0.1, seed });
  const drive = new sim.Population(50, new sim.SpikeSourcePoisson({ rate: 40 }), { label: 'drive' });
  const cells = new sim.Population(100, new sim.IF_curr_exp({ tau_refrac: 2 }), {
    label: 'cells',
    initialValues: { v: new sim.RandomDistribution('uniform', { low: -65, high: -55 }, new sim.NumpyRNG({ seed: connectorSeed })) },
  });
  const prj = new sim.Projection(
    drive,
    cells,
    new sim.FixedProbabilityConnector(0.2, { rng: new sim.NumpyRNG({ seed: connectorSeed }) }),
    new sim.StaticSynapse({ weight: 1.0, delay: 1.0 }),
    { receptorType: 'excitatory' },
  );
  new sim.Projection(
    cells,
    cells,
    new sim.FixedProbabilityConnector(0.1, { rng: new sim.NativeRNG() }), // unseeded: the simulation seed
    new sim.StaticSynapse({ weight: 0.2, delay: 1.5 }),
    { receptorType: 'excitatory' },
  );
  cells.record('spikes');
  await sim.run(200);
  const connections = (await prj.get('weight', { format: 'list' })) as number[][];
  const trains = (await cells.getData()).segments[0]!.spiketrains;
  await sim.end();
  return { connections, spikes: trains.map((t) => Array.from(t.times)) };
}

test('the same seeds give identical connections and spike trains', async () => {
  const a = await simulate(42, 5);
  const b = await simulate(42, 5);
  assert.ok(a.spikes.flat().length > 50, `the network should be active (${a.spikes.flat().length} spikes)`);
  assert.equal(a.connections, b.connections);
  assert.equal(a.spikes, b.spikes);
});

test('another global seed changes the Poisson input and so the spikes, not the seeded connector', async () => {
  const a = await simulate(42, 5);
  const c = await simulate(43, 5);
  assert.equal(a.connections, c.connections, 'connector with its own NumpyRNG seed must not depend on setup seed');
  assert.not.equal(a.spikes, c.spikes);
});

test('another connector seed changes the connections', async () => {
  const a = await simulate(42, 5);
  const d = await simulate(42, 6);
  assert.not.equal(a.connections, d.connections);
});

test.run();
