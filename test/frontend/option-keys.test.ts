// Every option object refuses keys it does not know, as Python refuses an unknown keyword argument (TypeError):
// each call below once ignored its key without a word (an audit against PyNN 0.10.1 found them), so that a
// ported receptor_type made an inhibitory projection excitatory and a misspelt seed left an RNG unseeded.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

/** Asserts a TypeError whose message matches. */
function refused(call: () => unknown, message: RegExp): void {
  assert.throws(call, (e: Error) => e instanceof TypeError && message.test(e.message), message.source);
}

async function refusedAsync(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  let error: unknown;
  await call().catch((e: unknown) => (error = e));
  assert.ok(error instanceof TypeError && message.test(error.message), `${message.source}: got ${String(error)}`);
}

test('connectors: misspelt and snake_case keys, and the PyNN keywords that mean nothing here', async () => {
  await sim.setup();
  refused(() => new sim.AllToAllConnector({ allowSelfConnection: false } as never),
    /AllToAllConnector: unknown option 'allowSelfConnection'; allowed: safe, allowSelfConnections/);
  refused(() => new sim.FixedTotalNumberConnector(3, { withReplacment: false } as never), /unknown option 'withReplacment'/);
  refused(() => new sim.FixedProbabilityConnector(0.5, { callback: () => 0 } as never),
    /FixedProbabilityConnector: option 'callback' is not available: connections are made inside the engine/);
  refused(() => new sim.OneToOneConnector({ locationSelector: 'soma' } as never), /option 'locationSelector' is not available/);
  refused(() => new sim.FromListConnector([[0, 0]], { column_names: [] } as never), /options are camelCase here: 'columnNames'/);
  refused(() => new sim.FromFileConnector('/nonexistent', { distribute: true } as never),
    /FromFileConnector: unknown option 'distribute'; allowed: safe, distributed/);
  refused(() => new sim.SmallWorldConnector(1, 0.1, { n_connections: 2 } as never), /'nConnections'/);
  refused(() => new sim.DistanceDependentProbabilityConnector('d < 1', { rgn: new sim.NumpyRNG({ seed: 1 }) } as never),
    /unknown option 'rgn'; allowed: safe, allowSelfConnections, rng/);
  await sim.end();
});

test('Projection, its get(), save() and the procedural connect()', async () => {
  await sim.setup();
  const a = new sim.Population(2, new sim.IF_cond_exp(), { label: 'a' });
  refused(() => new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.01 }), { receptor_type: 'inhibitory' } as never),
    /Projection: unknown option 'receptor_type'; options are camelCase here: 'receptorType'/);
  refused(() => sim.connect(a, a, { weight: 0.01, receptor_type: 'inhibitory' } as never), /connect\(\): unknown option 'receptor_type'/);
  refused(() => sim.connect(a, a, { wieght: 0.01 } as never), /connect\(\): unknown option 'wieght'; allowed: weight, delay, receptorType, p, rng/);
  const prj = new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.01 }), { receptorType: 'inhibitory' });
  await refusedAsync(() => prj.get('weight', { multiple_synapses: 'max' } as never),
    /Projection 'a→a' get\(\): unknown option 'multiple_synapses'; options are camelCase here: 'multipleSynapses'/);
  await refusedAsync(() => prj.save('weight', '/tmp/never-written.txt', { with_address: false } as never), /save\(\): unknown option 'with_address'/);
  await refusedAsync(() => prj.getWeights({ fromat: 'array' } as never), /getWeights\(\): unknown option 'fromat'/);
  assert.is(await prj.size(), 4);
  await sim.end();
});

test('RNGs, structures, Space, distance() and current sources', async () => {
  await sim.setup();
  refused(() => new sim.NumpyRNG({ sed: 1 } as never), /NumpyRNG: unknown option 'sed'; allowed: seed, parallelSafe/);
  refused(() => new sim.NumpyRNG({ parallel_safe: false } as never), /'parallelSafe'/);
  assert.is(new sim.GSLRNG({ seed: 1, type: 'mt19937' }).seed, 1);
  refused(() => new sim.Space({ periodic_boundaries: [[0, 1], null, null] } as never), /Space: unknown option 'periodic_boundaries'/);
  refused(() => new sim.Grid2D({ aspect_ratio: 4 } as never), /Grid2D: unknown option 'aspect_ratio'; options are camelCase here: 'aspectRatio'/);
  refused(() => new sim.Grid3D({ aspectRatioYZ: 2 } as never), /Grid3D: unknown option 'aspectRatioYZ'/);
  refused(() => new sim.Line({ dy: 1 } as never), /Line: unknown option 'dy'; allowed: dx, x0, y, z/);
  refused(() => new sim.RandomStructure({ boundary: new sim.Sphere(1), orign: [5, 5, 5] } as never), /RandomStructure: unknown option 'orign'/);
  refused(() => sim.distance([0, 0, 0], [1, 1, 1], { scale_factor: 2 } as never), /distance\(\): unknown option 'scale_factor'/);
  refused(() => new sim.DCSource({ amplitude: 1 }, { lable: 'x' } as never), /DCSource: unknown option 'lable'; allowed: label/);
  refused(() => new sim.NoisyCurrentSource({}, { seed: 3 } as never), /NoisyCurrentSource: unknown option 'seed'; allowed: label, rng/);
  await sim.end();
});

test('populations, assemblies and simulation control', async () => {
  await refusedAsync(() => sim.setup({ timeStep: 0.01 } as never), /setup\(\): unknown option 'timeStep'; did you mean 'timestep'\?/);
  // Other backends' extras stay accepted, as PyNN's setup() accepts them.
  await sim.setup({ spike_precision: 'off_grid', verbosity: 'error' } as never);
  const p = new sim.Population(2, new sim.IF_curr_exp(), { label: 'p' });
  refused(() => p.get('tau_m', { simplfy: false } as never), /get\(\) of 'p': unknown option 'simplfy'; allowed: simplify, gather/);
  refused(() => new sim.Assembly([p], { lable: 'x' } as never), /Assembly: unknown option 'lable'; allowed: label/);
  p.record('spikes');
  await refusedAsync(() => sim.run(1, { callback: [] } as never), /run\(\): unknown option 'callback'; allowed: callbacks/);
  await refusedAsync(() => sim.runUntil(1, { callback: [] } as never), /runUntil\(\): unknown option 'callback'/);
  assert.is(sim.getCurrentTime(), 0);
  await sim.run(1);
  await refusedAsync(() => sim.reset({ annotation: { trial: 1 } } as never), /reset\(\): unknown option 'annotation'; allowed: annotations/);
  // A Population's getData has no annotations (writeData has); an Assembly's has, as PyNN's Assembly.get_data.
  await refusedAsync(() => p.getData({ annotations: {} } as never), /getData\(\) of 'p': unknown option 'annotations'/);
  await refusedAsync(() => p.getData('v', { annotation: {} } as never), /getData\(\) of 'p': unknown option 'annotation'; allowed: clear, gather/);
  await refusedAsync(() => p.getData({ variables: 'v' } as never, { clear: true } as never), /getData\(\) of 'p': the options come once/);
  await refusedAsync(() => new sim.Assembly([p]).getData({ annotation: {} } as never), /unknown option 'annotation'; allowed: variables, clear, gather, annotations/);
  assert.is((await new sim.Assembly([p]).getData({ annotations: { trial: 2 } })).annotations.trial, 2);
  await sim.end();
});

test.run();
