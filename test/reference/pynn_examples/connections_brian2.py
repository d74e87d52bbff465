"""PyNN example connections.py on PyNN 0.10.1 + Brian2: three populations of 60 cells (SpikeSourceArray stimuli,
excitatory and inhibitory IF_cond_exp), six projections (stim->e, stim->i, e->e, e->i, i->e, i->i) made with each
of the example's nine connectors in turn (same parameters, NumpyRNG seed 98765, a new setup() per connector).
The example only prints the projection sizes and plots the connection matrices; here each projection's connection
matrix is stored (rows as hex strings of 60 bits, bit j of row i = connection pre i -> post j), with its
size and its (weight, delay) values. FromFileConnector reads test/fixtures/pynn_examples/connections.txt, written
here with numpy.savetxt as the example does. Random connectors (distance-, displacement-dependent, FixedNumberPre)
are stored as statistics too: counts per distance / displacement with the probability PyNN computed for each pair,
and the out-degree histogram."""
import os
import numpy as np
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG
from pyNN.connectors import IndexBasedExpression
from examples_cells_common import write_fixture, FIXTURE_DIR

N = 60
rng = NumpyRNG(seed=98765, parallel_safe=True)
connection_list = [(0, 0, 0.1, 0.1), (3, 0, 0.2, 0.11), (2, 3, 0.3, 0.12), (5, 1, 0.4, 0.13), (0, 1, 0.5, 0.14)]
path = os.path.join(FIXTURE_DIR, 'connections.txt')
np.savetxt(path, connection_list)
array_connections = np.ones((N, N), dtype=bool)
array_connections[15, 15] = False


class IndexBasedProbability(IndexBasedExpression):
    def __call__(self, i, j):
        return np.array((i + j) % 3 == 0, dtype=float)


def displacement_expression(d):
    return 0.5 * ((d[0] >= -1) * (d[0] <= 2)) + 0.25 * (d[1] >= 0) * (d[1] <= 1)


connector_types = [
    ('FixedProbabilityConnector', sim.FixedProbabilityConnector, {'p_connect': 1.0, 'rng': rng}),
    ('AllToAllConnector', sim.AllToAllConnector, {'allow_self_connections': False}),
    ('DistanceDependentProbabilityConnector', sim.DistanceDependentProbabilityConnector, {'d_expression': "exp(-abs(d))", 'rng': rng}),
    ('IndexBasedProbabilityConnector', sim.IndexBasedProbabilityConnector, {'index_expression': IndexBasedProbability(), 'rng': rng}),
    ('DisplacementDependentProbabilityConnector', sim.DisplacementDependentProbabilityConnector, {'disp_function': displacement_expression, 'rng': rng}),
    ('FromListConnector', sim.FromListConnector, {'conn_list': connection_list}),
    ('FromFileConnector', sim.FromFileConnector, {'file': path, 'distributed': False}),
    ('FixedNumberPreConnector', sim.FixedNumberPreConnector, {'n': 3, 'rng': rng}),
    ('ArrayConnector', sim.ArrayConnector, {'array': array_connections, 'safe': True}),
]
PROJECTIONS = ['stim2e', 'stim2i', 'e2e', 'e2i', 'i2e', 'i2i']


def hex_rows(matrix):
    return ['%015x' % int(''.join('1' if x else '0' for x in reversed(row)), 2) for row in matrix]


out = {'n': N, 'projections': PROJECTIONS, 'connectors': {}}
for name, connector_type, parameters in connector_types:
    sim.setup()
    pop_stim = sim.Population(N, sim.SpikeSourceArray(spike_times=[1.0]), label="spikes")
    pop_exc = sim.Population(N, sim.IF_cond_exp(), label="Excitatory_Cells")
    pop_inh = sim.Population(N, sim.IF_cond_exp(), label="Inhibitory_Cells")
    conn_stim, conn_exc, conn_inh = (connector_type(**parameters) for _ in range(3))
    syn = sim.StaticSynapse
    prjs = {
        'stim2e': sim.Projection(pop_stim, pop_exc, conn_stim, syn(), receptor_type='excitatory'),
        'stim2i': sim.Projection(pop_stim, pop_inh, conn_stim, syn(), receptor_type='excitatory'),
        'e2e': sim.Projection(pop_exc, pop_exc, conn_exc, syn(), receptor_type='excitatory'),
        'e2i': sim.Projection(pop_exc, pop_inh, conn_exc, syn(), receptor_type='excitatory'),
        'i2e': sim.Projection(pop_inh, pop_exc, conn_inh, syn(), receptor_type='inhibitory'),
        'i2i': sim.Projection(pop_inh, pop_inh, conn_inh, syn(), receptor_type='inhibitory'),
    }
    entry = {}
    for label in PROJECTIONS:
        prj = prjs[label]
        conns = prj.get(['weight', 'delay'], format='list')
        matrix = np.zeros((N, N), dtype=bool)
        for i, j, w, d in conns:
            matrix[int(i), int(j)] = True
        e = {'size': int(prj.size()), 'matrix_hex': hex_rows(matrix),
             'weights': sorted(set(round(float(c[2]), 12) for c in conns)),
             'delays': sorted(set(round(float(c[3]), 12) for c in conns))}
        if name in ('FromListConnector', 'FromFileConnector'):
            e['list'] = sorted([int(i), int(j), float(w), float(d)] for i, j, w, d in conns)
        if name == 'DistanceDependentProbabilityConnector':
            # PyNN's own distances (positions on its default Line structure) and the expression evaluated on them
            dist = prj.pre.positions.T[:, None, :] - prj.post.positions.T[None, :, :]
            dist = np.sqrt((dist ** 2).sum(axis=-1))
            e['distance_matrix_max'] = float(dist.max())
            e['p_by_distance'] = {str(int(d)): float(np.exp(-abs(d))) for d in range(N)}
            e['count_by_distance'] = [int(((np.rint(dist) == d) & matrix).sum()) for d in range(N)]
            e['pairs_by_distance'] = [int((np.rint(dist) == d).sum()) for d in range(N)]
        if name == 'DisplacementDependentProbabilityConnector':
            disp = (prj.post.positions.T[None, :, :] - prj.pre.positions.T[:, None, :])  # post - pre, as PyNN
            p = displacement_expression(np.moveaxis(disp, -1, 0))
            dx = np.rint(disp[:, :, 0]).astype(int)
            e['count_by_dx'] = {str(k): int(((dx == k) & matrix).sum()) for k in range(-N + 1, N)}
            e['p_by_dx'] = {str(k): float(p[dx == k][0]) for k in range(-N + 1, N)}
        if name == 'FixedNumberPreConnector':
            e['in_degrees'] = sorted(set(int(x) for x in matrix.sum(axis=0)))
            e['out_degrees'] = [int(x) for x in matrix.sum(axis=1)]
        entry[label] = e
    out['connectors'][name] = entry
    print(name, ' '.join('%s %d' % (k, entry[k]['size']) for k in PROJECTIONS))
    sim.end()
out['connection_list'] = [list(c) for c in connection_list]
out['array_absent'] = [[15, 15]]
write_fixture('connections', out)
