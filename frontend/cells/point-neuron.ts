// Composed point neurons (PyNN's PointNeuron): a neuron component (LIF or AdExp) plus named post-synaptic
// response components. The composition is flattened into one ModelSpec, receptor parameters as "AMPA.tau_syn",
// so populations, recording and the Network message treat it like any standard model.
import { PointNeuronSpec_Neuron, ReceptorSpec_Kind, type PointNeuronSpec } from '../generated/tsnn/v1/model.js';
import { NonExistentParameterError } from '../errors.js';
import { CellType, type ParameterValues } from './cell-type.js';
import { p, type ModelSpec, type ParameterSpec } from './model-spec.js';
import { checkValueForm, type ParameterValue } from './parameter-values.js';

/** A component's parameter table and the values given for it. */
abstract class Component {
  abstract readonly componentName: string;
  abstract readonly table: Readonly<Record<string, ParameterSpec>>;
  readonly given: ReadonlyMap<string, ParameterValue>;

  protected constructor(parameters: ParameterValues, table: Readonly<Record<string, ParameterSpec>>, name: string) {
    const given = new Map<string, ParameterValue>();
    for (const [key, value] of Object.entries(parameters)) {
      const spec = table[key];
      if (!spec) throw new NonExistentParameterError(key, name, Object.keys(table));
      checkValueForm(name, key, spec.kind, value);
      given.set(key, value);
    }
    this.given = given;
  }
}

const LIF_TABLE = {
  cm: p(1.0, 'nF'),
  tau_refrac: p(0.1, 'ms'),
  v_reset: p(-65.0, 'mV'),
  v_rest: p(-65.0, 'mV'),
  tau_m: p(20.0, 'ms'),
  i_offset: p(0.0, 'nA'),
  v_thresh: p(-50.0, 'mV'),
};

const ADEXP_TABLE = {
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

export abstract class NeuronComponent extends Component {
  abstract readonly kind: PointNeuronSpec_Neuron;
  abstract readonly initialValues: Readonly<Record<string, { default: number; unit: string }>>;
}

export class LIF extends NeuronComponent {
  readonly componentName = 'LIF';
  readonly table = LIF_TABLE;
  readonly kind = PointNeuronSpec_Neuron.LIF;
  readonly initialValues = { v: { default: -65.0, unit: 'mV' } };
  constructor(parameters: ParameterValues = {}) {
    super(parameters, LIF_TABLE, 'LIF');
  }
}

export class AdExp extends NeuronComponent {
  readonly componentName = 'AdExp';
  readonly table = ADEXP_TABLE;
  readonly kind = PointNeuronSpec_Neuron.ADEXP;
  readonly initialValues = { v: { default: -70.6, unit: 'mV' }, w: { default: 0.0, unit: 'nA' } };
  constructor(parameters: ParameterValues = {}) {
    super(parameters, ADEXP_TABLE, 'AdExp');
  }
}

export abstract class PostSynapticResponse extends Component {
  abstract readonly kind: ReceptorSpec_Kind;
  /** The state variable: 'gsyn' (uS) for conductances, 'isyn' (nA) for currents. */
  abstract readonly stateVariable: 'gsyn' | 'isyn';
  get conductanceBased(): boolean {
    return this.stateVariable === 'gsyn';
  }
}

function psr(
  name: string,
  kind: ReceptorSpec_Kind,
  stateVariable: 'gsyn' | 'isyn',
  table: Record<string, ParameterSpec>,
) {
  const cls = class extends PostSynapticResponse {
    readonly componentName = name;
    readonly table = table;
    readonly kind = kind;
    readonly stateVariable = stateVariable;
    constructor(parameters: ParameterValues = {}) {
      super(parameters, table, name);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

export const CurrExpPostSynapticResponse = psr('CurrExpPostSynapticResponse', ReceptorSpec_Kind.CURR_EXP, 'isyn', {
  tau_syn: p(5.0, 'ms'),
});
export const CondExpPostSynapticResponse = psr('CondExpPostSynapticResponse', ReceptorSpec_Kind.COND_EXP, 'gsyn', {
  e_syn: p(0.0, 'mV'),
  tau_syn: p(5.0, 'ms'),
});
export const CondAlphaPostSynapticResponse = psr(
  'CondAlphaPostSynapticResponse',
  ReceptorSpec_Kind.COND_ALPHA,
  'gsyn',
  { e_syn: p(0.0, 'mV'), tau_syn: p(5.0, 'ms') },
);
export const CondBetaPostSynapticResponse = psr('CondBetaPostSynapticResponse', ReceptorSpec_Kind.COND_BETA, 'gsyn', {
  e_syn: p(0.0, 'mV'),
  tau_rise: p(0.2, 'ms'),
  tau_decay: p(1.7, 'ms'),
});
/** PyNN's short aliases. */
export const ExpPSR = CondExpPostSynapticResponse;
export const AlphaPSR = CondAlphaPostSynapticResponse;
export const BetaPSR = CondBetaPostSynapticResponse;

function compose(neuron: NeuronComponent, receptors: Record<string, PostSynapticResponse>): ModelSpec {
  const names = Object.keys(receptors).sort();
  for (const name of names) {
    if (!(receptors[name] instanceof PostSynapticResponse)) {
      throw new TypeError(`PointNeuron: receptor '${name}' must be a post-synaptic response component, e.g. CondExpPostSynapticResponse`);
    }
  }
  const kinds = new Set(names.map((n) => receptors[n]!.conductanceBased));
  if (kinds.size > 1) {
    throw new Error(
      `PointNeuron: cannot mix current-based and conductance-based post-synaptic responses (receptors: ${names.join(', ')})`,
    );
  }
  const parameters: Record<string, ParameterSpec> = { ...neuron.table };
  const recordables: Record<string, string> = { spikes: 'ms', v: 'mV' };
  if (neuron instanceof AdExp) recordables.w = 'nA';
  const initialValues: Record<string, { default: number; unit: string }> = { ...neuron.initialValues };
  for (const name of names) {
    const r = receptors[name]!;
    for (const [key, spec] of Object.entries(r.table)) parameters[`${name}.${key}`] = spec;
    const unit = r.conductanceBased ? 'uS' : 'nA';
    recordables[`${name}.${r.stateVariable}`] = unit;
    initialValues[`${name}.${r.stateVariable}`] = { default: 0.0, unit };
  }
  return Object.freeze({
    name: 'PointNeuron',
    parameters,
    recordables,
    initialValues,
    receptorTypes: Object.freeze(names),
    conductanceBased: names.length > 0 && kinds.has(true),
    voltageBasedSynapses: false,
    injectable: true,
    spikeSource: false,
  });
}

export class PointNeuron extends CellType {
  readonly neuron: NeuronComponent;
  readonly receptors: Readonly<Record<string, PostSynapticResponse>>;

  constructor(neuron: NeuronComponent, receptors: Record<string, PostSynapticResponse> = {}) {
    if (!(neuron instanceof NeuronComponent)) {
      throw new TypeError('PointNeuron: the first argument must be a neuron component (LIF or AdExp)');
    }
    const values: Record<string, ParameterValue> = {};
    for (const [k, v] of neuron.given) values[k] = v;
    const spec = compose(neuron, receptors);
    for (const name of Object.keys(receptors)) {
      for (const [k, v] of receptors[name]!.given) values[`${name}.${k}`] = v;
    }
    super(spec, values);
    this.neuron = neuron;
    this.receptors = Object.freeze({ ...receptors });
  }

  override pointNeuronSpec(): PointNeuronSpec {
    return {
      neuron: this.neuron.kind,
      receptors: [...this.receptorTypes].map((name) => ({ name, kind: this.receptors[name]!.kind })),
    };
  }
}
