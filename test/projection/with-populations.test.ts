// Projection with the real Population, PopulationView, Assembly and simulation state: it registers with the
// current simulation, its message enters the built Network, and reading connections before the first run()
// builds the network on the backend (createSession), as PyNN connects in the constructor.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setup } from '../../frontend/simulation/control.js';
import { Population } from '../../frontend/populations/population.js';
import { Assembly } from '../../frontend/populations/assembly.js';
import { IF_cond_exp, IF_curr_exp, SpikeSourcePoisson } from '../../frontend/cells/standard-cell-types.js';
import { Projection } from '../../frontend/projection/projection.js';
import { FixedProbabilityConnector } from '../../frontend/connectors/fixed-probability.js';
import { OneToOneConnector } from '../../frontend/connectors/one-to-one.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { ConnectionError } from '../../frontend/errors.js';
import type { Network } from '../../frontend/generated/tsnn/v1/model.js';
import type { SessionInfo } from '../../frontend/generated/tsnn/v1/simulator.js';
import { FakeBackend } from './fakes.js';

class BuildingBackend extends FakeBackend {
  network: Network | undefined;
  override createSession = async (network: Network): Promise<SessionInfo> => {
    this.network = network;
    return {
      sessionId: 's',
      engine: 'fake',
      threads: 1,
      neurons: 0n,
      synapses: 2n,
      memoryBytes: 0n,
      buildSeconds: 0,
      minDelay: 0.1,
      maxDelay: 0.1,
      projectionSizes: [2n],
    };
  };
}

/** A new simulation on a BuildingBackend holding two connections, and a projection exc (4 cells) → inh (2). */
async function twoConnections(): Promise<{ backend: BuildingBackend; prj: Projection }> {
  const backend = new BuildingBackend([
    [0, 1, { weight: 0.1 }],
    [3, 0, { weight: 0.1 }],
  ]);
  await setup({ timestep: 0.1, backend });
  const exc = new Population(4, new IF_curr_exp(), { label: 'exc' });
  const inh = new Population(2, new IF_cond_exp(), { label: 'inh' });
  const prj = new Projection(exc, inh, new FixedProbabilityConnector(0.5), new StaticSynapse({ weight: 0.1 }));
  return { backend, prj };
}

test('registers with the current simulation; get() before run() builds the network first', async () => {
  const { backend, prj } = await twoConnections();
  assert.is(prj.label, 'exc→inh');
  assert.is(prj.index, 0);
  assert.is(prj.receptorType, 'excitatory');
  assert.equal(prj.toMessage().post?.parts[0]?.population, 1);
  assert.equal(await prj.get('weight', { withAddress: false }), [0.1, 0.1]);
  assert.ok(backend.network, 'createSession was called');
  assert.equal(backend.network!.projections[0], prj.toMessage());
});

test('size() is the count the engine reported at the build, without fetching the connections', async () => {
  const { backend, prj } = await twoConnections();
  assert.is(await prj.size(), 2);
  assert.ok(backend.network, 'size() before run() builds the network');
  assert.is(backend.getRequests.length, 0);
});

test('conductance-based post cells refuse negative weights; a view can be pre', async () => {
  await setup({ backend: new BuildingBackend([]) });
  const exc = new Population(4, new IF_curr_exp(), { label: 'exc' });
  const cond = new Population(2, new IF_cond_exp(), { label: 'cond' });
  assert.throws(
    () => new Projection(exc, cond, new FixedProbabilityConnector(0.5), new StaticSynapse({ weight: -0.1 }), { receptorType: 'inhibitory' }),
    (e: Error) => e instanceof ConnectionError && /positive/.test(e.message),
  );
  const view = exc.view([1, 3]);
  const prj = new Projection(view, cond, new OneToOneConnector());
  assert.equal(prj.shape, [2, 2]);
});

test('an Assembly of conductance- and current-based populations cannot be the post of a projection', async () => {
  await setup({ backend: new BuildingBackend([]) });
  const a = new Population(2, new IF_curr_exp(), { label: 'a' });
  const b = new Population(2, new IF_cond_exp(), { label: 'b' });
  assert.throws(
    () => new Projection(a, new Assembly([a, b]), new FixedProbabilityConnector(0.5)),
    (e: Error) => e instanceof ConnectionError && /homogeneous/.test(e.message),
  );
});

test('a spike source cannot receive connections', async () => {
  await setup({ backend: new BuildingBackend([]) });
  const a = new Population(2, new IF_curr_exp(), { label: 'a' });
  const source = new Population(2, new SpikeSourcePoisson(), { label: 'src' });
  assert.throws(
    () => new Projection(a, source, new FixedProbabilityConnector(0.5)),
    (e: Error) => e instanceof ConnectionError && /no receptor types/.test(e.message),
  );
});

test.run();
