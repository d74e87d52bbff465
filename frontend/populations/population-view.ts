// PyNN's PopulationView: a subset of a Population's cells (slice, mask or index list), possibly of another view.
// Everything it does acts on the root population's cells, so changes propagate to the parent.
import { IndexError } from '../errors.js';
import { sortedIndexOf } from '../core/sorted-index.js';
import { BasePopulation, collectionFactories } from './base-population.js';
import type { Population } from './population.js';
import { resolveSelector, type Selector } from './selector.js';

export class PopulationView extends BasePopulation {
  label: string;
  /** The Population or PopulationView this view was taken from. */
  readonly parent: BasePopulation;
  readonly root: Population;
  readonly rootIndices: readonly number[];
  /** Indices of the view's cells within `parent`. */
  readonly mask: readonly number[];

  /** `selector` as PyNN's: a slice, a boolean mask or an index array (sorted and made unique, as by `view()`). */
  constructor(parent: BasePopulation, selector: Selector, label?: string) {
    super();
    const indicesInParent = resolveSelector(parent.label, selector, parent.size);
    this.parent = parent;
    this.root = parent.root;
    this.mask = Object.freeze([...indicesInParent]);
    this.rootIndices = Object.freeze(indicesInParent.map((i) => parent.rootIndices[i]!));
    this.label = label ?? `view of '${parent.label}' with size ${this.rootIndices.length}`;
    return this.withIndexAccess();
  }

  /** The root population's structure, read only (PyNN's view has no setter: assigning one is a TypeError). */
  get structure(): Population['structure'] {
    return this.root.structure;
  }

  /** Read only, as PyNN's PopulationView.positions (a property without setter); one cell's `position` may be set. */
  override get positions(): [number[], number[], number[]] {
    return super.positions;
  }
  override set positions(_positions: readonly (readonly number[])[]) {
    throw new TypeError(
      `${this.label}: a PopulationView's positions are read only (as in PyNN); set them on the Population ` +
        `'${this.root.label}', or set view[i].position for one cell`,
    );
  }

  /** The Population at the top of a chain of views. */
  get grandparent(): Population {
    return this.root;
  }

  /** Index in the root population of the cell at `index` in this view (IndexError beyond it, as PyNN's). */
  indexInGrandparent(index: number | readonly number[]): number | number[] {
    const one = (i: number) => {
      const cell = this.rootIndices[i];
      if (!Number.isInteger(i) || cell === undefined) {
        throw new IndexError(`${this.label}: index ${i} is out of range for a view of ${this.size} cells`);
      }
      return cell;
    };
    return typeof index === 'number' ? one(index) : index.map(one);
  }

  /** Index in this view of the cell at `index` in the parent (IndexError when the view does not hold it, as PyNN's). */
  indexFromParentIndex(index: number | readonly number[]): number | number[] {
    const one = (i: number) => {
      const k = sortedIndexOf(this.mask, i);
      if (k < 0) throw new IndexError(`${this.label}: the parent's cell ${i} is not in this view`);
      return k;
    };
    return typeof index === 'number' ? one(index) : index.map(one);
  }

  /** PyNN's `==`: same root population and same cells. */
  equals(other: unknown): boolean {
    return (
      other instanceof PopulationView &&
      other.root === this.root &&
      other.rootIndices.length === this.rootIndices.length &&
      other.rootIndices.every((v, i) => v === this.rootIndices[i])
    );
  }
}

collectionFactories.view = (parent, indices, label) => new PopulationView(parent, indices, label);
