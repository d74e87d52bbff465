"""PyNN example simple_STDP2.py (NeuralEnsemble/PyNN examples/) on PyNN 0.10.1 + Brian2 2.5.1: one
SpikeSourceArray firing at 1, 2, ..., 49 ms onto one IF_curr_exp cell (PyNN defaults) through an STDP synapse
(SpikePairRule tau 20/20 ms, A_plus 0.01, A_minus 0.012; AdditiveWeightDependence w 0..0.8 nA; weight 0.48 nA,
delay 0.2 ms); dt 0.001 ms, min_delay 0.1, max_delay 1; 60 runs of 1 ms, the weight read after each.
Ported to PyNN 0.10.1: AllToAllConnector(weights=, delays=) and ComposedSynapseType(slow=...) become
STDPMechanism(weight=0.48, delay=0.2); A_plus/A_minus move to SpikePairRule; prj.get('weight', format='list').

Dendritic delay: the example leaves dendritic_delay_fraction at PyNN's default 1 (the whole delay dendritic, NEST's
stdp_synapse: a pre spike reaches the synapse at t_pre, a post spike at t_post + d), which pyNN.brian2 refuses (it
only has axonal delays: the pre spike reaches the synapse at t_pre + d, the post spike at t_post). So PyNN is given
fraction 0 and then the Brian2 Synapses object's post pathway gets a delay of 2d: every pre event at t_pre + d,
every post event at t_post + 2d, which is NEST's timing shifted by d as a whole, with the PSC still arriving at
t_pre + d. That makes this run the example as written (fraction 1), on Brian2's own STDP equations.

Brian2's schedule: source times - dt, tau_refrac + dt, stored spike times + dt (test/reference/brian2_timing.py)."""
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN.parameters import Sequence
from examples_cells_common import spikes_of, write_fixture, brian2_tau_refrac, brian2_source_times

DT, DELAY, W0 = 0.001, 0.2, 0.48
sim.setup(timestep=DT, min_delay=0.1, max_delay=1.0, debug=True, quit_on_end=False)
# pyNN.brian2 0.10.1 builds SpikeSourceArray's SpikeGeneratorGroup on Brian2's default clock (0.1 ms).
brian2.defaultclock.dt = DT * brian2.ms
pre_times = [float(t) for t in np.arange(1, 50, 1.0)]
p1 = sim.Population(1, sim.SpikeSourceArray(spike_times=Sequence(brian2_source_times(pre_times, DT))))
p2 = sim.Population(1, sim.IF_curr_exp(tau_refrac=brian2_tau_refrac(0.1, DT)))
stdp_model = sim.STDPMechanism(
    timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.01, A_minus=0.012),
    weight_dependence=sim.AdditiveWeightDependence(w_min=0, w_max=0.8),
    weight=W0, delay=DELAY, dendritic_delay_fraction=0)
prj = sim.Projection(p1, p2, sim.AllToAllConnector(), stdp_model)
syn = prj._brian2_synapses[0][0]
syn.post.delay = 2 * DELAY * brian2.ms     # dendritic delay (see above)
p1.record('spikes')
p2.record(('spikes', 'v'))
t, w = [], []
for i in range(60):
    t.append(float(sim.run(1.0)))
    w.extend(float(x[2]) for x in prj.get('weight', format='list'))
seg = p2.get_data().segments[0]
v = seg.filter(name='v')[0]
every = 0.5
idx = [int(round(k * every / DT)) for k in range(int(60 / every) + 1)]
write_fixture('simple_STDP2', {
    'example': 'NeuralEnsemble/PyNN examples/simple_STDP2.py',
    'changes': 'PyNN 0.10.1 API; dendritic_delay_fraction 1 emulated by a post pathway delay of 2d (docstring)',
    'dt': DT, 'delay': DELAY, 'initial_weight': W0, 'pre_spike_times': pre_times,
    'run_end_times': t, 'weights_after_each_run': w,
    'post_spike_times': spikes_of(seg, DT)[0],
    'v_every_ms': every, 'v_samples': [float(v.magnitude[k, 0]) for k in idx],
})
sim.end()
