"""PyNN example brunel.py (Brunel 2000, case C: asynchronous irregular; NEST's brunel.sli converted to PyNN) on
PyNN 0.10.1 + Brian2, scaled down 4 times in size (order 12500 instead of 50000: 1000 excitatory and 250
inhibitory IF_curr_alpha cells; at the example's size Brian2's numpy target needs over ten minutes a run) with the
example's downscale 50 kept for the weights (J_eff 5 mV), FixedProbabilityConnector(0.1), 400 Hz Poisson drive per
cell; dt 0.1 ms, 100 ms.
Changed: every cell's spikes are recorded (the example records a sample of 50 per population), and the network is
run with several seeds (NumpyRNG for the initial v and the connections, Brian2's generator for the Poisson drive),
so that the fixture holds the seed-to-seed spread of each statistic: population rates, the CV of interspike
intervals, the population rate in 10 ms bins and the connection counts. Brian2 is given tau_refrac + dt (see
test/reference/brian2_timing.py); a shift of one step in the Poisson drive's arrival does not change statistics.
Run: /usr/bin/python3 test/reference/pynn_examples/brunel_brian2.py [n_seeds]   (the fixture: 8 seeds, ~10 min)"""
import sys
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG, RandomDistribution
from examples_cells_common import write_fixture, brian2_tau_refrac

order, epsilon = 12500, 0.1   # the example: order 50000, downscale 50 (order_eff 1000); here order_eff 250
downscale = 50                # J_eff = J * 50 = 5 mV, the example's weights
eta, g, J, delay = 2.0, 5.0, 0.1, 1.5
tauMem, tauSyn, tauRef, U0, theta = 20.0, 0.1, 2.0, 0.0, 20.0
simtime, dt = 100.0, 0.1
order_eff = int(float(order) / downscale)  # 250: NE 1000, NI 250
J_eff = J * downscale
NE, NI = int(4 * order_eff), int(1 * order_eff)
CE = int(epsilon * NE)
fudge = 0.00041363506632638
JE = (J_eff / tauSyn) * fudge
JI = -g * JE
nu_thresh = theta / (J_eff * CE * tauMem)
p_rate = 1000 * eta * nu_thresh * CE
cell_params = {'tau_m': tauMem, 'tau_syn_E': tauSyn, 'tau_syn_I': tauSyn, 'tau_refrac': tauRef,
               'v_rest': U0, 'v_reset': U0, 'v_thresh': theta, 'cm': 0.001}


def cv_isi(trains):
    cvs = []
    for ts in trains:
        if len(ts) >= 3:
            isi = np.diff(ts)
            cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)), len(cvs)


def run(seed):
    np.random.seed(seed)
    brian2.seed(seed)
    sim.setup(timestep=dt, max_delay=delay)
    rng = NumpyRNG(seed, parallel_safe=True)
    celltype = sim.IF_curr_alpha(**dict(cell_params, tau_refrac=brian2_tau_refrac(tauRef, dt)))
    E_net = sim.Population(NE, celltype, label="E_net")
    I_net = sim.Population(NI, celltype, label="I_net")
    uniformDistr = RandomDistribution('uniform', low=U0, high=theta, rng=rng)
    E_net.initialize(v=uniformDistr)
    I_net.initialize(v=uniformDistr)
    source_type = sim.SpikeSourcePoisson(rate=p_rate)
    expoisson = sim.Population(NE, source_type, label="expoisson")
    inpoisson = sim.Population(NI, source_type, label="inpoisson")
    E_net.record('spikes')
    I_net.record('spikes')
    connector = sim.FixedProbabilityConnector(epsilon, rng=rng)
    E_syn = sim.StaticSynapse(weight=JE, delay=delay)
    I_syn = sim.StaticSynapse(weight=JI, delay=delay)
    ext_syn = sim.StaticSynapse(weight=JE, delay=dt)
    prjs = {
        'E_to_E': sim.Projection(E_net, E_net, connector, E_syn, receptor_type="excitatory"),
        'I_to_E': sim.Projection(I_net, E_net, connector, I_syn, receptor_type="inhibitory"),
        'input_to_E': sim.Projection(expoisson, E_net, sim.OneToOneConnector(), ext_syn, receptor_type="excitatory"),
        'E_to_I': sim.Projection(E_net, I_net, connector, E_syn, receptor_type="excitatory"),
        'I_to_I': sim.Projection(I_net, I_net, connector, I_syn, receptor_type="inhibitory"),
        'input_to_I': sim.Projection(inpoisson, I_net, sim.OneToOneConnector(), ext_syn, receptor_type="excitatory"),
    }
    sizes = {k: int(p.size()) for k, p in prjs.items()}
    sim.run(simtime)
    out = {'sizes': sizes}
    for label, pop in (('E', E_net), ('I', I_net)):
        seg = pop.get_data().segments[0]
        trains = [np.asarray(st.magnitude) + dt for st in seg.spiketrains]  # NEST convention (brian2_timing.py)
        allt = np.concatenate(trains)
        out[label] = {'rate_hz': pop.mean_spike_count() * 1000.0 / simtime,
                      'cv_isi': cv_isi(trains)[0],
                      'rate_10ms_hz': (np.histogram(allt, bins=np.arange(0, simtime + 1e-9, 10.0))[0] / pop.size / 0.01).tolist()}
    sim.end()
    print(seed, out['E']['rate_hz'], out['I']['rate_hz'], out['E']['cv_isi'], sizes, flush=True)
    return out


n_seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
runs = [run(43210987 + k) for k in range(n_seeds)]


def stat(values):
    values = np.asarray(values, dtype=float)
    return {'mean': float(values.mean(axis=0).tolist()) if values.ndim == 1 else values.mean(axis=0).tolist(),
            'sd': float(values.std(axis=0, ddof=1)) if values.ndim == 1 else values.std(axis=0, ddof=1).tolist(),
            'values': values.tolist()}


write_fixture('brunel', {
    'NE': NE, 'NI': NI, 'JE': JE, 'JI': JI, 'p_rate': p_rate, 'epsilon': epsilon, 'delay': delay, 'dt': dt,
    'simtime': simtime, 'cell_params': cell_params, 'n_seeds': n_seeds,
    'sizes': runs[0]['sizes'],
    'E_rate_hz': stat([r['E']['rate_hz'] for r in runs]), 'I_rate_hz': stat([r['I']['rate_hz'] for r in runs]),
    'E_cv_isi': stat([r['E']['cv_isi'] for r in runs]), 'I_cv_isi': stat([r['I']['cv_isi'] for r in runs]),
    'E_rate_10ms_hz': stat([r['E']['rate_10ms_hz'] for r in runs]),
    'I_rate_10ms_hz': stat([r['I']['rate_10ms_hz'] for r in runs]),
})
