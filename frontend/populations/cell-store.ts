// The per-cell parameter and initial values of one Population: what `get` reads, what `set`/`initialize` write,
// and what becomes the CellType message. Values are stored expanded (one per cell) once the population exists.
import { InvalidParameterValueError, NonExistentParameterError } from '../errors.js';
import type { CellType } from '../cells/cell-type.js';
import { parameterRangeProblem, voltageOrderProblem } from '../cells/parameter-ranges.js';
import { expandValue, type CellValues } from '../cells/parameter-values.js';
import type { Value } from '../generated/tsnn/v1/model.js';

export class CellStore {
  readonly parameters = new Map<string, CellValues>();
  readonly initialValues = new Map<string, Float64Array>();

  constructor(
    readonly celltype: CellType,
    readonly size: number,
    initialValues: Readonly<Record<string, unknown>>,
    private readonly owner: string,
  ) {
    const all = Array.from({ length: size }, (_, i) => i);
    for (const name of celltype.getParameterNames()) {
      const kind = celltype.spec.parameters[name]!.kind;
      const values = expandValue(`${owner} (${celltype.name})`, name, kind, celltype.parameterValue(name), all);
      this.checkConstraints(name, values);
      this.parameters.set(name, values);
    }
    this.checkVoltageOrder(all, (name, cell) => (this.parameters.get(name) as Float64Array)[cell]!);
    for (const [name, spec] of Object.entries(celltype.spec.initialValues)) {
      this.initialValues.set(name, new Float64Array(size).fill(spec.default));
    }
    this.writeInitialValues(initialValues, all);
  }

  /** Writes parameter values for the cells at `indices`; returns the expanded values (one per selected cell). */
  writeParameters(values: Readonly<Record<string, unknown>>, indices: readonly number[]): Map<string, CellValues> {
    const expanded = new Map<string, CellValues>();
    for (const [name, value] of Object.entries(values)) {
      const spec = this.celltype.spec.parameters[name];
      if (!spec) throw new NonExistentParameterError(name, this.celltype.name, this.celltype.getParameterNames());
      const cellValues = expandValue(`${this.owner} (${this.celltype.name})`, name, spec.kind, value, indices);
      this.checkConstraints(name, cellValues);
      expanded.set(name, cellValues);
    }
    const position = new Map(indices.map((cell, k) => [cell, k]));
    this.checkVoltageOrder(indices, (name, cell) => {
      const given = expanded.get(name) as Float64Array | undefined;
      return given !== undefined ? given[position.get(cell)!]! : (this.parameters.get(name) as Float64Array)[cell]!;
    });
    for (const [name, cellValues] of expanded) {
      const stored = this.parameters.get(name)!;
      indices.forEach((cell, k) => {
        if (stored instanceof Float64Array) stored[cell] = (cellValues as Float64Array)[k]!;
        else stored[cell] = [...(cellValues as number[][])[k]!];
      });
    }
    return expanded;
  }

  writeInitialValues(values: Readonly<Record<string, unknown>>, indices: readonly number[]): Map<string, Float64Array> {
    const expanded = new Map<string, Float64Array>();
    for (const [name, value] of Object.entries(values)) {
      if (!this.initialValues.has(name)) {
        throw new NonExistentParameterError(name, this.celltype.name, [...this.initialValues.keys()]);
      }
      const cellValues = expandValue(`${this.owner} (${this.celltype.name})`, name, 'scalar', value, indices) as Float64Array;
      const problem = parameterRangeProblem(cellValues);  // any finite number
      if (problem) {
        throw new InvalidParameterValueError(`${this.owner} (${this.celltype.name}): initial value '${name}' ${problem}`);
      }
      expanded.set(name, cellValues);
    }
    for (const [name, cellValues] of expanded) {
      const stored = this.initialValues.get(name)!;
      indices.forEach((cell, k) => (stored[cell] = cellValues[k]!));
    }
    return expanded;
  }

  /** Values of `name` (a parameter or a state variable) for the cells at `indices`. */
  read(name: string, indices: readonly number[]): CellValues {
    const param = this.parameters.get(name);
    if (param) {
      return param instanceof Float64Array
        ? Float64Array.from(indices, (i) => param[i]!)
        : indices.map((i) => [...param[i]!]);
    }
    const init = this.initialValues.get(name);
    if (init) return Float64Array.from(indices, (i) => init[i]!);
    throw new NonExistentParameterError(name, this.celltype.name, this.celltype.getParameterNames());
  }

  private checkVoltageOrder(cells: readonly number[], value: (name: string, cell: number) => number): void {
    const problem = voltageOrderProblem(new Set(this.parameters.keys()), cells, value);
    if (problem) throw new InvalidParameterValueError(`${this.owner} (${this.celltype.name}) ${problem}`);
  }

  private checkConstraints(name: string, values: CellValues): void {
    if (values instanceof Float64Array) {
      const problem = parameterRangeProblem(values, this.celltype.name, name);
      if (problem) throw new InvalidParameterValueError(`${this.owner} (${this.celltype.name}): parameter '${name}' ${problem}`);
    }
    // PyNN rejects unsorted and negative spike times when the population is made or set (the engine would refuse
    // them only at the next run).
    if (this.celltype.name === 'SpikeSourceArray' && name === 'spike_times') {
      (values as number[][]).forEach((times, cell) => {
        const bad = times.find((t) => !Number.isFinite(t) || t < 0);
        if (bad !== undefined) {
          throw new InvalidParameterValueError(
            `${this.owner} (SpikeSourceArray): spike times must be finite and >= 0 ms; cell ${cell} has ${bad}`,
          );
        }
        for (let k = 1; k < times.length; k++) {
          if (times[k]! < times[k - 1]!) {
            throw new InvalidParameterValueError(
              `${this.owner} (SpikeSourceArray): spike_times must be sorted in increasing order; cell ${cell} has ${times[k - 1]} before ${times[k]}`,
            );
          }
        }
      });
    }
  }
}

/** The contract's Value for per-cell values: a scalar when every cell has the same number. */
/**
 * An endless spike-source duration (Infinity, the only infinite value a cell parameter may hold) travels as the
 * largest double: the engine takes finite values only, and start + Number.MAX_VALUE is still past every time.
 */
const finiteForEngine = (x: number) => (x === Infinity ? Number.MAX_VALUE : x);

export function cellValuesToMessage(values: CellValues): Value {
  if (values instanceof Float64Array) {
    const first = values[0];
    if (values.length > 0 && values.every((v) => Object.is(v, first))) {
      return { kind: { $case: 'scalar', value: finiteForEngine(first!) } };
    }
    return { kind: { $case: 'array', value: { values: Array.from(values, finiteForEngine) } } };
  }
  const first = values[0];
  const same =
    first !== undefined && values.every((s) => s.length === first.length && s.every((v, k) => v === first[k]));
  const items = same ? [{ values: [...first] }] : values.map((s) => ({ values: [...s] }));
  return { kind: { $case: 'sequences', value: { items } } };
}
