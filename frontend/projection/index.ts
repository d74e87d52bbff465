// PyNN's Projection and what it needs to reach the engine.
export { Projection, type ProjectionOptions, type GetOptions, type GetFormat, type SaveOptions } from './projection.js';
export { Connection } from './connection.js';
export type { ProjectionBackendAccess } from './backend-access.js';
export type { MultipleSynapses } from './connection-table.js';
export type { ProjectionBuildContext } from './build-context.js';
