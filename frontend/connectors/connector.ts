// The base of every connector: PyNN's common arguments (safe) and describe(). A connector is a rule; it becomes a
// contract Connector message for one projection (toMessage), and each engine expands the rule itself.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { checkOptionKeys } from '../core/option-keys.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';

export interface ConnectorOptions {
  /** PyNN's `safe`: check weight signs against the receptor type (default true). */
  safe?: boolean;
}

// PyNN keywords every connector takes that have no meaning here, refused with the reason rather than as unknown.
const unavailableConnectorOptions: ReadonlyArray<readonly [string, string]> = [
  ['callback', 'connections are made inside the engine, which reports no progress while it builds them'],
  ['locationSelector', 'tsnn has point neurons only'],
  ['location_selector', 'tsnn has point neurons only'],
];

/** Whether presynaptic cell i and postsynaptic cell j may be connected. */
export type PairFilter = (i: number, j: number) => boolean;

export abstract class Connector {
  readonly safe: boolean;

  /** `allowed`: the subclass's own option keys, beside `safe`. */
  constructor(options: ConnectorOptions = {}, allowed: readonly string[] = []) {
    const owner = new.target.name;
    for (const [key, why] of unavailableConnectorOptions) {
      if (options !== null && typeof options === 'object' && key in options) {
        throw new TypeError(`${owner}: option '${key}' is not available: ${why}`);
      }
    }
    checkOptionKeys(owner, options, ['safe', ...allowed]);
    if (options.safe !== undefined && typeof options.safe !== 'boolean') {
      throw new TypeError(`${new.target.name}: 'safe' must be true or false, got ${String(options.safe)}`);
    }
    this.safe = options.safe ?? true;
  }

  /** The PyNN class name (kept explicit so that minified builds still describe themselves). */
  abstract readonly connectorName: string;

  /** The rule for one projection; throws PyNN's errors where the rule does not fit the pre and post cells. */
  abstract toMessage(ctx: ProjectionBuildContext): ConnectorMessage;

  /**
   * The pairs this rule can connect, where it is not every pair: the weight-sign checks look only at the weights of
   * those (PyNN checks the connections made). Undefined: any pair may be connected.
   */
  possiblePairs(_ctx: ProjectionBuildContext): PairFilter | undefined {
    return undefined;
  }

  /** The connector's own arguments, PyNN names, for describe(). */
  protected abstract describeParameters(): Record<string, unknown>;

  /**
   * A one-line text, e.g. "FixedProbabilityConnector(p_connect=0.1, allow_self_connections=true)"; with
   * `template` null, PyNN's describe(template=None): the name and parameters.
   */
  describe(template: null): Record<string, unknown>;
  describe(template?: string): string;
  describe(template?: string | null): string | Record<string, unknown> {
    if (template === null) return { name: this.connectorName, parameters: this.describeParameters() };
    const args = Object.entries(this.describeParameters())
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${formatArgument(v)}`);
    return `${this.connectorName}(${args.join(', ')})`;
  }
}

function formatArgument(value: unknown): string {
  if (typeof value === 'function') return 'function';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    // RNGs and distributions have their own PyNN-like toString().
    if (value.toString !== Object.prototype.toString && !Array.isArray(value)) return String(value);
    const name = (value as object).constructor?.name;
    if (name && name !== 'Object' && name !== 'Array') return name;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** The message fields every connector shares, with no rule set yet. */
export function baseMessage(connector: Connector): ConnectorMessage {
  return { rule: undefined, rng: undefined, safe: connector.safe, sourceFile: '' };
}
