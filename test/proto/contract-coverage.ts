// Coverage bookkeeping for the contract: which oneof cases and which enum values a set of messages uses, compared
// with what the contract defines. The oneof cases are read from the .proto text and the enums from the generated
// TypeScript module, so a new case or enum value shows up as uncovered without anyone editing a list.
import { readFileSync } from 'node:fs';

/** snake_case -> lowerCamelCase, as ts-proto names fields and oneof cases. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Every oneof of a .proto file as "oneofName:caseName" (both camelCased), e.g. "rule:allToAll". */
export function oneofCasesInProto(protoPath: string): string[] {
  const text = readFileSync(protoPath, 'utf8').replace(/\/\/.*$/gm, '');
  const cases: string[] = [];
  for (const block of text.matchAll(/\boneof\s+(\w+)\s*\{([^}]*)\}/g)) {
    for (const field of block[2].matchAll(/^\s*[\w.]+\s+(\w+)\s*=\s*\d+\s*;/gm)) {
      cases.push(`${camelCase(block[1])}:${camelCase(field[1])}`);
    }
  }
  return cases;
}

/** Calls `visit(key, value, parent)` for every property of every object nested in `root` (arrays included). */
export function walk(root: unknown, visit: (key: string, value: unknown, parent: Record<string, unknown>) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      visit(key, value, node as Record<string, unknown>);
      stack.push(value);
    }
  }
}

/** The oneof cases used in `messages`, as "oneofName:caseName". */
export function oneofCasesUsed(messages: unknown[]): Set<string> {
  const used = new Set<string>();
  for (const message of messages) {
    walk(message, (key, value) => {
      if (value && typeof value === 'object' && '$case' in value) used.add(`${key}:${(value as { $case: string }).$case}`);
    });
  }
  return used;
}

type Collector = (key: string, value: unknown, parent: Record<string, unknown>) => number | undefined;
const has = (parent: Record<string, unknown>, ...keys: string[]) => keys.every((k) => k in parent);
const numberIf = (condition: boolean, value: unknown) => (condition && typeof value === 'number' ? value : undefined);

/**
 * How to find the values of each enum of model.proto in a decoded message tree, by the shape of the message
 * that holds it. An enum missing here makes the coverage check fail, naming it.
 */
export const enumCollectors: Record<string, Collector> = {
  SelfConnections: (key, value) => numberIf(key === 'selfConnections', value),
  RngSpec_Kind: (key, value, parent) => numberIf(key === 'kind' && has(parent, 'hasSeed', 'stream'), value),
  RandomDistribution_Kind: (key, value, parent) => numberIf(key === 'kind' && has(parent, 'parameters'), value),
  ReceptorSpec_Kind: (key, value, parent) => numberIf(key === 'kind' && has(parent, 'name') && !has(parent, 'parameters'), value),
  Expression_Variable: (key, value, parent) => numberIf(key === 'value' && parent.$case === 'variable', value),
  Expression_Unary_Op: (key, value, parent) => numberIf(key === 'op' && has(parent, 'operand'), value),
  Expression_Binary_Op: (key, value, parent) => numberIf(key === 'op' && has(parent, 'left', 'right'), value),
  Expression_Call_Function: (key, value, parent) => numberIf(key === 'function' && has(parent, 'arguments'), value),
  PointNeuronSpec_Neuron: (key, value, parent) => numberIf(key === 'neuron' && has(parent, 'receptors'), value),
  Structure_FillOrder: (key, value) => numberIf(key === 'fillOrder', value),
  Space_Axes: (key, value) => numberIf(key === 'axes', value),
  Projection_WeightSign: (key, value) => numberIf(key === 'weightSign', value),
};

/** The numeric enums a generated module exports: objects whose numeric values map back to their names. */
export function generatedEnums(module: Record<string, unknown>): Record<string, Record<string, number>> {
  const enums: Record<string, Record<string, number>> = {};
  for (const [name, candidate] of Object.entries(module)) {
    if (!candidate || typeof candidate !== 'object') continue;
    const entries = Object.entries(candidate as Record<string, unknown>);
    const members = entries.filter(([, v]) => typeof v === 'number') as [string, number][];
    if (members.length === 0) continue;
    const isEnum = members.every(([k, v]) => (candidate as Record<string, unknown>)[String(v)] === k);
    if (isEnum) enums[name] = Object.fromEntries(members);
  }
  return enums;
}

/**
 * Lists, for every enum of `module`, the members that `messages` never use. The zero member is not required:
 * proto3 never writes a zero enum on the wire, so it is indistinguishable from "not set". UNRECOGNIZED (-1) is
 * ts-proto's marker for unknown numbers, not a contract value.
 */
export function unusedEnumMembers(module: Record<string, unknown>, messages: unknown[]): string[] {
  const problems: string[] = [];
  const used = new Map<string, Set<number>>();
  for (const message of messages) {
    walk(message, (key, value, parent) => {
      for (const [name, collect] of Object.entries(enumCollectors)) {
        const found = collect(key, value, parent);
        if (found === undefined) continue;
        if (!used.has(name)) used.set(name, new Set());
        used.get(name)!.add(found);
      }
    });
  }
  for (const [name, members] of Object.entries(generatedEnums(module))) {
    if (!enumCollectors[name]) {
      problems.push(`enum ${name}: no collector in test/proto/contract-coverage.ts; add one and cover its values`);
      continue;
    }
    for (const [member, value] of Object.entries(members)) {
      if (value <= 0) continue;
      if (!used.get(name)?.has(value)) problems.push(`enum ${name}: ${member} (${value}) is never used`);
    }
  }
  return problems;
}
