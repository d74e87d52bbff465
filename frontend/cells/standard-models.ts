// The standard-model catalogue: every PyNN standard cell type as data (pynn-api.md §2). Classes, validation,
// recording rules and the Network message are all derived from these tables, so a model is described once.
import { p, seq, type ModelSpec, type ParameterSpec } from './model-spec.js';

// The LIF tables list their parameters in PyNN's order (its default_parameters), which getParameterNames(),
// getParameters() and describe() follow.
const LIF_MEMBRANE: Record<string, ParameterSpec> = {
  v_rest: p(-65.0, 'mV'),
  cm: p(1.0, 'nF'),
  tau_m: p(20.0, 'ms'),
  tau_refrac: p(0.1, 'ms'),
};
const LIF_CURR_OUTPUT: Record<string, ParameterSpec> = {
  i_offset: p(0.0, 'nA'),
  v_reset: p(-65.0, 'mV'),
  v_thresh: p(-50.0, 'mV'),
};
const LIF_COND_OUTPUT: Record<string, ParameterSpec> = {
  v_thresh: p(-50.0, 'mV'),
  v_reset: p(-65.0, 'mV'),
  i_offset: p(0.0, 'nA'),
};

const EXC_INH = Object.freeze(['excitatory', 'inhibitory']);
const NONE: readonly string[] = Object.freeze([]);

const SPIKES = { spikes: 'ms' };
const V = { v: 'mV' };
const GSYN = { gsyn_exc: 'uS', gsyn_inh: 'uS' };
const INIT_V65 = { v: { default: -65.0, unit: 'mV' } };
const INIT_ISYN = { isyn_exc: { default: 0.0, unit: 'nA' }, isyn_inh: { default: 0.0, unit: 'nA' } };
const INIT_GSYN = { gsyn_exc: { default: 0.0, unit: 'uS' }, gsyn_inh: { default: 0.0, unit: 'uS' } };

function neuron(spec: Omit<ModelSpec, 'spikeSource' | 'injectable'>): ModelSpec {
  return Object.freeze({ ...spec, injectable: true, spikeSource: false });
}

function source(name: string, parameters: Record<string, ParameterSpec>): ModelSpec {
  return Object.freeze({
    name,
    parameters,
    recordables: SPIKES,
    initialValues: {},
    receptorTypes: NONE,
    conductanceBased: false,
    voltageBasedSynapses: false,
    injectable: false,
    spikeSource: true,
  });
}

const ADEX_CELL: Record<string, ParameterSpec> = {
  cm: p(0.281, 'nF'),
  tau_refrac: p(0.1, 'ms'),
  v_spike: p(-40.0, 'mV'),
  v_reset: p(-70.6, 'mV'),
  v_rest: p(-70.6, 'mV'),
  tau_m: p(9.3667, 'ms'),
  i_offset: p(0.0, 'nA'),
  a: p(4.0, 'nS'),
  b: p(0.0805, 'nA'),
  delta_T: p(2.0, 'mV'),
  tau_w: p(144.0, 'ms'),
  v_thresh: p(-50.4, 'mV'),
};

const ADEX_SYN: Record<string, ParameterSpec> = {
  e_rev_E: p(0.0, 'mV'),
  tau_syn_E: p(5.0, 'ms'),
  e_rev_I: p(-80.0, 'mV'),
  tau_syn_I: p(5.0, 'ms'),
};

function adex(name: string): ModelSpec {
  return neuron({
    name,
    parameters: { ...ADEX_CELL, ...ADEX_SYN },
    recordables: { ...SPIKES, ...V, w: 'nA', ...GSYN },
    initialValues: { v: { default: -70.6, unit: 'mV' }, w: { default: 0.0, unit: 'nA' }, ...INIT_GSYN },
    receptorTypes: EXC_INH,
    conductanceBased: true,
    voltageBasedSynapses: false,
  });
}

function currentLif(name: string, tauSyn: number): ModelSpec {
  return neuron({
    name,
    parameters: { ...LIF_MEMBRANE, tau_syn_E: p(tauSyn, 'ms'), tau_syn_I: p(tauSyn, 'ms'), ...LIF_CURR_OUTPUT },
    recordables: { ...SPIKES, ...V },
    initialValues: { ...INIT_V65, ...INIT_ISYN },
    receptorTypes: EXC_INH,
    conductanceBased: false,
    voltageBasedSynapses: false,
  });
}

function conductanceLif(name: string, tauSynE: number, tauSynI: number): ModelSpec {
  return neuron({
    name,
    parameters: {
      ...LIF_MEMBRANE,
      tau_syn_E: p(tauSynE, 'ms'),
      tau_syn_I: p(tauSynI, 'ms'),
      e_rev_E: p(0.0, 'mV'),
      e_rev_I: p(-70.0, 'mV'),
      ...LIF_COND_OUTPUT,
    },
    recordables: { ...SPIKES, ...V, ...GSYN },
    initialValues: { ...INIT_V65, ...INIT_GSYN },
    receptorTypes: EXC_INH,
    conductanceBased: true,
    voltageBasedSynapses: false,
  });
}

export const STANDARD_MODELS: Readonly<Record<string, ModelSpec>> = Object.freeze({
  IF_curr_exp: currentLif('IF_curr_exp', 5.0),
  IF_curr_alpha: currentLif('IF_curr_alpha', 0.5),
  IF_curr_delta: neuron({
    name: 'IF_curr_delta',
    parameters: { ...LIF_MEMBRANE, ...LIF_CURR_OUTPUT },
    recordables: { ...SPIKES, ...V },
    initialValues: { ...INIT_V65 },
    receptorTypes: EXC_INH,
    conductanceBased: false,
    voltageBasedSynapses: true,
  }),
  IF_cond_exp: conductanceLif('IF_cond_exp', 5.0, 5.0),
  IF_cond_alpha: conductanceLif('IF_cond_alpha', 0.3, 0.5),
  IF_cond_exp_gsfa_grr: neuron({
    name: 'IF_cond_exp_gsfa_grr',
    parameters: {
      ...LIF_MEMBRANE,
      tau_syn_E: p(5.0, 'ms'),
      tau_syn_I: p(5.0, 'ms'),
      e_rev_E: p(0.0, 'mV'),
      e_rev_I: p(-70.0, 'mV'),
      ...LIF_COND_OUTPUT,
      tau_sfa: p(100.0, 'ms'),
      e_rev_sfa: p(-75.0, 'mV'),
      q_sfa: p(15.0, 'nS'),
      tau_rr: p(2.0, 'ms'),
      e_rev_rr: p(-75.0, 'mV'),
      q_rr: p(3000.0, 'nS'),
    },
    recordables: { ...SPIKES, ...V, g_r: 'nS', g_s: 'nS', ...GSYN },
    initialValues: { ...INIT_V65, g_r: { default: 0.0, unit: 'nS' }, g_s: { default: 0.0, unit: 'nS' }, ...INIT_GSYN },
    receptorTypes: EXC_INH,
    conductanceBased: true,
    voltageBasedSynapses: false,
  }),
  IF_facets_hardware1: neuron({
    name: 'IF_facets_hardware1',
    parameters: {
      g_leak: p(40.0, 'nS'),
      tau_syn_E: p(30.0, 'ms'),
      tau_syn_I: p(30.0, 'ms'),
      v_reset: p(-80.0, 'mV'),
      e_rev_I: p(-80.0, 'mV'),
      v_rest: p(-65.0, 'mV'),
      v_thresh: p(-55.0, 'mV'),
    },
    recordables: { ...SPIKES, ...V, ...GSYN },
    initialValues: { ...INIT_V65, ...INIT_GSYN },
    receptorTypes: EXC_INH,
    conductanceBased: true,
    voltageBasedSynapses: false,
  }),
  HH_cond_exp: neuron({
    name: 'HH_cond_exp',
    parameters: {
      gbar_Na: p(20.0, 'uS'),
      gbar_K: p(6.0, 'uS'),
      g_leak: p(0.01, 'uS'),
      cm: p(0.2, 'nF'),
      v_offset: p(-63.0, 'mV'),
      e_rev_Na: p(50.0, 'mV'),
      e_rev_K: p(-90.0, 'mV'),
      e_rev_leak: p(-65.0, 'mV'),
      e_rev_E: p(0.0, 'mV'),
      e_rev_I: p(-80.0, 'mV'),
      tau_syn_E: p(0.2, 'ms'),
      tau_syn_I: p(2.0, 'ms'),
      i_offset: p(0.0, 'nA'),
    },
    recordables: { ...SPIKES, ...V, ...GSYN },
    initialValues: {
      ...INIT_V65,
      ...INIT_GSYN,
      h: { default: 1.0, unit: 'dimensionless' },
      m: { default: 0.0, unit: 'dimensionless' },
      n: { default: 0.0, unit: 'dimensionless' },
    },
    receptorTypes: Object.freeze(['excitatory', 'inhibitory', 'source_section.gap']),
    conductanceBased: true,
    voltageBasedSynapses: false,
  }),
  EIF_cond_exp_isfa_ista: adex('EIF_cond_exp_isfa_ista'),
  EIF_cond_alpha_isfa_ista: adex('EIF_cond_alpha_isfa_ista'),
  Izhikevich: neuron({
    name: 'Izhikevich',
    parameters: {
      a: p(0.02, '/ms'),
      b: p(0.2, '/ms'),
      c: p(-65.0, 'mV'),
      d: p(2.0, 'mV/ms'),
      i_offset: p(0.0, 'nA'),
    },
    recordables: { ...SPIKES, ...V, u: 'mV/ms' },
    initialValues: { v: { default: -70.0, unit: 'mV' }, u: { default: -14.0, unit: 'mV/ms' } },
    receptorTypes: EXC_INH,
    conductanceBased: false,
    voltageBasedSynapses: true,
  }),
  GIF_cond_exp: neuron({
    name: 'GIF_cond_exp',
    parameters: {
      v_rest: p(-65.0, 'mV'),
      cm: p(1.0, 'nF'),
      tau_m: p(20.0, 'ms'),
      tau_refrac: p(4.0, 'ms'),
      tau_syn_E: p(5.0, 'ms'),
      tau_syn_I: p(5.0, 'ms'),
      e_rev_E: p(0.0, 'mV'),
      e_rev_I: p(-70.0, 'mV'),
      v_reset: p(-65.0, 'mV'),
      i_offset: p(0.0, 'nA'),
      delta_v: p(0.5, 'mV'),
      v_t_star: p(-48.0, 'mV'),
      lambda0: p(1.0, 'Hz'),
      tau_eta: seq([1.0, 10.0, 100.0], 'ms'),
      tau_gamma: seq([1.0, 10.0, 100.0], 'ms'),
      a_eta: seq([1.0, 1.0, 1.0], 'nA'),
      a_gamma: seq([1.0, 1.0, 1.0], 'mV'),
    },
    recordables: { ...SPIKES, ...V, ...GSYN, i_eta: 'nA', v_t: 'mV' },
    initialValues: {
      ...INIT_V65,
      v_t: { default: -48.0, unit: 'mV' },
      i_eta: { default: 0.0, unit: 'nA' },
      ...INIT_GSYN,
    },
    receptorTypes: EXC_INH,
    conductanceBased: true,
    voltageBasedSynapses: false,
  }),
  SpikeSourcePoisson: source('SpikeSourcePoisson', {
    rate: p(1.0, 'Hz'),
    start: p(0.0, 'ms'),
    duration: p(1e10, 'ms'),
  }),
  SpikeSourcePoissonRefractory: source('SpikeSourcePoissonRefractory', {
    rate: p(1.0, 'Hz'),
    tau_refrac: p(0.0, 'ms'),
    start: p(0.0, 'ms'),
    duration: p(1e10, 'ms'),
  }),
  SpikeSourceGamma: source('SpikeSourceGamma', {
    alpha: p(2.0, 'dimensionless'),
    beta: p(1.0, 'Hz'),
    start: p(0.0, 'ms'),
    duration: p(1e10, 'ms'),
  }),
  SpikeSourceInhGamma: source('SpikeSourceInhGamma', {
    a: seq([1.0], 'dimensionless'),
    b: seq([1.0], 's'),
    tbins: seq([0.0], 'ms'),
    start: p(0.0, 'ms'),
    duration: p(1e10, 'ms'),
  }),
  SpikeSourceArray: source('SpikeSourceArray', {
    spike_times: seq([], 'ms'),
  }),
});

/** Names of the standard cell types, as `list_standard_models()` returns them. */
export function standardModelNames(): string[] {
  return [...Object.keys(STANDARD_MODELS), 'PointNeuron'];
}
