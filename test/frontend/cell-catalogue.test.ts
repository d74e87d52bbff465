// Every standard cell type against the reference tables (pynn-api.md §2): defaults, units, recordables,
// initial values, receptor types and flags.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as cells from '../../frontend/cells/standard-cell-types.js';
import { standardModelNames } from '../../frontend/cells/standard-models.js';
import { NonExistentParameterError, InvalidParameterValueError } from '../../frontend/errors.js';
import { Sequence } from '../../frontend/random/sequence.js';
import { throwsError } from './assert-error.js';

const LIF = { v_rest: -65, cm: 1.0, tau_m: 20, tau_refrac: 0.1, v_thresh: -50, v_reset: -65, i_offset: 0 };

// [model, defaults, recordable, initial values, receptor types, conductanceBased, voltageBasedSynapses, injectable]
const TABLE: Array<[string, Record<string, number | number[]>, string[], Record<string, number>, string[], boolean, boolean, boolean]> = [
  ['IF_curr_exp', { ...LIF, tau_syn_E: 5.0, tau_syn_I: 5.0 }, ['spikes', 'v'], { v: -65, isyn_exc: 0, isyn_inh: 0 }, ['excitatory', 'inhibitory'], false, false, true],
  ['IF_curr_alpha', { ...LIF, tau_syn_E: 0.5, tau_syn_I: 0.5 }, ['spikes', 'v'], { v: -65, isyn_exc: 0, isyn_inh: 0 }, ['excitatory', 'inhibitory'], false, false, true],
  ['IF_curr_delta', { ...LIF }, ['spikes', 'v'], { v: -65 }, ['excitatory', 'inhibitory'], false, true, true],
  ['IF_cond_exp', { ...LIF, tau_syn_E: 5.0, tau_syn_I: 5.0, e_rev_E: 0, e_rev_I: -70 }, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh'], { v: -65, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['IF_cond_alpha', { ...LIF, tau_syn_E: 0.3, tau_syn_I: 0.5, e_rev_E: 0, e_rev_I: -70 }, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh'], { v: -65, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['IF_cond_exp_gsfa_grr', { ...LIF, tau_syn_E: 5, tau_syn_I: 5, e_rev_E: 0, e_rev_I: -70, tau_sfa: 100, e_rev_sfa: -75, q_sfa: 15, tau_rr: 2, e_rev_rr: -75, q_rr: 3000 }, ['spikes', 'v', 'g_r', 'g_s', 'gsyn_exc', 'gsyn_inh'], { v: -65, g_r: 0, g_s: 0, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['IF_facets_hardware1', { g_leak: 40, tau_syn_E: 30, tau_syn_I: 30, v_reset: -80, e_rev_I: -80, v_rest: -65, v_thresh: -55 }, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh'], { v: -65, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['HH_cond_exp', { gbar_Na: 20, gbar_K: 6, g_leak: 0.01, cm: 0.2, v_offset: -63, e_rev_Na: 50, e_rev_K: -90, e_rev_leak: -65, e_rev_E: 0, e_rev_I: -80, tau_syn_E: 0.2, tau_syn_I: 2.0, i_offset: 0 }, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh'], { v: -65, gsyn_exc: 0, gsyn_inh: 0, h: 1, m: 0, n: 0 }, ['excitatory', 'inhibitory', 'source_section.gap'], true, false, true],
  ['EIF_cond_exp_isfa_ista', { cm: 0.281, tau_refrac: 0.1, v_spike: -40, v_reset: -70.6, v_rest: -70.6, tau_m: 9.3667, i_offset: 0, a: 4, b: 0.0805, delta_T: 2, tau_w: 144, v_thresh: -50.4, e_rev_E: 0, tau_syn_E: 5, e_rev_I: -80, tau_syn_I: 5 }, ['spikes', 'v', 'w', 'gsyn_exc', 'gsyn_inh'], { v: -70.6, w: 0, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['EIF_cond_alpha_isfa_ista', { cm: 0.281, tau_refrac: 0.1, v_spike: -40, v_reset: -70.6, v_rest: -70.6, tau_m: 9.3667, i_offset: 0, a: 4, b: 0.0805, delta_T: 2, tau_w: 144, v_thresh: -50.4, e_rev_E: 0, tau_syn_E: 5, e_rev_I: -80, tau_syn_I: 5 }, ['spikes', 'v', 'w', 'gsyn_exc', 'gsyn_inh'], { v: -70.6, w: 0, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['Izhikevich', { a: 0.02, b: 0.2, c: -65, d: 2, i_offset: 0 }, ['spikes', 'v', 'u'], { v: -70, u: -14 }, ['excitatory', 'inhibitory'], false, true, true],
  ['GIF_cond_exp', { v_rest: -65, cm: 1, tau_m: 20, tau_refrac: 4, tau_syn_E: 5, tau_syn_I: 5, e_rev_E: 0, e_rev_I: -70, v_reset: -65, i_offset: 0, delta_v: 0.5, v_t_star: -48, lambda0: 1, tau_eta: [1, 10, 100], tau_gamma: [1, 10, 100], a_eta: [1, 1, 1], a_gamma: [1, 1, 1] }, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh', 'i_eta', 'v_t'], { v: -65, v_t: -48, i_eta: 0, gsyn_exc: 0, gsyn_inh: 0 }, ['excitatory', 'inhibitory'], true, false, true],
  ['SpikeSourcePoisson', { rate: 1, start: 0, duration: 1e10 }, ['spikes'], {}, [], false, false, false],
  ['SpikeSourcePoissonRefractory', { rate: 1, tau_refrac: 0, start: 0, duration: 1e10 }, ['spikes'], {}, [], false, false, false],
  ['SpikeSourceGamma', { alpha: 2, beta: 1, start: 0, duration: 1e10 }, ['spikes'], {}, [], false, false, false],
  ['SpikeSourceInhGamma', { a: [1], b: [1], tbins: [0], start: 0, duration: 1e10 }, ['spikes'], {}, [], false, false, false],
  ['SpikeSourceArray', { spike_times: [] }, ['spikes'], {}, [], false, false, false],
];

for (const [name, defaults, recordable, initial, receptors, cond, voltage, injectable] of TABLE) {
  test(`${name}: defaults, recordables, initial values, flags`, () => {
    const cls = (cells as unknown as Record<string, new () => InstanceType<typeof cells.IF_curr_exp>>)[name]!;
    const cell = new cls();
    assert.is(cell.name, name);
    assert.equal(cell.defaultParameters, defaults);
    assert.equal(cell.recordable, recordable);
    assert.equal(cell.defaultInitialValues, initial);
    assert.equal([...cell.receptorTypes], receptors);
    assert.is(cell.conductanceBased, cond);
    assert.is(cell.voltageBasedSynapses, voltage);
    assert.is(cell.injectable, injectable);
  });
}

test('every standard model is listed, plus PointNeuron', () => {
  assert.equal(standardModelNames().sort(), [...TABLE.map((r) => r[0]), 'PointNeuron'].sort());
});

test('units follow PyNN: ms, mV, nA, nF, uS, nS where the reference says so', () => {
  const units = new cells.IF_cond_exp_gsfa_grr().units;
  assert.is(units.tau_m, 'ms');
  assert.is(units.v_rest, 'mV');
  assert.is(units.cm, 'nF');
  assert.is(units.i_offset, 'nA');
  assert.is(units.q_sfa, 'nS');
  assert.is(units.q_rr, 'nS');
  assert.is(units.gsyn_exc, 'uS');
  assert.is(new cells.EIF_cond_exp_isfa_ista().units.a, 'nS');
  assert.is(new cells.EIF_cond_exp_isfa_ista().units.w, 'nA');
  assert.is(new cells.IF_facets_hardware1().units.g_leak, 'nS');
  assert.is(new cells.HH_cond_exp().units.gbar_Na, 'uS');
  assert.is(new cells.SpikeSourcePoisson().units.rate, 'Hz');
  assert.is(new cells.Izhikevich().units.u, 'mV/ms');
});

test('given values override defaults; static class attributes mirror the instance', () => {
  const cell = new cells.IF_cond_exp({ tau_m: 15, v_rest: -60 });
  assert.is(cell.parameterValue('tau_m'), 15);
  assert.is(cell.parameterValue('cm'), 1.0);
  assert.equal([...cell.parameterSpace.keys()], ['tau_m', 'v_rest']);
  assert.is(cells.IF_cond_exp.defaultParameters.tau_syn_E, 5.0);
  assert.ok(cell instanceof cells.IF_cond_exp);
  assert.not.ok(cell instanceof cells.IF_curr_exp);
  assert.is(cells.IF_cond_alpha.name, 'IF_cond_alpha');
});

test('an unknown parameter is a NonExistentParameterError naming model and valid names', () => {
  try {
    new cells.IF_curr_exp({ tau_mem: 10 });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, NonExistentParameterError);
    assert.match((e as Error).message, /tau_mem \(valid parameters for IF_curr_exp are: cm, i_offset, tau_m, tau_refrac/);
  }
});

test('a value of the wrong type is an InvalidParameterValueError', () => {
  throwsError(() => new cells.IF_curr_exp({ tau_m: 'fast' as unknown as number }), InvalidParameterValueError, /IF_curr_exp.*tau_m/);
  throwsError(() => new cells.IF_curr_exp({ tau_m: new Sequence([1, 2]) }), InvalidParameterValueError);
  throwsError(() => new cells.IF_curr_exp({ tau_m: NaN }), InvalidParameterValueError);
  throwsError(() => new cells.SpikeSourceArray({ spike_times: 5 }), InvalidParameterValueError, /spike_times/);
});

test('Sequence-valued parameters accept a Sequence, an array of numbers or one Sequence per cell', () => {
  new cells.SpikeSourceArray({ spike_times: new Sequence([1, 2, 3]) });
  new cells.SpikeSourceArray({ spike_times: [1, 2, 3] });
  new cells.SpikeSourceArray({ spike_times: [new Sequence([1]), new Sequence([2, 3])] });
  new cells.GIF_cond_exp({ tau_eta: new Sequence([2, 20, 200]) });
});

test.run();
