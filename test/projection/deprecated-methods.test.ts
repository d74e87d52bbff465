// PyNN's deprecated Projection methods are the calls PyNN documents as their replacements.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { FakeBackend, FakeSimulation, fakeCells } from './fakes.js';

function built() {
  const simulation = new FakeSimulation();
  const prj = new Projection(fakeCells('pre', 2), fakeCells('post', 2, { population: 1 }), new AllToAllConnector(), new StaticSynapse(), {
    simulation,
  });
  const backend = new FakeBackend([
    [0, 0, { weight: 0.5, delay: 1 }],
    [1, 1, { weight: 0.25, delay: 2 }],
  ]);
  simulation.backend = backend;
  simulation.built = true;
  return { prj, backend };
}

test('getWeights and getDelays: values without address, list or array', async () => {
  const { prj } = built();
  assert.equal(await prj.getWeights(), [0.5, 0.25]);
  assert.equal(await prj.getDelays(), [1, 2]);
  const array = (await prj.getWeights({ format: 'array' })) as number[][];
  assert.is(array[0]![0], 0.5);
  assert.ok(Number.isNaN(array[0]![1]!));
});

test('setWeights, setDelays, randomizeWeights and randomizeDelays send set() requests', async () => {
  const { prj, backend } = built();
  await prj.setWeights(0.1);
  await prj.setDelays(1.5);
  await prj.randomizeWeights(new RandomDistribution('uniform', [0, 1], new NumpyRNG({ seed: 1 })));
  await prj.randomizeDelays(new RandomDistribution('uniform', [1, 2], new NumpyRNG({ seed: 2 })));
  assert.equal(
    backend.setRequests.map((r) => Object.entries(r.values).map(([name, v]) => `${name}:${v.kind?.$case}`)),
    [['weight:scalar'], ['delay:scalar'], ['weight:distribution'], ['delay:distribution']],
  );
});

test('saveConnections writes every parameter; printWeights only the weights', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-deprecated-'));
  const { prj } = built();
  await prj.saveConnections(join(dir, 'all.txt'));
  assert.is(readFileSync(join(dir, 'all.txt'), 'utf8'), "# columns = ['i', 'j', 'weight', 'delay']\n0 0 0.5 1\n1 1 0.25 2\n");
  await prj.printWeights(join(dir, 'w.txt'));
  assert.is(readFileSync(join(dir, 'w.txt'), 'utf8'), "# columns = ['i', 'j', 'weight']\n0 0 0.5\n1 1 0.25\n");
});

test.run();
