#!/usr/bin/python3
"""The Brunel (2000) 'AI' network of bench/brian2_brunel.py with its E->E synapses plastic, in Brian2 C++
standalone (one thread): the network of bench/brunel_stdp.ts. Everything but E->E is as in brian2_brunel.py
(NEST's step order, gated jumps, tau_rp + dt, delays - dt: see there).

E->E synapses follow NEST's stdp_synapse as tsnn runs it (docs/plasticity.md): all-to-all pair STDP with a pre
trace (tau_plus) and a post trace (tau_minus), multiplicative weight dependence
    potentiation  w <- w + A_plus (w_max - w) K+     at each post spike, K+ = pre trace
    depression    w <- w - A_minus (w - w_min) K-    at each pre spike,  K- = post trace
with the whole 1.5 ms delay dendritic: a pre spike reaches the synapse when it is emitted (and transmits the
weight it leaves with, arriving d later), a post spike reaches the synapse d after it is emitted, and a pre and a
post spike that reach the synapse at the same step do not pair. Brian2 processes the pre pathway at the arrival
on the post cell (k + d), so every synaptic event is shifted by d: the post pathway runs at q + 2d, which keeps
every pre/post interval as NEST sees it (q + d - k). Both pathways get delay - dt, as in brian2_brunel.py (the
schedule change delays every spike by one step). Brian2 runs a Synapses object's pre pathway before its post
pathway in a step (orders -1 and 1), so the pre trace seen by a post spike arriving at the pre spike's step
includes that spike: on_post takes it out again (NEST's strictness).

/usr/bin/python3 bench/brian2_brunel_stdp.py
"""
import contextlib
import io
import json
import sys
import types

import numpy as np

import brian2_common
from brian2_common import SpikeCountSlice, run_standalone

N_E, N_I, C_E, C_I = 8000, 2000, 800, 200
J, G, ETA, DELAY, TAU_M, THETA, V_RESET, TAU_RP, T_STOP = 0.1, 5.0, 2.0, 1.5, 20.0, 20.0, 10.0, 2.0, 1000.0
TAU_PLUS, TAU_MINUS, A_PLUS, A_MINUS, W_MIN, W_MAX = 20.0, 20.0, 0.005, 0.01, 0.0, 3 * J
NU_THR = THETA / (J * C_E * TAU_M) * 1000.0     # Hz
DT = 0.1
GATED = 'v_post += %g*mV * int(not_refractory_post)'
SCHEDULE = ['start', 'groups', 'synapses', 'thresholds', 'resets', 'end']
EXT_RATE = ETA * NU_THR                         # Hz per external source, 25

STDP_MODEL = '''
w : 1
t_pre_arrival : second
dapre/dt = -apre / tau_plus : 1 (event-driven)
dapost/dt = -apost / tau_minus : 1 (event-driven)
'''
STDP_ON_PRE = '''
w = clip(w - a_minus * (w - w_min) * apost, w_min, w_max)
v_post += w * mV * int(not_refractory_post)
apre += 1
t_pre_arrival = t
'''
STDP_ON_POST = '''
w = clip(w + a_plus * (w_max - w) * (apre - int(abs(t - t_pre_arrival) < 0.5 * dt)), w_min, w_max)
apost += 1
'''

plastic = {}


def make(b):
    ms, mV, Hz = b.ms, b.mV, b.Hz
    N = N_E + N_I
    P = b.NeuronGroup(N, 'dv/dt = -v/tau_m : volt (unless refractory)', threshold='v >= theta',
                      reset='v = v_reset', refractory=(TAU_RP + DT) * ms, method='exact', name='cells',
                      namespace=dict(tau_m=TAU_M * ms, theta=THETA * mV, v_reset=V_RESET * mV))
    P.v = 'rand() * %g * mV' % THETA
    exc, inh = P[:N_E], P[N_E:]
    ext = b.PoissonGroup(N_E, rates=EXT_RATE * Hz, name='ext')
    ee = b.Synapses(exc, exc, model=STDP_MODEL, on_pre=STDP_ON_PRE, on_post=STDP_ON_POST,
                    delay={'pre': (DELAY - DT) * ms, 'post': (2 * DELAY - DT) * ms}, name='ee_stdp',
                    namespace=dict(tau_plus=TAU_PLUS * ms, tau_minus=TAU_MINUS * ms, a_plus=A_PLUS,
                                   a_minus=A_MINUS, w_min=W_MIN, w_max=W_MAX))
    ee.connect(i='k for k in sample(N_pre, size=%d)' % C_E)  # fixed in-degree, no repeats
    ee.w = J
    ee.t_pre_arrival = -1 * b.second
    ei = b.Synapses(exc, inh, on_pre=GATED % J, delay=(DELAY - DT) * ms, name='ei_syn')
    ei.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    si = b.Synapses(inh, P, on_pre=GATED % (-G * J), delay=(DELAY - DT) * ms, name='inh_syn')
    si.connect(i='k for k in sample(N_pre, size=%d)' % C_I)
    sx = b.Synapses(ext, P, on_pre=GATED % J, delay=(DELAY - DT) * ms, name='ext_syn')
    sx.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    mon = b.SpikeMonitor(P, record=False, name='cells_count')
    monx = b.SpikeMonitor(ext, record=False, name='ext_count')
    plastic['ee'] = ee

    counts = {exc.name: SpikeCountSlice(mon, slice(0, N_E)), inh.name: SpikeCountSlice(mon, slice(N_E, N)),
              'ext': SpikeCountSlice(monx, slice(0, N_E))}
    return {'all': [P, ext, ee, ei, si, sx, mon, monx], 'synapses': [ee, ei, si, sx], 'neurons': [P],
            'counts': counts, 'neuron_groups': (exc.name, inh.name), 'schedule': SCHEDULE}


def read_weights_then_remove(path, ignore_errors=False):
    """run_standalone removes its folder when done; read the final E->E weights from it first."""
    plastic['w'] = np.asarray(plastic['ee'].w[:], dtype=float)
    import shutil
    shutil.rmtree(path, ignore_errors=ignore_errors)


if __name__ == '__main__':
    brian2_common.shutil = types.SimpleNamespace(rmtree=read_weights_then_remove)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        out = run_standalone('brunel_stdp', make, T_STOP)
    w = plastic['w']
    out.update(ee_synapses=int(w.size), ee_mean_weight_mV=float('%.6g' % w.mean()),
               ee_sd_weight_mV=float('%.6g' % w.std()))
    for line in captured.getvalue().splitlines():
        if not line.startswith('RESULT '):
            print(line)
    print(f"  E->E weights after {T_STOP:g} ms: mean {out['ee_mean_weight_mV']} mV, sd {out['ee_sd_weight_mV']} mV "
          f"(start {J}, w_max {W_MAX:g})")
    print('RESULT ' + json.dumps(out))
    sys.stdout.flush()
