"""How accurate cheaper schemes than RK4 would be for IF_cond_exp's V at dt = 0.1 ms: the question behind COBA's
speed against Brian2's forward Euler (docs/performance.md, session 19). One Vogels-Abbott COBA cell below
threshold (no reset), driven for 1 s by Poisson inputs at 1.5 times the network's mean conductances (excitatory
4 nS x 1.5 at 1000 Hz, inhibitory 51 nS x 1.5 at 240 Hz), every scheme with its conductances decaying exactly
and its input added at the end of a step as tsnn does. Error: max and mean |V - reference| over the second, the
reference being the same RK4 at dt = 0.001 ms. Figures only.

    /usr/bin/python3 bench/cond_scheme_accuracy.py

The schemes, with the floating-point operations a cell and step each would take in tsnn's pair loop:
  rk4     classical RK4, conductances exact at t, t + h/2, t + h (tsnn's IF_cond_exp): 38
  expmid  exponential midpoint: V relaxes over the step with the conductances frozen at t + h/2,
          v' = v + (y - x v) phi1(x), phi1(x) = (1 - e^-x)/x as a Taylor polynomial: about 24
  expint  the same with the conductances' exact integrals over the step instead of their midpoint values
  rk2mid  the explicit midpoint rule: about 16
  euler   forward Euler (Brian2's default for these equations): about 10
"""
import numpy as np

CM, TAU_M, E_L, E_E, E_I, TAU_E, TAU_I = 0.2, 20.0, -60.0, 0.0, -80.0, 5.0, 10.0  # nF, ms, mV
G_L = CM / TAU_M
DT, T_STOP = 0.1, 1000.0
STEPS = int(T_STOP / DT)
rng = np.random.default_rng(1)
INPUT_E = rng.poisson(1000 * DT / 1000, STEPS) * 0.004 * 1.5  # uS arriving at the end of each step
INPUT_I = rng.poisson(240 * DT / 1000, STEPS) * 0.051 * 1.5


def slope(v, g_e, g_i):
    return (G_L * (E_L - v) + g_e * (E_E - v) + g_i * (E_I - v)) / CM


def run(scheme, substeps=1):
    h = DT / substeps
    d_e, d_i = np.exp(-h / TAU_E), np.exp(-h / TAU_I)
    half_e, half_i = np.exp(-h / 2 / TAU_E), np.exp(-h / 2 / TAU_I)
    k_e, k_i = TAU_E * (1 - d_e) / CM, TAU_I * (1 - d_i) / CM  # integrals of g(t)/cm over the step per unit g(0)
    v, g_e, g_i = E_L, 0.0, 0.0
    trace = np.empty(STEPS)
    for s in range(STEPS):
        for _ in range(substeps):
            if scheme == 'rk4':
                m_e, m_i, e_e, e_i = g_e * half_e, g_i * half_i, g_e * d_e, g_i * d_i
                k1 = slope(v, g_e, g_i)
                k2 = slope(v + h / 2 * k1, m_e, m_i)
                k3 = slope(v + h / 2 * k2, m_e, m_i)
                k4 = slope(v + h * k3, e_e, e_i)
                v = v + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            elif scheme in ('expmid', 'expint'):
                if scheme == 'expmid':
                    m_e, m_i = g_e * half_e, g_i * half_i
                    x = h * (G_L + m_e + m_i) / CM
                    y = h * (G_L * E_L + m_e * E_E + m_i * E_I) / CM
                else:
                    x = G_L * h / CM + g_e * k_e + g_i * k_i
                    y = G_L * E_L * h / CM + g_e * k_e * E_E + g_i * k_i * E_I
                v = v + (y - x * v) * (1 - np.exp(-x)) / x
            elif scheme == 'rk2mid':
                k1 = slope(v, g_e, g_i)
                v = v + h * slope(v + h / 2 * k1, g_e * half_e, g_i * half_i)
            elif scheme == 'euler':
                v = v + h * slope(v, g_e, g_i)
            g_e *= d_e
            g_i *= d_i
        g_e += INPUT_E[s]
        g_i += INPUT_I[s]
        trace[s] = v
    return trace


reference = run('rk4', substeps=100)
print(f'V between {reference.min():.1f} and {reference.max():.1f} mV over {T_STOP:.0f} ms')
print(f'{"scheme":8} {"max |error| (mV)":>18} {"mean |error| (mV)":>18}')
for name in ('rk4', 'expmid', 'expint', 'rk2mid', 'euler'):
    error = np.abs(run(name) - reference)
    print(f'{name:8} {error.max():18.3g} {error.mean():18.3g}')
