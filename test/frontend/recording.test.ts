// Recording rules (pynn-api.md §3): recordable variables only (RecordingError), 'all', null resets the whole
// population, one sampling interval per population (ValueError on conflict), views record their own cells,
// and the merged RecordingRequests of the Network.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildNetwork } from '../../frontend/build/current-network.js';
import { IF_cond_exp, IF_curr_exp, SpikeSourcePoisson } from '../../frontend/cells/standard-cell-types.js';
import { LIF, PointNeuron, CondExpPostSynapticResponse } from '../../frontend/cells/point-neuron.js';
import { RecordingError, ValueError } from '../../frontend/errors.js';
import { Population } from '../../frontend/populations/population.js';
import { setup } from '../../frontend/simulation/control.js';
import { throwsError } from './assert-error.js';

test.before.each(async () => {
  await setup({ timestep: 0.1 });
});

test('recording a variable the cell type does not have is a RecordingError listing what is available', () => {
  const p = new Population(2, new IF_curr_exp());
  const e = throwsError(() => p.record('gsyn_exc'), RecordingError);
  assert.is(e.message, 'Cannot record gsyn_exc from cell type IF_curr_exp. Available variables are spikes, v');
  throwsError(() => new Population(1, new SpikeSourcePoisson()).record('v'), RecordingError);
});

test("'all' records every recordable; a single name or a list also works", () => {
  const p = new Population(2, new IF_cond_exp());
  p.record('all');
  assert.equal(p.recorder.variables, ['spikes', 'v', 'gsyn_exc', 'gsyn_inh']);
  const q = new Population(2, new IF_cond_exp());
  q.record('v');
  q.record(['spikes']);
  assert.equal(q.recorder.variables, ['spikes', 'v']);
});

test('record(null) stops all recording of the whole population, also when called on a view', () => {
  const p = new Population(4, new IF_cond_exp());
  p.record(['spikes', 'v']);
  p.view([0, 1]).record(null);
  assert.equal(p.recorder.variables, []);
});

test('a view records only its cells, in the parent recorder', () => {
  const p = new Population(6, new IF_cond_exp());
  p.view([1, 4]).record('v');
  p.view([0]).record('v');
  assert.equal(p.recorder.recordedCells('v'), [0, 1, 4]);
  const net = buildNetwork();
  assert.equal(net.recordings, [
    { population: 0, variable: 'v', cells: { population: 0, cells: { $case: 'indices', value: { values: [0, 1, 4] } } }, samplingInterval: 0 },
  ]);
});

test('sampling interval: one per population; a different one for analog variables is a ValueError', () => {
  const p = new Population(2, new IF_cond_exp());
  p.record('v', { samplingInterval: 1.0 });
  p.record('gsyn_exc', { samplingInterval: 1.0 });
  throwsError(() => p.record('gsyn_inh', { samplingInterval: 0.5 }), ValueError, /same sampling interval/);
  const q = new Population(2, new IF_cond_exp());
  q.record('v');
  throwsError(() => q.record('gsyn_exc', { samplingInterval: 0.5 }), ValueError, /0.1 ms is already used/);
  const r = new Population(2, new IF_cond_exp());
  r.record('spikes');
  r.record('v', { samplingInterval: 2 });
  throwsError(() => new Population(1, new IF_cond_exp()).record('v', { samplingInterval: 0.25 }), ValueError, /multiple of the timestep/);
  const net = buildNetwork();
  const rv = net.recordings.find((x) => x.population === 2 && x.variable === 'v')!;
  assert.is(rv.samplingInterval, 2);
  const rs = net.recordings.find((x) => x.population === 2 && x.variable === 'spikes')!;
  assert.is(rs.samplingInterval, 0);
});

test('PointNeuron recordables use receptor names', () => {
  const p = new Population(1, new PointNeuron(new LIF(), { AMPA: new CondExpPostSynapticResponse() }));
  p.record(['AMPA.gsyn', 'v']);
  assert.equal(p.recorder.variables, ['v', 'AMPA.gsyn']);
  throwsError(() => p.record('gsyn_exc'), RecordingError);
});

test.run();
