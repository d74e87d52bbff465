"""Shared measuring code for the Brian2 C++ standalone benchmarks (bench/brian2_*.py).

Each benchmark script builds its network inside `build(brian2)`; run_standalone compiles and runs it single-
threaded (TSNN_BRIAN2_THREADS=N: N OpenMP threads) with Brian2's defaults and prints the same figures as the tsnn benchmarks, then one machine-readable
line 'RESULT {json}' that bench/run.mjs reads.
"""
import json
import os
import resource
import shutil
import sys
import tempfile
import time

import numpy as np


# Traub and Miles' gates (HH_cond_exp, NEST hh_cond_exp_traub, Brian2's examples/COBAHH.py) as Brian2 equations:
# m, h and n and their rates, with VT the rates' offset (v_offset).
TRAUB_GATES = '''
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
'''


class SpikeCountSlice:
    """A SpikeMonitor's counts for a slice of its group (a subgroup shares its parent's monitor), read only after
    the standalone run, when numpy asks for the array."""

    def __init__(self, monitor, cells):
        self.monitor, self.cells = monitor, cells

    def __array__(self, dtype=None):
        return np.asarray(self.monitor.count[:])[self.cells]


def run_standalone(name, build, t_bio_ms):
    import brian2
    from brian2 import set_device, device, prefs
    workdir = tempfile.mkdtemp(prefix='tsnn_bench_' + name + '_')
    set_device('cpp_standalone', directory=workdir, build_on_run=False)
    # One thread by default, like tsnn's default; TSNN_BRIAN2_THREADS=N (bench/run.mjs --threads N) uses OpenMP.
    threads = int(os.environ.get('TSNN_BRIAN2_THREADS', '1'))
    prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    # Brian2 compiles with -march=native by default (AVX-512 where the CPU has it; WebAssembly SIMD is 128 bits
    # wide): TSNN_BRIAN2_MARCH=x86-64 (or any -march value) shows what that is worth on this machine.
    march = os.environ.get('TSNN_BRIAN2_MARCH')
    if march:
        prefs.codegen.cpp.extra_compile_args_gcc = [
            '-march=' + march if a == '-march=native' else a for a in prefs.codegen.cpp.extra_compile_args_gcc]
    brian2.seed(12345)
    objs = build(brian2)
    net = brian2.Network(objs['all'])
    if 'schedule' in objs:
        net.schedule = objs['schedule']
    net.run(t_bio_ms * brian2.ms)
    t0 = time.perf_counter()
    device.build(directory=workdir, compile=True, run=False)
    t_compile = time.perf_counter() - t0
    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    device.run(workdir, with_output=False, run_args=[])
    t_binary = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_binary = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    # the binary measures its own network.run() (results/last_run_info.txt); the rest of its wall time is
    # connectivity generation, initialisation and writing results
    sim_s = float(device._last_run_time)
    build_s = t_binary - sim_s
    n_syn = 0
    syn_bytes = 0
    events = 0
    spikes = 0
    results = os.path.join(workdir, 'results')
    for syn in objs['synapses']:
        n = len(syn)
        n_syn += n
        # every file of this Synapses object in results/ is a per-synapse array (pre, post, weights, delays, ...)
        syn_bytes += sum(os.path.getsize(os.path.join(results, f)) for f in os.listdir(results)
                         if f.startswith('_dynamic_array_' + syn.name + '_'))
        counts = np.asarray(objs['counts'][syn.source.name])
        outdeg = np.bincount(np.asarray(syn.i[:]), minlength=len(syn.source))
        events += int(np.dot(counts, outdeg))
    for group_name, c in objs['counts'].items():
        if group_name in objs.get('neuron_groups', ()):
            spikes += int(np.sum(c))
    n_neurons = sum(len(g) for g in objs['neurons'])
    out = {
        'simulator': 'brian2 ' + brian2.__version__ + ' cpp_standalone (%d thread%s%s)' % (
            threads, 's' if threads > 1 else '', ', -march=' + march if march else ''),
        'network': name,
        'neurons': n_neurons,
        'synapses': n_syn,
        'biological_seconds': t_bio_ms / 1000.0,
        'compile_seconds': round(t_compile, 3),
        'build_and_io_seconds': round(build_s, 3),
        'run_seconds': round(sim_s, 3),
        'binary_wall_seconds': round(t_binary, 3),
        # CPU time of the whole binary (build, run and I/O): below its wall time when others took the CPU
        'binary_cpu_seconds': round(cpu_binary, 3),
        'seconds_per_biological_second': round(sim_s / (t_bio_ms / 1000.0), 4),
        'spikes': spikes,
        'mean_rate_hz': round(spikes / n_neurons / (t_bio_ms / 1000.0), 3),
        'synaptic_events': events,
        'synaptic_events_per_second': round(events / sim_s) if sim_s > 0 else None,
        'bytes_per_synapse': round(syn_bytes / n_syn, 2) if n_syn else None,
    }
    print(f"{name} on Brian2 C++ standalone: {n_neurons} neurons, {n_syn} synapses, {spikes} spikes "
          f"({out['mean_rate_hz']} Hz)")
    print(f"  compile (codegen + g++) {out['compile_seconds']} s, binary outside run() (build + I/O) {out['build_and_io_seconds']} s, "
          f"simulation {out['run_seconds']} s = {out['seconds_per_biological_second']} s per biological s")
    print(f"  {out['synaptic_events_per_second']} synaptic events/s, {out['bytes_per_synapse']} bytes/synapse "
          f"(per-synapse arrays written by the run)")
    print('RESULT ' + json.dumps(out))
    sys.stdout.flush()
    shutil.rmtree(workdir, ignore_errors=True)
    return out
