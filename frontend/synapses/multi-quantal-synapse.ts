// MultiQuantalSynapse: Tsodyks–Markram dynamics over n independent release sites (NEST's quantal_stp_synapse), with
// its state u (the release probability per site) and a (the sites ready), which Projection.initialize sets.
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { SHORT_TERM_RANGES, SynapseType, WEIGHT_AND_DELAY } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface MultiQuantalParameters {
  weight?: SynapticValue;
  delay?: SynapticValue;
  /** Release probability per site (default 0.5). */
  U?: SynapticValue;
  /** Number of release sites (default 1). */
  n?: SynapticValue;
  /** ms (default 800). */
  tau_rec?: SynapticValue;
  /** ms (default 0). */
  tau_facil?: SynapticValue;
}

export class MultiQuantalSynapse extends SynapseType {
  readonly modelName = 'MultiQuantalSynapse';

  constructor(parameters: MultiQuantalParameters = {}) {
    super('MultiQuantalSynapse', { ...WEIGHT_AND_DELAY, U: 0.5, n: 1, tau_rec: 800.0, tau_facil: 0.0 }, parameters, {
      ...SHORT_TERM_RANGES,
      n: { min: 1, integer: true },
    });
  }

  /**
   * The state each synapse starts from: u = U and a = n of that synapse (NaN here: they follow U and n, which may
   * differ from synapse to synapse).
   */
  override get stateVariables(): Readonly<Record<string, number>> {
    return { u: Number.NaN, a: Number.NaN };
  }

  protected dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'] {
    return {
      $case: 'multiQuantal',
      value: {
        U: this.valueMessage('U', ctx),
        n: this.valueMessage('n', ctx),
        tauRec: this.valueMessage('tau_rec', ctx),
        tauFacil: this.valueMessage('tau_facil', ctx),
        // Unset: the engine starts each synapse at its U and n. Projection.initialize before the build fills them.
        uInitial: undefined,
        aInitial: undefined,
      },
    };
  }
}
