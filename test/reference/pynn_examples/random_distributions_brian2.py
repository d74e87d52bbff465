"""PyNN example random_distributions.py on PyNN 0.10.1 (pyNN.random; no simulator is involved, the name keeps the
*_brian2.py convention): 100000 draws of each of four RandomDistributions (uniform low -65 high -55; gamma k 2
theta 0.5; normal mu -1 sigma 0.5; exponential beta 10) from NumpyRNG(seed=984527), histogrammed on the example's
bins (numpy.linspace(*xlim, num=100): 99 bins) as its plt.hist does.
Changes: GSLRNG (seed 668454) and NEURON's NativeRNG are not drawn: PyNN 0.10.1 here has no pygsl
(pyNN.random.have_gsl is False) and NativeRNG is NEURON's own generator. Instead of the example's plot, the fixture
stores PyNN's histogram (with the counts below and above the bins), the exact expected counts n*(F(b[k+1]) - F(b[k]))
from scipy.stats (the example's `rv`), the analytic mean, variance and 4th central moment, and PyNN's sample
moments."""
import numpy
import scipy.stats
import pyNN.random as random
from examples_cells_common import write_fixture

n = 100000
nbins = 100
rng = random.NumpyRNG(seed=984527)
cases = (
    ("uniform", {"low": -65, "high": -55}, (-65, -55), scipy.stats.uniform(loc=-65, scale=10)),
    ("gamma", {"k": 2.0, "theta": 0.5}, (0, 5), scipy.stats.gamma(2.0, loc=0.0, scale=0.5)),
    ("normal", {"mu": -1.0, "sigma": 0.5}, (-3, 1), scipy.stats.norm(loc=-1, scale=0.5)),
    ("exponential", {'beta': 10.0}, (0, 50), scipy.stats.expon(loc=0, scale=10)),
)
out = []
for distribution, parameters, xlim, rv in cases:
    bins = numpy.linspace(*xlim, num=nbins)
    rd = random.RandomDistribution(distribution, rng=rng, **parameters)
    values = rd.next(n)
    assert values.size == n
    counts, _ = numpy.histogram(values, bins)
    cdf = rv.cdf(bins)
    mean, var = float(rv.mean()), float(rv.var())
    mu4 = float(rv.moment(4) - 4 * rv.moment(3) * mean + 6 * rv.moment(2) * mean ** 2 - 3 * mean ** 4)
    out.append({
        'distribution': distribution, 'parameters': parameters, 'xlim': list(xlim), 'bins': [float(b) for b in bins],
        'pynn_counts': [int(c) for c in counts],
        'pynn_below': int((values < bins[0]).sum()), 'pynn_above': int((values > bins[-1]).sum()),
        'expected_counts': [float(n * (cdf[k + 1] - cdf[k])) for k in range(len(bins) - 1)],
        'expected_below': float(n * cdf[0]), 'expected_above': float(n * (1 - cdf[-1])),
        'mean': mean, 'var': var, 'mu4': mu4,
        'pynn_mean': float(values.mean()), 'pynn_var': float(values.var()),
        # support of the distribution; None where infinite (JSON has no Infinity)
        'support': [float(x) if numpy.isfinite(x) else None for x in (rv.ppf(0), rv.ppf(1))],
    })
write_fixture('random_distributions', {'n': n, 'seed': 984527, 'gsl_seed': 668454, 'cases': out})
