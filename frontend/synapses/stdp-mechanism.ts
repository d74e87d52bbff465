// STDPMechanism: a plastic synapse made of a timing rule and a weight dependence (pynn-api.md §6). Its parameters
// are weight, delay and those of its two components (Projection.get('w_max') works, as in PyNN).
import type { Synapse as SynapseMessage } from '../generated/tsnn/v1/model.js';
import { NoModelAvailableError, NonExistentParameterError, ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { DELAY_RANGE, SynapseType, WEIGHT_AND_DELAY, type ParameterRange } from './synapse-type.js';
import type { SynapticValue } from './synaptic-value.js';
import { TimingDependence, Vogels2011Rule } from './timing-dependence.js';
import { AdditiveWeightDependence, WeightDependence } from './weight-dependence.js';

export interface STDPMechanismOptions {
  timingDependence: TimingDependence;
  weightDependence: WeightDependence;
  /** PyNN's voltage_dependence: no standard model defines one, so only undefined/null is accepted. */
  voltageDependence?: null;
  /** Fraction of the delay that is dendritic, 0..1; the engines implement 1 (as NEST). */
  dendriticDelayFraction?: number;
  weight?: SynapticValue;
  delay?: SynapticValue;
}

export class STDPMechanism extends SynapseType {
  readonly modelName = 'STDPMechanism';
  readonly timingDependence: TimingDependence;
  readonly weightDependence: WeightDependence;
  readonly dendriticDelayFraction: number;

  constructor(options: STDPMechanismOptions) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('STDPMechanism: expected an options object { timingDependence, weightDependence, ... }');
    }
    const { timingDependence, weightDependence, voltageDependence, dendriticDelayFraction, ...rest } = options;
    for (const key of Object.keys(rest)) {
      if (key !== 'weight' && key !== 'delay') {
        const components = [timingDependence, weightDependence].filter(
          (c): c is TimingDependence | WeightDependence => c instanceof TimingDependence || c instanceof WeightDependence,
        );
        const valid = ['weight', 'delay', 'timingDependence', 'weightDependence', 'voltageDependence', 'dendriticDelayFraction'];
        if (components.some((c) => c.parameterNames.includes(key))) {
          throw new ValueError(`STDPMechanism: '${key}' belongs to a component; give it to that component's constructor`);
        }
        throw new NonExistentParameterError(key, 'STDPMechanism', valid);
      }
    }
    super('STDPMechanism', WEIGHT_AND_DELAY, rest, DELAY_RANGE);
    if (!(timingDependence instanceof TimingDependence)) {
      throw new TypeError(
        `STDPMechanism: timingDependence must be a SpikePairRule or a Vogels2011Rule, got ${String(timingDependence)}`,
      );
    }
    if (!(weightDependence instanceof WeightDependence)) {
      throw new TypeError(
        'STDPMechanism: weightDependence must be an AdditiveWeightDependence, MultiplicativeWeightDependence, ' +
          `AdditivePotentiationMultiplicativeDepression or GutigWeightDependence, got ${String(weightDependence)}`,
      );
    }
    if (timingDependence instanceof Vogels2011Rule && !(weightDependence instanceof AdditiveWeightDependence)) {
      throw new NoModelAvailableError(
        `STDPMechanism: Vogels2011Rule combines with AdditiveWeightDependence only, as in PyNN (its one ` +
          `implementation, pyNN.neuron's StdwaVogels2011); got ${weightDependence.modelName}`,
      );
    }
    if (voltageDependence !== undefined && voltageDependence !== null) {
      throw new NoModelAvailableError('STDPMechanism: no voltage dependence is available (voltageDependence must be null)');
    }
    const fraction = dendriticDelayFraction ?? 1.0;
    if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
      throw new ValueError(`STDPMechanism: dendriticDelayFraction must be in [0, 1], got ${String(fraction)}`);
    }
    if (fraction !== 1) {
      throw new NoModelAvailableError(
        `STDPMechanism: dendriticDelayFraction ${fraction} is not available; the engines implement 1.0 (as NEST)`,
      );
    }
    this.timingDependence = timingDependence;
    this.weightDependence = weightDependence;
    this.dendriticDelayFraction = fraction;
  }

  /** weight, delay, then the timing rule's and the weight dependence's parameters. */
  override get parameterNames(): string[] {
    return [...Object.keys(this.parameters), ...this.timingDependence.parameterNames, ...this.weightDependence.parameterNames];
  }

  override getParameter(name: string): SynapticValue | undefined {
    if (Object.hasOwn(this.parameters, name)) return this.parameters[name];
    for (const component of [this.timingDependence, this.weightDependence]) {
      if (component.parameterNames.includes(name)) return component.getParameter(name);
    }
    throw new NonExistentParameterError(name, this.modelName, this.parameterNames);
  }

  override attributeRange(name: string): ParameterRange | undefined {
    for (const component of [this.timingDependence, this.weightDependence]) {
      if (component.parameterNames.includes(name)) return component.attributeRange(name);
    }
    return super.attributeRange(name);
  }

  protected dynamicsMessage(ctx: ProjectionBuildContext): SynapseMessage['dynamics'] {
    return {
      $case: 'stdp',
      value: {
        timing: this.timingDependence.toMessage(ctx),
        weightDependence: this.weightDependence.toMessage(ctx),
        dendriticDelayFraction: this.dendriticDelayFraction,
        hasVoltageDependence: false,
      },
    };
  }

  override describe(template: null): Record<string, unknown>;
  override describe(template?: string): string;
  override describe(template?: string | null): string | Record<string, unknown> {
    if (template === null) {
      return {
        ...super.describe(null),
        timing_dependence: this.timingDependence.describe(null),
        weight_dependence: this.weightDependence.describe(null),
        dendritic_delay_fraction: this.dendriticDelayFraction,
      };
    }
    const own = super.describe().slice('STDPMechanism('.length, -1);
    return (
      `STDPMechanism(${own}, timing_dependence=${this.timingDependence.describe()}, ` +
      `weight_dependence=${this.weightDependence.describe()}, dendritic_delay_fraction=${this.dendriticDelayFraction})`
    );
  }
}
