// IF_curr_exp under a DC step and under i_offset has a closed-form solution: an independent truth for both the
// reference fixtures (checks how they were made) and tsnn (through the public API).
// Below threshold: v(t) = v_rest + R I (1 - exp(-(t - t_on)/tau_m)), R = tau_m / cm.
// Spikes (NEST/PyNN grid convention): at the first sample where v >= v_thresh; v = v_reset on that sample and
// for round(tau_refrac/dt) samples after it; then v relaxes again from v_reset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadFixture, type Fixture } from './fixtures.js';
import { runFixture } from './run-fixture.js';

interface Drive {
  amplitude: number;
  start: number;
  stop: number;
}

/** v on the sample grid and the spike times, from the closed form, for a cell with a constant current window. */
function closedForm(f: Fixture, label: string, drive: Drive): { v: number[]; spikes: number[] } {
  const p = f.populations.find((c) => c.label === label)!.parameters;
  const dt = f.dt;
  const R = p.tau_m! / p.cm!;
  const refracSteps = Math.round(p.tau_refrac! / dt);
  const v: number[] = [];
  const spikes: number[] = [];
  // piecewise: state (v0 at time t0, input I) -> v(t) = vInf + (v0 - vInf) exp(-(t - t0)/tau_m)
  let v0 = f.populations.find((c) => c.label === label)!.initial_values.v!;
  let t0 = 0;
  let current = drive.start <= 0 ? drive.amplitude : 0;
  let clampedUntil = -1;
  for (let k = 0; k < f.n_samples; ++k) {
    const t = k * dt;
    // input switches at the start/stop samples (the sample itself is unchanged, the next one responds)
    const switchAt = [drive.start, drive.stop].find((s) => s > 0 && Math.abs(t - s) < dt / 2);
    let value: number;
    if (k <= clampedUntil) {
      value = p.v_reset!;
    } else {
      value = p.v_rest! + R * current + (v0 - p.v_rest! - R * current) * Math.exp(-(t - t0) / p.tau_m!);
      if (value >= p.v_thresh!) {
        spikes.push(Number(t.toFixed(10)));
        value = p.v_reset!;
        clampedUntil = k + refracSteps;
      }
    }
    v.push(value);
    if (k === clampedUntil || switchAt !== undefined) {
      v0 = value;
      t0 = t;
    }
    if (switchAt !== undefined) current = Math.abs(t - drive.start) < dt / 2 ? drive.amplitude : 0;
  }
  return { v, spikes };
}

function drives(f: Fixture, label: string): Drive {
  if (f.protocol === 'offset') {
    const p = f.populations.find((c) => c.label === label)!.parameters;
    return { amplitude: p.i_offset!, start: 0, stop: Infinity };
  }
  const dc = f.current_sources.find((c) => c.inject_into === label)!.parameters as Record<string, number>;
  return { amplitude: dc.amplitude!, start: dc.start!, stop: dc.stop! };
}

function maxDiff(a: readonly number[], b: readonly number[]): number {
  let worst = 0;
  for (let k = 0; k < Math.min(a.length, b.length); ++k) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return worst;
}

for (const name of ['IF_curr_exp_dc', 'IF_curr_exp_offset']) {
  const f = loadFixture(name);

  test(`${name}: the Brian2 fixture follows the closed form (checks the fixture and its timing mapping)`, () => {
    for (const label of ['sub', 'supra']) {
      const truth = closedForm(f, label, drives(f, label));
      assert.equal(f.results[label]!.spikes, truth.spikes, `${label} spikes`);
      const d = maxDiff(f.results[label]!.v!, truth.v);
      assert.ok(d < 1e-5, `${label}: fixture differs from the closed form by ${d} mV`);
    }
  });

  test(`${name}: tsnn follows the closed form`, async () => {
    const got = await runFixture(f);
    for (const label of ['sub', 'supra']) {
      const truth = closedForm(f, label, drives(f, label));
      const steps = (ts: readonly number[]) => ts.map((t) => Math.round(t / f.dt));
      assert.equal(steps(got[label]!.spikes), steps(truth.spikes), `${label} spike steps`);
      // float32 recording: 4e-6 mV at -65 mV; exact integration in double leaves nothing else
      const d = maxDiff(got[label]!.traces.v!, truth.v);
      assert.ok(d < 1e-3, `${label}: tsnn differs from the closed form by ${d} mV`);
    }
  });
}

test.run();
