"""PyNN example inhomogeneous_network.py on PyNN 0.10.1 + Brian2: nine IF_cond_exp cells on a 3x3 Grid2D
(100 um spacing) with per-cell v_rest, v_thresh and initial v, driven by nine SpikeSourceArrays; weights
'1/(1+d)' uS (d the distance in um), delay 0.5 ms; dt 0.1 ms, 100 ms.
The example's random draws are made explicit: the input spike times (numpy, seed 26278342, as the example) and
the FixedProbabilityConnector(0.5) connection matrix (numpy, seed 4242) are stored in the fixture, and the
connections are made with an ArrayConnector (the weight expression is still evaluated by the simulator).
Brian2 integrates IF_cond_exp by forward Euler; `spikes_accurate` is the same network solved accurately (SciPy,
DOP853, rtol 1e-11) between steps with NEST's grid rules (input added at the end of its arrival step, threshold
tested at step ends, reset and one refractory step), as test/reference/accurate_conductance_spikes.py does for the
single-cell fixtures."""
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from pyNN.space import Grid2D
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac, brian2_source_times

SIMTIME, RATE, N, DT = 100.0, 20.0, 9, 0.1
number = int(2 * SIMTIME * RATE / 1000.0)
np.random.seed(26278342)
raw = [np.add.accumulate(np.random.exponential(1000.0 / RATE, size=number)) for _ in range(N)]
# on the grid, and at least one step after 0 (tsnn and NEST drop a spike at t = 0)
grid = [[round(max(1, round(t / DT)) * DT, 10) for t in ts if t <= SIMTIME + 10] for ts in raw]
conn = np.random.RandomState(4242).uniform(size=(N, N)) < 0.5

sim.setup(timestep=DT)
cells = sim.Population(N, sim.IF_cond_exp(tau_m=10.0, v_rest=lambda i: -60.0 + i, v_thresh=lambda i: -55.0 + i,
                                          tau_refrac=brian2_tau_refrac(0.1, DT)),
                       structure=Grid2D(dx=100.0, dy=100.0), initial_values={'v': lambda i: -60.0 - i})
sources = sim.Population(N, sim.SpikeSourceArray(
    spike_times=[Sequence(brian2_source_times(ts, DT)) for ts in grid]))
prj = sim.Projection(sources, cells, sim.ArrayConnector(conn), sim.StaticSynapse(weight='1/(1+d)', delay=0.5))
weights = prj.get('weight', format='array')
cells.record(['spikes', 'v'])
sim.run(SIMTIME)
seg = cells.get_data().segments[0]


def accurate_spikes(cell, weights):
    from scipy.integrate import solve_ivp
    v_rest, v_thresh = -60.0 + cell, -55.0 + cell
    arrivals = {}
    for s in range(N):
        if not np.isnan(weights[s][cell]):
            for t in grid[s]:
                k = int(round((t + 0.5) / DT))
                arrivals[k] = arrivals.get(k, 0.0) + weights[s][cell]
    rhs = lambda t, y: [(v_rest - y[0]) / 10.0 + y[1] * (0.0 - y[0]) / 1.0, -y[1] / 5.0]  # cm 1 nF, tau_syn_E 5
    v, ge, refractory, out = -60.0 - cell, 0.0, 0, []
    for k in range(1, int(round(SIMTIME / DT)) + 1):
        if refractory > 0:
            refractory -= 1
            ge *= np.exp(-DT / 5.0)
        else:
            v, ge = solve_ivp(rhs, (0, DT), [v, ge], rtol=1e-11, atol=1e-13, method='DOP853').y[:, -1]
        ge += arrivals.get(k, 0.0)
        if v >= v_thresh:
            out.append(round(k * DT, 10))
            v, refractory = -65.0, 1   # v_reset; tau_refrac 0.1 ms = one step
    return out
times = [0.0, 10.0, 25.0, 50.0, 75.0, 100.0]
spikes = spikes_of(seg, DT)
write_fixture('inhomogeneous_network', {
    'dt': DT, 'simtime': SIMTIME, 'input_spike_times': grid, 'connections': conn.astype(int).tolist(),
    'positions': np.asarray(cells.positions).tolist(),
    'weights': [[None if np.isnan(x) else float(x) for x in row] for row in weights],
    'spikes': spikes, 'spikes_accurate': [accurate_spikes(c, weights) for c in range(N)], 'mean_rate_hz': sum(map(len, spikes)) / N * 1000.0 / SIMTIME,
    'sample_times': times, 'v': samples_of(seg, 'v', times),
})
sim.end()
