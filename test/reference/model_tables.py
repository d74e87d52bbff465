"""PyNN 0.10.1's standard cell-type tables, as its own classes define them: parameter names in their order,
defaults, initial values, recordables, units, receptor types and flags. Writes test/fixtures/pynn_model_tables.json
for test/conformance/pynn-model-tables.test.ts.

Run from the repository root with Debian's interpreter: /usr/bin/python3 test/reference/model_tables.py
"""
import json
import os

import numpy as np
from pyNN.parameters import Sequence
import pyNN.standardmodels.cells as cells


def plain(value):
    if isinstance(value, Sequence):
        return {"sequence": [float(x) for x in value.value]}
    if isinstance(value, np.ndarray):
        return [float(x) for x in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.number)):
        return float(value)
    if hasattr(value, "value"):  # ArrayParameter
        return [float(x) for x in value.value]
    return str(value)


tables = {}
for name in sorted(dir(cells)):
    cls = getattr(cells, name)
    if not (isinstance(cls, type) and issubclass(cls, cells.StandardCellType)) or cls is cells.StandardCellType:
        continue
    if cls.__module__ != cells.__name__:
        continue
    celltype = cls()
    tables[name] = {
        "parameter_names": list(celltype.get_parameter_names()),
        "default_parameters": {k: plain(v) for k, v in cls.default_parameters.items()},
        "default_initial_values": {k: plain(v) for k, v in cls.default_initial_values.items()},
        "recordable": list(cls.recordable),
        "units": {k: str(v) for k, v in cls.units.items()},
        "receptor_types": list(celltype.receptor_types),
        "conductance_based": bool(celltype.conductance_based),
        "injectable": bool(celltype.injectable),
    }

path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "pynn_model_tables.json")
with open(path, "w") as f:
    json.dump({"generator": "test/reference/model_tables.py", "pynn": "0.10.1", "cell_types": tables}, f, indent=1,
              sort_keys=False)
    f.write("\n")
print(f"wrote {os.path.normpath(path)}: {len(tables)} cell types")
