"""Shared helpers of the *_brian2.py reference scripts for test/conformance/pynn-examples-cells.test.ts.

Each script runs one of PyNN's examples (NeuralEnsemble/PyNN, examples/) on PyNN 0.10.1 + Brian2 (Debian's
packages, /usr/bin/python3) and writes what a user of the example would look at to
test/fixtures/pynn_examples/<name>.json.

Brian2's step schedule differs from NEST's (tsnn's reference) by one step in three places (see
test/reference/brian2_timing.py): the scripts give Brian2 tau_refrac + dt and SpikeSourceArray times - dt, and
store Brian2's spike times + dt, so that the fixtures follow the NEST/PyNN convention.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from brian2_timing import brian2_source_times, brian2_tau_refrac, nest_spike_times, ADJUSTMENTS_TEXT  # noqa: E402

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'pynn_examples')


def spikes_of(segment, dt):
    """Spike times per cell (NEST convention: Brian2's + dt), in ms, ordered by source index."""
    trains = sorted(segment.spiketrains, key=lambda st: st.annotations.get('source_index', st.annotations.get('channel_id')))  # PyNN 0.10.1: channel_id
    return [nest_spike_times([float(t) for t in st.magnitude], dt) for st in trains]


def samples_of(segment, name, times):
    """Values of the recorded signal `name` at the given times (ms): one list per time, one value per cell."""
    sig = segment.filter(name=name)[0]
    t0 = float(sig.t_start.rescale('ms').magnitude)
    step = float(sig.sampling_period.rescale('ms').magnitude)
    arr = np.asarray(sig.magnitude)
    out = []
    for t in times:
        k = int(round((t - t0) / step))
        out.append([float(x) for x in arr[k, :]])
    return out


def write_fixture(name, data):
    import brian2
    import pyNN
    data = dict(data)
    data['generator'] = {'pynn': pyNN.__version__, 'brian2': brian2.__version__,
                         'script': 'test/reference/pynn_examples/%s_brian2.py' % name,
                         'timing': ADJUSTMENTS_TEXT}
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    path = os.path.join(FIXTURE_DIR, '%s.json' % name)
    with open(path, 'w') as f:
        json.dump(data, f, indent=1)
    print('wrote', path)


def small_network_input_trains(n, input_rate, simtime, dt):
    """The input of PyNN's small_network.py and small_network2.py: n trains of exponential intervals drawn with numpy
    in the example's order (seed 26278342; its `assert generate_spike_times(0).max() > simtime` consumes the first
    draw), put on the dt grid (at least one step after 0; one spike per step)."""
    number = int(2 * simtime * input_rate / 1000.0)
    np.random.seed(26278342)
    gen = lambda: np.add.accumulate(np.random.exponential(1000.0 / input_rate, size=number))  # noqa: E731
    assert gen().max() > simtime
    raw = [gen() for _ in range(n)]
    return [sorted(set(round(max(1, round(t / dt)) * dt, 10) for t in ts if t <= simtime + 10)) for ts in raw]
