// PyNN's ID: one cell of a Population, numbered globally. `cell.tau_m` reads and `cell.tau_m = 20` writes the
// parameter (an unknown name → NonExistentParameterError), as in PyNN; `+cell` is the global ID number.
import type { Sequence } from '../random/sequence.js';
import { NonExistentParameterError, ValueError } from '../errors.js';
import type { CellType } from '../cells/cell-type.js';
import type { ParameterValue } from '../cells/parameter-values.js';

/** What an ID needs from its Population. */
export interface IdParent {
  readonly label: string;
  readonly firstId: number;
  readonly celltype: CellType;
  readCell(name: string, index: number): number | Sequence;
  writeCells(values: Record<string, ParameterValue>, indices: readonly number[]): void;
  initializeCells(values: Record<string, ParameterValue>, indices: readonly number[]): void;
  positionOf(index: number): [number, number, number];
  setPositionOf(index: number, position: readonly number[]): void;
  injectCells(source: unknown, indices: readonly number[]): void;
  viewOf(indices: readonly number[]): unknown;
}

export class ID {
  /** The cell's index within its population. */
  readonly index: number;
  readonly parent: IdParent;
  [parameter: string]: unknown;

  constructor(parent: IdParent, index: number) {
    this.parent = parent;
    this.index = index;
    return new Proxy(this, {
      get(target, key, receiver) {
        if (typeof key === 'string' && !(key in target) && target.isParameterName(key)) {
          return target.parent.readCell(key, target.index);
        }
        return Reflect.get(target, key, receiver);
      },
      set(target, key, value, receiver) {
        if (typeof key === 'string' && !(key in target)) {
          if (!target.isParameterName(key)) {
            throw new NonExistentParameterError(key, target.celltype.name, target.celltype.getParameterNames());
          }
          target.parent.writeCells({ [key]: value as ParameterValue }, [target.index]);
          return true;
        }
        return Reflect.set(target, key, value, receiver);
      },
    });
  }

  private isParameterName(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.parent.celltype.spec.parameters, name);
  }

  /** The global ID number. */
  get id(): number {
    return this.parent.firstId + this.index;
  }
  valueOf(): number {
    return this.id;
  }
  toString(): string {
    return String(this.id);
  }
  get celltype(): CellType {
    return this.parent.celltype;
  }
  /** Always true: there is one process. */
  get local(): boolean {
    return true;
  }

  getParameters(): Record<string, number | Sequence> {
    const out: Record<string, number | Sequence> = {};
    for (const name of this.celltype.getParameterNames()) out[name] = this.parent.readCell(name, this.index);
    return out;
  }
  setParameters(values: Record<string, ParameterValue>): void {
    this.parent.writeCells(values, [this.index]);
  }
  /** PyNN's ID has no set(); it raises AttributeError. */
  set(): never {
    throw new TypeError(`ID ${this.id}: IDs have no set(); use setParameters({...}) or assign the attribute`);
  }
  getInitialValue(variable: string): number {
    // A parameter name still reads the parameter; an unknown name lists the state variables, not the parameters.
    const { initialValues, parameters } = this.celltype.spec;
    const has = (names: object) => Object.prototype.hasOwnProperty.call(names, variable);
    if (!has(initialValues) && !has(parameters)) {
      throw new NonExistentParameterError(variable, `${this.celltype.name} (state variables)`, Object.keys(initialValues));
    }
    return this.parent.readCell(variable, this.index) as number;
  }
  setInitialValue(variable: string, value: number): void {
    this.parent.initializeCells({ [variable]: value }, [this.index]);
  }
  /** PyNN's is_standard_cell: every tsnn cell type is a standard one (or a PointNeuron composed of them). */
  get isStandardCell(): boolean {
    return true;
  }

  get position(): [number, number, number] {
    return this.parent.positionOf(this.index);
  }
  set position(position: readonly number[]) {
    // PyNN asserts a tuple or array of length 3; a shorter one would be zero-filled here.
    if (!Array.isArray(position) && !(ArrayBuffer.isView(position) && !(position instanceof DataView))) {
      throw new TypeError(`ID ${this.id}: position must be an array [x, y, z], got ${String(position)}`);
    }
    if (position.length !== 3) {
      throw new ValueError(`ID ${this.id}: position must have 3 coordinates [x, y, z], got ${position.length}`);
    }
    this.parent.setPositionOf(this.index, position);
  }
  inject(source: unknown): void {
    this.parent.injectCells(source, [this.index]);
  }
  /** A PopulationView holding just this cell. */
  asView(): unknown {
    return this.parent.viewOf([this.index]);
  }
  equals(other: unknown): boolean {
    return other instanceof ID ? other.id === this.id : other === this.id;
  }
}

/** Resolves an ID object or a global ID number to its number. */
export function idNumber(id: ID | number): number {
  return typeof id === 'number' ? id : id.id;
}
