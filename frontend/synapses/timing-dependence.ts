// STDP timing rules (pynn-api.md §6): how much a pre/post spike pair changes the weight, by their time difference.
import { InvalidParameterValueError } from '../errors.js';
import type { Synapse_STDP } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { ParameterizedComponent } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export abstract class TimingDependence extends ParameterizedComponent {
  abstract toMessage(ctx: ProjectionBuildContext): Synapse_STDP['timing'];

  /**
   * The time constants are one number per projection: the traces belong to cells, not synapses (the engines
   * refused anything else at the build, which then stopped every later build of the network).
   */
  protected requireOneValue(owner: string, names: readonly string[]): void {
    for (const name of names) {
      const value = this.parameters[name];
      if (typeof value !== 'number') {
        throw new InvalidParameterValueError(
          `${owner}: ${name} must be one number for the whole projection (the traces belong to cells, not synapses), ` +
            `got ${Array.isArray(value) || ArrayBuffer.isView(value) ? 'an array' : String(value)}`,
        );
      }
    }
  }
}

export interface SpikePairRuleParameters {
  /** ms (default 20). */
  tau_plus?: SynapticValue;
  /** ms (default 20). */
  tau_minus?: SynapticValue;
  /** Potentiation amplitude, as a fraction of the weight dependence's scale (default 0.01). */
  A_plus?: SynapticValue;
  /** Depression amplitude (default 0.01). */
  A_minus?: SynapticValue;
}

/** All-to-all pair rule: Δw = f₊(w)·A_plus·e^{-Δt/τ₊} on a post spike, -f₋(w)·A_minus·e^{Δt/τ₋} on a pre spike. */
export class SpikePairRule extends TimingDependence {
  readonly modelName = 'SpikePairRule';

  constructor(parameters: SpikePairRuleParameters = {}) {
    super('SpikePairRule', { tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.01 }, parameters, {
      tau_plus: { above: 0 },
      tau_minus: { above: 0 },
    });
    this.requireOneValue('SpikePairRule', ['tau_plus', 'tau_minus']);
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['timing'] {
    return {
      $case: 'spikePair',
      value: {
        tauPlus: this.valueMessage('tau_plus', ctx),
        tauMinus: this.valueMessage('tau_minus', ctx),
        APlus: this.valueMessage('A_plus', ctx),
        AMinus: this.valueMessage('A_minus', ctx),
      },
    };
  }
}

export interface Vogels2011RuleParameters {
  /** ms (default 20). */
  tau?: SynapticValue;
  /** Learning rate (default 1e-10). */
  eta?: SynapticValue;
  /** Target rate, Hz (default 3.0). */
  rho?: SynapticValue;
}

/** Vogels et al. (2011) inhibitory plasticity: symmetric potentiation, depression by α = 2ρτ on each pre spike. */
export class Vogels2011Rule extends TimingDependence {
  readonly modelName = 'Vogels2011Rule';

  constructor(parameters: Vogels2011RuleParameters = {}) {
    super('Vogels2011Rule', { tau: 20.0, eta: 1e-10, rho: 3.0 }, parameters, { tau: { above: 0 }, rho: { min: 0 } });
    this.requireOneValue('Vogels2011Rule', ['tau']);
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['timing'] {
    return {
      $case: 'vogels2011',
      value: {
        tau: this.valueMessage('tau', ctx),
        eta: this.valueMessage('eta', ctx),
        rho: this.valueMessage('rho', ctx),
      },
    };
  }
}
