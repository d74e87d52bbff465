// PyNN's weight-sign checks when the connector is safe: all weights of one sign; ≥ 0 onto conductance-based
// cells or through excitatory/AMPA/NMDA receptors; ≤ 0 through inhibitory/GABA receptors of current-based cells;
// STDP bounds on the weights' side; Tsodyks-Markram only onto cells with a synaptic time constant.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { FromListConnector } from '../../frontend/connectors/from-list.js';
import { ArrayConnector } from '../../frontend/connectors/array-connector.js';
import type { Connector } from '../../frontend/connectors/connector.js';
import { DistanceDependentProbabilityConnector } from '../../frontend/connectors/distance-dependent-probability.js';
import { OneToOneConnector } from '../../frontend/connectors/one-to-one.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { STDPMechanism } from '../../frontend/synapses/stdp-mechanism.js';
import { SpikePairRule } from '../../frontend/synapses/timing-dependence.js';
import { TsodyksMarkramSynapse } from '../../frontend/synapses/tsodyks-markram-synapse.js';
import { AdditiveWeightDependence } from '../../frontend/synapses/weight-dependence.js';
import { ConnectionError } from '../../frontend/errors.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import type { SynapticValue } from '../../frontend/synapses/synaptic-value.js';
import { FakeSimulation, fakeCells } from './fakes.js';

const pre = fakeCells('pre', 3);
const curr = fakeCells('curr', 2, { population: 1 });
const cond = fakeCells('cond', 2, { population: 2, conductanceBased: true });
const rng = new NumpyRNG({ seed: 1 });

function project(post: typeof curr, weight: SynapticValue, receptorType?: string, safe = true): Projection {
  return new Projection(pre, post, new AllToAllConnector({ safe }), new StaticSynapse({ weight }), {
    simulation: new FakeSimulation(),
    receptorType,
  });
}

const refused = (f: () => unknown, pattern: RegExp) =>
  assert.throws(f, (e: Error) => e instanceof ConnectionError && pattern.test(e.message));

test('current-based inhibitory: negative weights pass, positive ones are refused', () => {
  assert.is(project(curr, -0.5, 'inhibitory').receptorType, 'inhibitory');
  refused(() => project(curr, 0.5, 'inhibitory'), /must be negative for current-based, inhibitory/);
});

test('excitatory receptor or conductance-based cells: negative weights are refused', () => {
  refused(() => project(curr, -0.5, 'excitatory'), /must be positive/);
  refused(() => project(cond, -0.5, 'inhibitory'), /must be positive for conductance-based/);
  assert.ok(project(cond, 0.5, 'inhibitory'));
});

test('weights of both signs are refused', () => {
  refused(() => project(curr, [[1, -1], [1, 1], [1, 1]], 'excitatory'), /either all positive or all negative/);
  refused(() => project(curr, new RandomDistribution('uniform', [-1, 1], rng), 'inhibitory'), /all positive or all negative/);
});

test('with a rule that leaves pairs out, only the pairs it can connect are checked (PyNN checks the connections)', () => {
  // PyNN 0.10.1 (Brian2): DistanceDependentProbabilityConnector('d<3') with weight '0.5*(3-d)', and OneToOne with
  // '0.1 - d', are accepted; AllToAll with either is refused.
  const six = fakeCells('six', 6);
  const make = (connector: Connector, weight: SynapticValue) =>
    new Projection(six, six, connector, new StaticSynapse({ weight }), { simulation: new FakeSimulation(), receptorType: 'excitatory' });
  assert.ok(make(new DistanceDependentProbabilityConnector('d<3'), '0.5*(3-d)'));
  assert.ok(make(new DistanceDependentProbabilityConnector((d) => d < 3), (d: number) => 0.5 * (3 - d)));
  assert.ok(make(new OneToOneConnector(), '0.1 - d'));
  const diagonal = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => i === j));
  const offDiagonalNegative = diagonal.map((row) => row.map((on) => (on ? 0.5 : -1)));
  assert.ok(make(new ArrayConnector(diagonal), offDiagonalNegative));
  refused(() => make(new AllToAllConnector(), '0.5*(3-d)'), /all positive or all negative/);
  refused(() => make(new DistanceDependentProbabilityConnector('d<5'), '0.5*(3-d)'), /all positive or all negative/);
});

test('distance expressions and functions are checked on every pair an all-to-all rule makes (d = |i - j| here)', () => {
  refused(() => project(curr, '1 - d', 'excitatory'), /all positive or all negative/);
  refused(() => project(curr, (d: number) => d - 1, 'excitatory'), /all positive or all negative/);
  assert.ok(project(curr, '0.5 * d', 'excitatory'));
});

test('bounded distributions by their bounds; a normal distribution by its mean', () => {
  assert.ok(project(cond, new RandomDistribution('uniform', [0.1, 0.2], rng), 'excitatory'));
  assert.ok(project(cond, new RandomDistribution('normal', [0.5, 0.05], rng), 'excitatory'));
  refused(() => project(cond, new RandomDistribution('normal', [-0.5, 0.05], rng), 'excitatory'), /must be positive/);
  assert.is(project(curr, new RandomDistribution('normal_clipped', [-1, 0.1, -2, -0.5], rng)).receptorType, 'inhibitory');
});

test('FromList weight columns are checked', () => {
  assert.throws(
    () =>
      new Projection(pre, curr, new FromListConnector([[0, 0, 0.5, 1], [1, 1, -0.5, 1]]), undefined, {
        simulation: new FakeSimulation(),
        receptorType: 'excitatory',
      }),
    (e: Error) => e instanceof ConnectionError && /all positive or all negative/.test(e.message),
  );
});

test('safe: false skips the checks', () => {
  assert.is(project(curr, 0.5, 'inhibitory', false).receptorType, 'inhibitory');
  assert.ok(project(cond, -0.5, 'excitatory', false));
});

test('GABA-like receptor names of current-based cells need negative weights; other names are free', () => {
  const pn = fakeCells('pn', 2, { population: 5, receptorTypes: ['AMPA', 'GABAA', 'other'] });
  refused(() => project(pn, 0.1, 'GABAA'), /negative/);
  refused(() => project(pn, -0.1, 'AMPA'), /positive/);
  assert.ok(project(pn, -0.1, 'other'));
  assert.ok(project(pn, 0.1, 'other'));
});

// STDP bounds on the weights' side of zero: a negative weight clipped to w_min = 0 at its first pre spike, then
// potentiated, turned an inhibitory synapse excitatory. NEST requires Wmax and the weight to share their sign.
test('STDP: the bounds must be on the side of zero of the projection\'s weights', () => {
  const stdp = (w_max: number, weight: number) =>
    new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence({ w_max }), weight });
  const plastic = (post: typeof curr, w_max: number, weight: number, receptorType: string) =>
    new Projection(pre, post, new AllToAllConnector(), stdp(w_max, weight), { simulation: new FakeSimulation(), receptorType });
  assert.is(plastic(curr, -1, -0.5, 'inhibitory').receptorType, 'inhibitory');
  assert.is(plastic(cond, 1, 0.5, 'inhibitory').receptorType, 'inhibitory');
  refused(
    () => plastic(curr, 1, -0.5, 'inhibitory'),
    /Projection '.*' \(receptor 'inhibitory' of 'curr'\): the weights onto an inhibitory receptor of current-based cells are negative, so the STDP bounds must be too: w_max <= w_min <= 0 .*AdditiveWeightDependence\(\{ w_min: 0, w_max: -1 \}\); got w_max 1/,
  );
  refused(() => plastic(cond, -1, 0.5, 'inhibitory'), /the weights are positive here, so w_max must be >= 0; got -1/);
  refused(() => plastic(curr, -1, 0.5, 'excitatory'), /w_max must be >= 0/);
});

test('TsodyksMarkramSynapse onto cells with voltage-jump synapses (no tau_syn) is refused by the Projection', () => {
  const delta = { ...fakeCells('delta', 2, { population: 3 }) };
  const info = { ...delta.celltypeInfo!, name: 'IF_curr_delta', voltageBasedSynapses: true };
  refused(
    () => new Projection(pre, { ...delta, celltypeInfo: info }, new AllToAllConnector(), new TsodyksMarkramSynapse({ weight: 0.5 }), { simulation: new FakeSimulation() }),
    /TsodyksMarkramSynapse needs the postsynaptic cells' tau_syn_E \/ tau_syn_I as its tau_psc; IF_curr_delta \('delta'\) has voltage-jump synapses/,
  );
  assert.ok(new Projection(pre, curr, new AllToAllConnector(), new TsodyksMarkramSynapse({ weight: 0.5 }), { simulation: new FakeSimulation() }));
});

test.run();
