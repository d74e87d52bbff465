// Sends what changed since the last run (parameters, initial values, spike times, current sources, recording
// set, synaptic values) to the backend, in the order the script made the changes, before the next run.
import type { Backend } from '../backend/backend.js';
import type { SimulationState } from './state.js';

export async function flushChanges(state: SimulationState, backend: Backend): Promise<void> {
  for (const change of state.pending.splice(0)) {
    switch (change.kind) {
      case 'setParameters':
        await backend.setParameters(change.request);
        break;
      case 'initialize':
        await backend.initialize(change.request);
        break;
      case 'updateSpikeTimes':
        await backend.updateSpikeTimes(change.request);
        break;
      case 'setSynapseValues':
        await backend.setSynapseValues(change.request);
        break;
    }
  }
  const sources = [...state.changedCurrentSources].sort((a, b) => a - b);
  state.changedCurrentSources.clear();
  for (const source of sources) {
    await backend.setCurrentSource({ source, currentSource: state.currentSources[source]!.toMessage() });
  }
  if (state.recordingChanged) {
    state.recordingChanged = false;
    await backend.setRecording({ recordings: state.populations.flatMap((p, index) => p.recordingRequests(index)) });
  }
}
