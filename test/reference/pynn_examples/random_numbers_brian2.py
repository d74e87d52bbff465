"""PyNN example random_numbers.py on PyNN 0.10.1 + Brian2: 10 SpikeSourcePoisson (100 Hz) onto 10 IF_cond_exp
cells with tau_m ~ normal(15, 2) and initial v ~ uniform(v_rest, v_thresh) = uniform(-65, -50), both from
NumpyRNG(seed=98497627); a sample of 3 cells records v; two FixedProbabilityConnector(0.7) projections with
gamma(k=2, theta=0.5) uS weights and 0.5 ms delay, one drawing from the "python" NumpyRNG, one from a "native" RNG
(seed 87354762); dt 0.1 ms (default), 100 ms.
Changes: pyNN.brian2 has no NativeRNG (AttributeError), so the "native" generator is a second NumpyRNG with the
example's seed here (tsnn has NativeRNG and uses it). Brian2 runs with tau_refrac + dt (brian2_timing.py).

Every quantity here is random, and numpy's draws cannot be reproduced by tsnn, so the fixture stores per run the
things the example shows or that follow from its draws: the weight matrices' connection counts, the weights'
sums of values and squares, tau_m of the 10 cells, the initial v of the 3 sampled cells (their first v sample), the sample's size, the source and cell spike
counts. Runs: the example's seed (run 0) and RUNS - 1 more seed pairs, whose spread is what the test compares tsnn's
run with (the network's output: the cells receive about 3.5 uS on average against a 0.067 uS leak and fire on
nearly every step their refractory period allows)."""
import sys
import numpy as np
import pyNN.brian2 as sim
from pyNN.random import NumpyRNG, RandomDistribution
from examples_cells_common import write_fixture, brian2_tau_refrac

DT, SIMTIME, RUNS = 0.1, 100.0, 6
SEEDS = [(98497627, 87354762)] + [(1000 + k, 2000 + k) for k in range(1, RUNS)]


def run(python_seed, native_seed):
    sim.setup()
    import brian2
    brian2.seed(python_seed)  # the Poisson sources draw from Brian2's generator
    python_rng = NumpyRNG(seed=python_seed)
    native_rng = NumpyRNG(seed=native_seed)
    cell_type = sim.IF_cond_exp(tau_m=RandomDistribution('normal', (15.0, 2.0), rng=python_rng),
                                tau_refrac=brian2_tau_refrac(sim.IF_cond_exp.default_parameters['tau_refrac'], DT))
    v_init = RandomDistribution('uniform', (cell_type.default_parameters['v_rest'],
                                            cell_type.default_parameters['v_thresh']), rng=python_rng)
    p1 = sim.Population(10, sim.SpikeSourcePoisson(rate=100.0))
    p2 = sim.Population(10, cell_type, initial_values={'v': v_init})
    p1.record("spikes")
    p2.record("spikes")
    sample = p2.sample(3, rng=python_rng)
    sample.record("v")
    connector_native = sim.FixedProbabilityConnector(p_connect=0.7, rng=native_rng)
    connector_python = sim.FixedProbabilityConnector(p_connect=0.7, rng=python_rng)
    syn_native = sim.StaticSynapse(weight=RandomDistribution('gamma', k=2.0, theta=0.5, rng=native_rng), delay=0.5)
    syn_python = sim.StaticSynapse(weight=RandomDistribution('gamma', k=2.0, theta=0.5, rng=python_rng), delay=0.5)
    prj_native = sim.Projection(p1, p2, connector_native, syn_native)
    prj_python = sim.Projection(p1, p2, connector_python, syn_python)
    out = {}
    for name, prj in (('python', prj_python), ('native', prj_native)):
        w = prj.get("weight", format="array")
        present = w[~np.isnan(w)]
        out[name] = {'connections': int(present.size), 'weight_sum': float(present.sum()),
                     'weight_sq_sum': float((present ** 2).sum())}
    sim.run(SIMTIME)
    counts2 = p2.get_spike_counts()
    out.update({
        'tau_m': [float(x) for x in p2.get('tau_m')],
        'v_init_sample': [float(sig[0]) for sig in np.asarray(p2.get_data().segments[0].filter(name='v')[0].magnitude).T],
        'sample_size': int(sample.size), 'sample_recorded_signals': int(
            np.asarray(p2.get_data().segments[0].filter(name='v')[0].magnitude).shape[1]),
        'source_spike_count': int(sum(p1.get_spike_counts().values())),
        'cell_spike_counts': [int(counts2[i]) for i in sorted(counts2)],
    })
    sim.end()
    return out


runs = [run(*s) for s in SEEDS]
for r in runs:
    print(r['python']['connections'], r['native']['connections'], r['source_spike_count'], r['cell_spike_counts'], file=sys.stderr)
write_fixture('random_numbers', {
    'dt': DT, 'simtime': SIMTIME, 'seeds': SEEDS, 'p_connect': 0.7, 'gamma': {'k': 2.0, 'theta': 0.5},
    'tau_m': {'mu': 15.0, 'sigma': 2.0}, 'v_init': {'low': -65.0, 'high': -50.0}, 'rate': 100.0, 'runs': runs,
})
