// Distances and displacements between presynaptic cell i and postsynaptic cell j of one projection, under its
// Space (frontend/space): what JS functions of distance and of displacement are evaluated with.
import type { CellCollection } from '../core/interfaces.js';
import type { Space } from '../space/space.js';

export class PairGeometry {
  readonly preSize: number;
  readonly postSize: number;
  private readonly pre: { x: Float64Array; y: Float64Array; z: Float64Array };
  private readonly post: { x: Float64Array; y: Float64Array; z: Float64Array };

  constructor(
    pre: CellCollection,
    post: CellCollection,
    readonly space: Space,
  ) {
    this.pre = pre.positionsXYZ();
    this.post = post.positionsXYZ();
    this.preSize = pre.size;
    this.postSize = post.size;
  }

  distance(i: number, j: number): number {
    return this.space.distance(
      [this.pre.x[i]!, this.pre.y[i]!, this.pre.z[i]!],
      [this.post.x[j]!, this.post.y[j]!, this.post.z[j]!],
    );
  }

  /** Displacement post - pre along x, y, z (after the Space's scale and offset; periodic axes the short way). */
  displacement(i: number, j: number): [number, number, number] {
    return [
      this.space.displacement(0, this.pre.x[i]!, this.post.x[j]!),
      this.space.displacement(1, this.pre.y[i]!, this.post.y[j]!),
      this.space.displacement(2, this.pre.z[i]!, this.post.z[j]!),
    ];
  }
}
