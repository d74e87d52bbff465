// TsodyksMarkramSynapse: short-term depression and facilitation (pynn-api.md §6), with the state u (initially 0).
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { SHORT_TERM_RANGES, SynapseType, WEIGHT_AND_DELAY } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface TsodyksMarkramParameters {
  weight?: SynapticValue;
  delay?: SynapticValue;
  /** Utilisation of synaptic efficacy (default 0.5). */
  U?: SynapticValue;
  /** Recovery time constant, ms (default 100). */
  tau_rec?: SynapticValue;
  /** Facilitation time constant, ms (default 0: no facilitation). */
  tau_facil?: SynapticValue;
}

export const TSODYKS_MARKRAM_DEFAULTS = Object.freeze({ ...WEIGHT_AND_DELAY, U: 0.5, tau_rec: 100.0, tau_facil: 0.0 });

export class TsodyksMarkramSynapse extends SynapseType {
  readonly modelName = 'TsodyksMarkramSynapse';

  constructor(parameters: TsodyksMarkramParameters = {}) {
    super('TsodyksMarkramSynapse', TSODYKS_MARKRAM_DEFAULTS, parameters, SHORT_TERM_RANGES);
  }

  override get stateVariables(): Readonly<Record<string, number>> {
    return { u: 0.0 };
  }

  protected dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'] {
    return {
      $case: 'tsodyksMarkram',
      value: {
        U: this.valueMessage('U', ctx),
        tauRec: this.valueMessage('tau_rec', ctx),
        tauFacil: this.valueMessage('tau_facil', ctx),
        uInitial: { kind: { $case: 'scalar', value: this.stateVariables.u! } },
      },
    };
  }
}
