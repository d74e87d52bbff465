"""How accurately Brian2 integrates the Vogels-Abbott COBA cell at dt = 0.1 ms with forward Euler (its default for
these equations, what bench/brian2_vogels_abbott.py COBA runs) and with RK4 (COBA rk4, the scheme of tsnn's
IF_cond_exp), against RK4 at dt = 0.001 ms. One cell below threshold, an excitatory (6 nS) and an inhibitory
(51 nS) input in turn every 2 ms for 200 ms. Figures only (docs/performance.md).

    /usr/bin/python3 bench/brian2_cond_accuracy.py

Brian2 applies a step's synaptic input after its state update, so an input at t acts from t + dt on: the
reference's inputs are shifted by 0.1 - 0.001 ms to act from the same instant as the coarse runs'.
"""
import numpy as np
from brian2 import (NeuronGroup, SpikeGeneratorGroup, StateMonitor, Synapses, defaultclock, mV, ms, nF, nS, prefs, run,
                    start_scope)

prefs.codegen.target = 'numpy'
EQUATIONS = '''dv/dt = (-60*mV - v)/(20*ms) + (ge*(0*mV - v) + gi*(-80*mV - v))/(0.2*nF) : volt
               dge/dt = -ge/(5*ms) : siemens
               dgi/dt = -gi/(10*ms) : siemens'''
INPUT_TIMES = np.arange(1.0, 200.0, 2.0)  # ms


def trace(method, dt_ms, shift_ms=0.0):
    start_scope()
    defaultclock.dt = dt_ms * ms
    cell = NeuronGroup(1, EQUATIONS, method=method)
    cell.v = -60 * mV
    sources = SpikeGeneratorGroup(2, [k % 2 for k in range(len(INPUT_TIMES))], (INPUT_TIMES + shift_ms) * ms)
    synapses = Synapses(sources, cell, on_pre='ge += (i == 0) * 6*nS\ngi += (i == 1) * 51*nS')
    synapses.connect()
    monitor = StateMonitor(cell, 'v', record=0, dt=0.1 * ms)
    run(200 * ms)
    return monitor.v[0] / mV


if __name__ == '__main__':
    reference = trace('rk4', 0.001, 0.1 - 0.001)
    for method in ('euler', 'rk4'):
        coarse = trace(method, 0.1)
        n = min(len(coarse), len(reference))
        print('%-5s dt = 0.1 ms: max |V - reference| = %.3g mV' % (method, np.max(np.abs(coarse[:n] - reference[:n]))))
