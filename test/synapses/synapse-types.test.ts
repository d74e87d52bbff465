// Every synapse type gives the contract's Synapse message with PyNN's defaults (pynn-api.md §6); an unset delay
// is the simulation's min delay; unknown parameter names are NonExistentParameterError listing the valid ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { TsodyksMarkramSynapse } from '../../frontend/synapses/tsodyks-markram-synapse.js';
import { StochasticTsodyksMarkramSynapse } from '../../frontend/synapses/stochastic-tsodyks-markram-synapse.js';
import { SimpleStochasticSynapse } from '../../frontend/synapses/simple-stochastic-synapse.js';
import { MultiQuantalSynapse } from '../../frontend/synapses/multi-quantal-synapse.js';
import { InvalidParameterValueError, NonExistentParameterError } from '../../frontend/errors.js';
import type { Value } from '../../frontend/generated/tsnn/v1/model.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const s = (value: number): Value => ({ kind: { $case: 'scalar', value } });
const ctx = () => buildContext(fakeCells('pre', 2), fakeCells('post', 2), { minDelay: 0.5 });

test('StaticSynapse: weight 0 and delay = min delay by default', () => {
  assert.equal(new StaticSynapse().toMessage(ctx()), {
    weight: s(0),
    delay: s(0.5),
    dynamics: { $case: 'staticSynapse', value: {} },
  });
  assert.equal(new StaticSynapse({ weight: 0.05, delay: 1.0 }).toMessage(ctx()).delay, s(1.0));
});

test('TsodyksMarkramSynapse: U 0.5, tau_rec 100, tau_facil 0, state u starts at 0', () => {
  const message = new TsodyksMarkramSynapse({ weight: 0.01, tau_facil: 10 }).toMessage(ctx());
  assert.equal(message.weight, s(0.01));
  assert.equal(message.dynamics, {
    $case: 'tsodyksMarkram',
    value: { U: s(0.5), tauRec: s(100), tauFacil: s(10), uInitial: s(0) },
  });
  assert.equal(new TsodyksMarkramSynapse().stateVariables, { u: 0 });
});

test('StochasticTsodyksMarkramSynapse: the same defaults, its own dynamics', () => {
  assert.equal(new StochasticTsodyksMarkramSynapse({ U: 0.2 }).toMessage(ctx()).dynamics, {
    $case: 'stochasticTsodyksMarkram',
    value: { U: s(0.2), tauRec: s(100), tauFacil: s(0) },
  });
});

test('SimpleStochasticSynapse: p 0.5', () => {
  assert.equal(new SimpleStochasticSynapse().toMessage(ctx()).dynamics, { $case: 'simpleStochastic', value: { p: s(0.5) } });
});

test('MultiQuantalSynapse: U 0.5, n 1, tau_rec 800, tau_facil 0; its state u and a left to the engine (U and n)', () => {
  assert.equal(new MultiQuantalSynapse({ n: 5 }).toMessage(ctx()).dynamics, {
    $case: 'multiQuantal',
    value: { U: s(0.5), n: s(5), tauRec: s(800), tauFacil: s(0), uInitial: undefined, aInitial: undefined },
  });
  assert.equal(Object.keys(new MultiQuantalSynapse().stateVariables), ['u', 'a']);
});

test('an unknown parameter is NonExistentParameterError listing the valid names', () => {
  assert.throws(
    () => new StaticSynapse({ wieght: 1 } as unknown as { weight: number }),
    (e: Error) =>
      e instanceof NonExistentParameterError && /^wieght \(valid parameters for StaticSynapse are: delay, weight\)$/.test(e.message),
  );
  assert.throws(
    () => new TsodyksMarkramSynapse({ tau_psc: 3 } as unknown as { U: number }),
    (e: Error) => e instanceof NonExistentParameterError && /tau_facil, tau_rec/.test(e.message),
  );
  assert.throws(() => new StaticSynapse().getParameter('U'), (e: Error) => e instanceof NonExistentParameterError);
});

test('bad values are InvalidParameterValueError naming the model and parameter', () => {
  assert.throws(
    () => new StaticSynapse({ weight: Number.NaN }),
    (e: Error) => e instanceof InvalidParameterValueError && /StaticSynapse/.test(e.message) && /'weight'/.test(e.message),
  );
  assert.throws(
    () => new StaticSynapse({ delay: -1 }),
    (e: Error) => e instanceof InvalidParameterValueError && /delay/.test(e.message),
  );
  assert.throws(
    () => new StaticSynapse({ delay: Number.POSITIVE_INFINITY }),
    (e: Error) => e instanceof InvalidParameterValueError && /'delay': Infinity \(not finite\)/.test(e.message),
  );
  assert.throws(
    () => new TsodyksMarkramSynapse({ U: { a: 1 } as unknown as number }),
    (e: Error) => e instanceof InvalidParameterValueError && /'U'/.test(e.message),
  );
});

test('numbers outside a parameter range are refused with the range', () => {
  const refused = (f: () => unknown, text: string) =>
    assert.throws(f, (e: Error) => e instanceof InvalidParameterValueError && e.message.includes(text), text);
  refused(() => new TsodyksMarkramSynapse({ U: 1.5 }), 'TsodyksMarkramSynapse: U must be ≥ 0, ≤ 1, got 1.5');
  refused(() => new TsodyksMarkramSynapse({ tau_rec: 0 }), 'tau_rec must be > 0, got 0');
  refused(() => new StochasticTsodyksMarkramSynapse({ tau_facil: -1 }), 'tau_facil must be ≥ 0, got -1');
  refused(() => new SimpleStochasticSynapse({ p: [0.5, 1.2] }), 'p must be ≥ 0, ≤ 1, got 1.2');
  refused(() => new MultiQuantalSynapse({ n: 2.5 }), 'n must be an integer, ≥ 1, got 2.5');
  refused(() => new MultiQuantalSynapse({ n: 0 }), 'n must be an integer, ≥ 1, got 0');
  assert.ok(new SimpleStochasticSynapse({ p: [[0.5, Number.NaN]] }), 'NaN marks an absent pair');
});

test('attribute names: parameters then state variables (what Projection.get accepts)', () => {
  assert.equal(new TsodyksMarkramSynapse().attributeNames, ['weight', 'delay', 'U', 'tau_rec', 'tau_facil', 'u']);
  assert.equal(new StaticSynapse().attributeNames, ['weight', 'delay']);
});

test('describe() lists the parameters with PyNN names', () => {
  assert.is(new StaticSynapse({ weight: 0.5 }).describe(), 'StaticSynapse(weight=0.5, delay=None)');
});

test.run();
