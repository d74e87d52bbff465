#!/usr/bin/env python3
"""Where a first run's time goes, thread by thread, from Linux perf's software clock (docs/performance.md,
session 21). V8's own profiler misses most samples taken in WebAssembly; perf samples every thread.

    perf record -k CLOCK_MONOTONIC -e cpu-clock -F 5000 -o /tmp/perf.data -- \\
        node --perf-basic-prof --import tsx bench/first_run.ts COBA --marks > /tmp/first_run.txt
    perf script -i /tmp/perf.data -F tid,time,ip,sym > /tmp/perf.txt
    python3 bench/perf_by_thread.py /tmp/perf.txt /tmp/first_run.txt 5000 ifCondExpPairs

(TSNN_WASM_DIR=wasm/dist-profiling names the engine's functions; `node wasm/build.mjs --profiling` builds it.)
The engine thread is the one with the most samples in the loop named last (ifCondExpPairs for COBA,
ifCurrExpPairs for CUBA). Prints, for the first 150 ms of biological time and for the rest, in the first run and
after reset(): the wall time, the share of it the engine thread was on a core, what share of its samples were
wasm or JavaScript code and the loop, and how many CPUs the other threads used. Figures only.
"""
import collections
import re
import sys

SAMPLE = re.compile(r'\s*(\d+)\s+([\d.]+):\s+[0-9a-f]+\s+(.*)')
EARLY = 3  # pieces of 50 ms: the first 150 ms


def read_samples(path):
    samples = []
    with open(path) as f:
        for line in f:
            m = SAMPLE.match(line)
            if m:
                samples.append((int(m.group(1)), float(m.group(2)), m.group(3).strip()))
    return samples


def read_marks(path):
    with open(path) as f:
        for line in f:
            if line.startswith('MARKS '):
                # Two passes (the first run, then after reset()), each its pieces' starts and its end.
                marks = [float(x) for x in line.split()[1:]]
                per_pass = len(marks) // 2
                if len(marks) % 2 or per_pass <= EARLY:
                    sys.exit(f'{path}: expected two passes of more than {EARLY} pieces, found {len(marks)} marks')
                return marks[:per_pass], marks[per_pass:]
    sys.exit(f'{path}: no MARKS line (run bench/first_run.ts with --marks)')


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    samples = read_samples(sys.argv[1])
    passes = read_marks(sys.argv[2])
    hz, loop = float(sys.argv[3]), sys.argv[4]
    in_loop = collections.Counter(tid for tid, _, sym in samples if loop in sym)
    if not in_loop:
        sys.exit(f'no samples in {loop}: was the engine built with --profiling and TSNN_WASM_DIR set?')
    engine = in_loop.most_common(1)[0][0]
    for name, marks in zip(('first run', 'after reset()'), passes):
        for part, (a, b) in (('first 150 ms', (marks[0], marks[EARLY])), ('the rest', (marks[EARLY], marks[-1]))):
            window = [(tid, sym) for tid, t, sym in samples if a <= t < b]
            own = [sym for tid, sym in window if tid == engine]
            others = len(window) - len(own)
            code = sum(1 for sym in own if sym.startswith('JS:'))
            looped = sum(1 for sym in own if loop in sym)
            share = lambda k: k / max(1, len(own))
            due = (b - a) * hz  # samples of one thread on a core throughout
            print(f'{name:14s} {part:13s} {(b - a) * 1e3:6.1f} ms: engine thread on a core {len(own) / due:4.0%};'
                  f' of its samples wasm/JS code {share(code):4.0%}, {loop} {share(looped):4.0%};'
                  f' other threads {others / due:.2f} CPUs')


if __name__ == '__main__':
    main()
