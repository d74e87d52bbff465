"""The shape of recorded data in PyNN 0.10.1 with Brian2: which segments a Block holds, which cells and signals each
segment has, and where signals start, in scenarios of clearing, resetting and recording between runs. Writes
test/fixtures/pynn_recorded_data.json for test/conformance/pynn-recorded-data.test.ts. Spike times are not
compared (Brian2's schedule puts spikes one step earlier than NEST's; see brian2_timing.py), only structure.

Run from the repository root with Debian's interpreter: /usr/bin/python3 test/reference/recorded_data.py
"""
import json
import os

import pyNN.brian2 as sim


def segments(block):
    return [
        {
            "name": s.name,
            "spiketrains": [
                {"source_population": st.annotations["source_population"], "t_start": float(st.t_start),
                 "t_stop": float(st.t_stop)}
                for st in s.spiketrains
            ],
            "analogsignals": [
                {"name": a.name, "shape": list(a.shape), "t_start": float(a.t_start),
                 "sampling_period": float(a.sampling_period)}
                for a in s.analogsignals
            ],
        }
        for s in block.segments
    ]


def assembly_segments_by_name():
    """Members cleared at different times: Neo's Block.merge pairs segments by name."""
    sim.setup(timestep=0.1)
    p1 = sim.Population(1, sim.IF_curr_exp(i_offset=3.0), label="p1")
    p2 = sim.Population(1, sim.IF_curr_exp(i_offset=2.0), label="p2")
    both = p1 + p2
    both.record("spikes")
    sim.run(10.0)
    sim.reset()
    sim.run(4.0)
    p1.get_data(clear=True)
    sim.run(6.0)
    return segments(both.get_data())


def clear_keeps_the_sample_at_the_clear_time():
    """get_data(clear=True) mid-run: the next signal starts at the clear time, with the sample taken then."""
    sim.setup(timestep=0.1)
    p = sim.Population(2, sim.IF_curr_exp(i_offset=[1.0, 2.0]), label="exc")
    p.record(["spikes", "v"])
    sim.run(5.0)
    p.get_data(clear=True)
    sim.run(5.0)
    fine = segments(p.get_data())
    sim.setup(timestep=0.1)
    q = sim.Population(2, sim.IF_curr_exp(i_offset=[1.0, 2.0]), label="exc")
    q.record("v", sampling_interval=1.0)
    sim.run(15.0)
    q.get_data(clear=True)
    sim.run(5.0)
    return {"dt": fine, "interval_1ms": segments(q.get_data())}


def population_that_recorded_nothing():
    """A segment closed while a population recorded nothing holds no trains for it."""
    sim.setup(timestep=0.1)
    p = sim.Population(2, sim.IF_curr_exp(i_offset=[1.0, 2.0]), label="p")
    q = sim.Population(1, sim.IF_curr_exp(i_offset=2.0), label="q")
    q.record("spikes")
    sim.run(10)
    sim.reset()
    p.record(["spikes", "v"])
    sim.run(10)
    return segments(p.get_data())


def interval_given_with_spikes():
    """A sampling interval given with 'spikes' alone does not apply to variables recorded later."""
    sim.setup(timestep=0.1)
    p = sim.Population(1, sim.IF_curr_exp(i_offset=2.0), label="p")
    p.record("spikes", sampling_interval=1.0)
    p.record("v")
    sim.run(10)
    return segments(p.get_data())


fixture = {
    "generator": "test/reference/recorded_data.py",
    "pynn": "0.10.1 (pyNN.brian2)",
    "assembly_segments_by_name": assembly_segments_by_name(),
    "clear_keeps_the_sample_at_the_clear_time": clear_keeps_the_sample_at_the_clear_time(),
    "population_that_recorded_nothing": population_that_recorded_nothing(),
    "interval_given_with_spikes": interval_given_with_spikes(),
}
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "pynn_recorded_data.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {os.path.normpath(path)}")
