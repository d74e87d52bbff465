#!/usr/bin/python3
"""Brunel (2000) sparse network, case 'AI' (g = 5, eta = 2), in Brian2 C++ standalone: 10,000 LIF cells with delta
synapses (8000 exc, 2000 inh), fixed in-degree C_E = 800, C_I = 200 (epsilon = 0.1), J = 0.1 mV, inhibitory
-g*J, delay 1.5 ms, tau_m 20 ms, theta 20 mV, V_reset 10 mV, tau_rp 2 ms, 1 s at dt = 0.1 ms. External drive as in
Brunel's paper: C_E = 800 external synapses per cell, each from a Poisson source at nu_ext = eta * nu_thr = 25 Hz
(nu_thr = theta/(J C_E tau_m)), weight J, drawn (fixed in-degree) from a pool of N_E = 8000 Poisson sources.
(One source per cell at C_E * nu_ext = 20 kHz is what PyNN's brunel.py does, but at dt = 0.1 ms that is two spikes
per step, which neither Brian2's PoissonGroup nor tsnn's SpikeSourcePoisson emits: both give at most one.)
The same network as the tsnn script bench/brunel.ts.

Brian2's default step order (integrate, threshold, synapses, reset) tests the threshold before it adds arriving
jumps, and its refractory gate only stops integration (jumps still land on the clamped v); NEST and tsnn add the
jumps first, discard those arriving while refractory, and hold v for round(tau_rp/dt) steps after the spike step.
To simulate the same model, this network runs with the schedule groups -> synapses -> thresholds, jumps gated by
not_refractory, tau_rp + dt and delays - dt (the schedule change delays every spike by one step; the refractory
offset is derived in test/reference/brian2_timing.py). Measured on a feed-forward version of this network
(1000 cells, 0.5 s), the default order gives a 2 % lower rate than this one (22.2 vs 22.7 Hz; tsnn 22.4 Hz).

/usr/bin/python3 bench/brian2_brunel.py
"""
from brian2_common import SpikeCountSlice, run_standalone

N_E, N_I, C_E, C_I = 8000, 2000, 800, 200
J, G, ETA, DELAY, TAU_M, THETA, V_RESET, TAU_RP, T_STOP = 0.1, 5.0, 2.0, 1.5, 20.0, 20.0, 10.0, 2.0, 1000.0
NU_THR = THETA / (J * C_E * TAU_M) * 1000.0     # Hz
DT = 0.1
GATED = 'v_post += %g*mV * int(not_refractory_post)'
SCHEDULE = ['start', 'groups', 'synapses', 'thresholds', 'resets', 'end']
EXT_RATE = ETA * NU_THR                         # Hz per external source, 25


def make(b):
    ms, mV, Hz = b.ms, b.mV, b.Hz
    N = N_E + N_I
    P = b.NeuronGroup(N, 'dv/dt = -v/tau_m : volt (unless refractory)', threshold='v >= theta',
                      reset='v = v_reset', refractory=(TAU_RP + DT) * ms, method='exact', name='cells',
                      namespace=dict(tau_m=TAU_M * ms, theta=THETA * mV, v_reset=V_RESET * mV))
    P.v = 'rand() * %g * mV' % THETA
    exc, inh = P[:N_E], P[N_E:]
    ext = b.PoissonGroup(N_E, rates=EXT_RATE * Hz, name='ext')
    se = b.Synapses(exc, P, on_pre=GATED % J, delay=(DELAY - DT) * ms, name='exc_syn')
    se.connect(i='k for k in sample(N_pre, size=%d)' % C_E)  # fixed in-degree, no repeats
    si = b.Synapses(inh, P, on_pre=GATED % (-G * J), delay=(DELAY - DT) * ms, name='inh_syn')
    si.connect(i='k for k in sample(N_pre, size=%d)' % C_I)
    sx = b.Synapses(ext, P, on_pre=GATED % J, delay=(DELAY - DT) * ms, name='ext_syn')
    sx.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    mon = b.SpikeMonitor(P, record=False, name='cells_count')
    monx = b.SpikeMonitor(ext, record=False, name='ext_count')

    counts = {exc.name: SpikeCountSlice(mon, slice(0, N_E)), inh.name: SpikeCountSlice(mon, slice(N_E, N)),
              'ext': SpikeCountSlice(monx, slice(0, N_E))}
    return {'all': [P, ext, se, si, sx, mon, monx], 'synapses': [se, si, sx], 'neurons': [P],
            'counts': counts, 'neuron_groups': (exc.name, inh.name), 'schedule': SCHEDULE}


if __name__ == '__main__':
    run_standalone('brunel', make, T_STOP)
