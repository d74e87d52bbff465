// A cell type instance (PyNN's `IF_cond_exp(tau_m=15)`): a catalogue entry plus the values the script gave.
// Values are checked for name and form here; their number (one per cell) is checked when a Population is made.
import { NonExistentParameterError } from '../errors.js';
import type { CellTypeInfo } from '../core/interfaces.js';
import type { PointNeuronSpec } from '../generated/tsnn/v1/model.js';
import type { ModelSpec } from './model-spec.js';
import { checkValueForm, type ParameterValue } from './parameter-values.js';

export type ParameterValues = Readonly<Record<string, ParameterValue>>;

export class CellType implements CellTypeInfo {
  readonly spec: ModelSpec;
  private readonly given = new Map<string, ParameterValue>();

  constructor(spec: ModelSpec, parameters: ParameterValues = {}) {
    this.spec = spec;
    if (parameters === null || typeof parameters !== 'object') {
      throw new TypeError(`${spec.name}: parameters must be an object of name: value, got ${String(parameters)}`);
    }
    for (const [name, value] of Object.entries(parameters)) {
      const pspec = spec.parameters[name];
      if (!pspec) throw new NonExistentParameterError(name, spec.name, Object.keys(spec.parameters));
      checkValueForm(spec.name, name, pspec.kind, value);
      this.given.set(name, value);
    }
  }

  get name(): string {
    return this.spec.name;
  }
  get receptorTypes(): readonly string[] {
    return this.spec.receptorTypes;
  }
  get conductanceBased(): boolean {
    return this.spec.conductanceBased;
  }
  get voltageBasedSynapses(): boolean {
    return this.spec.voltageBasedSynapses;
  }
  get injectable(): boolean {
    return this.spec.injectable;
  }
  /** Recordable variable names in PyNN order. */
  get recordable(): string[] {
    return Object.keys(this.spec.recordables);
  }
  /** Units of every parameter, state variable and recordable. */
  get units(): Record<string, string> {
    const units: Record<string, string> = {};
    for (const [n, s] of Object.entries(this.spec.parameters)) units[n] = s.unit;
    for (const [n, s] of Object.entries(this.spec.initialValues)) units[n] = s.unit;
    for (const [n, u] of Object.entries(this.spec.recordables)) units[n] = u;
    return units;
  }
  get defaultParameters(): Record<string, number | number[]> {
    const out: Record<string, number | number[]> = {};
    for (const [n, s] of Object.entries(this.spec.parameters)) {
      out[n] = typeof s.default === 'number' ? s.default : [...s.default];
    }
    return out;
  }
  get defaultInitialValues(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [n, s] of Object.entries(this.spec.initialValues)) out[n] = s.default;
    return out;
  }

  getParameterNames(): string[] {
    return Object.keys(this.spec.parameters);
  }

  /** PyNN's has_parameter. */
  hasParameter(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.spec.parameters, name);
  }

  canRecord(variable: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.spec.recordables, variable);
  }

  /** The value the script gave for `name`, or the default. */
  parameterValue(name: string): ParameterValue {
    const pspec = this.spec.parameters[name];
    if (!pspec) throw new NonExistentParameterError(name, this.spec.name, Object.keys(this.spec.parameters));
    const given = this.given.get(name);
    if (given !== undefined) return given;
    return typeof pspec.default === 'number' ? pspec.default : [...pspec.default];
  }

  /** The values the script gave (not the defaults). */
  get parameterSpace(): ReadonlyMap<string, ParameterValue> {
    return this.given;
  }

  /** The composition of a PointNeuron; undefined for the fixed standard models. */
  pointNeuronSpec(): PointNeuronSpec | undefined {
    return undefined;
  }

  describe(): string {
    const given = [...this.given.keys()];
    return `${this.name}${given.length ? ` (changed from defaults: ${given.join(', ')})` : ''}`;
  }
}
