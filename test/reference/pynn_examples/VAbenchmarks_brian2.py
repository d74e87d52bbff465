"""PyNN example VAbenchmarks.py (Brette et al. 2007, benchmarks 1 and 2: the Vogels & Abbott 2005 network, CUBA with
IF_curr_exp and COBA with IF_cond_exp) on PyNN 0.10.1 + Brian2, scaled down 4 times: 1000 cells (800 excitatory,
200 inhibitory) instead of 4000, with the connection probability raised from 0.02 to 0.08 so that every cell keeps
the example's 64 excitatory and 16 inhibitory inputs on average (pyNN.brian2 builds connections one post cell at a
time, in time that grows with the square of the synapse count: at full size one run takes three minutes);
FixedProbabilityConnector, delay 0.2 ms (= min_delay), dt 0.1 ms, 200 ms (the example's tstop; later versions of the
example run 1000 ms). COBA adds 20 SpikeSourcePoisson (100 Hz for the first
50 ms) onto both populations with FixedProbabilityConnector(0.01), 0.1 uS.
Ported to PyNN 0.10.1's API (the stored example passes weights and delays to the connector and rng= to each
Projection): StaticSynapse(weight, delay), receptor_type, celltype(**cell_params), initialize(v=...).
Changed:
- each of the four recurrent projections gets its own FixedProbabilityConnector drawing from its own NumpyRNG
  (seeds derived from the run's seed). The stored example passed one rng to every Projection, which drew from it
  one after the other (independent connections); pyNN 0.10.1's FixedProbabilityConnector draws from a copy of its
  rng, so one shared connector would give correlated masks (inhibitory cell k targeting exactly the cells that
  excitatory cell k targets). tsnn draws each projection independently, as the example meant.
- every cell's spikes are recorded (the example records all spikes and v of two cells: v is not compared, the
  network is chaotic) and the network runs with several seeds (NumpyRNG for v and connections, Brian2's generator
  for the Poisson drive), so that the fixture holds each statistic's seed-to-seed spread: population rates, the CV
  of interspike intervals, the population rate in 25 ms bins and the connection counts.
- Brian2 gets tau_refrac + dt (test/reference/brian2_timing.py); neuron-to-neuron delays need no change there
  (Brian2 reports a spike one step early and delivers it one step late), and the Poisson drive's one-step shift
  does not change statistics. Brian2 integrates IF_cond_exp (COBA) with forward Euler (pyNN.brian2 asks for
  'exact' first, which the conductance terms rule out); IF_curr_exp (CUBA) exactly.
Run: /usr/bin/python3 test/reference/pynn_examples/VAbenchmarks_brian2.py [n_seeds]   (the fixture: 10 seeds, ~10 min)"""
import sys
import brian2
import numpy as np
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG, RandomDistribution
from examples_cells_common import write_fixture, brian2_tau_refrac

rngseed = 98765
n, r_ei, pconn, stim_dur, rate = 1000, 4.0, 0.08, 50.0, 100.0   # the example: 4000 cells, pconn 0.02
dt, tstop, delay = 0.1, 200.0, 0.2
area, tau_m, cm, g_leak = 20000.0, 20.0, 1.0, 5e-5
v_thresh, v_reset, t_refrac, v_mean, tau_exc, tau_inh = -50.0, -60.0, 5.0, -60.0, 5.0, 10.0
Erev_exc, Erev_inh = 0.0, -80.0
area = area * 1e-8
cm = cm * area * 1000
Rm = 1e-6 / (g_leak * area)
assert tau_m == cm * Rm
n_exc = int(round((n * r_ei / (1 + r_ei))))
n_inh = n - n_exc
BIN = 25.0


def parameters(benchmark):
    E_leak = -60.0 if benchmark == "COBA" else -49.0
    if benchmark == "COBA":
        Gexc, Ginh = 4.0, 51.0
        w_exc, w_inh = Gexc * 1e-3, Ginh * 1e-3
    else:
        Gexc, Ginh = 0.27, 4.5
        w_exc = 1e-3 * Gexc * (Erev_exc - v_mean)
        w_inh = 1e-3 * Ginh * (Erev_inh - v_mean)
    cell_params = {'tau_m': tau_m, 'tau_syn_E': tau_exc, 'tau_syn_I': tau_inh, 'v_rest': E_leak,
                   'v_reset': v_reset, 'v_thresh': v_thresh, 'cm': cm, 'tau_refrac': t_refrac}
    if benchmark == "COBA":
        cell_params['e_rev_E'] = Erev_exc
        cell_params['e_rev_I'] = Erev_inh
    return cell_params, w_exc, w_inh


def cv_isi(trains):
    cvs = [np.diff(ts).std() / np.diff(ts).mean() for ts in trains if len(ts) >= 3]
    return float(np.mean(cvs)) if cvs else 0.0


def run(benchmark, seed):
    np.random.seed(seed)
    brian2.seed(seed)
    cell_params, w_exc, w_inh = parameters(benchmark)
    celltype = sim.IF_cond_exp if benchmark == "COBA" else sim.IF_curr_exp
    sim.setup(timestep=dt, min_delay=delay, max_delay=1.0)
    b2_params = dict(cell_params, tau_refrac=brian2_tau_refrac(t_refrac, dt))
    exc_cells = sim.Population(n_exc, celltype(**b2_params), label="Excitatory_Cells")
    inh_cells = sim.Population(n_inh, celltype(**b2_params), label="Inhibitory_Cells")
    rng = NumpyRNG(seed=seed, parallel_safe=True)
    uniformDistr = RandomDistribution('uniform', low=v_reset, high=v_thresh, rng=rng)
    exc_cells.initialize(v=uniformDistr)
    inh_cells.initialize(v=uniformDistr)
    conn = lambda k: sim.FixedProbabilityConnector(pconn, rng=NumpyRNG(seed=seed + 1000 * (k + 1), parallel_safe=True))
    exc_syn = sim.StaticSynapse(weight=w_exc, delay=delay)
    inh_syn = sim.StaticSynapse(weight=w_inh, delay=delay)
    prjs = {
        'e2e': sim.Projection(exc_cells, exc_cells, conn(0), exc_syn, receptor_type='excitatory'),
        'e2i': sim.Projection(exc_cells, inh_cells, conn(1), exc_syn, receptor_type='excitatory'),
        'i2e': sim.Projection(inh_cells, exc_cells, conn(2), inh_syn, receptor_type='inhibitory'),
        'i2i': sim.Projection(inh_cells, inh_cells, conn(3), inh_syn, receptor_type='inhibitory'),
    }
    if benchmark == "COBA":
        ext_stim = sim.Population(20, sim.SpikeSourcePoisson(rate=rate, duration=stim_dur), label="expoisson")
        rconn = 0.01
        ext_syn = sim.StaticSynapse(weight=0.1)
        prjs['ext2e'] = sim.Projection(ext_stim, exc_cells, sim.FixedProbabilityConnector(rconn, rng=NumpyRNG(seed + 5000)), ext_syn, receptor_type='excitatory')
        prjs['ext2i'] = sim.Projection(ext_stim, inh_cells, sim.FixedProbabilityConnector(rconn, rng=NumpyRNG(seed + 6000)), ext_syn, receptor_type='excitatory')
        ext_stim.record('spikes')
    exc_cells.record('spikes')
    inh_cells.record('spikes')
    sizes = {k: int(p.size()) for k, p in prjs.items()}
    wd = {k: sorted(set((float(w), float(d)) for w, d in p.get(['weight', 'delay'], format='list', with_address=False)))
          for k, p in prjs.items()}
    sim.run(tstop)
    out = {'sizes': sizes, 'weights_delays': {k: [list(x) for x in v] for k, v in wd.items()}}
    for label, pop in (('E', exc_cells), ('I', inh_cells)):
        seg = pop.get_data().segments[0]
        trains = [np.asarray(st.magnitude) + dt for st in seg.spiketrains]  # NEST convention (brian2_timing.py)
        allt = np.concatenate(trains)
        out[label] = {'rate_hz': float(pop.mean_spike_count() * 1000.0 / tstop), 'cv_isi': cv_isi(trains),
                      'rate_bins_hz': (np.histogram(allt, bins=np.arange(0, tstop + 1e-9, BIN))[0] / pop.size / (BIN / 1000)).tolist()}
    if benchmark == "COBA":
        out['ext_spikes'] = int(sum(len(st) for st in ext_stim.get_data().segments[0].spiketrains))
    sim.end()
    print(benchmark, seed, out['E']['rate_hz'], out['I']['rate_hz'], out['E']['cv_isi'], sizes, flush=True)
    return out


def stat(values):
    values = np.asarray(values, dtype=float)
    return {'mean': values.mean(axis=0).tolist(), 'sd': values.std(axis=0, ddof=1).tolist(), 'values': values.tolist()}


n_seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
out = {'n': n, 'n_exc': n_exc, 'n_inh': n_inh, 'pconn': pconn, 'rconn': 0.01, 'dt': dt, 'tstop': tstop,
       'delay': delay, 'bin_ms': BIN, 'n_seeds': n_seeds, 'cm': cm}
for benchmark in ('CUBA', 'COBA'):
    runs = [run(benchmark, rngseed + k) for k in range(n_seeds)]
    cell_params, w_exc, w_inh = parameters(benchmark)
    out[benchmark] = {
        'cell_params': cell_params, 'w_exc': w_exc, 'w_inh': w_inh,
        'sizes': stat([[r['sizes'][k] for k in sorted(r['sizes'])] for r in runs]), 'size_keys': sorted(runs[0]['sizes']),
        'weights_delays': runs[0]['weights_delays'],
        'E_rate_hz': stat([r['E']['rate_hz'] for r in runs]), 'I_rate_hz': stat([r['I']['rate_hz'] for r in runs]),
        'E_cv_isi': stat([r['E']['cv_isi'] for r in runs]), 'I_cv_isi': stat([r['I']['cv_isi'] for r in runs]),
        'E_rate_bins_hz': stat([r['E']['rate_bins_hz'] for r in runs]),
        'I_rate_bins_hz': stat([r['I']['rate_bins_hz'] for r in runs]),
    }
    if benchmark == 'COBA':
        out[benchmark]['ext_spikes'] = stat([r['ext_spikes'] for r in runs])
write_fixture('VAbenchmarks', out)
