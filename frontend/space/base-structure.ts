// What every PyNN structure (Line, Grid2D, Grid3D, RandomStructure) offers: positions for n cells, its
// parameters, a description and the contract's Structure message.
import type { Structure } from '../generated/tsnn/v1/model.js';
import type { Positions } from './positions.js';

export interface StructureDescription {
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export abstract class BaseStructure {
  /** PyNN's parameter_names, in PyNN's order. */
  abstract readonly parameterNames: readonly string[];

  /** Positions of n cells (PyNN's 3×n array as x, y, z arrays). */
  abstract generatePositions(n: number): Positions;

  abstract toMessage(): Structure;

  getParameters(): Record<string, unknown> {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(this.parameterNames.map((name) => [name, self[name]]));
  }

  /** A text description; with template null, the context object { name, parameters } as PyNN. */
  describe(template?: string | null): string | StructureDescription {
    const context: StructureDescription = { name: this.constructor.name, parameters: this.getParameters() };
    if (template === null) return context;
    const lines = Object.entries(context.parameters).map(([name, value]) => `    ${name}: ${formatValue(value)}`);
    return [`Structure   : ${context.name}`, ...lines].join('\n');
  }

  toString(): string {
    const items = Object.entries(this.getParameters()).map(([name, value]) => `${name}=${formatValue(value)}`);
    return `${this.constructor.name}(${items.join(', ')})`;
  }
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `(${value.map(formatValue).join(', ')})`;
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'None';
  return String(value);
}
