#!/usr/bin/env python3
# Runs every network file of a folder with tsnn-run on two engines and checks that they agree: the same spikes,
# synaptic events and recorded digest (the CUDA engine must give the CPU engine's results bit for bit). For the
# machines with a GPU that have Python but no Node (docs/server.md, "GPU commands"): one call checks every network
# and prints the figures the issues ask for. Standard library only.
#   python3 scripts/gpu-check.py FOLDER [--runner PATH] [--engines cpu,cuda] [--steps N] [--out FILE.jsonl]
#                                [--timeout S] [--only NAME,...] [--bisect DIR]
# --bisect DIR: for a pair that differs, find the fewest steps after which the two recordings differ and write
# both engines' Run responses at that step count to DIR (NAME.ENGINE.events), to be read value by value.
# Exit status 0 when every pair agrees, 1 when one differs or a run fails.
import argparse
import json
import os
import subprocess
import sys


def run(runner, network, engine, steps, timeout=3600, events=None):
    """One tsnn-run: its JSON line, or {'error': ...} with the end of its output."""
    command = [runner, network, '--engine', engine, '--steps', str(steps)]
    if events:
        command += ['--events', events]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        return {'engine': engine, 'error': str(error)}
    if done.returncode != 0:
        return {'engine': engine, 'error': f'status {done.returncode}: {done.stderr.strip()[-400:]}'}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {'engine': engine, 'error': f'no JSON line in: {done.stdout.strip()[-400:]}'}


COMPARED = ('spikes', 'synaptic_events', 'recorded_digest')


def differing(results):
    """The compared figures on which two engines' results (neither failed) differ."""
    return [key for key in COMPARED if results[0][key] != results[1][key]]


def first_difference(runner, path, engines, steps, timeout, folder):
    """The fewest steps after which the engines' recordings differ (a difference, once there, stays in the
    recording), and both Run responses at that count written to folder."""
    def differs(n):
        results = [run(runner, path, engine, n, timeout) for engine in engines]
        return any('error' in r for r in results) or bool(differing(results))
    low, high = 0, steps  # the recordings agree after `low` steps and differ after `high`
    while high - low > 1:
        middle = (low + high) // 2
        if differs(middle):
            high = middle
        else:
            low = middle
    name = os.path.basename(path)[:-4]
    os.makedirs(folder, exist_ok=True)
    for engine in engines:
        run(runner, path, engine, high, timeout, os.path.join(folder, f'{name}.{engine}.events'))
    return high


def main():
    parser = argparse.ArgumentParser(description='tsnn-run on two engines for every *.bin of a folder')
    parser.add_argument('folder')
    parser.add_argument('--runner', default=None, help='tsnn-run binary (default: FOLDER/tsnn-run)')
    parser.add_argument('--engines', default='cpu,cuda', help='two engines, reference first (default cpu,cuda)')
    parser.add_argument('--steps', type=int, default=10000)
    parser.add_argument('--out', default=None, help='also write every result as one JSON line per run')
    parser.add_argument('--timeout', type=float, default=3600, help='seconds one tsnn-run may take (default 3600)')
    parser.add_argument('--only', default=None, help='the networks to run, by name without .bin, comma-separated')
    parser.add_argument('--bisect', default=None, metavar='DIR',
                        help='for a pair that differs, the first differing step count and both Run responses there')
    args = parser.parse_args()
    engines = args.engines.split(',')
    if len(engines) != 2:
        parser.error(f'--engines needs two engines separated by a comma, got {args.engines!r}')
    runner = args.runner or os.path.join(args.folder, 'tsnn-run')
    networks = sorted(f for f in os.listdir(args.folder) if f.endswith('.bin'))
    if args.only:
        missing = [name for name in args.only.split(',') if f'{name}.bin' not in networks]
        if missing:
            parser.error(f"--only names networks that {args.folder} lacks: {', '.join(missing)}")
        networks = [f'{name}.bin' for name in args.only.split(',')]
    if not networks:
        parser.error(f'no *.bin network files in {args.folder}')
    out = open(args.out, 'w') if args.out else None
    failures = 0
    # dev prj: projections whose synapses the device expanded (the rest the host did).
    print(f"{'network':<12} {'engine':<10} {'build s':>8} {'dev prj':>7} {'s/bio-s':>9} {'device MB':>10} {'spikes':>10} digest")
    for name in networks:
        path = os.path.join(args.folder, name)
        results = [run(runner, path, engine, args.steps, args.timeout) for engine in engines]
        for result in results:
            if out:
                out.write(json.dumps({'network': name, **result}) + '\n')
            if 'error' in result:
                print(f"{name[:-4]:<12} {result['engine']:<10} failed: {result['error']}")
                continue
            print(f"{name[:-4]:<12} {result['engine']:<10} {result['build_seconds']:>8.3f} "
                  f"{result.get('device_projections', 0):>7} {result['seconds_per_biological_second']:>9.4f} {result['device_bytes'] / 2**20:>10.1f} "
                  f"{result['spikes']:>10} {result['recorded_digest']}")
        if any('error' in r for r in results):
            failures += 1
            continue
        different = differing(results)
        if different:
            failures += 1
            print(f"{name[:-4]:<12} DIFFERENT: {', '.join(different)}", flush=True)
            if args.bisect:
                step = first_difference(runner, path, engines, args.steps, args.timeout, args.bisect)
                print(f"{name[:-4]:<12} the recordings first differ after {step} steps; Run responses in {args.bisect}")
        else:
            print(f"{name[:-4]:<12} same spikes, events and recordings on {engines[0]} and {engines[1]}")
    if out:
        out.close()
    print(f'{len(networks) - failures} of {len(networks)} networks agree')
    return 0 if failures == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
