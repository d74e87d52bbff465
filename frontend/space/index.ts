// Space and structures (pyNN.space).
export { Space, type SpaceOptions, type AxesName, type PeriodicBoundaries, type Displacements } from './space.js';
export { distance, type DistanceOptions, type Point } from './distance.js';
export { BaseStructure, type StructureDescription } from './base-structure.js';
export { Line, type LineOptions } from './line.js';
export { Grid2D, type Grid2DOptions } from './grid2d.js';
export { Grid3D, type Grid3DOptions } from './grid3d.js';
export { RandomStructure, type RandomStructureOptions } from './random-structure.js';
export { Shape, Cuboid, Sphere } from './shapes.js';
export { positionCount, emptyPositions, type Positions, type PositionsLike } from './positions.js';
export type { FillOrder } from './structure-checks.js';
