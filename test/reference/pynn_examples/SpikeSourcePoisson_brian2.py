"""PyNN example SpikeSourcePoisson.py on PyNN 0.10.1 + Brian2: ten SpikeSourcePoisson(rate 100 Hz, start 100 ms,
duration 100 ms), spikes recorded, dt 0.01 ms, min_delay 0.1, 300 ms; the example prints mean_spike_count() and
the first spikes of each train.
Changes: Population(10, SpikeSourcePoisson, {...}) is written SpikeSourcePoisson(**params) (PyNN 0.10.1); the
example's print statements (Python 2) become fixture entries. Added: the same source in a population of 1000
('large'), so that the statistics (count, spread of the spike times over the window, inter-spike intervals) have
power; each is stored as counts (histograms), not as spike times. Brian2's PoissonGroup tests
rand() < rate*dt at every step with t in [start, start + duration] (both ends), tsnn and NEST emit in
(start, start + duration]: the one-step difference at the edges is below the tests' resolution (rate*dt = 0.001)."""
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture

DT, SIMTIME, RATE, START, DURATION = 0.01, 300.0, 100.0, 100.0, 100.0
N_LARGE, TIME_BINS, ISI_BINS = 1000, 20, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.5, 15.0, 20.0, 25.0, 30.0, 40.0, 100.0]

sim.setup(timestep=DT, min_delay=0.1)
params = {'rate': RATE, 'duration': DURATION, 'start': START}
poissonsource = sim.Population(10, sim.SpikeSourcePoisson(**params))
large = sim.Population(N_LARGE, sim.SpikeSourcePoisson(**params))
poissonsource.record('spikes')
large.record('spikes')
sim.run(SIMTIME)
mean_count = float(poissonsource.mean_spike_count())
trains = [np.asarray(st.magnitude) for st in poissonsource.get_data().segments[0].spiketrains]
large_trains = [np.asarray(st.magnitude) for st in large.get_data().segments[0].spiketrains]
sim.end()

all_large = np.concatenate(large_trains)
isis = np.concatenate([np.diff(st) for st in large_trains])
write_fixture('SpikeSourcePoisson', {
    'dt': DT, 'simtime': SIMTIME, 'rate': RATE, 'start': START, 'duration': DURATION, 'n': 10, 'n_large': N_LARGE,
    'mean_spike_count': mean_count, 'spike_counts': [len(st) for st in trains],
    'first_spikes': [[round(float(t), 10) for t in st[:5]] for st in trains],
    'large': {
        'total': int(all_large.size), 'min_time': float(all_large.min()), 'max_time': float(all_large.max()),
        'spike_counts_histogram': np.bincount([len(st) for st in large_trains]).tolist(),
        'time_bins': np.linspace(START, START + DURATION, TIME_BINS + 1).tolist(),
        'time_counts': np.histogram(all_large, np.linspace(START, START + DURATION, TIME_BINS + 1))[0].tolist(),
        'isi_bins': ISI_BINS, 'isi_counts': np.histogram(isis, ISI_BINS)[0].tolist(), 'isi_total': int(isis.size),
    },
})
