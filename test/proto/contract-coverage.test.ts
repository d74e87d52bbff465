// Every part of the contract (model.proto) survives the TypeScript encoder and decoder: every standard cell type,
// every oneof case (connectors, synapse dynamics, STDP rules and weight dependences, current sources, structures,
// values, expression nodes, selections) and every enum value. The oneof cases come from the .proto text and the
// enums from the generated module, so extending the contract without extending the samples fails here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as model from '../../frontend/generated/tsnn/v1/model.js';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import { everyCellTypeNetwork, everyProjectionNetwork, standardCellTypeNames } from './contract-samples.js';
import { camelCase, generatedEnums, oneofCasesInProto, oneofCasesUsed, unusedEnumMembers } from './contract-coverage.js';

const modelProto = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto', 'tsnn', 'v1', 'model.proto');
const roundTrip = (network: Network) => Network.decode(Network.encode(network).finish());

test('every standard cell type of the reference encodes and decodes unchanged', () => {
  const network = everyCellTypeNetwork();
  const names = new Set(network.populations.map((p) => p.cellType?.name));
  for (const name of standardCellTypeNames) assert.ok(names.has(name), `cell type ${name} missing from the samples`);
  assert.is(standardCellTypeNames.length, 18);
  assert.equal(roundTrip(network), network);
});

test('every connector, synapse, current source and recording encodes and decodes unchanged', () => {
  const network = everyProjectionNetwork();
  const decoded = roundTrip(network);
  assert.equal(decoded, network);
  // spot checks against values written in the samples, in case encode and decode were both lossy the same way
  assert.is(decoded.settings?.seed, 0xfedcba9876543210n);
  const fixedTotal = decoded.projections.find((p) => p.connector?.rule?.$case === 'fixedTotalNumber');
  assert.equal(fixedTotal?.connector?.rule?.value, { n: 12345678901234n, selfConnections: model.SelfConnections.ALLOW, withReplacement: true });
  const matrixWeights = decoded.projections.map((p) => p.synapse?.weight?.kind).find((k) => k?.$case === 'matrix');
  assert.ok(matrixWeights && matrixWeights.$case === 'matrix' && Number.isNaN(matrixWeights.value.values[1]), 'NaN survives in a weight matrix');
});

test('every oneof case of model.proto is used by the samples', () => {
  const declared = oneofCasesInProto(modelProto);
  // the parser found the oneofs the contract is known to have (guards against a parser that finds nothing)
  for (const expected of ['rule:allToAll', 'rule:smallWorld', 'dynamics:staticSynapse', 'timing:vogels2011', 'weightDependence:gutig', 'kind:noisy', 'node:conditional', 'boundary:sphere', 'cells:indices', 'kind:expression']) {
    assert.ok(declared.includes(expected), `parser should find ${expected}`);
  }
  assert.is(declared.length, 51);   // 6 Value + 6 Expression + 5 Structure + 2 boundary + 3 Selection + 13 Connector + 6 Synapse + 2 + 4 STDP + 4 CurrentSource
  const used = oneofCasesUsed([everyCellTypeNetwork(), everyProjectionNetwork()].map(roundTrip));
  const unused = declared.filter((c) => !used.has(c));
  assert.equal(unused, [], `oneof cases never used: ${unused.join(', ')}`);
});

test('every enum value of model.proto is used by the samples', () => {
  const enums = generatedEnums(model as unknown as Record<string, unknown>);
  assert.ok('RandomDistribution_Kind' in enums && 'SelfConnections' in enums && 'Space_Axes' in enums, 'enum reflection finds the generated enums');
  assert.is(Object.keys(enums).length, 12);
  assert.is(enums.RandomDistribution_Kind.VONMISES, 11);
  const problems = unusedEnumMembers(model as unknown as Record<string, unknown>, [everyCellTypeNetwork(), everyProjectionNetwork()].map(roundTrip));
  assert.equal(problems, []);
});

test('the coverage checks report what a sample set leaves out', () => {
  // The cell-type network alone has no projections: no connector, no synapse, no expression, no Space.
  const partial = [roundTrip(everyCellTypeNetwork())];
  const problems = unusedEnumMembers(model as unknown as Record<string, unknown>, partial);
  assert.ok(problems.includes('enum Space_Axes: XYZ (7) is never used'), problems.join('\n'));
  assert.ok(problems.includes('enum RandomDistribution_Kind: VONMISES (11) is never used'));
  assert.not.ok(problems.some((p) => p.startsWith('enum PointNeuronSpec_Neuron')), 'both PointNeuron neurons are in the cell-type samples');
  const used = oneofCasesUsed(partial);
  assert.not.ok(used.has('rule:allToAll'));
  assert.ok(used.has('kind:sequences'));
  // An enum the collectors do not know is reported by name.
  const extended = { ...model, Synapse_NewEnum: { NEW_UNSPECIFIED: 0, NEW_KIND: 1, 0: 'NEW_UNSPECIFIED', 1: 'NEW_KIND' } };
  assert.ok(unusedEnumMembers(extended as unknown as Record<string, unknown>, partial).some((p) => p.startsWith('enum Synapse_NewEnum: no collector')));
});

test('camelCase follows ts-proto field naming', () => {
  assert.is(camelCase('static_synapse'), 'staticSynapse');
  assert.is(camelCase('additive_potentiation_multiplicative_depression'), 'additivePotentiationMultiplicativeDepression');
  assert.is(camelCase('grid2d'), 'grid2d');
});

test.run();
