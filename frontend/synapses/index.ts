// PyNN's synapse types (pynn-api.md §6).
export { SynapseType, ParameterizedComponent } from './synapse-type.js';
export type { SynapticValue, DistanceFunction, IndexFunction } from './synaptic-value.js';
export { StaticSynapse, type StaticSynapseParameters } from './static-synapse.js';
export { TsodyksMarkramSynapse, type TsodyksMarkramParameters } from './tsodyks-markram-synapse.js';
export { StochasticTsodyksMarkramSynapse } from './stochastic-tsodyks-markram-synapse.js';
export { SimpleStochasticSynapse, type SimpleStochasticParameters } from './simple-stochastic-synapse.js';
export { MultiQuantalSynapse, type MultiQuantalParameters } from './multi-quantal-synapse.js';
export { STDPMechanism, type STDPMechanismOptions } from './stdp-mechanism.js';
export { TimingDependence, SpikePairRule, Vogels2011Rule } from './timing-dependence.js';
export {
  WeightDependence,
  AdditiveWeightDependence,
  MultiplicativeWeightDependence,
  AdditivePotentiationMultiplicativeDepression,
  GutigWeightDependence,
} from './weight-dependence.js';
