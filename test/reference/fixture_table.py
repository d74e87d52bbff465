#!/usr/bin/python3
"""Prints the markdown table of test/fixtures/*.json used in docs/validation.md (name, Brian2 method, spikes,
tolerances), so the document quotes the fixtures rather than retyping them."""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
rows = []
for path in sorted(glob.glob(os.path.join(HERE, '..', 'fixtures', '*.json'))):
    f = json.load(open(path))
    tol = f['tolerance']
    extra = []
    if 'gsyn_uS' in tol:
        extra.append(f"gsyn {tol['gsyn_uS']:g} uS")
    if 'u' in tol:
        extra.append(f"u {tol['u']:g} mV/ms")
    spikes = ', '.join(f"{k}: {len(v['spikes'])}" for k, v in f['results'].items())
    est = f['brian2'].get('error_estimate_dt_vs_dt_over_10')
    est_v = '-' if not est else '%.3g' % max(e['v'] for e in est.values())
    per_spike = [k for ks in tol.get('spike_time_steps_per_spike', {}).values() for k in ks]
    spike_tol = max(per_spike) if per_spike else tol['spike_time_steps']
    rows.append(f"| {f['name']} | {f['dt']} | {'/'.join(f['brian2']['integration_methods'])} | {spikes} | "
                f"{est_v} | {tol['v_mV']:g} | {spike_tol} | {'; '.join(extra) or '-'} |")
print('| fixture | dt (ms) | Brian2 method | spikes | Brian2 |v(dt) - v(dt/10)| (mV) | v tol (mV) | spike tol (steps) | other |')
print('|---|---|---|---|---|---|---|---|')
print('\n'.join(rows))
