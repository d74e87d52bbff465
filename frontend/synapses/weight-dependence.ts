// STDP weight dependences (pynn-api.md §6): how the change depends on the current weight, and its bounds.
// w_min ≠ 0 is accepted: NEST refuses it, but our engines are not limited that way. Negative weights (inhibitory
// synapses onto current-based cells) take NEST's negative Wmax: w_max ≤ w_min ≤ 0, the rules acting on |w|.
import type { Synapse_STDP } from '../generated/tsnn/v1/model.js';
import { ConnectionError, InvalidParameterValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { directNumbers, ParameterizedComponent, type ParameterDefaults, type ParameterRanges } from './synapse-type.js';
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
    const lows = directNumbers(this.parameters.w_min!);
    const highs = directNumbers(this.parameters.w_max!);
    const pairs = lows.length === 1 || highs.length === 1 || lows.length === highs.length ? Math.max(lows.length, highs.length) : 0;
    for (let k = 0; k < pairs && lows.length > 0 && highs.length > 0; k++) {
      const low = lows[lows.length === 1 ? 0 : k]!;
      const high = highs[highs.length === 1 ? 0 : k]!;
      if (!(high >= 0 ? 0 <= low && low <= high : high <= low && low <= 0)) {
        throw new InvalidParameterValueError(
          `${owner}: w_min and w_max must lie on one side of zero, w_min the nearer: 0 <= w_min <= w_max for ` +
            `positive weights, w_max <= w_min <= 0 for negative ones (NEST's negative Wmax), got w_min ${low}, w_max ${high}`,
        );
      }
    }
  }

  /**
   * The bounds must be on the side of zero of the projection's weights (negative: the inhibitory receptor of
   * current-based cells), or the first pre spike would clip a weight across zero and turn its synapse around.
   */
  checkWeightSide(owner: string, negativeWeights: boolean): void {
    const bad = directNumbers(this.parameters.w_max!).find((w) => (negativeWeights ? w > 0 : w < 0));
    if (bad === undefined) return;
    throw new ConnectionError(
      negativeWeights
        ? `${owner}: the weights onto an inhibitory receptor of current-based cells are negative, so the STDP bounds ` +
            `must be too: w_max <= w_min <= 0 (NEST's negative Wmax; the rules then act on |w|), e.g. ` +
            `${this.modelName}({ w_min: 0, w_max: -1 }); got w_max ${bad}`
        : `${owner}: the weights are positive here, so w_max must be >= 0; got ${bad}`,
    );
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

/** Gütig et al. (2003) in NEST's form (docs/plasticity.md): f₊ = w_max·(1 − w/w_max)^μ₊, f₋ = w_max·(w/w_max)^μ₋ (PyNN's docstring and NEURON: (w_max − w)^μ₊, (w − w_min)^μ₋). */
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
