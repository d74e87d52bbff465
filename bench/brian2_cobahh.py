#!/usr/bin/python3
"""COBAHH (Brette et al. 2007, Benchmark 3) in Brian2 C++ standalone, as Brian2's examples/COBAHH.py: 4000
Hodgkin-Huxley cells of Traub and Miles' type (3200 exc, 800 inh), p = 0.02, conductances of 6 and 67 nS with tau 5
and 10 ms, v from -65 +- 5 mV, ge from 40 +- 15 nS, gi from 200 +- 120 nS, the gates from 0, a spike where v
crosses -20 mV (3 ms refractory), 1 s at dt 0.1 ms, integrated by exponential Euler (Brian2's choice for these
equations, one derivative per step). bench/cobahh.ts is the same network on tsnn.

/usr/bin/python3 bench/brian2_cobahh.py
"""
from brian2_common import TRAUB_GATES, SpikeCountSlice, run_standalone

N, N_EXC, T_STOP = 4000, 3200, 1000.0


def build(b):
    ms, mV, nS, uS, nF = b.ms, b.mV, b.nS, b.uS, b.nF
    eqs = '''dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
             dge/dt = -ge*(1./taue) : siemens
             dgi/dt = -gi*(1./taui) : siemens''' + TRAUB_GATES
    ns = dict(Cm=0.2 * nF, gl=0.01 * uS, El=-60 * mV, EK=-90 * mV, ENa=50 * mV, g_na=20 * uS, g_kd=6 * uS,
              VT=-63 * mV, taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV)
    P = b.NeuronGroup(N, eqs, threshold='v > -20*mV', refractory=3 * ms, method='exponential_euler', namespace=ns,
                      name='cells')
    P.v = '-60*mV + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    exc, inh = P[:N_EXC], P[N_EXC:]
    se = b.Synapses(exc, P, on_pre='ge += 6*nS', name='exc_syn')
    se.connect(p=0.02)
    si = b.Synapses(inh, P, on_pre='gi += 67*nS', name='inh_syn')
    si.connect(p=0.02)
    mon = b.SpikeMonitor(P, record=False, name='cells_count')

    counts = {exc.name: SpikeCountSlice(mon, slice(0, N_EXC)), inh.name: SpikeCountSlice(mon, slice(N_EXC, N))}
    return {'all': [P, se, si, mon], 'synapses': [se, si], 'neurons': [P], 'counts': counts,
            'neuron_groups': (exc.name, inh.name)}


if __name__ == '__main__':
    run_standalone('cobahh', build, T_STOP)
