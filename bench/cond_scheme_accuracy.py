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
  rk4f32  tsnn's RK4 term for term (condRk4Voltage) with V and the conductances held in single precision: the
          same 38 operations, four cells to a 128-bit SIMD instruction instead of two (bench/kernel.mjs precision)
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


def run_tsnn(dtype, origin=0.0, v_start=E_L, drive=True, steps=STEPS):
    """rk4 as conductance_updates.h groups it (condRk4Voltage, rk4FromScaledSlopes), every value held in `dtype`
    and V held as V - origin; without `drive`, no input."""
    f = dtype
    d_e, d_i = f(np.exp(-DT / TAU_E)), f(np.exp(-DT / TAU_I))
    half_e, half_i = f(np.exp(-DT / 2 / TAU_E)), f(np.exp(-DT / 2 / TAU_I))
    sixth, half, whole = f(DT / 6 / CM), f(DT / 2 / CM), f(DT / CM)
    g_l, rest = f(G_L), f(DT / 6 / CM * G_L * (E_L - origin))
    exc, inh = f(DT / 6 / CM * (E_E - origin)), f(DT / 6 / CM * (E_I - origin))
    v, g_e, g_i = f(v_start - origin), f(0), f(0)
    trace = np.empty(steps)
    for s in range(steps):
        m_e, m_i, e_e, e_i = g_e * half_e, g_i * half_i, g_e * d_e, g_i * d_i
        sv = sixth * v
        x, y, l = exc - sv, inh - sv, rest - g_l * sv
        f0, fh, f1 = (l + g_e * x) + g_i * y, (l + m_e * x) + m_i * y, (l + e_e * x) + e_i * y
        mid_gain, end_gain = half * ((g_l + m_e) + m_i), whole * ((g_l + e_e) + e_i)
        k2 = fh - mid_gain * f0
        k3 = fh - mid_gain * k2
        k4 = f1 - end_gain * k3
        v = v + ((f0 + k4) + ((k2 + k3) + (k2 + k3)))
        g_e, g_i = (e_e + f(INPUT_E[s]), e_i + f(INPUT_I[s])) if drive else (e_e, e_i)
        trace[s] = float(v) + origin
    return trace


reference = run('rk4', substeps=100)
print(f'V between {reference.min():.1f} and {reference.max():.1f} mV over {T_STOP:.0f} ms')
print(f'{"scheme":8} {"max |error| (mV)":>18} {"mean |error| (mV)":>18}')
for name in ('rk4', 'rk4f32', 'expmid', 'expint', 'rk2mid', 'euler'):
    error = np.abs((run_tsnn(np.float32) if name == 'rk4f32' else run(name)) - reference)
    print(f'{name:8} {error.max():18.3g} {error.mean():18.3g}')

# Single precision where V barely moves: a cell relaxing from -50 mV to rest without input. Held as V, it stops
# where an RK4 increment falls under half an ulp of V (about 60 mV); held as V - v_rest, the ulp shrinks with it.
RELAX = 3000
exact = E_L + (-50.0 - E_L) * np.exp(-DT * np.arange(1, RELAX + 1) / TAU_M)
print(f'relaxing from -50 mV to rest for {RELAX * DT:.0f} ms without input, rk4: max |V - exact| (mV)')
for name, dtype, origin in (('double', np.float64, 0.0), ('float32, V', np.float32, 0.0),
                            ('float32, V - v_rest', np.float32, E_L)):
    error = np.abs(run_tsnn(dtype, origin, -50.0, False, RELAX) - exact)
    print(f'  {name:20} {error.max():10.3g}   (at the end {error[-1]:.3g})')
