// SimpleStochasticSynapse: each spike is transmitted with probability p.
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { DELAY_RANGE, SynapseType, WEIGHT_AND_DELAY } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface SimpleStochasticParameters {
  weight?: SynapticValue;
  delay?: SynapticValue;
  /** Transmission probability (default 0.5). */
  p?: SynapticValue;
}

export class SimpleStochasticSynapse extends SynapseType {
  readonly modelName = 'SimpleStochasticSynapse';

  constructor(parameters: SimpleStochasticParameters = {}) {
    super('SimpleStochasticSynapse', { ...WEIGHT_AND_DELAY, p: 0.5 }, parameters, { ...DELAY_RANGE, p: { min: 0, max: 1 } });
  }

  protected dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'] {
    return { $case: 'simpleStochastic', value: { p: this.valueMessage('p', ctx) } };
  }
}
