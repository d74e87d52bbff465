// The shape of recorded data against PyNN 0.10.1 (pyNN.brian2) in the same scenarios
// (test/fixtures/pynn_recorded_data.json, from test/reference/recorded_data.py): the segments of a Block, the
// trains and signals of each, where signals start. Structure only: Brian2 puts spikes one step earlier than
// NEST's grid, which tsnn follows, so spike times are compared elsewhere (the cell and example fixtures).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

interface SegmentShape {
  name: string;
  spiketrains: Array<{ source_population: string; t_start: number; t_stop: number }>;
  analogsignals: Array<{ name: string; shape: number[]; t_start: number; sampling_period: number }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/pynn_recorded_data.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

/** Times to 1e-9 ms (tsnn writes grid times; Neo's are quantities of the same doubles or within rounding). */
const time = (t: number) => Math.round(t * 1e9) / 1e9;

function shapeOf(block: sim.Block): SegmentShape[] {
  return block.segments.map((s) => ({
    name: s.name,
    spiketrains: s.spiketrains.map((st) => ({
      source_population: String(st.annotations.source_population),
      t_start: time(st.tStart),
      t_stop: time(st.tStop),
    })),
    analogsignals: s.analogsignals.map((a) => ({
      name: a.name,
      shape: [...a.shape],
      t_start: time(a.tStart),
      sampling_period: time(a.samplingPeriod),
    })),
  }));
}

const expected = (segments: SegmentShape[]) =>
  segments.map((s) => ({
    ...s,
    spiketrains: s.spiketrains.map((st) => ({ ...st, t_start: time(st.t_start), t_stop: time(st.t_stop) })),
    analogsignals: s.analogsignals.map((a) => ({ ...a, t_start: time(a.t_start), sampling_period: time(a.sampling_period) })),
  }));

test("an Assembly's Block pairs its members' segments by name, as Neo's Block.merge", async () => {
  await sim.setup({ timestep: 0.1 });
  const p1 = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 3.0 }), { label: 'p1' });
  const p2 = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 2.0 }), { label: 'p2' });
  const both = p1.add(p2);
  both.record('spikes');
  await sim.run(10.0);
  await sim.reset();
  await sim.run(4.0);
  await p1.getData({ clear: true });
  await sim.run(6.0);
  assert.equal(shapeOf(await both.getData()), expected(fixture.assembly_segments_by_name as SegmentShape[]));
  await sim.end();
});

test('after getData({ clear: true }) the signals start at the clear time, with the sample taken then', async () => {
  const reference = fixture.clear_keeps_the_sample_at_the_clear_time as Record<string, SegmentShape[]>;
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(2, new sim.IF_curr_exp({ i_offset: [1.0, 2.0] }), { label: 'exc' });
  p.record(['spikes', 'v']);
  await sim.run(5.0);
  await p.getData({ clear: true });
  await sim.run(5.0);
  assert.equal(shapeOf(await p.getData()), expected(reference.dt!));
  await sim.setup({ timestep: 0.1 });
  const q = new sim.Population(2, new sim.IF_curr_exp({ i_offset: [1.0, 2.0] }), { label: 'exc' });
  q.record('v', { samplingInterval: 1.0 });
  await sim.run(15.0);
  await q.getData('v', { clear: true });  // PyNN's get_data('v', clear=True): the variables first
  await sim.run(5.0);
  assert.equal(shapeOf(await q.getData()), expected(reference.interval_1ms!));
  await sim.end();
});

test('a segment closed while a population recorded nothing holds nothing of it', async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(2, new sim.IF_curr_exp({ i_offset: [1.0, 2.0] }), { label: 'p' });
  const q = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 2.0 }), { label: 'q' });
  q.record('spikes');
  await sim.run(10);
  await sim.reset();
  p.record(['spikes', 'v']);
  await sim.run(10);
  assert.equal(shapeOf(await p.getData()), expected(fixture.population_that_recorded_nothing as SegmentShape[]));
  await sim.end();
});

test("a samplingInterval given with 'spikes' alone does not apply to variables recorded later", async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 2.0 }), { label: 'p' });
  p.record('spikes', { samplingInterval: 1.0 });
  p.record('v');
  await sim.run(10);
  assert.equal(shapeOf(await p.getData()), expected(fixture.interval_given_with_spikes as SegmentShape[]));
  await sim.end();
});

test.run();
