// The base of every synapse type: a table of PyNN parameter names with defaults, the values a script gave, the
// checks on them, and the contract Synapse message for one projection. Subclasses only add their table and the
// `dynamics` part of the message.
import type { Synapse as SynapseMessage, Value } from '../generated/tsnn/v1/model.js';
import { InvalidParameterValueError, NonExistentParameterError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { checkSynapticValue, formatSynapticValue, synapticValueMessage, type SynapticValue } from './synaptic-value.js';

/** Default of each parameter; `undefined` for delay means "the simulation's min delay". */
export type ParameterDefaults = Readonly<Record<string, number | undefined>>;

export type SynapseParameters = Readonly<Record<string, SynapticValue | undefined>>;

/** Allowed numbers of a parameter, checked on numbers given directly (scalars and arrays). */
export interface ParameterRange {
  min?: number;
  max?: number;
  /** min is exclusive (e.g. time constants that divide). */
  above?: number;
  integer?: boolean;
  finite?: boolean;
}

export type ParameterRanges = Readonly<Record<string, ParameterRange>>;

function describeRange(range: ParameterRange): string {
  const parts: string[] = [];
  if (range.integer) parts.push('an integer');
  if (range.finite) parts.push('finite');
  if (range.above !== undefined) parts.push(`> ${range.above}`);
  if (range.min !== undefined) parts.push(`≥ ${range.min}`);
  if (range.max !== undefined) parts.push(`≤ ${range.max}`);
  return parts.join(', ');
}

function inRange(v: number, range: ParameterRange): boolean {
  if (Number.isNaN(v)) return true; // NaN marks "no connection" in pre × post arrays
  if (range.integer && !Number.isInteger(v)) return false;
  if (range.finite && !Number.isFinite(v)) return false;
  if (range.above !== undefined && !(v > range.above)) return false;
  if (range.min !== undefined && !(v >= range.min)) return false;
  if (range.max !== undefined && !(v <= range.max)) return false;
  return true;
}

/** Every number given directly in a value: the scalar, or the entries of a 1-D or 2-D array. */
export function directNumbers(value: SynapticValue): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap((x: unknown) => (typeof x === 'number' ? [x] : Array.from(x as ArrayLike<number>)));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return [];
}

/** The first number given directly in `value` outside `range`, as the reason to refuse it; undefined if none. */
function rangeProblemOf(name: string, value: SynapticValue, range: ParameterRange | undefined): string | undefined {
  const bad = range ? directNumbers(value).find((v) => !inRange(v, range)) : undefined;
  return range && bad !== undefined ? `${name} must be ${describeRange(range)}, got ${bad}` : undefined;
}

/** A part with its own PyNN parameters: a synapse type, a timing rule or a weight dependence. */
export abstract class ParameterizedComponent {
  /** PyNN class name. */
  abstract readonly modelName: string;
  /** The parameters, defaults filled in. */
  readonly parameters: Readonly<Record<string, SynapticValue | undefined>>;

  protected constructor(owner: string, defaults: ParameterDefaults, given: object | undefined, ranges: ParameterRanges = {}) {
    if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
      throw new TypeError(`${owner}: parameters must be an object of PyNN names, e.g. { weight: 0.5 }`);
    }
    const values: Record<string, SynapticValue | undefined> = { ...defaults };
    for (const [name, value] of Object.entries(given ?? {})) {
      if (!Object.hasOwn(defaults, name)) throw new NonExistentParameterError(name, owner, Object.keys(defaults));
      // null is PyNN's None where the default is "unset" (delay=None: the min delay).
      if (value === undefined || (value === null && defaults[name] === undefined)) continue;
      values[name] = checkSynapticValue(owner, name, value);
      const problem = rangeProblemOf(name, values[name]!, ranges[name]);
      if (problem) throw new InvalidParameterValueError(`${owner}: ${problem}`);
    }
    this.parameters = Object.freeze(values);
    this.ranges = ranges;
  }

  /** The allowed range of each parameter that has one. */
  protected readonly ranges: ParameterRanges;

  /**
   * The first number given directly in `value` outside the range of attribute `name`, as the reason to refuse it
   * ("U must be ≥ 0, ≤ 1, got 2"); undefined when all are allowed or the attribute has no range here.
   */
  rangeProblem(name: string, value: SynapticValue): string | undefined {
    return rangeProblemOf(name, value, this.attributeRange(name));
  }

  attributeRange(name: string): ParameterRange | undefined {
    return this.ranges[name];
  }

  get parameterNames(): string[] {
    return Object.keys(this.parameters);
  }

  /** PyNN's get_parameter_names(), as cell types have it (an STDPMechanism lists its components' too). */
  getParameterNames(): string[] {
    return this.parameterNames;
  }

  /** PyNN's has_parameter(name). */
  hasParameter(name: string): boolean {
    return this.parameterNames.includes(name);
  }

  /** The value of one parameter as given (or its default). */
  getParameter(name: string): SynapticValue | undefined {
    if (!Object.hasOwn(this.parameters, name)) {
      throw new NonExistentParameterError(name, this.modelName, this.parameterNames);
    }
    return this.parameters[name];
  }

  /** The Value message of one parameter; only delay may be unset (then: the min delay). */
  protected valueMessage(name: string, ctx: ProjectionBuildContext): Value {
    const value = this.parameters[name];
    if (value === undefined) return { kind: { $case: 'scalar', value: ctx.minDelay } };
    return synapticValueMessage(this.modelName, name, value, ctx);
  }

  /** A one-line text; with `template` null, PyNN's describe(template=None): the name and parameters. */
  describe(template: null): Record<string, unknown>;
  describe(template?: string): string;
  describe(template?: string | null): string | Record<string, unknown> {
    if (template === null) return { name: this.modelName, parameters: { ...this.parameters } };
    const args = Object.entries(this.parameters).map(([k, v]) => `${k}=${formatSynapticValue(v)}`);
    return `${this.modelName}(${args.join(', ')})`;
  }
}

export abstract class SynapseType extends ParameterizedComponent {
  /** Synaptic state variables and their initial values (Tsodyks–Markram: u = 0). */
  get stateVariables(): Readonly<Record<string, number>> {
    return {};
  }

  /** Every name Projection.get/set/FromListConnector accept: parameters, then state variables. */
  get attributeNames(): string[] {
    return [...this.parameterNames, ...Object.keys(this.stateVariables)];
  }

  /** Parameters' ranges, and the state variables': u a probability, a a whole number of sites (≤ n: the engine). */
  override attributeRange(name: string): ParameterRange | undefined {
    if (Object.hasOwn(this.stateVariables, name)) return STATE_RANGES[name];
    return super.attributeRange(name);
  }

  /** The Synapse message of one projection: weight, delay (min delay when not given) and the dynamics. */
  toMessage(ctx: ProjectionBuildContext): SynapseMessage {
    return {
      weight: this.valueMessage('weight', ctx),
      delay: this.valueMessage('delay', ctx),
      dynamics: this.dynamicsMessage(ctx),
    };
  }

  protected abstract dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'];
}

/** weight and delay, with PyNN's defaults (0.0 and the min delay), shared by every synapse type here. */
export const WEIGHT_AND_DELAY: ParameterDefaults = Object.freeze({ weight: 0.0, delay: undefined });

/** Ranges shared by the synapse types: delays are not negative (the engine also refuses delays below dt). */
export const DELAY_RANGE: ParameterRanges = Object.freeze({ delay: { min: 0, finite: true } });

/** Tsodyks–Markram style parameters: U a probability, tau_rec > 0 (it divides), tau_facil ≥ 0 (0: none). */
const STATE_RANGES: ParameterRanges = Object.freeze({ u: { min: 0, max: 1 }, a: { min: 0, integer: true } });

export const SHORT_TERM_RANGES: ParameterRanges = Object.freeze({
  ...DELAY_RANGE,
  U: { min: 0, max: 1 },
  tau_rec: { above: 0 },
  tau_facil: { min: 0 },
});
