// The Network message of the current simulation, for inspection, saving, or sending to a backend by hand.
import type { Network } from '../generated/tsnn/v1/model.js';
import { currentState } from '../simulation/state.js';
import { buildNetwork as build } from './network-builder.js';

export function buildNetwork(): Network {
  return build(currentState());
}
