// Decoders and checks shared by the Network decoder and the request decoders (internal to core/src/network).
#pragma once

#include <string>
#include <utility>

#include "tsnn/network/network_spec.h"
#include "tsnn/wire/wire_reader.h"

namespace tsnn {
namespace decode {

std::string indexPath(const std::string& path, const char* field, size_t index);  // path.field[index]
std::string keyPath(const std::string& path, const char* field, const std::string& key);  // path.field["key"]
std::string number(double value);

double finite(WireReader& reader, const std::string& path);  // a double that must be finite
RngSpecData rng(WireReader reader);
DistributionSpec distribution(WireReader reader);
MatrixSpec matrix(WireReader reader);
ExpressionSpec expression(WireReader reader);
ValueSpec value(WireReader reader);
// One entry of a map<string, Value>: the key, and the value decoded with the key in its path.
std::pair<std::string, ValueSpec> valueMapEntry(WireReader reader, const std::string& mapPath);
std::vector<std::vector<double>> sequenceList(WireReader reader);
SelectionSpec selection(WireReader reader);
CellSetSpec cellSet(WireReader reader);
CurrentSourceSpec currentSource(WireReader reader);
RecordingSpec recording(WireReader reader);

// Checks a selection against the populations and fills in the Range form for All.
void checkSelection(SelectionSpec& selection, const std::vector<PopulationSpec>& populations, const std::string& path);
void checkCellSet(CellSetSpec& cells, const std::vector<PopulationSpec>& populations, const std::string& path);
// Parameter (or initial value) names and shapes for `n` cells of a population's cell type.
void checkCellValues(const PopulationSpec& population, const ValueMap& values, bool initialValues, uint32_t n,
                     const std::string& path);
bool isRecordable(const PopulationSpec& population, const std::string& variable);
void checkCurrentSource(const CurrentSourceSpec& source, const NetworkSpec& network, const std::string& path);
void checkRecording(RecordingSpec& recording, const NetworkSpec& network, const std::string& path);
// One recording per population and variable (the frontend merges the cells of every record() call): a list that
// repeats one would make the engine hold and send its data once per copy.
void checkRecordingsDistinct(const std::vector<RecordingSpec>& recordings, const std::string& listPath);
// Names asked for once each (GetState, GetConnections): each name costs an answer as large as the selection.
void checkNamesDistinct(const std::vector<std::string>& names, const std::string& listPath);

}  // namespace decode
}  // namespace tsnn
