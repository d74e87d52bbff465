"""PyNN example varying_poisson.py on PyNN 0.10.1 + Brian2: 50 SpikeSourcePoisson sources whose rate a
run() callback raises by 20 Hz every 200 ms (0, 20, 40, 60, 80 Hz); default dt 0.1 ms, 1000 ms. The example's
output is the spike count in each 200 ms interval. Brian2 draws with numpy's generator (seeded here); tsnn has its
own Philox streams, so the test compares the counts statistically (expected 50 * rate * 0.2 s, Poisson)."""
import brian2
import numpy as np
import pyNN.brian2 as sim
from examples_cells_common import write_fixture

np.random.seed(20240)
brian2.seed(20240)
RATE_INCREMENT, INTERVAL, SIMTIME = 20, 200.0, 1000.0
sim.setup()
p = sim.Population(50, sim.SpikeSourcePoisson())
p.record('spikes')
rates = iter(range(0, 100, RATE_INCREMENT))


def set_rate(t):
    try:
        p.set(rate=next(rates))
    except StopIteration:
        pass
    return t + INTERVAL


sim.run(SIMTIME, callbacks=[set_rate])
data = p.get_data().segments[0]
all_spikes = np.hstack([st.magnitude for st in data.spiketrains])
counts = [int(((all_spikes >= x) & (all_spikes < x + INTERVAL)).sum()) for x in np.arange(0, SIMTIME, INTERVAL)]
expected = [p.size * r * INTERVAL / 1000.0 for r in range(0, 100, RATE_INCREMENT)]
write_fixture('varying_poisson', {'n': p.size, 'interval': INTERVAL, 'simtime': SIMTIME,
                                  'rates': list(range(0, 100, RATE_INCREMENT)),
                                  'spike_counts': counts, 'expected_spike_counts': expected})
sim.end()
