// StochasticTsodyksMarkramSynapse: Tsodyks–Markram dynamics with stochastic release (a single release site).
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { SHORT_TERM_RANGES, SynapseType } from './synapse-type.js';
import { TSODYKS_MARKRAM_DEFAULTS, type TsodyksMarkramParameters } from './tsodyks-markram-synapse.js';

export class StochasticTsodyksMarkramSynapse extends SynapseType {
  readonly modelName = 'StochasticTsodyksMarkramSynapse';

  constructor(parameters: TsodyksMarkramParameters = {}) {
    super('StochasticTsodyksMarkramSynapse', TSODYKS_MARKRAM_DEFAULTS, parameters, SHORT_TERM_RANGES);
  }

  protected dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'] {
    return {
      $case: 'stochasticTsodyksMarkram',
      value: {
        U: this.valueMessage('U', ctx),
        tauRec: this.valueMessage('tau_rec', ctx),
        tauFacil: this.valueMessage('tau_facil', ctx),
      },
    };
  }
}
