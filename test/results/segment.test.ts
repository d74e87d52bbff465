// Segment as Neo's: filter() matches every criterion against the children's attributes and annotations (it used
// to ignore all but `name`, so a filter by annotation returned every signal), `objects` picks the class; t_start
// and t_stop span the children.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AnalogSignal } from '../../frontend/results/analog-signal.js';
import { Segment } from '../../frontend/results/segment.js';
import { SpikeTrain } from '../../frontend/results/spike-train.js';

const signal = (name: string, population: string, tStart: number) =>
  new AnalogSignal(name, new Float32Array(4), 2, 'mV', 0.5, tStart, { channel_ids: [1, 2], source_population: population }, { channel_index: [0, 1] });
const train = (population: string, id: number, tStart: number, tStop: number) =>
  new SpikeTrain(Float64Array.from([tStart + 1]), tStart, tStop, { source_population: population, channel_id: id, source_index: id });

const segment = new Segment(
  'segment000',
  [train('exc', 1, 2, 10), train('exc', 2, 2, 10), train('inh', 3, 0, 12)],
  [signal('v', 'exc', 3), signal('gsyn_exc', 'exc', 3), signal('v', 'inh', 1)],
);

test('filter by name, by annotation and by both; a criterion nobody meets gives nothing', () => {
  assert.equal(segment.filter({ name: 'v' }).map((a) => a.annotations.source_population), ['exc', 'inh']);
  assert.equal(segment.filter({ source_population: 'exc' }).map((a) => a.name), ['v', 'gsyn_exc']);
  assert.equal(segment.filter({ name: 'v', source_population: 'inh' }).length, 1);
  assert.equal(segment.filter({ units: 'mV', name: 'gsyn_exc' }).length, 1);
  assert.equal(segment.filter({ source_population: 'nobody' }), []);
  assert.equal(segment.filter().length, 3);
});

test("objects: 'SpikeTrain' filters the spike trains by their annotations", () => {
  assert.equal(segment.filter({ objects: 'SpikeTrain', source_population: 'exc' }).map((st) => st.annotations.channel_id), [1, 2]);
  assert.equal(segment.filter({ objects: 'SpikeTrain', channel_id: 3 }).length, 1);
  assert.throws(() => segment.filter({ objects: 'Event' as never }), (e: Error) => e instanceof TypeError && /objects must be/.test(e.message));
});

test("t_start and t_stop span the segment's children, as Neo's; undefined for an empty segment", () => {
  assert.is(segment.tStart, 0);
  assert.is(segment.tStop, 12);
  assert.is(new Segment('segment001').tStart, undefined);
  assert.is(new Segment('segment001').tStop, undefined);
});

test.run();
