"""PyNN example one_neuron_example.py on PyNN 0.10.1 + Brian2: one IF_curr_alpha cell (v_rest = v_reset -70 mV,
cm 0.25 nF, tau_m 10 ms, tau_refrac 2 ms, tau_syn 2 ms, v_thresh -55 mV) driven only by i_offset 0.376 nA;
dt 0.1 ms, 1000 ms, v recorded.
i_offset 0.376 nA on 40 MOhm puts the cell's resting point at -54.96 mV, 0.04 mV above threshold: the cell fires
slowly (about every 61 ms), each spike after a long approach to threshold. Changed: spikes are recorded too (the
example records v only). Brian2 integrates the linear model exactly; it runs with tau_refrac + dt and its spike
times are stored + dt (test/reference/brian2_timing.py), so the fixture follows NEST's step convention. The
fixture holds the spike times and v every 1 ms, plus the closed-form spike times computed here in double
precision (the cell starts at PyNN's default initial v, -65 mV, and restarts from v_reset after each spike and
tau_refrac: v(t) = v_inf - (v_inf - v0) exp(-t / tau_m), v_inf = v_rest + i_offset tau_m / cm)."""
import math
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT, SIMTIME = 0.1, 1000.0
cell_params = {
    "v_rest": -70.0, "v_reset": -70.0, "cm": 0.250, "tau_m": 10, "tau_refrac": 2, "tau_syn_E": 2, "tau_syn_I": 2,
    "v_thresh": -55.0, "i_offset": 0.376,
}
sim.setup(timestep=DT)
cell_type = sim.IF_curr_alpha(**dict(cell_params, tau_refrac=brian2_tau_refrac(cell_params["tau_refrac"], DT)))
neuron = sim.Population(1, cell_type, label="Neuron 1")
neuron.record(["v", "spikes"])
sim.run(SIMTIME)
seg = neuron.get_data().segments[0]
times = [float(t) for t in np.arange(0.0, SIMTIME + 1e-9, 1.0)]
# closed form: v(t) = v_inf - (v_inf - v_reset) exp(-t / tau_m), v_inf = v_rest + i_offset tau_m / cm.
# NEST's grid: the spike is the first step k with v(k dt) >= v_thresh; v restarts from v_reset tau_refrac later.
v_inf = cell_params["v_rest"] + cell_params["i_offset"] * cell_params["tau_m"] / cell_params["cm"]
v0 = sim.IF_curr_alpha.default_initial_values['v']


def steps_to_threshold(v_start):
    return math.ceil(cell_params["tau_m"] / DT * math.log((v_inf - v_start) / (v_inf - cell_params["v_thresh"])) - 1e-9)


t_cross = cell_params["tau_m"] * math.log((v_inf - cell_params["v_reset"]) / (v_inf - cell_params["v_thresh"]))
steps_ref = round(cell_params["tau_refrac"] / DT)
closed, k = [], steps_to_threshold(v0)
while k * DT <= SIMTIME + 1e-9:
    closed.append(round(k * DT, 10))
    k += steps_ref + steps_to_threshold(cell_params["v_reset"])
write_fixture('one_neuron_example', {
    'dt': DT, 'simtime': SIMTIME, 'cell_params': cell_params, 'spikes': spikes_of(seg, DT)[0],
    'v_init': v0, 'spikes_closed_form': closed, 't_cross_ms': t_cross,
    'sample_times': times, 'v': [row[0] for row in samples_of(seg, 'v', times)],
})
sim.end()
