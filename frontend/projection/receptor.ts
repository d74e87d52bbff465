// PyNN's receptor rules (pynn-api.md §4): the default receptor chosen by the sign of the weight, the check that
// the receptor exists on the postsynaptic cells, and the weight-sign checks made when the connector is `safe`.
import type { CellCollection } from '../core/interfaces.js';
import { ConnectionError } from '../errors.js';
import { Projection_WeightSign as WeightSign } from '../generated/tsnn/v1/model.js';
import type { WeightRange } from './weight-range.js';

const EXCITATORY_NAMES = ['excitatory', 'AMPA', 'NMDA'];
const INHIBITORY_NAMES = ['inhibitory', 'GABA', 'GABAA', 'GABAB'];

/** The receptor of a projection: the one given, or PyNN's default by the sign of the weight. */
export function resolveReceptorType(
  projectionLabel: string,
  post: CellCollection,
  requested: string | undefined,
  weights: WeightRange | undefined,
): string {
  const available = post.receptorTypes;
  if (requested === undefined || requested === 'default') {
    if (available.length === 0) {
      throw new ConnectionError(
        `Projection '${projectionLabel}': postsynaptic '${post.label}' has no receptor types (a spike source cannot receive connections)`,
      );
    }
    if (available.length === 1) return available[0]!;
    const w = weights?.representative ?? 0;
    return w >= 0 ? available[0]! : available[1]!;
  }
  if (typeof requested !== 'string' || !available.includes(requested)) {
    throw new ConnectionError(
      `Projection '${projectionLabel}': receptor_type ${JSON.stringify(requested)} is not a receptor type of ` +
        `'${post.label}'; allowed: ${available.map((r) => `'${r}'`).join(', ') || '(none)'}`,
    );
  }
  return requested;
}

/** Whether a projection's weights are negative: onto an inhibitory receptor of current-based cells. */
export function negativeWeights(post: CellCollection, receptorType: string): boolean {
  return !post.conductanceBased && INHIBITORY_NAMES.includes(receptorType);
}

/**
 * PyNN's check_weights: weights all ≥ 0 or all ≤ 0; ≥ 0 onto conductance-based cells or excitatory receptors;
 * ≤ 0 onto current-based cells through inhibitory receptors. Unbounded distributions (normal) are judged by
 * their mean here, since no engine has drawn them yet, and the sign they must have is returned for the engine
 * to check every drawn value (Projection.weight_sign), as PyNN checks the values it drew. Otherwise
 * WEIGHT_SIGN_UNSPECIFIED: every possible value was checked here.
 */
export function checkWeightSigns(
  projectionLabel: string,
  post: CellCollection,
  receptorType: string,
  weights: WeightRange | undefined,
): WeightSign {
  if (!weights) return WeightSign.WEIGHT_SIGN_UNSPECIFIED;
  const bounded = Number.isFinite(weights.min) || Number.isFinite(weights.max);
  const low = bounded ? weights.min : weights.representative;
  const high = bounded ? weights.max : weights.representative;
  const allPositive = low >= 0;
  const allNegative = high <= 0;
  const where = `Projection '${projectionLabel}' (receptor '${receptorType}' of '${post.label}')`;
  if (!allPositive && !allNegative) {
    throw new ConnectionError(`${where}: weights must be either all positive or all negative (they span ${low}..${high})`);
  }
  if (post.conductanceBased || EXCITATORY_NAMES.includes(receptorType)) {
    if (!allPositive) {
      throw new ConnectionError(
        `${where}: weights must be positive for conductance-based and/or excitatory synapses (got ${low}..${high})`,
      );
    }
  } else if (negativeWeights(post, receptorType) && !allNegative) {
    throw new ConnectionError(
      `${where}: weights must be negative for current-based, inhibitory synapses (got ${low}..${high})`,
    );
  }
  if (bounded) return WeightSign.WEIGHT_SIGN_UNSPECIFIED;
  return allPositive ? WeightSign.NON_NEGATIVE : WeightSign.NON_POSITIVE;
}
