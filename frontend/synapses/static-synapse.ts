// StaticSynapse: a fixed weight and delay.
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import { DELAY_RANGE, SynapseType, WEIGHT_AND_DELAY } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface StaticSynapseParameters {
  weight?: SynapticValue;
  delay?: SynapticValue;
}

export class StaticSynapse extends SynapseType {
  readonly modelName = 'StaticSynapse';

  constructor(parameters: StaticSynapseParameters = {}) {
    super('StaticSynapse', WEIGHT_AND_DELAY, parameters, DELAY_RANGE);
  }

  protected dynamicsMessage(): SynapseMessage['dynamics'] {
    return { $case: 'staticSynapse', value: {} };
  }
}
