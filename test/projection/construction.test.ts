// Projection construction (pynn-api.md §4): type checks, the default synapse type and label, registration with
// the simulation, the message the engines receive, and PyNN's receptor rules.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { CloneConnector } from '../../frontend/connectors/clone-connector.js';
import { FixedProbabilityConnector } from '../../frontend/connectors/fixed-probability.js';
import { FromListConnector } from '../../frontend/connectors/from-list.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { ConnectionError, InvalidDimensionsError, ValueError } from '../../frontend/errors.js';
import { TsodyksMarkramSynapse } from '../../frontend/synapses/tsodyks-markram-synapse.js';
import { Space } from '../../frontend/space/space.js';
import { Space_Axes } from '../../frontend/generated/tsnn/v1/model.js';
import { FakeSimulation, fakeCells } from './fakes.js';

const pre = fakeCells('exc', 3);
const post = fakeCells('inh', 2, { population: 1 });

test('defaults: StaticSynapse, label "<pre>→<post>", registered at the next index', () => {
  const simulation = new FakeSimulation(0.2);
  const first = new Projection(pre, post, new AllToAllConnector(), undefined, { simulation });
  const second = new Projection(pre, post, new AllToAllConnector(), undefined, { simulation });
  assert.is(first.label, 'exc→inh');
  assert.is(first.synapseType.modelName, 'StaticSynapse');
  assert.is(first.index, 0);
  assert.is(second.index, 1);
  assert.ok(simulation.projections[1] === second);
  assert.equal(first.shape, [3, 2]);
});

test('the message carries cell sets, connector, synapse (delay = min delay), receptor and space', () => {
  const simulation = new FakeSimulation(0.2);
  const prj = new Projection(pre, post, new FixedProbabilityConnector(0.5), new StaticSynapse({ weight: 0.1 }), {
    simulation,
    label: 'p',
    space: new Space({ axes: 'xy' }),
  });
  prj.annotate({ role: 'test' });
  const message = prj.toMessage();
  assert.is(message.label, 'p');
  assert.equal(message.pre, pre.toCellSet());
  assert.equal(message.post, post.toCellSet());
  assert.is(message.connector?.rule?.$case, 'fixedProbability');
  assert.equal(message.synapse?.delay, { kind: { $case: 'scalar', value: 0.2 } });
  assert.is(message.receptorType, 'excitatory');
  assert.is(message.space?.axes, Space_Axes.XY);
  assert.equal(message.annotations, [{ key: 'role', jsonValue: '"test"' }]);
  assert.is(simulation.streamsAllocated, 1);
});

test('pre or post that is not a cell collection is a ConnectionError', () => {
  const simulation = new FakeSimulation();
  assert.throws(
    () => new Projection({} as never, post, new AllToAllConnector(), undefined, { simulation }),
    (e: Error) => e instanceof ConnectionError && /presynaptic/.test(e.message),
  );
  assert.throws(
    () => new Projection(pre, 5 as never, new AllToAllConnector(), undefined, { simulation }),
    (e: Error) => e instanceof ConnectionError && /postsynaptic/.test(e.message),
  );
});

test('a connector or synapse type of the wrong type is a TypeError', () => {
  const simulation = new FakeSimulation();
  assert.throws(
    () => new Projection(pre, post, new StaticSynapse() as never, undefined, { simulation }),
    (e: Error) => e instanceof TypeError && /connector/.test(e.message),
  );
  assert.throws(
    () => new Projection(pre, post, new AllToAllConnector(), new AllToAllConnector() as never, { simulation }),
    (e: Error) => e instanceof TypeError && /synapseType/.test(e.message),
  );
  assert.is(simulation.projections.length, 0);
});

test('default receptor by the sign of the weight: ≥ 0 → receptor_types[0], < 0 → [1]', () => {
  const simulation = new FakeSimulation();
  const exc = new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ weight: 0 }), { simulation });
  const inh = new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ weight: -0.5 }), { simulation });
  assert.is(exc.receptorType, 'excitatory');
  assert.is(inh.receptorType, 'inhibitory');
  const byLastPair = new Projection(pre, post, new AllToAllConnector({ safe: false }), new StaticSynapse({ weight: (d: number) => 1 - d }), {
    simulation,
    receptorType: 'default',
    // d(last pre 2, last post 1) = 1 → weight 0 → excitatory, although other pairs are negative; unsafe.
  });
  assert.is(byLastPair.receptorType, 'excitatory');
});

test('FromList weights decide the default receptor by the last row', () => {
  const simulation = new FakeSimulation();
  const prj = new Projection(pre, post, new FromListConnector([[0, 0, -0.1, 1.0], [2, 1, -0.2, 1.0]]), undefined, { simulation });
  assert.is(prj.receptorType, 'inhibitory');
});

test("null stands for PyNN's None: receptorType null is the default rule, delay null the min delay", () => {
  const simulation = new FakeSimulation();
  const prj = new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ weight: -1, delay: null as unknown as number }), {
    simulation,
    receptorType: null,
  });
  assert.is(prj.receptorType, 'inhibitory');
  assert.equal(prj.toMessage().synapse!.delay, { kind: { $case: 'scalar', value: simulation.minDelay } });
});

test('one receptor type: that one; none (spike source): ConnectionError', () => {
  const simulation = new FakeSimulation();
  const single = fakeCells('single', 2, { receptorTypes: ['AMPA'], conductanceBased: true, population: 2 });
  assert.is(new Projection(pre, single, new AllToAllConnector(), undefined, { simulation }).receptorType, 'AMPA');
  const source = fakeCells('source', 2, { receptorTypes: [], population: 3 });
  assert.throws(
    () => new Projection(pre, source, new AllToAllConnector(), undefined, { simulation }),
    (e: Error) => e instanceof ConnectionError && /no receptor types/.test(e.message),
  );
});

test('a receptor the post cells lack is a ConnectionError listing the allowed ones', () => {
  assert.throws(
    () => new Projection(pre, post, new AllToAllConnector(), undefined, { simulation: new FakeSimulation(), receptorType: 'AMPA' }),
    (e: Error) => e instanceof ConnectionError && /"AMPA"/.test(e.message) && /'excitatory', 'inhibitory'/.test(e.message),
  );
});

test('an Assembly mixing conductance- and current-based cells is a ConnectionError', () => {
  const mixed = Object.assign(fakeCells('mixed', 4, { population: 4 }), {
    populations: [{ conductanceBased: true }, { conductanceBased: false }],
  });
  assert.throws(
    () => new Projection(pre, mixed, new AllToAllConnector(), undefined, { simulation: new FakeSimulation() }),
    (e: Error) => e instanceof ConnectionError && /homogeneous/.test(e.message),
  );
  const homogeneous = Object.assign(fakeCells('same', 4, { population: 4 }), {
    populations: [{ conductanceBased: false }, { conductanceBased: false }],
  });
  assert.ok(new Projection(pre, homogeneous, new AllToAllConnector(), undefined, { simulation: new FakeSimulation() }));
});

test('only the spike source exists', () => {
  assert.throws(
    () => new Projection(pre, post, new AllToAllConnector(), undefined, { simulation: new FakeSimulation(), source: 'v' as never }),
    (e: Error) => e instanceof ValueError && /source/.test(e.message),
  );
});

test('CloneConnector takes the index of the reference projection', () => {
  const simulation = new FakeSimulation();
  new Projection(post, pre, new AllToAllConnector(), undefined, { simulation });
  const reference = new Projection(pre, post, new FixedProbabilityConnector(0.1), undefined, { simulation });
  const clone = new Projection(pre, post, new CloneConnector(reference), new StaticSynapse({ weight: 2 }), { simulation });
  assert.equal(clone.toMessage().connector?.rule, { $case: 'clone', value: { referenceProjection: 1 } });
  assert.throws(
    () => new Projection(post, pre, new CloneConnector(reference), undefined, { simulation }),
    (e: Error) => e instanceof ConnectionError,
  );
});

test('values per connection must match the connections a deterministic rule makes', () => {
  const simulation = new FakeSimulation();
  // All-to-all 3 × 2 makes 6 connections; without self connections between the same cells, 3 × 3 - 3 = 6.
  assert.ok(new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ weight: [1, 2, 3, 4, 5, 6] }), { simulation }));
  assert.ok(
    new Projection(pre, pre, new AllToAllConnector({ allowSelfConnections: false }), new StaticSynapse({ delay: [1, 2, 3, 4, 5, 6] }), {
      simulation,
    }),
  );
  assert.throws(
    () => new Projection(pre, post, new AllToAllConnector(), new TsodyksMarkramSynapse({ tau_rec: [100, 200] }), { simulation }),
    (e: Error) => e instanceof InvalidDimensionsError && /'tau_rec' has 2 values/.test(e.message) && /makes 6 connections/.test(e.message),
  );
  assert.throws(
    () => new Projection(pre, post, new FromListConnector([[0, 0], [1, 1]]), new StaticSynapse({ weight: [1, 2, 3] }), { simulation }),
    (e: Error) => e instanceof InvalidDimensionsError && /FromListConnector makes 2 connections/.test(e.message),
  );
});

test('a stated delay shorter than the timestep (number, array, FromList column) is a ValueError at once, as in NEST', () => {
  const simulation = new FakeSimulation();  // dt 0.1 ms
  const short = (synapse: StaticSynapse, connector: AllToAllConnector | FromListConnector = new AllToAllConnector()) =>
    assert.throws(
      () => new Projection(pre, post, connector, synapse, { simulation }),
      (e: Error) => e instanceof ValueError && /^Projection 'exc→inh': delay 0.0\d ms is shorter than the timestep 0.1 ms$/.test(e.message),
    );
  short(new StaticSynapse({ delay: 0.05 }));
  short(new StaticSynapse({ delay: [1, 1, 1, 0.05, 1, 1] }));
  short(new StaticSynapse({ delay: 1 }), new FromListConnector([[0, 0, 0.5, 1], [1, 1, 0.5, 0.09]]));
  assert.ok(new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ delay: 0.1 }), { simulation }));
  assert.ok(new Projection(pre, post, new FromListConnector([[0, 0, 0.5, 0.1]]), new StaticSynapse(), { simulation }));
});

test("allow_self_connections 'NoMutual' between different populations is a ValueError; views of one population pass", () => {
  // PyNN 0.10.1 raises NotImplementedError there (MapConnector._get_connection_map_no_mutual_connections); the
  // engine would have allowed every pair (projection_geometry.h, allowed).
  const simulation = new FakeSimulation();
  const noMutual = () => new FixedProbabilityConnector(0.5, { allowSelfConnections: 'NoMutual' });
  assert.throws(() => new Projection(pre, post, noMutual(), undefined, { simulation }), (e: Error) =>
    e instanceof ValueError &&
    /^Projection 'exc→inh': FixedProbabilityConnector with allow_self_connections 'NoMutual' applies only to a population connected to itself/.test(e.message));
  assert.throws(() => new Projection(pre, post, new AllToAllConnector({ allowSelfConnections: 'NoMutual' }), undefined, { simulation }),
    (e: Error) => e instanceof ValueError && /AllToAllConnector with allow_self_connections 'NoMutual'/.test(e.message));
  assert.is(simulation.projections.length, 0);
  new Projection(pre, pre, noMutual(), undefined, { simulation });
  const left = fakeCells('left', 2, { population: 1, indices: [0, 1] });
  const right = fakeCells('right', 2, { population: 1, indices: [2, 3] });
  new Projection(left, right, noMutual(), undefined, { simulation });  // views of one population
  new Projection(pre, post, new AllToAllConnector({ allowSelfConnections: false }), undefined, { simulation });
  assert.is(simulation.projections.length, 3);
});

test('describe() names pre, post, connector, synapse type and receptor', () => {
  const prj = new Projection(pre, post, new AllToAllConnector(), new StaticSynapse({ weight: 1 }), { simulation: new FakeSimulation() });
  const text = prj.describe();
  for (const part of ["'exc→inh'", "'exc' (3 cells)", "'inh' (2 cells)", 'AllToAllConnector(', 'StaticSynapse(weight=1', 'excitatory']) {
    assert.ok(text.includes(part), `${part} in ${text}`);
  }
});

test.run();
