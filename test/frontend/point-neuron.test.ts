// Composed point neurons (pynn-api.md §2.9): receptor names sorted, "<receptor>.<param>" parameters,
// "<receptor>.gsyn"/"isyn" recordables, current/conductance mixing refused, and the PointNeuronSpec message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AdExp,
  AlphaPSR,
  CondAlphaPostSynapticResponse,
  CondBetaPostSynapticResponse,
  CondExpPostSynapticResponse,
  CurrExpPostSynapticResponse,
  ExpPSR,
  LIF,
  PointNeuron,
} from '../../frontend/cells/point-neuron.js';
import { NonExistentParameterError } from '../../frontend/errors.js';
import { PointNeuronSpec_Neuron, ReceptorSpec_Kind } from '../../frontend/generated/tsnn/v1/model.js';
import { throwsError } from './assert-error.js';

test('receptor types are the sorted receptor names', () => {
  const cell = new PointNeuron(new LIF(), {
    GABAA: new CondExpPostSynapticResponse({ e_syn: -70 }),
    AMPA: new CondExpPostSynapticResponse(),
    NMDA: new CondAlphaPostSynapticResponse({ tau_syn: 50 }),
  });
  assert.equal([...cell.receptorTypes], ['AMPA', 'GABAA', 'NMDA']);
  assert.is(cell.name, 'PointNeuron');
  assert.ok(cell.conductanceBased);
});

test('receptor parameters are "<receptor>.<name>" with their defaults and given values', () => {
  const cell = new PointNeuron(new LIF({ tau_m: 10 }), {
    AMPA: new CondExpPostSynapticResponse({ tau_syn: 2 }),
    GABA: new CondBetaPostSynapticResponse(),
  });
  const d = cell.defaultParameters;
  assert.is(d['AMPA.e_syn'], 0);
  assert.is(d['AMPA.tau_syn'], 5);
  assert.is(d['GABA.tau_rise'], 0.2);
  assert.is(d['GABA.tau_decay'], 1.7);
  assert.is(d.cm, 1);
  assert.is(d.v_thresh, -50);
  assert.is(cell.parameterValue('AMPA.tau_syn'), 2);
  assert.is(cell.parameterValue('tau_m'), 10);
});

test('recordables and initial values: spikes, v, receptor gsyn (uS) or isyn (nA), AdExp w', () => {
  const cond = new PointNeuron(new AdExp(), { AMPA: new ExpPSR(), GABA: new AlphaPSR() });
  assert.equal(cond.recordable, ['spikes', 'v', 'w', 'AMPA.gsyn', 'GABA.gsyn']);
  assert.is(cond.units['AMPA.gsyn'], 'uS');
  assert.equal(cond.defaultInitialValues, { v: -70.6, w: 0, 'AMPA.gsyn': 0, 'GABA.gsyn': 0 });
  const curr = new PointNeuron(new LIF(), { exc: new CurrExpPostSynapticResponse() });
  assert.equal(curr.recordable, ['spikes', 'v', 'exc.isyn']);
  assert.is(curr.units['exc.isyn'], 'nA');
  assert.not.ok(curr.conductanceBased);
});

test('mixing current- and conductance-based receptors is an error', () => {
  throwsError(
    () => new PointNeuron(new LIF(), { a: new CurrExpPostSynapticResponse(), b: new CondExpPostSynapticResponse() }),
    Error,
    /cannot mix current-based and conductance-based/,
  );
});

test('unknown component parameters are NonExistentParameterErrors', () => {
  throwsError(() => new LIF({ tau_syn: 5 }), NonExistentParameterError, /tau_syn \(valid parameters for LIF/);
  throwsError(() => new CondExpPostSynapticResponse({ tau: 5 }), NonExistentParameterError);
});

test('pointNeuronSpec names the neuron kind and each receptor kind, in receptor order', () => {
  const cell = new PointNeuron(new AdExp(), {
    NMDA: new CondBetaPostSynapticResponse(),
    AMPA: new CondExpPostSynapticResponse(),
  });
  assert.equal(cell.pointNeuronSpec(), {
    neuron: PointNeuronSpec_Neuron.ADEXP,
    receptors: [
      { name: 'AMPA', kind: ReceptorSpec_Kind.COND_EXP },
      { name: 'NMDA', kind: ReceptorSpec_Kind.COND_BETA },
    ],
  });
});

test.run();
