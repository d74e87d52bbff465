// Values the engine would refuse are refused when the script gives them, naming the population and the parameter
// (NEST refuses them at SetStatus), so nothing is queued that the next run() would fail on; and a change the
// engine does refuse no longer takes the changes queued after it down with it. Found by an audit (session 23):
// `p.set({ tau_m: -1 }); p.set({ i_offset: 5 })` then run() failed, and every later run silently lacked i_offset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Req } from '../../frontend/backend/backend.js';
import { IF_curr_exp, SpikeSourceGamma, SpikeSourcePoisson } from '../../frontend/cells/standard-cell-types.js';
import { ACSource } from '../../frontend/currents/ac-source.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';
import type { SetParametersRequest } from '../../frontend/generated/tsnn/v1/simulator.js';
import { Population } from '../../frontend/populations/population.js';
import { end, run, setup } from '../../frontend/simulation/control.js';
import { FakeBackend } from './fake-backend.js';

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
  const dc = new DCSource({ amplitude: 0.5 });
  assert.throws(() => { dc.amplitude = Infinity; }, /DCSource: parameter 'amplitude' must be a finite number \(nA\), got Infinity/);
  assert.is(dc.amplitude, 0.5);
  assert.throws(() => new ACSource({ frequency: -1 }), /ACSource: parameter 'frequency' must be >= 0 Hz, got -1/);
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

test.run();
