// Where each PyNN synaptic attribute name lives inside a contract Synapse message, so that Projection.set and
// Projection.initialize can change the message of a network not yet built (weight → synapse.weight,
// tau_rec → dynamics.tsodyksMarkram.tauRec, w_max → dynamics.stdp.weightDependence.*.wMax, ...).
import type { Synapse as SynapseMessage, Value } from '../generated/tsnn/v1/model.js';

/**
 * Fields not named after their PyNN name: the Tsodyks–Markram and multi-quantal state u (protoc refuses u beside U),
 * and the multi-quantal a, named alike.
 */
const FIELD_OF: Readonly<Record<string, string>> = { u: 'uInitial', a: 'aInitial' };
const PYNN_OF: Readonly<Record<string, string>> = { uInitial: 'u', aInitial: 'a' };

/** PyNN name → ts-proto field name: tau_rec → tauRec, A_plus → APlus, w_min → wMin, u → uInitial. */
export function fieldName(pynnName: string): string {
  return FIELD_OF[pynnName] ?? pynnName.replace(/_([a-zA-Z])/g, (_, c: string) => c.toUpperCase());
}

/** ts-proto field name → PyNN name: tauRec → tau_rec, APlus → A_plus, wMin → w_min. */
export function pynnName(field: string): string {
  return PYNN_OF[field] ?? field.replace(/(?<=.)([A-Z])/g, (_, c: string) => `_${c.toLowerCase()}`);
}

/** The objects of the message that hold Values by field name, outermost first. */
function holders(message: SynapseMessage): Array<Record<string, Value | undefined>> {
  const out: Array<Record<string, Value | undefined>> = [message as unknown as Record<string, Value | undefined>];
  const dynamics = message.dynamics;
  if (!dynamics) return out;
  if (dynamics.$case === 'stdp') {
    if (dynamics.value.timing) out.push(dynamics.value.timing.value as unknown as Record<string, Value | undefined>);
    if (dynamics.value.weightDependence) {
      out.push(dynamics.value.weightDependence.value as unknown as Record<string, Value | undefined>);
    }
  } else {
    out.push(dynamics.value as unknown as Record<string, Value | undefined>);
  }
  return out;
}

const NOT_VALUES = new Set(['dynamics', 'dendriticDelayFraction', 'hasVoltageDependence']);

/** The Value of one attribute, or undefined when the message has no such field. */
export function getSynapseField(message: SynapseMessage, pynnName: string): Value | undefined {
  const key = fieldName(pynnName);
  if (NOT_VALUES.has(key)) return undefined;
  for (const holder of holders(message)) if (Object.hasOwn(holder, key)) return holder[key];
  return undefined;
}

/** Replaces the Value of one attribute; returns false when the message has no such field. */
export function setSynapseField(message: SynapseMessage, pynnName: string, value: Value): boolean {
  const key = fieldName(pynnName);
  if (NOT_VALUES.has(key)) return false;
  for (const holder of holders(message)) {
    if (Object.hasOwn(holder, key)) {
      holder[key] = value;
      return true;
    }
  }
  return false;
}

/** Every Value in the message with its field name (weight, delay, then the dynamics' fields). */
export function synapseValueEntries(message: SynapseMessage): Array<[string, Value]> {
  const out: Array<[string, Value]> = [];
  for (const holder of holders(message)) {
    for (const [key, value] of Object.entries(holder)) {
      if (!NOT_VALUES.has(key) && value && typeof value === 'object' && 'kind' in value) out.push([key, value]);
    }
  }
  return out;
}
