// How a population or a plastic projection hands its arrays to an engine that keeps copies of them elsewhere (the
// CUDA engine): the list of arrays (CellArrayRef), and the pointer maps its step-argument builders take: ownData
// for its own loops, copiedThrough(copyOf) for the copies. Host code only (array_ref.h is what device code sees).
#pragma once

#include <functional>
#include <vector>

#include "tsnn/engine/array_ref.h"

namespace tsnn {

// The address of a host array's copy (null for an array not copied).
using CopyOf = std::function<void*(const void*)>;

// The pointer map of an object's own loops: each array's own data.
inline constexpr auto ownData = [](auto& array) { return array.data(); };

// The pointer map to the copies: each array's data() translated by copyOf, keeping its element type.
inline auto copiedThrough(const CopyOf& copyOf) {
  return [&copyOf](auto& array) { return static_cast<decltype(array.data())>(copyOf(array.data())); };
}

// Appends a non-empty vector to `arrays`; `state`: the step writes it.
template <typename Vector>
void appendArray(std::vector<CellArrayRef>& arrays, const Vector& vector, bool state) {
  if (vector.empty()) return;
  arrays.push_back(CellArrayRef{const_cast<void*>(static_cast<const void*>(vector.data())),
                                vector.size() * sizeof(vector[0]), state});
}

}  // namespace tsnn
