// A spike source's duration may be Infinity, as NEST's generators stop at inf by default: the same spikes as PyNN's
// default duration (1e10 ms) for the same seed, whether given at construction or set between runs. Anything else
// not finite is still refused, naming the parameter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';

const SOURCES: Array<[string, Record<string, unknown>]> = [
  ['SpikeSourcePoisson', { rate: 50 }],
  ['SpikeSourcePoissonRefractory', { rate: 50, tau_refrac: 2 }],
  ['SpikeSourceGamma', { alpha: 3, beta: 60 }],
  ['SpikeSourceInhGamma', { a: new sim.Sequence([2]), b: new sim.Sequence([0.02]), tbins: new sim.Sequence([0]) }],
];

type SourceClass = new (parameters: Record<string, unknown>) => sim.CellType;
const sourceClass = (name: string) => (sim as unknown as Record<string, SourceClass>)[name]!;

/** Spike times of 20 sources over two runs of 300 ms; `setBetween` is set as the duration before the second. */
async function spikes(name: string, parameters: Record<string, unknown>, duration: number, setBetween: number) {
  await sim.setup({ timestep: 0.1, seed: 11 });
  const p = new sim.Population(20, new (sourceClass(name))({ ...parameters, duration }));
  p.record('spikes');
  await sim.run(300);
  p.set({ duration: setBetween });
  await sim.run(300);
  const trains = (await p.getData()).segments[0]!.spiketrains.map((s) => Array.from(s.times));
  const read = p.get('duration');
  await sim.end();
  return { trains, read };
}

test('duration Infinity gives the spikes of the default 1e10 ms, at construction and set between runs', async () => {
  for (const [name, parameters] of SOURCES) {
    const finite = await spikes(name, parameters, 1e10, 1e10);
    const endless = await spikes(name, parameters, Infinity, Infinity);
    const total = finite.trains.reduce((n, t) => n + t.length, 0);
    assert.ok(total > 100, `${name}: ${total} spikes`);
    assert.equal(endless.trains, finite.trains, name);
    assert.is(endless.read, Infinity, `${name} reads back Infinity`);
    // An endless source given a finite window between runs stops there: none after 300 + 100 ms.
    const stopped = await spikes(name, parameters, Infinity, 400);
    assert.equal(stopped.trains.map((t) => t.filter((x) => x <= 400)), finite.trains.map((t) => t.filter((x) => x <= 400)), name);
    assert.ok(stopped.trains.every((t) => t.every((x) => x <= 400)), `${name} stops at 400 ms`);
  }
});

test('other values that are not finite are refused, and Infinity only for a spike source\'s duration', async () => {
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(2, new sim.SpikeSourcePoisson({ rate: 5 }), { label: 'src' });
  assert.throws(
    () => source.set({ duration: -Infinity }),
    (e: unknown) => e instanceof InvalidParameterValueError && /'duration' must be a finite number or Infinity, got -Infinity/.test((e as Error).message),
  );
  assert.throws(() => source.set({ duration: NaN }), (e: unknown) => e instanceof InvalidParameterValueError && /'duration'/.test((e as Error).message));
  assert.throws(
    () => source.set({ start: Infinity }),
    (e: unknown) => e instanceof InvalidParameterValueError && /'start' must be a finite number, got Infinity/.test((e as Error).message),
  );
  assert.throws(
    () => new sim.Population(1, new sim.IF_cond_exp({ tau_m: Infinity })),
    (e: unknown) => e instanceof InvalidParameterValueError && /'tau_m' must be a finite number, got Infinity/.test((e as Error).message),
  );
  // The engine takes finite values only: the message carries the largest double.
  source.set({ duration: Infinity });
  const message = sim.buildNetwork().populations[0]!.cellType!.parameters.duration!;
  assert.equal(message.kind, { $case: 'scalar', value: Number.MAX_VALUE });
  await sim.end();
});

test.run();
