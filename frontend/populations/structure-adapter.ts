// Positions of a Population come from a structure of frontend/space (Line, Grid2D, Grid3D, RandomStructure).
// This file is the one place that knows that module's shape: a size tuple's structure, positions, the message.
import type { Structure } from '../generated/tsnn/v1/model.js';
import { Grid2D, Grid3D, Line } from '../space/index.js';
import type { SimulationState } from '../simulation/state.js';

/** A structure: positions for n cells and its contract message. */
export interface StructureLike {
  generatePositions(n: number): { readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly z: ArrayLike<number> };
  toMessage(): Structure;
}

/** TypeError unless `structure` is one (PyNN asserts isinstance(structure, BaseStructure)). */
export function checkStructure(label: string, structure: unknown): asserts structure is StructureLike {
  if (typeof (structure as Partial<StructureLike> | null)?.generatePositions !== 'function') {
    throw new TypeError(`Population '${label}': structure must be a structure such as new Line() or new Grid2D(), got ${String(structure)}`);
  }
}

/** PyNN: a 1-D size tuple gives a Line, 2-D a Grid2D with aspect nx/ny, 3-D a Grid3D; more is an error. */
export function structureForShape(label: string, shape: readonly number[]): StructureLike {
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new TypeError(`Population '${label}': a size tuple must hold 1 to 3 non-negative integers, got [${shape.join(', ')}]`);
  }
  if (shape.length === 1) return new Line();
  if (shape.length === 2) return new Grid2D({ aspectRatio: shape[0]! / shape[1]! });
  if (shape.length === 3) {
    return new Grid3D({ aspectRatioXY: shape[0]! / shape[1]!, aspectRatioXZ: shape[0]! / shape[2]! });
  }
  throw new Error(`Population '${label}': size tuples with ${shape.length} dimensions are not supported (1 to 3 allowed)`);
}

export function positionsFromStructure(
  label: string,
  structure: StructureLike,
  n: number,
): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const p = structure.generatePositions(n);
  if (p.x.length !== n || p.y.length !== n || p.z.length !== n) {
    throw new Error(`Population '${label}': the structure gave positions for ${p.x.length} cells instead of ${n}`);
  }
  return { x: Float64Array.from(p.x), y: Float64Array.from(p.y), z: Float64Array.from(p.z) };
}

export function structureMessage(structure: StructureLike, _state: SimulationState): Structure {
  return structure.toMessage();
}
