"""NEST's tsodyks_synapse, the reference for the Tsodyks-Markram examples (pyNN.brian2 0.10.1's own TM equations
are wrong: docs/validation.md §4b)."""
import math


def nest_tsodyks_releases(spikes, U, tau_rec, tau_facil, tau_psc, weight):
    """NEST tsodyks_synapse::send, event by event (x, y, u start at 1, 0, 0): the weight released at each spike."""
    x, y, u = 1.0, 0.0, 0.0
    last = None
    out = []
    for t in spikes:
        if last is not None:
            h = t - last
            puu = 0.0 if tau_facil == 0 else math.exp(-h / tau_facil)
            pyy = math.exp(-h / tau_psc)
            pzz = math.exp(-h / tau_rec)
            pxy = ((pzz - 1) * tau_rec - (pyy - 1) * tau_psc) / (tau_psc - tau_rec)
            pxz = 1 - pzz
            z = 1 - x - y
            u *= puu
            x += pxy * y + pxz * z
            y *= pyy
        u += U * (1 - u)
        delta = u * x
        x -= delta
        y += delta
        out.append(weight * delta)
        last = t
    return out
