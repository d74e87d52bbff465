#!/usr/bin/python3
"""Vogels-Abbott benchmark (CUBA or COBA) in Brian2 C++ standalone, the network of PyNN's examples/VAbenchmarks.py
(Brette et al. 2007, Benchmarks 1 and 2): 4000 cells (3200 exc, 800 inh), p = 0.02, delay 0.2 ms, 1 s,
20 Poisson sources at 100 Hz for the first 50 ms (p = 0.01, weight 0.1), v initial uniform in [v_reset, v_thresh).

/usr/bin/python3 bench/brian2_vogels_abbott.py CUBA|COBA [euler|rk4]

COBA integrates with forward Euler by default (Brian2's usual choice for this model, one derivative per step);
`rk4` uses the classical Runge-Kutta step that tsnn uses for IF_cond_exp (four derivatives per step), for a
comparison of the same numerical work.
"""
import sys

from brian2_common import SpikeCountSlice, run_standalone

# from PyNN's VAbenchmarks.py: area 20000 um2, cm 1 uF/cm2 -> 0.2 nF; g_leak 5e-5 S/cm2 -> Rm 100 MOhm
N, R_EI, P_CONN, DELAY, T_STOP = 4000, 4.0, 0.02, 0.2, 1000.0
CM, TAU_M, V_THRESH, V_RESET, T_REFRAC, TAU_E, TAU_I = 0.2, 20.0, -50.0, -60.0, 5.0, 5.0, 10.0
E_EXC, E_INH, V_MEAN = 0.0, -80.0, -60.0
N_EXT, EXT_RATE, EXT_DUR, EXT_P, EXT_W = 20, 100.0, 50.0, 0.01, 0.1


def parameters(benchmark):
    if benchmark == 'COBA':
        return dict(v_rest=-60.0, w_exc=4.0e-3, w_inh=51.0e-3)          # uS
    return dict(v_rest=-49.0, w_exc=1e-3 * 0.27 * (E_EXC - V_MEAN),     # nA: 0.0162
                w_inh=1e-3 * 4.5 * (E_INH - V_MEAN))                    # nA: -0.09


def build(benchmark, cond_method='euler'):
    p = parameters(benchmark)

    def make(b):
        ms, mV, nA, nF, uS, Hz = b.ms, b.mV, b.nA, b.nF, b.uS, b.Hz
        if benchmark == 'COBA':
            eqs = '''dv/dt = (v_rest - v)/tau_m + (ge*(e_exc - v) + gi*(e_inh - v))/C_m : volt (unless refractory)
                     dge/dt = -ge/tau_e : siemens
                     dgi/dt = -gi/tau_i : siemens'''
            exc_var, inh_var, unit = 'ge', 'gi', uS
        else:
            eqs = '''dv/dt = (v_rest - v)/tau_m + (ie + ii)/C_m : volt (unless refractory)
                     die/dt = -ie/tau_e : amp
                     dii/dt = -ii/tau_i : amp'''
            exc_var, inh_var, unit = 'ie', 'ii', nA
        ns = dict(v_rest=p['v_rest'] * mV, tau_m=TAU_M * ms, C_m=CM * nF, tau_e=TAU_E * ms, tau_i=TAU_I * ms,
                  e_exc=E_EXC * mV, e_inh=E_INH * mV)
        n_exc = int(round(N * R_EI / (1 + R_EI)))
        P = b.NeuronGroup(N, eqs, threshold='v > -50*mV', reset='v = -60*mV', refractory=T_REFRAC * ms,
                          method='exact' if benchmark == 'CUBA' else cond_method, namespace=ns, name='cells')
        P.v = 'V_reset + rand() * (V_thresh - V_reset)'.replace('V_reset', '(-60*mV)').replace(
            'V_thresh', '(-50*mV)')
        exc, inh = P[:n_exc], P[n_exc:]
        ext = b.PoissonGroup(N_EXT, rates='%g*Hz * int(t < %g*ms)' % (EXT_RATE, EXT_DUR), name='ext')
        se = b.Synapses(exc, P, on_pre='%s += %r*%s' % (exc_var, p['w_exc'], 'uS' if unit is uS else 'nA'),
                        delay=DELAY * ms, name='exc_syn')
        se.connect(p=P_CONN)
        si = b.Synapses(inh, P, on_pre='%s += %r*%s' % (inh_var, abs(p['w_inh']) if benchmark == 'COBA'
                                                        else p['w_inh'], 'uS' if unit is uS else 'nA'),
                        delay=DELAY * ms, name='inh_syn')
        si.connect(p=P_CONN)
        sx = b.Synapses(ext, P, on_pre='%s += %r*%s' % (exc_var, EXT_W, 'uS' if unit is uS else 'nA'),
                        delay=DELAY * ms, name='ext_syn')
        sx.connect(p=EXT_P)
        # subgroups share the parent's spikes: count on the parent, attribute to exc/inh by index
        mon = b.SpikeMonitor(P, record=False, name='cells_count')
        monx = b.SpikeMonitor(ext, record=False, name='ext_count')

        counts = {}
        counts[exc.name] = SpikeCountSlice(mon, slice(0, n_exc))
        counts[inh.name] = SpikeCountSlice(mon, slice(n_exc, N))
        counts['ext'] = SpikeCountSlice(monx, slice(0, N_EXT))
        return {'all': [P, ext, se, si, sx, mon, monx], 'synapses': [se, si, sx], 'neurons': [P], 'counts': counts,
                'neuron_groups': (exc.name, inh.name)}
    return make


if __name__ == '__main__':
    benchmark = sys.argv[1] if len(sys.argv) > 1 else 'CUBA'
    method = sys.argv[2] if len(sys.argv) > 2 else 'euler'
    if benchmark not in ('CUBA', 'COBA') or method not in ('euler', 'rk4'):
        sys.exit('usage: brian2_vogels_abbott.py CUBA|COBA [euler|rk4]')
    name = 'vogels_abbott_' + benchmark + ('_rk4' if method == 'rk4' and benchmark == 'COBA' else '')
    run_standalone(name, build(benchmark, method), T_STOP)
