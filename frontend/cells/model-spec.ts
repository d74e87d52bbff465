// The shape of one entry of the standard-model catalogue: names, defaults and units, as PyNN declares its
// standard models (default_parameters, default_initial_values, recordable, units, receptor_types, flags).

/** 'scalar': one number per cell; 'sequence': one list of numbers per cell (Sequence / ArrayParameter). */
export type ParameterKind = 'scalar' | 'sequence';

export interface ParameterSpec {
  readonly default: number | readonly number[];
  readonly unit: string;
  readonly kind: ParameterKind;
}

export interface ModelSpec {
  readonly name: string;
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** Recordable variables in PyNN order, with their units. */
  readonly recordables: Readonly<Record<string, string>>;
  /** State variables that `initialize` accepts, with their default initial values and units. */
  readonly initialValues: Readonly<Record<string, { readonly default: number; readonly unit: string }>>;
  readonly receptorTypes: readonly string[];
  readonly conductanceBased: boolean;
  readonly voltageBasedSynapses: boolean;
  readonly injectable: boolean;
  /** True for spike sources (SpikeSourcePoisson, SpikeSourceArray, ...). */
  readonly spikeSource: boolean;
}

/** A scalar parameter with its unit. */
export function p(value: number, unit: string): ParameterSpec {
  return { default: value, unit, kind: 'scalar' };
}

/** A Sequence-valued parameter with its unit. */
export function seq(values: readonly number[], unit: string): ParameterSpec {
  return { default: Object.freeze([...values]), unit, kind: 'sequence' };
}
