"""PyNN example stdp_network.py on PyNN 0.10.1 + Brian2: 100 IF_cond_exp cells on a 10x10 Grid2D (50 um spacing,
fill_order 'random'), the first 80 excitatory, the last 20 inhibitory; 20 Poisson sources (100 Hz for the first
50 ms). Excitatory connections: DistanceDependentProbabilityConnector('exp(-d**2/1e4)') with STDP (SpikePairRule
tau 20/20 ms, A 0.01/0.012, additive, w 0..0.04 uS, initial 0.01 uS), delay '0.1+0.001*d'; inhibitory:
FixedProbabilityConnector(0.1), 0.05 uS, delay '0.1+0.001*d'; input: FixedNumberPostConnector(10), 0.01 uS, 0.1 ms.
The example only builds the network and prints its description; here it is also run for 200 ms (default dt 0.1)
with every cell's spikes and v recorded, over several seeds. The network is at the edge of firing (one spike in six
runs): the run is summarised by the population rates, the mean v over cells and over the input's 50 ms, the
largest v reached, and the STDP weights' changes. pyNN.brian2 only accepts dendritic_delay_fraction 0 for
STDP (tsnn only 1, as NEST), so the delays are axonal here.
Stored: PyNN's positions (its random fill), the delay of every pair as PyNN evaluates '0.1+0.001*d' (an extra
AllToAll projection with the same delay expression), the probability of every excitatory pair
(exp(-d**2/1e4) on PyNN's distances), connection counts per rule, and per seed the spike counts and the final
STDP weights' mean."""
import sys
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN import space
from pyNN.random import NumpyRNG
from examples_cells_common import write_fixture, brian2_tau_refrac

n_exc, n_inh, n_stim, DT, SIMTIME = 80, 20, 20, 0.1, 200.0
cell_parameters = {
    'tau_m': 20.0, 'tau_syn_E': 2.0, 'tau_syn_I': 5.0, 'v_rest': -65.0, 'v_reset': -70.0, 'v_thresh': -50.0,
    'cm': 1.0, 'tau_refrac': 2.0, 'e_rev_E': 0.0, 'e_rev_I': -70.0,
}


def build_and_run(seed, record_structure):
    np.random.seed(seed)
    brian2.seed(seed)
    sim.setup(timestep=DT)
    rng = NumpyRNG(seed=seed)
    grid = space.Grid2D(aspect_ratio=1, dx=50.0, dy=50.0, fill_order='random', rng=rng)
    all_cells = sim.Population(n_exc + n_inh, sim.IF_cond_exp(**dict(cell_parameters, tau_refrac=brian2_tau_refrac(2.0, DT))),
                               structure=grid, label="All Cells")
    exc_cells = all_cells[:n_exc]
    inh_cells = all_cells[n_exc:]
    ext_stim = sim.Population(n_stim, sim.SpikeSourcePoisson(rate=100.0, duration=50.0), label="External Poisson stimulation")
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.01, A_minus=0.012),
        weight_dependence=sim.AdditiveWeightDependence(w_min=0, w_max=0.04),
        weight=0.01, delay='0.1+0.001*d', dendritic_delay_fraction=0)
    exc = sim.Projection(exc_cells, all_cells, sim.DistanceDependentProbabilityConnector('exp(-d**2/1e4)', rng=rng),
                         receptor_type='excitatory', synapse_type=stdp, label='Excitatory connections')
    inh = sim.Projection(inh_cells, all_cells, sim.FixedProbabilityConnector(0.1, rng=rng), receptor_type='inhibitory',
                         synapse_type=sim.StaticSynapse(weight=0.05, delay='0.1+0.001*d'), label='Inhibitory connections')
    stim = sim.Projection(ext_stim, all_cells, sim.FixedNumberPostConnector(10, rng=rng), receptor_type='excitatory',
                          synapse_type=sim.StaticSynapse(weight=0.01, delay=0.1), label='Input connections')
    out = {'sizes': {'exc': int(exc.size()), 'inh': int(inh.size()), 'stim': int(stim.size())}}
    if record_structure:
        probe = sim.Projection(all_cells, all_cells, sim.AllToAllConnector(),
                               sim.StaticSynapse(weight=0.0, delay='0.1+0.001*d'))
        delays = probe.get('delay', format='array')
        pos = np.asarray(all_cells.positions)
        d = np.sqrt(((pos.T[:, None, :] - pos.T[None, :, :]) ** 2).sum(axis=-1))
        out['positions'] = pos.tolist()
        out['delay_steps'] = [[int(round(x / DT)) for x in row] for row in delays]
        out['p_exc'] = np.exp(-d[:n_exc, :] ** 2 / 1e4).tolist()
        out['exc_weights'] = sorted(set(float(x) for x in exc.get('weight', format='list', with_address=False)))
        out['inh_weights'] = sorted(set(float(x) for x in inh.get('weight', format='list', with_address=False)))
        out['stim_weights'] = sorted(set(float(x) for x in stim.get('weight', format='list', with_address=False)))
        out['stim_delays'] = sorted(set(float(x) for x in stim.get('delay', format='list', with_address=False)))
        stim_matrix = ~np.isnan(stim.get('weight', format='array'))
        out['stim_out_degrees'] = sorted(set(int(x) for x in stim_matrix.sum(axis=1)))
    all_cells.record(['spikes', 'v'])
    sim.run(SIMTIME)
    seg = all_cells.get_data().segments[0]
    counts = [len(st) for st in seg.spiketrains]
    v = np.asarray(seg.filter(name='v')[0].magnitude)  # samples at 0, 0.1, ... ms
    vmean = v.mean(axis=1)
    w = np.asarray(exc.get('weight', format='list', with_address=False), dtype=float)
    out.update({'exc_rate_hz': float(np.mean(counts[:n_exc])) * 1000.0 / SIMTIME,
                'inh_rate_hz': float(np.mean(counts[n_exc:])) * 1000.0 / SIMTIME,
                'mean_weight_change': float(w.mean() - 0.01), 'fraction_potentiated': float((w > 0.01 + 1e-12).mean()),
                'fraction_depressed': float((w < 0.01 - 1e-12).mean()),
                'mean_v_during_input': float(vmean[1:501].mean()), 'max_v': float(v.max())})
    sim.end()
    print(seed, {k: v for k, v in out.items() if not isinstance(v, list)}, flush=True)
    return out


n_seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
runs = [build_and_run(1000 + k, k == 0) for k in range(n_seeds)]


def stat(key):
    values = np.asarray([r[key] for r in runs], dtype=float)
    return {'mean': float(values.mean()), 'sd': float(values.std(ddof=1)) if len(values) > 1 else None, 'values': values.tolist()}


first = runs[0]
write_fixture('stdp_network', {
    'dt': DT, 'simtime': SIMTIME, 'n_exc': n_exc, 'n_inh': n_inh, 'n_stim': n_stim, 'cell_parameters': cell_parameters,
    'n_seeds': n_seeds, 'positions': first['positions'], 'delay_steps': first['delay_steps'], 'p_exc': first['p_exc'],
    'exc_weights': first['exc_weights'], 'inh_weights': first['inh_weights'], 'stim_weights': first['stim_weights'],
    'stim_delays': first['stim_delays'], 'stim_out_degrees': first['stim_out_degrees'],
    'sizes': {k: [r['sizes'][k] for r in runs] for k in ('exc', 'inh', 'stim')},
    'exc_rate_hz': stat('exc_rate_hz'), 'inh_rate_hz': stat('inh_rate_hz'),
    'mean_weight_change': stat('mean_weight_change'), 'fraction_potentiated': stat('fraction_potentiated'),
    'fraction_depressed': stat('fraction_depressed'), 'mean_v_during_input': stat('mean_v_during_input'),
    'max_v': stat('max_v'),
})
