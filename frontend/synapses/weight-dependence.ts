// STDP weight dependences (pynn-api.md §6): how the change depends on the current weight, and its bounds.
// w_min ≠ 0 is accepted: NEST refuses it, but our engines are not limited that way.
import type { Synapse_STDP } from '../generated/tsnn/v1/model.js';
import { InvalidParameterValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { ParameterizedComponent, type ParameterDefaults, type ParameterRanges } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';

export interface WeightBoundsParameters {
  /** Lower bound, in weight units (default 0). */
  w_min?: SynapticValue;
  /** Upper bound, in weight units (default 1). */
  w_max?: SynapticValue;
}

const BOUNDS: ParameterDefaults = Object.freeze({ w_min: 0.0, w_max: 1.0 });

export abstract class WeightDependence extends ParameterizedComponent {
  protected constructor(owner: string, defaults: ParameterDefaults, given: object | undefined, ranges: ParameterRanges = {}) {
    super(owner, defaults, given, ranges);
    const { w_min: low, w_max: high } = this.parameters;
    if (typeof low === 'number' && typeof high === 'number' && low > high) {
      throw new InvalidParameterValueError(`${owner}: w_min (${low}) must not exceed w_max (${high})`);
    }
  }

  abstract toMessage(ctx: ProjectionBuildContext): Synapse_STDP['weightDependence'];

  protected bounds(ctx: ProjectionBuildContext) {
    return { wMin: this.valueMessage('w_min', ctx), wMax: this.valueMessage('w_max', ctx) };
  }
}

/** f₊ = f₋ = w_max; weights clipped to [w_min, w_max]. */
export class AdditiveWeightDependence extends WeightDependence {
  readonly modelName = 'AdditiveWeightDependence';

  constructor(parameters: WeightBoundsParameters = {}) {
    super('AdditiveWeightDependence', BOUNDS, parameters);
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['weightDependence'] {
    return { $case: 'additive', value: this.bounds(ctx) };
  }
}

/** f₊ = w_max - w, f₋ = w - w_min (soft bounds). */
export class MultiplicativeWeightDependence extends WeightDependence {
  readonly modelName = 'MultiplicativeWeightDependence';

  constructor(parameters: WeightBoundsParameters = {}) {
    super('MultiplicativeWeightDependence', BOUNDS, parameters);
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['weightDependence'] {
    return { $case: 'multiplicative', value: this.bounds(ctx) };
  }
}

/** Additive potentiation (f₊ = w_max, as NEST), multiplicative depression (f₋ = w - w_min). */
export class AdditivePotentiationMultiplicativeDepression extends WeightDependence {
  readonly modelName = 'AdditivePotentiationMultiplicativeDepression';

  constructor(parameters: WeightBoundsParameters = {}) {
    super('AdditivePotentiationMultiplicativeDepression', BOUNDS, parameters);
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['weightDependence'] {
    return { $case: 'additivePotentiationMultiplicativeDepression', value: this.bounds(ctx) };
  }
}

export interface GutigParameters extends WeightBoundsParameters {
  /** Potentiation exponent (default 0.5). */
  mu_plus?: SynapticValue;
  /** Depression exponent (default 0.5). */
  mu_minus?: SynapticValue;
}

/** Gütig et al. (2003): f₊ = (w_max - w)^μ₊, f₋ = (w - w_min)^μ₋. */
export class GutigWeightDependence extends WeightDependence {
  readonly modelName = 'GutigWeightDependence';

  constructor(parameters: GutigParameters = {}) {
    super('GutigWeightDependence', { ...BOUNDS, mu_plus: 0.5, mu_minus: 0.5 }, parameters, {
      mu_plus: { min: 0 },
      mu_minus: { min: 0 },
    });
  }

  toMessage(ctx: ProjectionBuildContext): Synapse_STDP['weightDependence'] {
    return {
      $case: 'gutig',
      value: {
        ...this.bounds(ctx),
        muPlus: this.valueMessage('mu_plus', ctx),
        muMinus: this.valueMessage('mu_minus', ctx),
      },
    };
  }
}
