// StaticSynapse: a fixed weight and delay.
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import { SynapseType, WEIGHT_AND_DELAY, checkScalarDelay } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface StaticSynapseParameters {
  weight?: SynapticValue;
  delay?: SynapticValue;
}

export class StaticSynapse extends SynapseType {
  readonly modelName = 'StaticSynapse';

  constructor(parameters: StaticSynapseParameters = {}) {
    super('StaticSynapse', WEIGHT_AND_DELAY, parameters);
    checkScalarDelay(this.modelName, this.parameters.delay);
  }

  protected dynamicsMessage(): SynapseMessage['dynamics'] {
    return { $case: 'staticSynapse', value: {} };
  }
}
