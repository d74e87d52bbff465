// The decoded tsnn.v1.Network (model.proto) and the decoded request messages of simulator.proto: plain structs
// that mirror the contract, already validated by the decoders (network_decode.cpp, requests_decode.cpp), so the
// engine can trust every index, size and number in them.
//
// Validation performed by decodeNetwork, each fault a tsnn::Error INVALID_ARGUMENT whose path names the field
// (e.g. `network.populations[2].cell_type.parameters["tau_m"]`): malformed or truncated bytes; NaN / infinite
// numbers; timestep > 0; population sizes >= 1 and positions with exactly `size` entries per axis; cell type names
// from the standard-model catalog (cell_type_catalog.h) and, when DecodeOptions lists them, supported by the
// engine; parameter and initial-value names known for the model; per-cell arrays of length `size`; selections and
// cell sets in range; projection receptor types known for every post cell; connector parameters in range
// (p in [0, 1], n >= 0, list indices in range, matrix shapes pre x post, Clone references an earlier projection
// with the same pre/post); distributions well-formed; expressions well-formed with bounded depth; recordings of
// known variables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tsnn/expression/expression.h"
#include "tsnn/random/distributions.h"

namespace tsnn {

// ---- random numbers --------------------------------------------------------------------------------------------

struct RngSpecData {
  uint32_t kind = 0;        // tsnn.v1.RngSpec.Kind (all kinds use Philox here)
  bool hasSeed = false;
  uint64_t seed = 0;
  uint64_t stream = 0;
  bool parallelSafe = true;

  // The stream this RngSpec draws from, with the global seed used when it has none of its own.
  RandomStream resolve(uint64_t globalSeed) const { return RandomStream{hasSeed ? seed : globalSeed, stream}; }
};

struct DistributionSpec {
  DistributionParams params;
  RngSpecData rng;
};

// ---- values ----------------------------------------------------------------------------------------------------

struct MatrixSpec {
  uint32_t rows = 0;
  uint32_t cols = 0;
  std::vector<double> values;  // row-major; NaN = no connection where used for synaptic values
  double at(uint32_t row, uint32_t col) const { return values[static_cast<size_t>(row) * cols + col]; }
};

struct ValueSpec {
  enum class Kind { Unset, Scalar, Array, Matrix, Distribution, Sequences, Expression };
  Kind kind = Kind::Unset;
  double scalar = 0.0;
  std::vector<double> array;
  MatrixSpec matrix;
  DistributionSpec distribution;
  std::vector<std::vector<double>> sequences;  // SequenceList items
  ExpressionSpec expression;

  bool isSet() const { return kind != Kind::Unset; }
};

using ValueMap = std::map<std::string, ValueSpec>;

// ---- populations and cell sets ---------------------------------------------------------------------------------

struct SimulationSettingsSpec {
  double timestep = 0.1;   // ms
  double minDelay = 0.0;   // ms, 0 = auto
  double maxDelay = 0.0;   // ms, 0 = auto
  uint64_t seed = 0;
  std::string simulator;
  uint32_t threads = 0;  // PyNN's setup(threads=...): 0 or 1 = one thread; results do not depend on it
};

// The most threads a network may ask for (more are refused as a mistake; engines use at most their cores).
constexpr uint32_t kMaxThreads = 1024;

// Numbers follow tsnn.v1.ReceptorSpec.Kind.
enum class ReceptorKind : uint32_t { Unspecified = 0, CurrExp = 1, CondExp = 2, CondAlpha = 3, CondBeta = 4 };

struct ReceptorSpecData {
  std::string name;
  ReceptorKind kind = ReceptorKind::Unspecified;
};

struct PointNeuronSpecData {
  uint32_t neuron = 0;  // tsnn.v1.PointNeuronSpec.Neuron: 1 = LIF, 2 = ADEXP
  std::vector<ReceptorSpecData> receptors;  // order defines receptor indices
};

struct CellTypeSpec {
  std::string name;             // "IF_curr_exp", ..., or "PointNeuron"
  ValueMap parameters;          // per-cell values: Scalar, Array (size) or Sequences
  ValueMap initialValues;
  bool hasPointNeuron = false;
  PointNeuronSpecData pointNeuron;
};

struct PopulationSpec {
  std::string label;
  uint32_t size = 0;
  CellTypeSpec cellType;
  std::vector<double> x, y, z;  // positions, `size` each
  uint32_t firstGlobal = 0;     // global index of cell 0 (cells of earlier populations come first)
  std::vector<std::string> receptorTypes;  // from the catalog or the PointNeuron receptors, in index order
};

struct SelectionSpec {
  enum class Form { All, Range, Indices };
  uint32_t population = 0;
  Form form = Form::All;
  uint32_t start = 0, stop = 0, step = 1;  // Range; All is stored as Range(0, size, 1) too
  std::vector<uint32_t> indices;           // Indices: sorted, unique

  uint32_t size() const;
  // Index (within the population) of the k-th selected cell, k < size().
  uint32_t at(uint32_t k) const;
};

struct CellSetSpec {
  std::vector<SelectionSpec> parts;
  std::string label;
  std::vector<uint32_t> partOffsets;  // cell k of the set is in the last part whose offset <= k
  uint32_t totalSize = 0;

  uint32_t size() const { return totalSize; }
  // Population and index within it of cell k of the set.
  void locate(uint32_t k, uint32_t& population, uint32_t& index) const;
};

struct AssemblySpec {
  std::string label;
  CellSetSpec cells;
};

// ---- projections -----------------------------------------------------------------------------------------------

struct SpaceSpec {
  uint32_t axes = 0;          // tsnn.v1.Space.Axes; 0 = all three
  bool useAxis[3] = {true, true, true};
  double scaleFactor = 1.0;
  double offset = 0.0;
  bool periodic[3] = {false, false, false};
  double boundaryMin[3] = {0, 0, 0};
  double boundaryMax[3] = {0, 0, 0};
};

enum class SelfConnections { Allow, Forbid, NoMutual };

struct ConnectorSpec {
  enum class Rule {
    AllToAll, OneToOne, FixedProbability, FixedNumberPre, FixedNumberPost, FixedTotalNumber, FromList,
    DistanceDependentProbability, IndexBasedProbability, DisplacementDependentProbability, Array, Clone, SmallWorld
  };
  Rule rule = Rule::AllToAll;
  SelfConnections selfConnections = SelfConnections::Allow;
  bool withReplacement = false;
  double pConnect = 0.0;                  // FixedProbability
  ValueSpec n;                            // FixedNumberPre/Post: Scalar or Distribution
  uint64_t totalNumber = 0;               // FixedTotalNumber
  std::vector<uint32_t> listPre, listPost;            // FromList
  std::vector<std::string> listColumnNames;
  std::vector<std::vector<double>> listColumns;
  ExpressionSpec probabilityExpression;   // distance / index / displacement based
  MatrixSpec probabilities;               // the same, evaluated by the frontend (rows = pre, cols = post)
  uint32_t arrayRows = 0, arrayCols = 0;  // Array
  std::vector<uint8_t> arrayMask;
  uint32_t referenceProjection = 0;       // Clone
  double degree = 0.0, rewiring = 0.0;    // SmallWorld
  uint64_t nConnections = 0;
  RngSpecData rng;
  bool safe = false;
  std::string sourceFile;
};

struct SynapseSpec {
  ValueSpec weight;
  ValueSpec delay;   // Unset = min_delay
  // "StaticSynapse", "TsodyksMarkramSynapse", "STDPMechanism", "SimpleStochasticSynapse",
  // "StochasticTsodyksMarkramSynapse" or "MultiQuantalSynapse".
  std::string dynamics = "StaticSynapse";
  std::string timingDependence;     // STDP: "SpikePairRule" or "Vogels2011Rule"
  std::string weightDependence;     // STDP: "AdditiveWeightDependence", "MultiplicativeWeightDependence",
                                    // "AdditivePotentiationMultiplicativeDepression", "GutigWeightDependence"
  double dendriticDelayFraction = 1.0;
  bool hasVoltageDependence = false;
  ValueMap parameters;              // every other synaptic value by PyNN name: U, tau_rec, tau_plus, w_max, p, ...
};

struct ProjectionSpec {
  std::string label;
  CellSetSpec pre, post;
  ConnectorSpec connector;
  SynapseSpec synapse;
  std::string receptorType;
  SpaceSpec space;
  // Numbers follow tsnn.v1.Projection.WeightSign: the sign every drawn weight must have (Any: checked already).
  enum class WeightSign : uint32_t { Any = 0, NonNegative = 1, NonPositive = 2 };
  WeightSign weightSign = WeightSign::Any;
};

// ---- current sources and recording -----------------------------------------------------------------------------

struct CurrentSourceSpec {
  enum class Kind { DC, AC, Step, Noisy };
  std::string label;
  std::vector<CellSetSpec> targets;
  Kind kind = Kind::DC;
  double amplitude = 0.0, start = 0.0, stop = 0.0;  // DC, AC
  double frequency = 0.0, offset = 0.0, phase = 0.0;  // AC
  std::vector<double> times, amplitudes;              // Step
  double mean = 0.0, stdev = 0.0, dt = 0.0;           // Noisy (start, stop shared)
  RngSpecData rng;                                    // Noisy
  bool record = false;
};

struct RecordingSpec {
  uint32_t population = 0;
  std::string variable;
  SelectionSpec cells;
  double samplingInterval = 0.0;  // ms, 0 = timestep
};

// ---- the network -----------------------------------------------------------------------------------------------

struct NetworkSpec {
  SimulationSettingsSpec settings;
  std::vector<PopulationSpec> populations;
  std::vector<ProjectionSpec> projections;
  std::vector<CurrentSourceSpec> currentSources;
  std::vector<RecordingSpec> recordings;
  std::vector<AssemblySpec> assemblies;
  uint32_t totalNeurons = 0;
};

struct DecodeOptions {
  // Cell types this engine implements; empty = every standard model of the catalog is accepted.
  std::vector<std::string> supportedCellTypes;
};

// Decodes and validates a serialized tsnn.v1.Network. Throws tsnn::Error (INVALID_ARGUMENT) with a field path.
NetworkSpec decodeNetwork(const uint8_t* data, size_t size, const DecodeOptions& options = DecodeOptions());
// The checks of decodeNetwork on a NetworkSpec built in code (tests, tools); fills the derived fields
// (firstGlobal, receptorTypes, totalNeurons, CellSet offsets and sizes, All selections as ranges).
void validateNetwork(NetworkSpec& network, const DecodeOptions& options = DecodeOptions());

// ---- requests (simulator.proto); each decoder validates against the network it will be applied to --------------

struct RunRequestSpec {
  uint64_t steps = 0;
  uint32_t progressEverySteps = 0;
  uint32_t chunkSteps = 0;
};

struct SetParametersSpec {
  SelectionSpec cells;
  ValueMap parameters;   // arrays: one value per selected cell
};

struct InitializeSpec {
  SelectionSpec cells;
  ValueMap initialValues;
};

struct UpdateSpikeTimesSpec {
  SelectionSpec cells;
  std::vector<std::vector<double>> spikeTimes;  // one item shared by all cells, or one per selected cell
};

struct SetCurrentSourceSpec {
  uint32_t source = 0;
  CurrentSourceSpec currentSource;
};

struct SetRecordingSpec {
  std::vector<RecordingSpec> recordings;
};

struct SetSynapseValuesSpec {
  uint32_t projection = 0;
  ValueMap values;
};

struct GetStateSpec {
  SelectionSpec cells;
  std::vector<std::string> names;
};

struct GetConnectionsSpec {
  uint32_t projection = 0;
  std::vector<std::string> names;
  uint32_t maxConnectionsPerChunk = 0;
};

RunRequestSpec decodeRunRequest(const uint8_t* data, size_t size);
SetParametersSpec decodeSetParametersRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
InitializeSpec decodeInitializeRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
UpdateSpikeTimesSpec decodeUpdateSpikeTimesRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
SetCurrentSourceSpec decodeSetCurrentSourceRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
SetRecordingSpec decodeSetRecordingRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
SetSynapseValuesSpec decodeSetSynapseValuesRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
GetStateSpec decodeGetStateRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
GetConnectionsSpec decodeGetConnectionsRequest(const uint8_t* data, size_t size, const NetworkSpec& network);
// ResetRequest carries only a session id: nothing to decode beyond well-formedness.
void decodeResetRequest(const uint8_t* data, size_t size);

// ---- per-cell values -------------------------------------------------------------------------------------------

// One value per cell for n cells: Scalar repeated, Array (must have n values), Distribution drawn for cell k at
// index k of its stream (cellOffset + k, so a selection keeps the values of the whole population). Other kinds
// throw INVALID_ARGUMENT at `path`.
std::vector<double> resolvePerCell(const ValueSpec& value, uint32_t n, uint64_t globalSeed, const std::string& path,
                                   uint32_t cellOffset = 0);

}  // namespace tsnn
