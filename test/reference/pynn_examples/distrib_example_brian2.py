"""PyNN example distrib_example.py on PyNN 0.10.1 + Brian2, one process. The example checks that PyNN's rank() and
num_processes() agree with MPI's COMM_WORLD and then exercises mpi4py (Bcast, Gather, Gatherv); pyNN.brian2 runs in
one process and mpi4py is not installed here, so its MPI calls are replaced by what they give on a communicator of
size 1 (rank 0: each gather is the rank's own data). Stored: what setup() returns, rank(), num_processes() and the
arrays the example prints on rank 0."""
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture

setup_return = sim.setup(debug=True)
rank, size = sim.rank(), sim.num_processes()
print("\nThis is node %d (%d of %d)" % (rank, rank + 1, size))
data1 = np.arange(100, dtype=float)                       # Bcast from root 0
data2 = np.arange(rank, 10 + rank, dtype=float)
data2g = np.concatenate([np.arange(r, 10 + r, dtype=float) for r in range(size)])          # Gather
data3 = np.arange(0, 5 * (rank + 1), dtype=float)
sizes = list(range(5, 5 * size + 1, 5))
data3g = np.concatenate([np.arange(0, 5 * (r + 1), dtype=float) for r in range(size)])     # Gatherv
write_fixture('distrib_example', {
    'example': 'NeuralEnsemble/PyNN examples/distrib_example.py',
    'setup_return': setup_return, 'rank': rank, 'num_processes': size,
    'data1': data1.tolist(), 'gathered2': data2g.tolist(), 'sizes3': sizes, 'gathered3': data3g.tolist(),
})
sim.end()
