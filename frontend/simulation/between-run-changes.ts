// Sends what changed since the last run (parameters, initial values, spike times, current sources, recording
// set, synaptic values) to the backend, in the order the script made the changes, before the next run.
import type { Backend } from '../backend/backend.js';
import type { SimulationState } from './state.js';

// A change the engine refuses is dropped (the error names it); the changes after it stay queued for the next run,
// so one bad value does not silently discard the others (the frontend refuses most bad values when they are set).
export async function flushChanges(state: SimulationState, backend: Backend): Promise<void> {
  while (state.pending.length > 0) {
    const change = state.pending.shift()!;
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
  for (const source of [...state.changedCurrentSources].sort((a, b) => a - b)) {
    state.changedCurrentSources.delete(source);
    await backend.setCurrentSource({ source, currentSource: state.currentSources[source]!.toMessage() });
  }
  if (state.recordingChanged) {
    state.recordingChanged = false;
    await backend.setRecording({ recordings: state.populations.flatMap((p, index) => p.recordingRequests(index)) });
  }
}
