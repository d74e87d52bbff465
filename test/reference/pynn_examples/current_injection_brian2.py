"""PyNN example current_injection.py on PyNN 0.10.1 + Brian2: four IF_curr_exp cells, each driven by one of
DCSource, StepCurrentSource, ACSource and NoisyCurrentSource; 500 ms at the default dt 0.1 ms.
Spikes and the deterministic sources' currents are recorded too (the example records v only). The noisy cell's draws cannot be reproduced by tsnn
(Philox streams): only statistics of it are stored (mean v over windows, spike count)."""
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import spikes_of, samples_of, write_fixture, brian2_tau_refrac

DT = 0.1
sim.setup(timestep=DT)
np.random.seed(1)
cells = sim.Population(4, sim.IF_curr_exp(v_thresh=-55.0, tau_refrac=brian2_tau_refrac(5.0, DT), tau_m=10.0))
sources = [sim.DCSource(amplitude=0.5, start=50.0, stop=400.0),
           sim.StepCurrentSource(times=[50.0, 210.0, 250.0, 410.0], amplitudes=[0.4, 0.6, -0.2, 0.2]),
           sim.ACSource(start=50.0, stop=450.0, amplitude=0.2, offset=0.1, frequency=10.0, phase=180.0),
           sim.NoisyCurrentSource(mean=0.5, stdev=0.2, start=50.0, stop=450.0, dt=1.0)]  # draws with numpy's global generator (seeded above)
for k, src in enumerate(sources):
    cells[k:k + 1].inject(src)
cells.record(['v', 'spikes'])
for src in sources[:3]:
    src.record()
sim.run(500.0)
seg = cells.get_data().segments[0]
vsig = seg.filter(name='v')[0]
v = np.asarray(vsig.magnitude)
times = [0.0, 25.0, 49.0, 50.5, 52.0, 60.0, 100.0, 200.0, 230.0, 260.0, 300.0, 405.0, 420.0, 455.0, 480.0, 500.0]
windows = [[0, 50], [50, 450], [450, 500]]
noisy_mean_v = [float(v[int(round(a / DT)):int(round(b / DT)), 3].mean()) for a, b in windows]
noisy_min_v = float(v[int(round(50 / DT)):, 3].min())
spikes = spikes_of(seg, DT)
current_times = [0.0, 49.9, 50.0, 50.1, 100.0, 209.9, 210.0, 210.1, 249.9, 250.0, 250.1, 275.0, 399.9, 400.0, 400.1,
                 409.9, 410.0, 410.1, 449.9, 450.0, 450.1, 499.0]
currents = []
for src in sources[:3]:
    sig = src.get_data()
    arr = np.asarray(sig.magnitude).ravel()
    step = float(sig.sampling_period.rescale('ms').magnitude)
    currents.append([float(arr[int(round(t / step))]) for t in current_times])
write_fixture('current_injection', {
    'dt': DT, 'simtime': 500.0,
    'spikes': spikes[:3], 'sample_times': times, 'v': [row[:3] for row in samples_of(seg, 'v', times)],
    'current_times': current_times, 'currents': currents,
    'noisy': {'spike_count': len(spikes[3]), 'windows': windows, 'mean_v': noisy_mean_v, 'v_at_0': float(v[0, 3])},
})
sim.end()
