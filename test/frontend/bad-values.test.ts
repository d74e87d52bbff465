// Values the engine would refuse are refused when the script gives them, naming the population and the parameter
// (NEST refuses them at SetStatus), so nothing is queued that the next run() would fail on; and a change the
// engine does refuse no longer takes the changes queued after it down with it. Found by an audit (session 23):
// `p.set({ tau_m: -1 }); p.set({ i_offset: 5 })` then run() failed, and every later run silently lacked i_offset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Req } from '../../frontend/backend/backend.js';
import {
  EIF_cond_exp_isfa_ista,
  IF_cond_exp,
  IF_curr_exp,
  SpikeSourceGamma,
  SpikeSourcePoisson,
} from '../../frontend/cells/standard-cell-types.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { FromListConnector } from '../../frontend/connectors/from-list.js';
import { StaticSynapse, TsodyksMarkramSynapse } from '../../frontend/synapses/index.js';
import { ACSource } from '../../frontend/currents/ac-source.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';
import type { SetParametersRequest } from '../../frontend/generated/tsnn/v1/simulator.js';
import { Population } from '../../frontend/populations/population.js';
import { end, run, setup } from '../../frontend/simulation/control.js';
import { FakeBackend } from './fake-backend.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';

function refuses(body: () => unknown, message: RegExp): void {
  try {
    body();
  } catch (error) {
    assert.instance(error, InvalidParameterValueError);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`accepted; expected ${message}`);
}

test('out-of-range and non-finite cell values are refused where they are given, naming population and parameter', async () => {
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  refuses(() => new Population(2, new IF_curr_exp({ tau_m: -1 }), { label: 'P' }), /Population 'P' \(IF_curr_exp\): parameter 'tau_m' must be > 0, got -1 \(cell 0\)/);
  refuses(() => new Population(2, new IF_curr_exp({ cm: 0 })), /parameter 'cm' must be > 0, got 0/);
  refuses(() => new Population(2, new IF_curr_exp({ tau_refrac: -0.5 })), /parameter 'tau_refrac' must be >= 0, got -0.5/);
  refuses(() => new Population(2, new IF_curr_exp({ v_rest: Infinity })), /parameter 'v_rest' must be a finite number, got Infinity/);
  refuses(() => new Population(1, new SpikeSourcePoisson({ rate: -5 })), /parameter 'rate' must be >= 0, got -5/);
  refuses(() => new Population(1, new SpikeSourceGamma({ alpha: 0 })), /parameter 'alpha' must be > 0, got 0/);
  const p = new Population(3, new IF_curr_exp({ tau_m: 10 }), { label: 'Q' });
  refuses(() => p.set({ tau_syn_E: [1, 0, 2] }), /Population 'Q' \(IF_curr_exp\): parameter 'tau_syn_E' must be > 0, got 0 \(cell 1\)/);
  refuses(() => p.initialize({ v: -Infinity }), /initial value 'v' must be a finite number, got -Infinity/);
  assert.is(p.get('tau_syn_E'), 5);  // left as it was (PyNN's get simplifies equal values to one)
  // NaN is printed as NaN, not as JSON's null.
  refuses(() => new IF_curr_exp({ tau_m: NaN }), /IF_curr_exp: invalid value for parameter 'tau_m': NaN\. Allowed/);
  refuses(() => p.set({ tau_m: [1, NaN, 2] }), /Population 'Q' \(IF_curr_exp\): invalid value for parameter 'tau_m': \[1,NaN,2\]\./);
  refuses(() => p.initialize({ v: NaN }), /Population 'Q' \(IF_curr_exp\): invalid value for parameter 'v': NaN\./);
  const dc = new DCSource({ amplitude: 0.5 });
  assert.throws(() => { dc.amplitude = Infinity; }, /DCSource: parameter 'amplitude' must be a finite number \(nA\), got Infinity/);
  assert.is(dc.amplitude, 0.5);
  assert.throws(() => new ACSource({ frequency: -1 }), /ACSource: parameter 'frequency' must be >= 0 Hz, got -1/);
  await end();
});

test('unknown option keys are refused, snake_case ones with their camelCase name, as Python refuses keywords', async () => {
  // Each of these was ignored without a word: the seed stayed 42, self-connections were made, v stayed -65, the
  // sampling interval was dt, every variable came back.
  let message = '';
  await setup({ rng_seed: 5 } as never).catch((e: Error) => (message = e.message));
  assert.match(message, /setup\(\): 'rng_seed' is not an argument here; the seed of every random stream is 'seed'/);
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  assert.throws(() => new AllToAllConnector({ allow_self_connections: false } as never),
    (e: Error) => e instanceof TypeError && /AllToAllConnector: unknown option 'allow_self_connections'; options are camelCase here: 'allowSelfConnections'/.test(e.message));
  assert.throws(() => new Population(3, new IF_curr_exp(), { initial_values: { v: -50 } } as never),
    /Population: unknown option 'initial_values'; options are camelCase here: 'initialValues'; allowed: cellparams, structure, initialValues, label/);
  const p = new Population(3, new IF_curr_exp(), { label: 'P' });
  assert.throws(() => p.record('v', { sampling_interval: 1 } as never), /record\(\) of 'P': unknown option 'sampling_interval'; options are camelCase here: 'samplingInterval'/);
  p.record(['spikes', 'v']);
  await run(1);
  // PyNN's get_data('v'): the variables, positionally (the fake engine sends no samples; the trains tell)
  assert.is((await p.getData('spikes' as never)).segments[0]!.spiketrains.length, 3);
  assert.is((await p.getData(['v'] as never)).segments[0]!.spiketrains.length, 0);
  let typo = '';
  await p.getData({ varables: 'v' } as never).catch((e: Error) => (typo = e.message));
  assert.match(typo, /getData\(\) of 'P': unknown option 'varables'; allowed: variables, clear, gather$/);
  await end();
});

test('run(Infinity), run(1e300) and a billion-cell Population are refused instead of hanging or aborting Node', async () => {
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  for (const simtime of [Infinity, 1e300]) {
    let message = '';
    await run(simtime).catch((e: Error) => (message = `${e.constructor.name}: ${e.message}`));
    assert.match(message, /ValueError: run\(.*\): at most 9007199254740991 steps of 0.1 ms can be simulated/);
  }
  assert.throws(() => new Population(1e9, new IF_curr_exp(), { label: 'huge' }),
    /Population 'huge': 1000000000 cells is more than the 134217728 one population may hold/);
  // Arguments of the wrong kind are named, not "x is not a function" from deep inside.
  const p = new Population(2, new IF_curr_exp(), { label: 'P' });
  assert.throws(() => p.record(5 as never), /record\(\): variables must be a name such as 'v'/);
  assert.throws(() => p.inject({} as never), /inject\(\) of 'P': expected a current source/);
  assert.throws(() => new Population(2, new IF_curr_exp(), { structure: 5 as never }), /structure must be a structure such as new Line\(\)/);
  let message = '';
  await run(1, { callbacks: [5 as never] }).catch((e: Error) => (message = e.message));
  assert.match(message, /callbacks must be a list of functions/);
  await end();
  message = '';
  await setup({ timestep: 0.1, maxDelay: 0.05 }).catch((e: Error) => (message = e.message));
  assert.match(message, /setup\(\): maxDelay \(0.05 ms\) must not be smaller than the timestep \(0.1 ms\)/);
});

test('infinite synaptic values and list values are refused by the synapse and the connector, not at the build', async () => {
  // At the build they stopped every later run of the network until setup() (an audit, session 23).
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  refuses(() => new StaticSynapse({ weight: Infinity }), /StaticSynapse: invalid value for parameter 'weight': .*\(not finite\)/);
  refuses(() => new StaticSynapse({ delay: [1, -Infinity] }), /invalid value for parameter 'delay': .*\(not finite\)/);
  refuses(() => new TsodyksMarkramSynapse({ tau_rec: Infinity }), /parameter 'tau_rec'.*\(not finite\)/);
  assert.ok(new StaticSynapse({ weight: [[0.1, NaN], [NaN, 0.2]] }));  // NaN in a matrix: no connection, as in PyNN
  assert.throws(() => new FromListConnector([[0, 0, Infinity, 1]]), /FromListConnector: row 0, column 'weight' must be a finite number, got Infinity/);
  await end();
});

/** A backend whose engine refuses the first SetParameters it gets, as an engine rule the frontend lacks would. */
class RefusingBackend extends FakeBackend {
  private refused = false;
  override async setParameters(request: Req<SetParametersRequest>): Promise<void> {
    if (!this.refused) {
      this.refused = true;
      throw new Error('network.populations[0].cell_type.parameters["tau_m"]: refused by the engine');
    }
    return super.setParameters(request);
  }
}

test('a change the engine refuses is dropped with its error; the changes queued after it reach the next run', async () => {
  const backend = new RefusingBackend();
  await setup({ timestep: 0.1, backend });
  const p = new Population(2, new IF_curr_exp(), { label: 'P' });
  await run(1);
  p.set({ tau_m: 12 });
  p.set({ i_offset: 5 });
  p.initialize({ v: -55 });
  let message = '';
  await run(1).catch((e: Error) => (message = e.message));
  assert.match(message, /refused by the engine/);
  await run(1);
  const sent = backend.requests<SetParametersRequest>('setParameters');
  assert.is(sent.length, 1);
  assert.equal(Object.keys(sent[0]!.parameters), ['i_offset']);
  assert.is(backend.requests('initialize').length, 1);
  await end();
});

test("NEST's voltage orders: a reset below the threshold, v_thresh <= v_spike and v_reset < v_spike for AdEx", async () => {
  // PyNN passes these to the backend, where NEST refuses them ("Reset potential must be smaller than threshold",
  // "V_peak >= V_th required", "Ensure that: V_reset < V_peak"); Brian2 would run a cell that fires at every step.
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  refuses(() => new Population(3, new IF_curr_exp({ v_reset: -50 }), { label: 'R' }),
    /Population 'R' \(IF_curr_exp\) needs v_reset < v_thresh, as NEST does; got v_reset -50 and v_thresh -50 \(cell 0\)/);
  refuses(() => new Population(3, new EIF_cond_exp_isfa_ista({ v_thresh: -30 })), /needs v_thresh <= v_spike, as NEST does; got v_thresh -30 and v_spike -40/);
  refuses(() => new Population(3, new EIF_cond_exp_isfa_ista({ v_reset: -40 })), /needs v_reset < v_spike/);
  const p = new Population(3, new IF_cond_exp(), { label: 'S' });
  refuses(() => p.set({ v_reset: [-70, -45, -70] }), /Population 'S' \(IF_cond_exp\) needs v_reset < v_thresh, as NEST does; got v_reset -45 and v_thresh -50 \(cell 1\)/);
  refuses(() => p.view([2]).set({ v_thresh: -70 }), /got v_reset -65 and v_thresh -70 \(cell 2\)/);
  assert.is(p.get('v_reset'), -65);
  // Moved together in one set(), the order holds: accepted, and the engine takes them too (below).
  p.set({ v_reset: -40, v_thresh: -30 });
  assert.equal([p.get('v_reset'), p.get('v_thresh')], [-40, -30]);
  await end();

  await setup({ timestep: 0.1, backend: () => createWasmBackend() });
  const q = new Population(2, new IF_curr_exp({ i_offset: 2 }), { label: 'T' });
  q.record('spikes');
  await run(5);
  q.set({ v_reset: -40, v_thresh: -30 });
  await run(5);
  assert.equal([q.get('v_reset'), q.get('v_thresh')], [-40, -30]);
  await end();
});

test.run();
