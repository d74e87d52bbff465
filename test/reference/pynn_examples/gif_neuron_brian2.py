"""PyNN example gif_neuron.py: four GIF_cond_exp cells (Pozzorini/Mensi; NEST gif_cond_exp) under a DC current of
0.6 nA on [20, 280) ms, dt 0.01 ms, min_delay 1, 300 ms, v recorded. Cell 0 has a spike-triggered current
(a_eta 0.1 nA x 3), cell 1 a moving threshold (a_gamma 5 mV x 3), both with delta_v 1e-6 mV (a hard threshold);
cells 2 and 3 have neither and delta_v 0.5 mV (escape noise).

PyNN 0.10.1's Brian2 backend has no GIF_cond_exp (pyNN.brian2 raises NotImplementedError / has no such class: this
script checks it and records it). The truth here is an independent solution of PyNN's model with NEST's step
rules (pynn-api.md 2.7): per step of dt, i_eta = sum eta_k and v_t = v_t_star + sum gamma_k are taken at the start
of the step, then their elements decay by exp(-dt/tau); v is integrated over the step in closed form (no synaptic
input: the membrane is linear with i_offset + I_dc - i_eta constant over the step; the DC current drives the steps
starting at t in [start, stop)); then escape noise: a spike with probability 1 - exp(-lambda*dt/1000),
lambda = lambda0*exp((v - v_t)/delta_v) Hz; on a spike eta_k += a_eta_k, gamma_k += a_gamma_k, v = v_reset, and
v is held at v_reset for round(tau_refrac/dt) steps.
- cells 0 and 1: one run; the spike probability at every step is below 1e-12 or above 1 - 1e-12 (stored:
  'ambiguous_steps', expected 0), so their spikes and v are deterministic.
- cells 2 and 3: Monte Carlo of N_MC independent cells (numpy, seed 1): the mean and standard deviation of the
  spike count and the probabilities of the first spike time in bins (stored). The test runs the example's
  cells 2 and 3 plus 400 more with their parameters in tsnn and compares them statistically.
Changes to the example: the old per-element parameters (tau_eta1, a_eta1, ...) are PyNN 0.10.1's list
parameters (tau_eta, a_eta, tau_gamma, a_gamma), one list per cell where they differ; spikes are recorded too."""
import numpy as np
from examples_cells_common import write_fixture

DT, T_STOP = 0.01, 300.0
STIM = {'start': 20.0, 'stop': T_STOP - 20.0, 'amplitude': 0.6}
COMMON = {'v_rest': -65.0, 'cm': 1.0, 'tau_m': 20.0, 'tau_refrac': 4.0, 'tau_syn_E': 5.0, 'tau_syn_I': 5.0,
          'e_rev_E': 0.0, 'e_rev_I': -70.0, 'v_reset': -65.0, 'i_offset': 0.0, 'v_t_star': -55.0, 'lambda0': 1.0,
          'tau_eta': [1.0, 10.0, 100.0], 'tau_gamma': [1.0, 10.0, 100.0]}
PER_CELL = {'delta_v': [1e-6, 1e-6, 0.5, 0.5],
            'a_eta': [[0.1, 0.1, 0.1], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
            'a_gamma': [[0.0, 0.0, 0.0], [5.0, 5.0, 5.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}
N_MC = 20000
FIRST_SPIKE_BINS = [20.0, 35.0, 40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0, 80.0, 90.0, 100.0, 120.0, 150.0, 280.0]

try:
    import pyNN.brian2 as sim
    brian2_has_gif = hasattr(sim, 'GIF_cond_exp')
    if brian2_has_gif:
        sim.setup(timestep=DT)
        try:
            sim.Population(1, sim.GIF_cond_exp())
        except Exception as err:   # noqa: BLE001
            brian2_has_gif = 'fails: %s' % err
        sim.end()
except ImportError:
    brian2_has_gif = 'pyNN.brian2 not importable'


def simulate(n, delta_v, a_eta, a_gamma, rng, samples=None):
    """n cells with the same parameters: spike times per cell and, if samples (step indices), v there."""
    p = COMMON
    steps = int(round(T_STOP / DT))
    d_eta = np.exp(-DT / np.asarray(p['tau_eta']))
    d_gamma = np.exp(-DT / np.asarray(p['tau_gamma']))
    decay_m, r_m = np.exp(-DT / p['tau_m']), p['tau_m'] / p['cm']
    refr_steps = int(round(p['tau_refrac'] / DT))
    v = np.full(n, p['v_rest'])
    eta, gamma = np.zeros((n, 3)), np.zeros((n, 3))
    refr = np.zeros(n, dtype=int)
    spikes = [[] for _ in range(n)]
    v_samples, ambiguous = {}, 0
    if samples is not None and 0 in samples:
        v_samples[0] = v.copy()
    for k in range(steps):          # the step from t_k to t_k+1
        t = k * DT
        i_eta = eta.sum(axis=1)
        v_t = p['v_t_star'] + gamma.sum(axis=1)
        eta *= d_eta
        gamma *= d_gamma
        i_dc = STIM['amplitude'] if STIM['start'] - 1e-9 <= t < STIM['stop'] - 1e-9 else 0.0
        free = refr == 0
        e_inf = p['v_rest'] + r_m * (p['i_offset'] + i_dc - i_eta)
        v_new = np.where(free, e_inf + (v - e_inf) * decay_m, p['v_reset'])
        refr = np.where(free, 0, refr - 1)
        with np.errstate(over='ignore'):
            lam = p['lambda0'] * np.exp((v_new - v_t) / delta_v)
            prob = -np.expm1(-lam * DT / 1000.0)
        ambiguous += int(np.sum(free & (prob > 1e-12) & (prob < 1 - 1e-12)))
        fire = free & (rng.random(n) < prob)
        for i in np.nonzero(fire)[0]:
            spikes[i].append(round((k + 1) * DT, 10))
        eta[fire] += a_eta
        gamma[fire] += a_gamma
        v_new[fire] = p['v_reset']
        refr[fire] = refr_steps
        v = v_new
        if samples is not None and k + 1 in samples:
            v_samples[k + 1] = v.copy()
    return spikes, v_samples, ambiguous


sample_times = [round(5.0 * k, 10) for k in range(int(T_STOP / 5.0) + 1)]
sample_steps = {int(round(t / DT)) for t in sample_times}
deterministic = {}
for cell in (0, 1):
    sp, vs, amb = simulate(1, PER_CELL['delta_v'][cell], PER_CELL['a_eta'][cell], PER_CELL['a_gamma'][cell],
                           np.random.default_rng(0), sample_steps)
    deterministic[str(cell)] = {'spikes': sp[0], 'ambiguous_steps': amb,
                                'v': [float(vs[int(round(t / DT))][0]) for t in sample_times]}
sp, _, _ = simulate(N_MC, 0.5, [0.0] * 3, [0.0] * 3, np.random.default_rng(1))
counts = np.array([len(s) for s in sp])
firsts = np.array([s[0] if s else np.inf for s in sp])
edges = FIRST_SPIKE_BINS + [np.inf]
first_hist = np.histogram(firsts, edges)[0]
write_fixture('gif_neuron', {
    'dt': DT, 't_stop': T_STOP, 'stimulus': STIM, 'common': COMMON, 'per_cell': PER_CELL,
    'pyNN_brian2_GIF_cond_exp': brian2_has_gif,
    'sample_times': sample_times, 'deterministic': deterministic,
    'stochastic': {'n_mc': N_MC, 'count_mean': float(counts.mean()), 'count_std': float(counts.std(ddof=1)),
                   'first_spike_bins': FIRST_SPIKE_BINS,
                   'first_spike_probabilities': (first_hist / N_MC).tolist(),
                   'no_spike_probability': float(np.mean(np.isinf(firsts)))},
})
