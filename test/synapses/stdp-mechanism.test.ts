// STDPMechanism combines a timing rule and a weight dependence (PyNN defaults §6); w_min ≠ 0 is accepted, negative
// bounds follow NEST's negative Wmax.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { STDPMechanism } from '../../frontend/synapses/stdp-mechanism.js';
import { SpikePairRule, Vogels2011Rule } from '../../frontend/synapses/timing-dependence.js';
import {
  AdditivePotentiationMultiplicativeDepression,
  AdditiveWeightDependence,
  GutigWeightDependence,
  MultiplicativeWeightDependence,
} from '../../frontend/synapses/weight-dependence.js';
import {
  InvalidParameterValueError,
  NoModelAvailableError,
  NonExistentParameterError,
  ValueError,
} from '../../frontend/errors.js';
import type { Value } from '../../frontend/generated/tsnn/v1/model.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const s = (value: number): Value => ({ kind: { $case: 'scalar', value } });
const ctx = () => buildContext(fakeCells('pre', 2), fakeCells('post', 2), { minDelay: 1.0 });

test('SpikePairRule + AdditiveWeightDependence with PyNN defaults', () => {
  const message = new STDPMechanism({
    timingDependence: new SpikePairRule(),
    weightDependence: new AdditiveWeightDependence(),
    weight: 0.5,
  }).toMessage(ctx());
  assert.equal(message.weight, s(0.5));
  assert.equal(message.delay, s(1.0));
  assert.equal(message.dynamics, {
    $case: 'stdp',
    value: {
      timing: { $case: 'spikePair', value: { tauPlus: s(20), tauMinus: s(20), APlus: s(0.01), AMinus: s(0.01) } },
      weightDependence: { $case: 'additive', value: { wMin: s(0), wMax: s(1) } },
      dendriticDelayFraction: 1,
      hasVoltageDependence: false,
    },
  });
});

test('Vogels2011Rule (tau 20, eta 1e-10, rho 3) with AdditiveWeightDependence; the other weight dependences', () => {
  const vogels = new STDPMechanism({ timingDependence: new Vogels2011Rule(), weightDependence: new AdditiveWeightDependence({ w_max: 2 }) });
  const v = vogels.toMessage(ctx()).dynamics;
  if (v?.$case !== 'stdp') throw new Error('not stdp');
  assert.equal(v.value.timing, { $case: 'vogels2011', value: { tau: s(20), eta: s(1e-10), rho: s(3) } });
  assert.equal(v.value.weightDependence, { $case: 'additive', value: { wMin: s(0), wMax: s(2) } });
  const dynamics = (wd: STDPMechanism['weightDependence']) =>
    new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: wd }).toMessage(ctx()).dynamics;
  const m = dynamics(new MultiplicativeWeightDependence({ w_max: 2 }));
  assert.equal(m?.$case === 'stdp' && m.value.weightDependence, { $case: 'multiplicative', value: { wMin: s(0), wMax: s(2) } });
  const a = dynamics(new AdditivePotentiationMultiplicativeDepression());
  assert.equal(a?.$case === 'stdp' && a.value.weightDependence, {
    $case: 'additivePotentiationMultiplicativeDepression',
    value: { wMin: s(0), wMax: s(1) },
  });
  const g = dynamics(new GutigWeightDependence({ mu_plus: 0.3 }));
  assert.equal(g?.$case === 'stdp' && g.value.weightDependence, {
    $case: 'gutig',
    value: { wMin: s(0), wMax: s(1), muPlus: s(0.3), muMinus: s(0.5) },
  });
});

// PyNN: Vogels2011Rule's only implementation (pyNN.neuron's StdwaVogels2011) takes AdditiveWeightDependence; any
// other combination is NoModelAvailableError. tsnn used to accept them and ignore the dependence.
test('Vogels2011Rule with another weight dependence is NoModelAvailableError, as in PyNN', () => {
  for (const wd of [new MultiplicativeWeightDependence(), new GutigWeightDependence(), new AdditivePotentiationMultiplicativeDepression()]) {
    assert.throws(
      () => new STDPMechanism({ timingDependence: new Vogels2011Rule(), weightDependence: wd }),
      (e: Error) => e instanceof NoModelAvailableError && /Vogels2011Rule combines with AdditiveWeightDependence only/.test(e.message),
    );
  }
});

test('bounds: 0 <= w_min <= w_max, or w_max <= w_min <= 0 for negative weights (NEST); never across zero', () => {
  const wd = new AdditiveWeightDependence({ w_min: 0.1, w_max: 0.9 });
  assert.is(wd.getParameter('w_min'), 0.1);
  assert.is(new AdditiveWeightDependence({ w_min: 0, w_max: -1 }).getParameter('w_max'), -1);
  assert.is(new MultiplicativeWeightDependence({ w_min: -0.1, w_max: -1 }).getParameter('w_min'), -0.1);
  for (const [w_min, w_max] of [[2, 1], [-0.5, 1], [0.5, -1], [-2, -1], [[0, 2], 1]] as const) {
    assert.throws(
      () => new AdditiveWeightDependence({ w_min: w_min as number, w_max }),
      (e: Error) => e instanceof InvalidParameterValueError && /w_min and w_max must lie on one side of zero, w_min the nearer/.test(e.message),
      `w_min ${w_min}, w_max ${w_max}`,
    );
  }
});

test('getParameterNames() and hasParameter() as PyNN\'s: the mechanism\'s and its components\' names', () => {
  const m = new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence() });
  assert.equal(m.getParameterNames(), ['weight', 'delay', 'tau_plus', 'tau_minus', 'A_plus', 'A_minus', 'w_min', 'w_max']);
  assert.ok(m.hasParameter('A_plus'));
  assert.not.ok(m.hasParameter('dendritic_delay_fraction'));
  assert.equal(new GutigWeightDependence().getParameterNames(), ['w_min', 'w_max', 'mu_plus', 'mu_minus']);
});

test('the time constants are one number per projection: arrays are refused at construction', () => {
  assert.throws(
    () => new SpikePairRule({ tau_plus: [10, 20, 30] }),
    (e: Error) => e instanceof InvalidParameterValueError && /SpikePairRule: tau_plus must be one number for the whole projection .*got an array/.test(e.message),
  );
  assert.throws(() => new Vogels2011Rule({ tau: [10, 20] }), (e: Error) => e instanceof InvalidParameterValueError && /tau must be one number/.test(e.message));
  assert.ok(new SpikePairRule({ A_plus: [0.01, 0.02] }));  // amplitudes may vary per synapse
});

test('the mechanism exposes its components parameters by name (as Projection.get needs)', () => {
  const stdp = new STDPMechanism({
    timingDependence: new SpikePairRule({ A_plus: 0.02 }),
    weightDependence: new GutigWeightDependence(),
  });
  assert.equal(stdp.parameterNames, ['weight', 'delay', 'tau_plus', 'tau_minus', 'A_plus', 'A_minus', 'w_min', 'w_max', 'mu_plus', 'mu_minus']);
  assert.is(stdp.getParameter('A_plus'), 0.02);
  assert.throws(() => stdp.getParameter('tau_rec'), (e: Error) => e instanceof NonExistentParameterError);
});

test('wrong components are TypeError; unknown names NonExistentParameterError', () => {
  assert.throws(
    () => new STDPMechanism({ timingDependence: new AdditiveWeightDependence() as never, weightDependence: new AdditiveWeightDependence() }),
    (e: Error) => e instanceof TypeError && /timingDependence/.test(e.message),
  );
  assert.throws(
    () => new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: undefined as never }),
    (e: Error) => e instanceof TypeError && /weightDependence/.test(e.message),
  );
  assert.throws(() => new SpikePairRule({ tau: 3 } as never), (e: Error) => e instanceof NonExistentParameterError && /SpikePairRule/.test(e.message));
  assert.throws(
    () => new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence(), w_max: 2 } as never),
    (e: Error) => e instanceof ValueError && /component/.test(e.message),
  );
});

test('dendritic delay fraction: in [0, 1]; only 1 is available (as NEST); no voltage dependence', () => {
  const parts = { timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence() };
  assert.throws(() => new STDPMechanism({ ...parts, dendriticDelayFraction: 1.5 }), (e: Error) => e instanceof ValueError);
  assert.throws(() => new STDPMechanism({ ...parts, dendriticDelayFraction: 0.5 }), (e: Error) => e instanceof NoModelAvailableError);
  assert.throws(() => new STDPMechanism({ ...parts, voltageDependence: {} as never }), (e: Error) => e instanceof NoModelAvailableError);
});

test.run();
