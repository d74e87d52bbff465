// Prints, for each fixture named on the command line, the largest |tsnn - reference| of every recorded variable
// (over the compared window) and both spike trains: a diagnostic, not a test.
//   npx tsx test/conformance/print-fixture-differences.ts IF_cond_exp_synaptic Izhikevich_dc
import { loadFixture } from './fixtures.js';
import { runFixture } from './run-fixture.js';
for (const name of process.argv.slice(2)) {
  const f = loadFixture(name);
  const got = await runFixture(f);
  for (const label of ['sub', 'supra']) {
    const out: string[] = [];
    for (const v of Object.keys(got[label]!.traces)) {
      const a = got[label]!.traces[v]!, b = f.results[label]![v]!;
      const until = v.startsWith('gsyn') ? f.t_stop : f.tolerance.v_compare_until_ms[label]!;
      let m = 0; for (let k = 0; k < b.length; ++k) if (f.times[k]! <= until + 1e-9) m = Math.max(m, Math.abs(a[k]! - b[k]!));
      out.push(`${v} ${m.toExponential(2)}`);
    }
    console.log(name, label, out.join(' '), 'spikes', got[label]!.spikes.map((t) => +t.toFixed(4)).join(','), '| ref', f.results[label]!.spikes.join(','));
  }
}
