"""PyNN example balanced_neuron_example.py on PyNN 0.10.1 + Brian2. The example (written for pyNN.nest) bisects,
with scipy.optimize.bisect between 15 and 25 Hz (xtol 0.01), the rate r_in of 4000 inhibitory neurons such that one
IF_curr_alpha cell (v_rest = v_reset -70 mV, cm 0.25 nF, tau_m 10 ms, tau_refrac 2 ms, tau_syn 2 ms, v_thresh
-55 mV) reaches its goal 'output rate'. Each trial: dt 0.1 ms, run 1000 ms; two SpikeSourcePoisson, 16000 x 5 Hz =
80000 Hz and 4000 x r_in Hz, AllToAllConnector, StaticSynapse(delay=1), prj.setWeights([0.045, -0.045]) nA.
The example divides the spike count of its 1000 ms run by simulation_time 25000 ms, so its goal of 5 "Hz" is
125 spikes in the 1000 ms run; kept as written.

pyNN.brian2 0.10.1 cannot run the example as written: its PoissonGroup emits at most one spike per step
('rand() < rates * dt'), so 80000 Hz and 60000-100000 Hz (6-10 expected events per 0.1 ms step) all become
10000 Hz. One trial as written is run ('as_written', r_in 20 Hz: the cap makes both inputs 10000 Hz). The
reference is the same input built the way the example describes it: the excitatory drive as 3200 sources of 25 Hz
(16000 x 5 Hz) and the inhibitory one as the 4000 sources of r_in Hz (a superposition of independent Poisson
processes is a Poisson process of the summed rate; per source at most 0.0025 events a step, so Brian2's
Bernoulli draw gives the exact mean and a variance smaller by at most 0.25 %), with weight 0.045 nA excitatory and
-0.045 nA inhibitory (tau_syn_E = tau_syn_I, so the receptor makes no difference).
The output count is measured on a grid of r_in, TRIALS independent trials each. To keep Brian2's numpy target fast,
all trials run at once, as separate cells of one Population, each with its own sources (nothing is shared between
cells). Brian2 integrates the linear IF_curr_alpha exactly; it runs with tau_refrac + dt (brian2_timing.py).
Run: /usr/bin/python3 test/reference/pynn_examples/balanced_neuron_example_brian2.py"""
import numpy as np
import brian2
import pyNN.brian2 as sim
from examples_cells_common import write_fixture, brian2_tau_refrac

spec_dict = {"simulation_time": 25000.0, "n_ex": 16000, "n_in": 4000, "r_ex": 5.0, "r_in": 20.5, "ex_syn": 0.045,
             "in_syn": -0.045, "delay": 1.0, "low": 15.0, "high": 25.0, "precision": 0.01}
cell_params = {"v_rest": -70.0, "v_reset": -70.0, "cm": 0.250, "tau_m": 10, "tau_refrac": 2, "tau_syn_E": 2,
               "tau_syn_I": 2, "v_thresh": -55.0, "i_offset": 0.0}
DT, T = 0.1, 1000.0
GUESSES = [15.0, 17.0, 18.0, 19.0, 20.0, 21.0, 25.0]
TRIALS = 8
N_EX_SRC, R_EX_SRC = 3200, 25.0   # 3200 x 25 Hz = 16000 x 5 Hz
b2_params = dict(cell_params, tau_refrac=brian2_tau_refrac(cell_params["tau_refrac"], DT))


def as_written(guess, seed):
    np.random.seed(seed)
    brian2.seed(seed)
    sim.setup(timestep=DT)
    neuron = sim.Population(1, sim.IF_curr_alpha(**b2_params), label="Neuron 1")
    neuron.record(["v", "spikes"])
    gens = sim.Population(2, sim.SpikeSourcePoisson(rate=[spec_dict["n_ex"] * spec_dict["r_ex"], spec_dict["n_in"] * guess]))
    gens.record("spikes")
    prj = sim.Projection(gens, neuron, sim.AllToAllConnector(), sim.StaticSynapse(delay=1))
    prj.setWeights([spec_dict["ex_syn"], spec_dict["in_syn"]])
    sim.run(T)
    out = {'r_in': guess, 'output_spikes': len(neuron.get_data().segments[0].spiketrains[0]),
           'source_spikes': [len(st) for st in gens.get_data().segments[0].spiketrains]}
    sim.end()
    return out


def trials(seed):
    np.random.seed(seed)
    brian2.seed(seed)
    sim.setup(timestep=DT)
    n = len(GUESSES) * TRIALS
    cells = sim.Population(n, sim.IF_curr_alpha(**b2_params), label="trials")
    cells.record("spikes")
    n_in = spec_dict["n_in"]
    exc = sim.Population(n * N_EX_SRC, sim.SpikeSourcePoisson(rate=R_EX_SRC))
    inh = sim.Population(n * n_in, sim.SpikeSourcePoisson(rate=np.repeat([g for g in GUESSES for _ in range(TRIALS)], n_in)))
    sim.Projection(exc, cells, sim.FromListConnector([(k, k // N_EX_SRC) for k in range(n * N_EX_SRC)]),
                   sim.StaticSynapse(weight=spec_dict["ex_syn"], delay=spec_dict["delay"]), receptor_type='excitatory')
    sim.Projection(inh, cells, sim.FromListConnector([(k, k // n_in) for k in range(n * n_in)]),
                   sim.StaticSynapse(weight=spec_dict["in_syn"], delay=spec_dict["delay"]), receptor_type='inhibitory')
    sim.run(T)
    counts = [len(st) for st in sorted(cells.get_data().segments[0].spiketrains, key=lambda st: st.annotations.get('source_index', st.annotations.get('channel_id')))]  # PyNN 0.10.1: channel_id
    sim.end()
    return np.asarray(counts).reshape(len(GUESSES), TRIALS)


written = as_written(20.0, 1)
print(written, flush=True)
counts = trials(2024)
print(counts, flush=True)
write_fixture('balanced_neuron_example', {
    'spec_dict': spec_dict, 'cell_params': cell_params, 'dt': DT, 'run_ms': T, 'as_written': written,
    'guesses': GUESSES, 'trials': TRIALS, 'counts': counts.tolist(),
    'count_mean': counts.mean(axis=1).tolist(), 'count_sd': counts.std(axis=1, ddof=1).tolist(),
})
