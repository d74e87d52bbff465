// PyNN's connectors (pynn-api.md §5).
export { Connector, type ConnectorOptions } from './connector.js';
export type { AllowSelfConnections } from './self-connections.js';
export { DEFAULT_CONNECTOR_SEED } from './connector-rng.js';
export { AllToAllConnector, type AllToAllOptions } from './all-to-all.js';
export { OneToOneConnector } from './one-to-one.js';
export { FixedProbabilityConnector, type RandomConnectorOptions } from './fixed-probability.js';
export type { FixedNumberOptions } from './fixed-number.js';
export { FixedNumberPreConnector } from './fixed-number-pre.js';
export { FixedNumberPostConnector } from './fixed-number-post.js';
export { FixedTotalNumberConnector, type FixedTotalNumberOptions } from './fixed-total-number.js';
export { FromListConnector, type FromListOptions, type ConnectionRow } from './from-list.js';
export { FromFileConnector, parseConnectionFile, type FromFileOptions } from './from-file.js';
export { DistanceDependentProbabilityConnector, type DistanceProbability } from './distance-dependent-probability.js';
export { IndexBasedProbabilityConnector, type IndexProbability } from './index-based-probability.js';
export {
  DisplacementDependentProbabilityConnector,
  type DisplacementProbability,
} from './displacement-dependent-probability.js';
export { ArrayConnector, type ConnectionMask } from './array-connector.js';
export { CloneConnector } from './clone-connector.js';
export { SmallWorldConnector, type SmallWorldOptions } from './small-world.js';
