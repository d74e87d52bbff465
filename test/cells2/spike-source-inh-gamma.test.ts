// SpikeSourceInhGamma through the public API on the WebAssembly engine: a, b and tbins given as Sequences reach the
// core, and the trains follow the gamma renewal process bin by bin: mean count per cell within 4 standard errors
// (count variance T·r/a for a gamma process of order a) plus half a spike for the start of each bin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSim } from '../conformance/tsnn-api.js';

test('mean spike count per bin follows rate 1/(a·b) in each tbins interval', async () => {
  const sim = await loadSim();
  await sim.setup({ timestep: 0.1 });
  const n = 100;
  // Bin 1 from 0 ms: a = 2, b = 0.04 s (12.5 Hz); bin 2 from 1000 ms: a = 3, b = 0.01 s (33.3 Hz).
  const a = [2, 3], b = [0.04, 0.01], from = [0, 1000];
  const sources = new sim.Population(
    n,
    new sim.SpikeSourceInhGamma({
      a: new sim.Sequence(a),
      b: new sim.Sequence(b),
      tbins: new sim.Sequence(from),
    }),
  );
  sources.record('spikes');
  await sim.run(2000);
  const trains = (await sources.getData()).segments[0].spiketrains;
  assert.is(trains.length, n);
  for (let bin = 0; bin < 2; bin++) {
    let count = 0;
    for (const train of trains) {
      for (const t of train.times as Float64Array) if (t > from[bin]! && t <= from[bin]! + 1000) count++;
    }
    const mean = count / n;
    const expected = 1 / (a[bin]! * b[bin]!);  // spikes per cell in 1 s
    const bound = 4 * Math.sqrt(expected / a[bin]! / n) + 0.5;
    assert.ok(Math.abs(mean - expected) < bound, `bin ${bin + 1}: mean count ${mean}, expected ${expected} ± ${bound}`);
  }
  await sim.end();
});

test.run();
