// Current sources (pynn-api.md §7): defaults, StepCurrentSource time rules (numpy rint, later amplitude wins),
// injection rules, attribute changes, and the CurrentSource messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildNetwork } from '../../frontend/build/current-network.js';
import { IF_curr_exp, SpikeSourceArray } from '../../frontend/cells/standard-cell-types.js';
import { ACSource } from '../../frontend/currents/ac-source.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { NoisyCurrentSource } from '../../frontend/currents/noisy-current-source.js';
import { rint } from '../../frontend/currents/rint.js';
import { StepCurrentSource } from '../../frontend/currents/step-current-source.js';
import { InvalidParameterValueError, NonExistentParameterError, ValueError } from '../../frontend/errors.js';
import { RngSpec_Kind } from '../../frontend/generated/tsnn/v1/model.js';
import { Assembly } from '../../frontend/populations/assembly.js';
import { Population } from '../../frontend/populations/population.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { Sequence } from '../../frontend/random/sequence.js';
import { setup } from '../../frontend/simulation/control.js';
import { currentState } from '../../frontend/simulation/state.js';
import { throwsError } from './assert-error.js';

test.before.each(async () => {
  await setup({ timestep: 0.1 });
});

test('numpy rint: halves go to the even neighbour', () => {
  // numpy.rint([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6]) == [0, 2, 2, -0, -2, 2, 3]
  assert.equal([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(rint), [0, 2, 2, -0, -2, 2, 3]);
});

test('StepCurrentSource [0.41, 0.42, 0.86] at dt 0.1 → times [0.4, 0.9], the later amplitude kept', () => {
  const p = new Population(1, new IF_curr_exp());
  const src = new StepCurrentSource({ times: [0.41, 0.42, 0.86], amplitudes: [0.5, -0.5, 0.5] });
  src.injectInto(p);
  const msg = buildNetwork().currentSources[0]!;
  assert.equal(msg.kind, { $case: 'step', value: { times: [0.4, 0.9], amplitudes: [-0.5, 0.5] } });
});

test('StepCurrentSource times: negative or not strictly increasing → ValueError; lengths must match', () => {
  throwsError(() => new StepCurrentSource({ times: [-1, 2], amplitudes: [1, 2] }), ValueError, /non-negative/);
  throwsError(() => new StepCurrentSource({ times: [1, 1], amplitudes: [1, 2] }), ValueError, /strictly increasing/);
  throwsError(() => new StepCurrentSource({ times: [2, 1], amplitudes: [1, 2] }), ValueError, /strictly increasing/);
  throwsError(() => new StepCurrentSource({ times: [1], amplitudes: [1, 2] }), ValueError, /same length/);
  const ok = new StepCurrentSource({ times: new Sequence([1, 2]), amplitudes: new Sequence([0.1, 0.2]) });
  assert.equal(ok.times, [1, 2]);
});

test('defaults of DC, AC and noisy sources', () => {
  assert.equal(new DCSource().getParameters(), { amplitude: 1.0, start: 0.0, stop: 1e12 });
  assert.equal(new ACSource().getParameters(), { amplitude: 1.0, start: 0, stop: 1e12, frequency: 10.0, offset: 0.0, phase: 0.0 });
  assert.equal(new NoisyCurrentSource().getParameters(), { mean: 0, stdev: 1, start: 0, stop: 1e12, dt: 0.1 });
  assert.equal(new StepCurrentSource().getParameters(), { amplitudes: [], times: [] });
});

test('attributes read and write parameters; unknown names and set() are errors', () => {
  const src = new DCSource({ amplitude: 0.5, start: 10 });
  assert.is(src.amplitude, 0.5);
  src.amplitude += 0.25;
  assert.is(src.getParameter('amplitude'), 0.75);
  src.setParameters({ stop: 50 });
  assert.is(src.stop, 50);
  throwsError(() => src.setParameters({ amp: 1 }), NonExistentParameterError, /amp \(valid parameters for DCSource/);
  throwsError(() => src.set(), TypeError, /no set\(\)/);
  throwsError(() => new DCSource({ amplitude: 'big' as never }), InvalidParameterValueError);
});

test('injectInto a spike source is a TypeError; into populations, views and IDs adds CellSets', () => {
  const src = new DCSource({ amplitude: 0.2 });
  const stim = new Population(2, new SpikeSourceArray());
  throwsError(() => src.injectInto(stim), TypeError, /Can't inject current into a spike source\./);
  const p = new Population(5, new IF_curr_exp());
  src.injectInto(p.view([1, 2]));
  p[4].inject(src);
  const msg = buildNetwork().currentSources[0]!;
  assert.equal(msg.kind, { $case: 'dc', value: { amplitude: 0.2, start: 0, stop: 1e12 } });
  assert.equal(
    msg.targets.map((t) => t.parts[0]!.cells),
    [
      { $case: 'range', value: { start: 1, stop: 3, step: 1 } },
      { $case: 'indices', value: { values: [4] } },
    ],
  );
  assert.is(msg.record, false);
});

test('a source or cells from before the last setup() are refused at injectInto, naming both; nothing is registered; a stale source refuses set and record()', async () => {
  const oldCells = new Population(3, new IF_curr_exp(), { label: 'old' });
  const used = new DCSource({ amplitude: 1 }, { label: 'used' });
  used.injectInto(oldCells);
  await setup({ timestep: 0.1 });
  const cells = new Population(3, new IF_curr_exp(), { label: 'new' });
  const again = /DCSource 'used' cannot be injected into 'new': .*before the last setup\(\); create a new current source after setup\(\)/;
  throwsError(() => used.injectInto(cells), ValueError, again);
  throwsError(() => cells.inject(used), ValueError, again);
  throwsError(() => cells[1].inject(used), ValueError, /DCSource 'used' cannot be injected into '.*': .*create a new current source/);
  const fresh = new DCSource({ amplitude: 1 }, { label: 'fresh' });
  const stale = /DCSource 'fresh' cannot be injected into 'old': Population 'old' does not belong to the current simulation/;
  throwsError(() => fresh.injectInto(oldCells), ValueError, stale);
  throwsError(() => oldCells.inject(fresh), ValueError, stale);
  throwsError(() => oldCells[0].inject(fresh), ValueError, /DCSource 'fresh' cannot be injected into '.*': Population 'old' does not belong/);
  assert.is(currentState().currentSources.length, 0);
  assert.is(fresh.networkIndex, -1);
  fresh.injectInto(cells);  // the current simulation is untouched: the new source goes in
  assert.equal(buildNetwork().currentSources.map((c) => c.label), ['fresh']);
  // Changing or recording the stale source would reach nothing: refused, and its values are kept.
  throwsError(() => used.setParameters({ amplitude: 2 }), ValueError, /DCSource 'used': cannot change its parameters: .*before the last setup\(\)/);
  throwsError(() => ((used as unknown as { amplitude: number }).amplitude = 2), ValueError, /cannot change its parameters/);
  throwsError(() => used.record(), ValueError, /DCSource 'used': cannot record its current: .*create a new current source after setup\(\)/);
  assert.is(used.getParameter('amplitude'), 1);
  assert.is(used.recording, false);
  // An Assembly cannot hold the stale cells in the first place (its members are checked as they join).
  throwsError(() => new Assembly([cells, oldCells], { label: 'both' }), ValueError, /Population 'old' does not belong/);
});

test('AC parameters and record() reach the message', () => {
  const p = new Population(1, new IF_curr_exp());
  const ac = new ACSource({ amplitude: 0.3, frequency: 50, phase: 90, offset: 0.1, start: 5, stop: 15 });
  p.inject(ac);
  ac.record();
  const msg = buildNetwork().currentSources[0]!;
  assert.equal(msg.kind, { $case: 'ac', value: { amplitude: 0.3, start: 5, stop: 15, frequency: 50, offset: 0.1, phase: 90 } });
  assert.is(msg.record, true);
});

test("noisy source: its own RNG stream; the simulation seed unless an rng is given; dt below the timestep is refused", () => {
  const p = new Population(1, new IF_curr_exp());
  const a = new NoisyCurrentSource({ mean: 0.1, stdev: 0.05, dt: 1.0 });
  const b = new NoisyCurrentSource({}, { rng: new NumpyRNG({ seed: 99 }) });
  a.injectInto(p);
  b.injectInto(p);
  const [ma, mb] = buildNetwork().currentSources;
  assert.equal(ma!.kind?.$case === 'noisy' && ma!.kind.value.rng, { kind: RngSpec_Kind.NATIVE, hasSeed: false, seed: 0n, stream: 0n, parallelSafe: true });
  const rb = mb!.kind?.$case === 'noisy' ? mb!.kind.value.rng! : undefined;
  assert.is(rb?.seed, 99n);
  assert.is(rb?.stream, 1n << 61n);  // the first use of its own rng (rng-spec.ts)
  const c = new NoisyCurrentSource({ dt: 0.05 });
  c.injectInto(p);
  throwsError(() => buildNetwork(), ValueError, /smaller than the simulation timestep/);
  c.setParameters({ dt: 0.15 });  // NEST: "dt must be a multiple of the simulation resolution"
  throwsError(() => buildNetwork(), ValueError, /dt 0.15 ms must be a multiple of the simulation timestep 0.1 ms/);
  c.setParameters({ dt: 0.3 });  // 3 steps, though 0.3 / 0.1 is not exactly 3 in floating point
  assert.is(buildNetwork().currentSources.length, 3);
});

test.run();
