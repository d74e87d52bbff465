// Builds a fixture's network with the public tsnn API (the same calls a user's script makes), runs it and returns
// what was recorded, per cell label, in the fixture's layout.
import type { Fixture } from './fixtures.js';
import { apiClass, loadSim } from './tsnn-api.js';

export interface CellRecording {
  spikes: number[];
  /** One trace per recorded variable (v, gsyn_exc, gsyn_inh, u). */
  traces: Record<string, number[]>;
}

export async function runFixture(fixture: Fixture): Promise<Record<string, CellRecording>> {
  const sim = await loadSim();
  await sim.setup({ timestep: fixture.dt, minDelay: fixture.dt });
  const byLabel = new Map<string, any>();
  for (const p of fixture.populations) {
    const CellType = apiClass(sim, p.cell_type);
    const pop = new sim.Population(p.size, new CellType(p.parameters), {
      label: p.label,
      initialValues: p.initial_values,
    });
    pop.record(fixture.recorded);
    byLabel.set(p.label, pop);
  }
  for (const s of fixture.spike_sources) {
    byLabel.set(s.label, new sim.Population(s.size, new sim.SpikeSourceArray({ spike_times: s.spike_times }), { label: s.label }));
  }
  for (const c of fixture.current_sources) {
    const Source = apiClass(sim, c.type);
    const source = new Source(c.parameters);
    source.injectInto(byLabel.get(c.inject_into));
  }
  for (const pr of fixture.projections) {
    new sim.Projection(
      byLabel.get(pr.pre),
      byLabel.get(pr.post),
      new sim.OneToOneConnector(),
      new sim.StaticSynapse({ weight: pr.weight, delay: pr.delay }),
      { receptorType: pr.receptor_type },
    );
  }
  await sim.run(fixture.t_stop);
  const out: Record<string, CellRecording> = {};
  for (const p of fixture.populations) {
    const segment = (await byLabel.get(p.label).getData()).segments[0];
    const traces: Record<string, number[]> = {};
    for (const name of fixture.recorded) {
      if (name === 'spikes') continue;
      const signal = segment.filter({ name })[0];
      if (!signal) throw new Error(`${fixture.name}: no '${name}' signal recorded for ${p.label}`);
      traces[name] = Array.from(signal.column(0) as Float32Array);
    }
    out[p.label] = { spikes: Array.from(segment.spiketrains[0].times as Float64Array), traces };
  }
  await sim.end();
  return out;
}
