// Everything a PyNN-style script uses, except setup() (each entry point — tsnn, tsnn/wasm, tsnn/grpc — adds its
// own, choosing its backend). Names are PyNN's; methods are camelCase.
export * from './errors.js';
export { EngineError, type Backend } from './backend/backend.js';
export { setWarningHandler, type WarningHandler } from './core/warnings.js';

// Cell types (pyNN.standardmodels.cells) and composed point neurons.
export * from './cells/standard-cell-types.js';
export { CellType, type ParameterValues } from './cells/cell-type.js';
export type { ParameterValue } from './cells/parameter-values.js';
export {
  PointNeuron,
  LIF,
  AdExp,
  CurrExpPostSynapticResponse,
  CondExpPostSynapticResponse,
  CondAlphaPostSynapticResponse,
  CondBetaPostSynapticResponse,
  ExpPSR,
  AlphaPSR,
  BetaPSR,
} from './cells/point-neuron.js';

// Populations, views, assemblies, IDs.
export { Population, type PopulationOptions } from './populations/population.js';
export { PopulationView } from './populations/population-view.js';
export { Assembly } from './populations/assembly.js';
export { BasePopulation, type GetOptions as PopulationGetOptions, type RecordOptions } from './populations/base-population.js';
export type { GetDataOptions } from './populations/population-data.js';
export { ID } from './populations/id.js';
import './populations/deprecated-aliases.js';
export type { Slice, Selector } from './populations/selector.js';

// Current sources (pyNN.standardmodels.electrodes).
export { CurrentSource } from './currents/current-source.js';
export { DCSource } from './currents/dc-source.js';
export { ACSource } from './currents/ac-source.js';
export { StepCurrentSource } from './currents/step-current-source.js';
export { NoisyCurrentSource } from './currents/noisy-current-source.js';

// Connectivity and synapses.
export * from './connectors/index.js';
export * from './synapses/index.js';
export { Projection, Connection, type ProjectionOptions } from './projection/index.js';

// Random numbers, space, results.
export { NumpyRNG, GSLRNG, NativeRNG, RandomDistribution, Sequence, ArrayParameter } from './random/index.js';
export { Space, Line, Grid2D, Grid3D, RandomStructure, Cuboid, Sphere, distance } from './space/index.js';
export { Block, Segment, SpikeTrain, AnalogSignal } from './results/index.js';

// Simulation control (pyNN module functions) and the deprecated procedural interface.
export {
  run,
  runFor,
  runUntil,
  reset,
  end,
  getCurrentTime,
  getTimeStep,
  getMinDelay,
  getMaxDelay,
  numProcesses,
  rank,
  listStandardModels,
  type SetupOptions,
  type RunOptions,
  type Callback,
} from './simulation/control.js';
export { create, connect, set, initialize, record, recordV, recordGsyn, type ConnectOptions } from './simulation/procedural.js';
export { buildNetwork } from './build/current-network.js';
