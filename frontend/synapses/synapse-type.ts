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

/** A part with its own PyNN parameters: a synapse type, a timing rule or a weight dependence. */
export abstract class ParameterizedComponent {
  /** PyNN class name. */
  abstract readonly modelName: string;
  /** The parameters, defaults filled in. */
  readonly parameters: Readonly<Record<string, SynapticValue | undefined>>;

  protected constructor(owner: string, defaults: ParameterDefaults, given: object | undefined) {
    if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
      throw new TypeError(`${owner}: parameters must be an object of PyNN names, e.g. { weight: 0.5 }`);
    }
    const values: Record<string, SynapticValue | undefined> = { ...defaults };
    for (const [name, value] of Object.entries(given ?? {})) {
      if (!Object.hasOwn(defaults, name)) throw new NonExistentParameterError(name, owner, Object.keys(defaults));
      if (value === undefined) continue;
      values[name] = checkSynapticValue(owner, name, value);
    }
    this.parameters = Object.freeze(values);
  }

  get parameterNames(): string[] {
    return Object.keys(this.parameters);
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

  describe(): string {
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

/** A scalar delay must be a non-negative finite number of ms. */
export function checkScalarDelay(owner: string, delay: SynapticValue | undefined): void {
  if (typeof delay === 'number' && !(delay >= 0 && Number.isFinite(delay))) {
    throw new InvalidParameterValueError(`${owner}: delay must be a finite number of ms ≥ 0, got ${delay}`);
  }
}
