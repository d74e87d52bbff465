// Sample tsnn.v1.Network messages, written as raw ts-proto objects, that together use every part of the contract:
// every cell type of the PyNN reference, every Value kind, every connector, synapse dynamics, STDP rule and weight
// dependence, current source, structure, expression node and enum value. Shared by contract-coverage.test.ts
// (TypeScript encode/decode) and roundtrip.test.ts (through the C++ classes).
//
// Every packed repeated field here is non-empty on purpose: ts-proto writes an empty packed field as a tag with
// length 0 while C++ omits it, so only messages without empty packed fields can be byte-identical after the
// C++ round trip (roundtrip.test.ts checks that case separately).
import {
  CellSet,
  CellType,
  Connector,
  CurrentSource,
  Expression,
  Expression_Binary_Op,
  Expression_Call_Function,
  Expression_Unary_Op,
  Expression_Variable,
  Network,
  Population,
  PointNeuronSpec_Neuron,
  Projection,
  RandomDistribution_Kind,
  ReceptorSpec_Kind,
  RngSpec,
  RngSpec_Kind,
  SelfConnections,
  Space_Axes,
  Structure,
  Structure_FillOrder,
  Synapse,
  Value,
} from '../../frontend/generated/tsnn/v1/model.js';

// ----------------------------------------------------------------------------------------------------------------
// Values
// ----------------------------------------------------------------------------------------------------------------

export const scalar = (value: number): Value => ({ kind: { $case: 'scalar', value } });
export const array = (values: number[]): Value => ({ kind: { $case: 'array', value: { values } } });
export const matrix = (rows: number, cols: number, values: number[]): Value => ({
  kind: { $case: 'matrix', value: { rows, cols, values } },
});
export const sequences = (...items: number[][]): Value => ({
  kind: { $case: 'sequences', value: { items: items.map((values) => ({ values })) } },
});
export const expressionValue = (expression: Expression): Value => ({ kind: { $case: 'expression', value: expression } });

export function rng(stream: number, kind = RngSpec_Kind.NUMPY, seed?: bigint): RngSpec {
  return {
    kind,
    hasSeed: seed !== undefined,
    seed: seed ?? 0n,
    stream: BigInt(stream),
    parallelSafe: true,
  };
}

export function distribution(kind: RandomDistribution_Kind, parameters: number[], stream: number): Value {
  return { kind: { $case: 'distribution', value: { kind, parameters, rng: rng(stream) } } };
}

/** Builds a map field in sorted key order, which is the order deterministic C++ serialization writes. */
export function sortedMap(entries: Record<string, Value>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const key of Object.keys(entries).sort()) out[key] = entries[key];
  return out;
}

// ----------------------------------------------------------------------------------------------------------------
// Expressions
// ----------------------------------------------------------------------------------------------------------------

export const constant = (value: number): Expression => ({ node: { $case: 'constant', value } });
export const variable = (value: Expression_Variable): Expression => ({ node: { $case: 'variable', value } });
export const unary = (op: Expression_Unary_Op, operand: Expression): Expression => ({
  node: { $case: 'unary', value: { op, operand } },
});
export const binary = (op: Expression_Binary_Op, left: Expression, right: Expression): Expression => ({
  node: { $case: 'binary', value: { op, left, right } },
});
export const call = (fn: Expression_Call_Function, ...args: Expression[]): Expression => ({
  node: { $case: 'call', value: { function: fn, arguments: args } },
});
export const conditional = (condition: Expression, then: Expression, otherwise: Expression): Expression => ({
  node: { $case: 'conditional', value: { condition, then, otherwise } },
});

/** Positive members of a numeric TypeScript enum (the zero default and UNRECOGNIZED left out). */
export function enumMembers(enumObject: object): number[] {
  return Object.values(enumObject).filter((v): v is number => typeof v === 'number' && v > 0);
}

const twoArgumentFunctions = new Set([
  Expression_Call_Function.ARCTAN2,
  Expression_Call_Function.MINIMUM,
  Expression_Call_Function.MAXIMUM,
  Expression_Call_Function.FMOD,
]);

/**
 * One expression tree that uses every variable, unary operator, binary operator and function of the contract:
 * the sum of one term per operator/function, wrapped in a conditional.
 */
export function everyExpressionNode(): Expression {
  const variables = enumMembers(Expression_Variable) as Expression_Variable[];
  const pick = (k: number) => variable(variables[k % variables.length]);
  const terms: Expression[] = [];
  (enumMembers(Expression_Binary_Op) as Expression_Binary_Op[]).forEach((op, k) =>
    terms.push(binary(op, pick(k), constant(0.5 + k))));
  (enumMembers(Expression_Unary_Op) as Expression_Unary_Op[]).forEach((op, k) => terms.push(unary(op, pick(k + 1))));
  (enumMembers(Expression_Call_Function) as Expression_Call_Function[]).forEach((fn, k) =>
    terms.push(twoArgumentFunctions.has(fn) ? call(fn, pick(k), constant(0.25)) : call(fn, pick(k))));
  const sum = terms.reduce((acc, term) => binary(Expression_Binary_Op.ADD, acc, term));
  return conditional(binary(Expression_Binary_Op.LESS, variable(Expression_Variable.D), constant(100)), sum, constant(0));
}

/** exp(-d/50): the usual distance-dependent probability, as the frontend would parse "exp(-d/50)". */
export function gaussianLikeProbability(): Expression {
  return call(
    Expression_Call_Function.EXP,
    binary(Expression_Binary_Op.DIVIDE, unary(Expression_Unary_Op.NEGATE, variable(Expression_Variable.D)), constant(50)),
  );
}

// ----------------------------------------------------------------------------------------------------------------
// Cell types (names and parameter names from ../shared/reference/pynn-api.md §2)
// ----------------------------------------------------------------------------------------------------------------

export const standardCellTypeNames = [
  'IF_curr_exp', 'IF_curr_alpha', 'IF_curr_delta', 'IF_cond_exp', 'IF_cond_alpha', 'IF_cond_exp_gsfa_grr',
  'IF_facets_hardware1', 'HH_cond_exp', 'EIF_cond_exp_isfa_ista', 'EIF_cond_alpha_isfa_ista', 'Izhikevich',
  'GIF_cond_exp', 'SpikeSourcePoisson', 'SpikeSourcePoissonRefractory', 'SpikeSourceGamma', 'SpikeSourceInhGamma',
  'SpikeSourceArray', 'PointNeuron',
] as const;

const lifParameters = {
  cm: scalar(1.0), i_offset: scalar(0), tau_m: scalar(20), tau_refrac: scalar(0.1), v_reset: scalar(-65),
  v_rest: scalar(-65), v_thresh: scalar(-50),
};

/** One CellType per standard model, `size` cells each, using scalar, array, distribution and sequence values. */
export function standardCellTypes(size: number): CellType[] {
  const perCell = (base: number, step: number) => array(Array.from({ length: size }, (_, i) => base + step * i));
  const make = (name: string, parameters: Record<string, Value>, initialValues: Record<string, Value> = {}): CellType => ({
    name,
    parameters: sortedMap(parameters),
    initialValues: sortedMap(initialValues),
    pointNeuron: undefined,
  });
  const adex = {
    a: scalar(4.0), b: scalar(0.0805), cm: scalar(0.281), delta_T: scalar(2.0), e_rev_E: scalar(0), e_rev_I: scalar(-80),
    i_offset: scalar(0), tau_m: scalar(9.3667), tau_refrac: scalar(0.1), tau_syn_E: scalar(5), tau_syn_I: scalar(5),
    tau_w: scalar(144), v_reset: scalar(-70.6), v_rest: scalar(-70.6), v_spike: scalar(-40), v_thresh: scalar(-50.4),
  };
  return [
    make('IF_curr_exp', { ...lifParameters, tau_m: perCell(10, 0.5), tau_syn_E: scalar(5), tau_syn_I: scalar(5) },
      { isyn_exc: scalar(0), isyn_inh: scalar(0), v: distribution(RandomDistribution_Kind.UNIFORM, [-65, -55], 1) }),
    make('IF_curr_alpha', { ...lifParameters, tau_syn_E: scalar(0.5), tau_syn_I: scalar(0.5) }, { v: scalar(-65) }),
    make('IF_curr_delta', { ...lifParameters }, { v: scalar(-65) }),
    make('IF_cond_exp', { ...lifParameters, e_rev_E: scalar(0), e_rev_I: scalar(-70), tau_syn_E: scalar(5), tau_syn_I: scalar(5) },
      { gsyn_exc: scalar(0), gsyn_inh: scalar(0), v: distribution(RandomDistribution_Kind.NORMAL, [-60, 2], 2) }),
    make('IF_cond_alpha', { ...lifParameters, e_rev_E: scalar(0), e_rev_I: scalar(-70), tau_syn_E: scalar(0.3), tau_syn_I: scalar(0.5) }),
    make('IF_cond_exp_gsfa_grr', {
      ...lifParameters, e_rev_E: scalar(0), e_rev_I: scalar(-70), e_rev_rr: scalar(-75), e_rev_sfa: scalar(-75),
      q_rr: scalar(3000), q_sfa: scalar(15), tau_rr: scalar(2), tau_sfa: scalar(100), tau_syn_E: scalar(5), tau_syn_I: scalar(5),
    }, { g_r: scalar(0), g_s: scalar(0), v: scalar(-65) }),
    make('IF_facets_hardware1', {
      e_rev_I: scalar(-80), g_leak: scalar(40), tau_syn_E: scalar(30), tau_syn_I: scalar(30), v_reset: scalar(-80),
      v_rest: scalar(-65), v_thresh: scalar(-55),
    }),
    make('HH_cond_exp', {
      cm: scalar(0.2), e_rev_E: scalar(0), e_rev_I: scalar(-80), e_rev_K: scalar(-90), e_rev_Na: scalar(50),
      e_rev_leak: scalar(-65), g_leak: scalar(0.01), gbar_K: scalar(6), gbar_Na: scalar(20), i_offset: scalar(0),
      tau_syn_E: scalar(0.2), tau_syn_I: scalar(2), v_offset: scalar(-63),
    }, { h: scalar(1), m: scalar(0), n: scalar(0), v: scalar(-65) }),
    make('EIF_cond_exp_isfa_ista', adex, { v: scalar(-70.6), w: scalar(0) }),
    make('EIF_cond_alpha_isfa_ista', { ...adex, a: distribution(RandomDistribution_Kind.NORMAL_CLIPPED, [4, 1, 0, 8], 3) },
      { v: scalar(-70.6), w: scalar(0) }),
    make('Izhikevich', { a: scalar(0.02), b: scalar(0.2), c: scalar(-65), d: scalar(2), i_offset: scalar(0) },
      { u: scalar(-14), v: scalar(-70) }),
    make('GIF_cond_exp', {
      ...lifParameters, tau_refrac: scalar(4), a_eta: sequences([1, 1, 1]), a_gamma: sequences([1, 1, 1]),
      delta_v: scalar(0.5), e_rev_E: scalar(0), e_rev_I: scalar(-70), lambda0: scalar(1), tau_eta: sequences([1, 10, 100]),
      tau_gamma: sequences([1, 10, 100]), tau_syn_E: scalar(5), tau_syn_I: scalar(5), v_t_star: scalar(-48),
    }, { i_eta: scalar(0), v: scalar(-65), v_t: scalar(-48) }),
    make('SpikeSourcePoisson', { duration: scalar(1e10), rate: perCell(5, 1), start: scalar(0) }),
    make('SpikeSourcePoissonRefractory', { duration: scalar(1e10), rate: scalar(20), start: scalar(0), tau_refrac: scalar(2) }),
    make('SpikeSourceGamma', { alpha: scalar(2), beta: distribution(RandomDistribution_Kind.GAMMA, [2, 5], 4), duration: scalar(1e10), start: scalar(0) }),
    make('SpikeSourceInhGamma', {
      a: sequences([1, 2]), b: sequences([1, 0.5]), duration: scalar(1e10), start: scalar(0), tbins: sequences([0, 100]),
    }),
    make('SpikeSourceArray', {
      // one Sequence per cell: cell i fires at 1 + i ms and 10 + i ms
      spike_times: sequences(...Array.from({ length: size }, (_, i) => [1 + i, 10 + i])),
    }),
    {
      name: 'PointNeuron',
      parameters: sortedMap({
        'AMPA.e_syn': scalar(0), 'AMPA.tau_syn': scalar(5), 'GABAA.e_syn': scalar(-70), 'GABAA.tau_rise': scalar(0.2),
        'GABAA.tau_decay': scalar(1.7), 'NMDA.e_syn': scalar(0), 'NMDA.tau_syn': scalar(5), 'a': scalar(4), 'b': scalar(0.0805),
        'cm': scalar(0.281), 'delta_T': scalar(2), 'tau_m': scalar(9.3667), 'tau_refrac': scalar(0.1), 'tau_w': scalar(144),
        'v_reset': scalar(-70.6), 'v_rest': scalar(-70.6), 'v_spike': scalar(-40), 'v_thresh': scalar(-50.4),
      }),
      initialValues: sortedMap({ 'AMPA.gsyn': scalar(0), 'v': scalar(-70.6), 'w': scalar(0) }),
      pointNeuron: {
        neuron: PointNeuronSpec_Neuron.ADEXP,
        receptors: [
          { name: 'AMPA', kind: ReceptorSpec_Kind.COND_EXP },
          { name: 'GABAA', kind: ReceptorSpec_Kind.COND_BETA },
          { name: 'NMDA', kind: ReceptorSpec_Kind.COND_ALPHA },
        ],
      },
    },
    {
      name: 'PointNeuron',
      parameters: sortedMap({ 'exc.tau_syn': scalar(5), 'inh.tau_syn': scalar(10), 'tau_m': scalar(20), 'v_thresh': scalar(-50) }),
      initialValues: sortedMap({ 'v': scalar(-65) }),
      pointNeuron: {
        neuron: PointNeuronSpec_Neuron.LIF,
        receptors: [{ name: 'exc', kind: ReceptorSpec_Kind.CURR_EXP }, { name: 'inh', kind: ReceptorSpec_Kind.CURR_EXP }],
      },
    },
  ];
}

// ----------------------------------------------------------------------------------------------------------------
// Structures and positions
// ----------------------------------------------------------------------------------------------------------------

/**
 * One Structure per kind (and per random boundary) with positions for 4 cells. Line and Grid2D positions follow
 * PyNN's formulas (pynn-api.md §9); the others are arbitrary coordinates, as the contract carries positions as data.
 */
export function structures(): { structure: Structure; x: number[]; y: number[]; z: number[] }[] {
  return [
    // Line(dx=1): cell i at x = i (pynn-api.md §0)
    { structure: { kind: { $case: 'line', value: { dx: 1, x0: 0, y: 0, z: 0 } } }, x: [0, 1, 2, 3], y: [0, 0, 0, 0], z: [0, 0, 0, 0] },
    // Grid2D(aspect 1, dx=dy=10): nx = 2, ny = 2; cell i at (x0 + dx*floor(i/ny), y0 + dy*(i mod ny), z)
    {
      structure: { kind: { $case: 'grid2d', value: { aspectRatio: 1, dx: 10, dy: 10, x0: 5, y0: 5, z: 1, fillOrder: Structure_FillOrder.SEQUENTIAL, rng: undefined } } },
      x: [5, 5, 15, 15], y: [5, 15, 5, 15], z: [1, 1, 1, 1],
    },
    {
      structure: {
        kind: {
          $case: 'grid3d',
          value: {
            aspectRatioXy: 1, aspectRatioXz: 2, dx: 1, dy: 1, dz: 1, x0: 0, y0: 0, z0: 0,
            fillOrder: Structure_FillOrder.RANDOM, rng: rng(5, RngSpec_Kind.GSL, 1234n),
          },
        },
      },
      x: [0, 0, 1, 1], y: [0, 0, 0, 0], z: [0, 1, 0, 1],
    },
    {
      structure: {
        kind: {
          $case: 'random',
          value: { boundary: { $case: 'cuboid', value: { width: 100, height: 50, depth: 10 } }, originX: 1, originY: 2, originZ: 3, rng: rng(6) },
        },
      },
      x: [-20.5, 33.25, 7, 49.75], y: [12.5, -3, 24.5, 0.125], z: [1, -4.5, 4.75, 2],
    },
    {
      structure: {
        kind: {
          $case: 'random',
          value: { boundary: { $case: 'sphere', value: { radius: 10 } }, originX: 0, originY: 0, originZ: 0, rng: rng(7, RngSpec_Kind.NATIVE, 99n) },
        },
      },
      x: [1, -2, 3, 0.5], y: [0, 4, -1, 0.25], z: [2, 1, -3, 9],
    },
    { structure: { kind: { $case: 'explicit', value: true } }, x: [0.1, 0.2, 0.3, 0.4], y: [1, 2, 3, 4], z: [9, 8, 7, 6] },
  ];
}

// ----------------------------------------------------------------------------------------------------------------
// Projections: every connector and every synapse dynamics
// ----------------------------------------------------------------------------------------------------------------

export const allOf = (population: number, label = ''): CellSet => ({ parts: [{ population, cells: { $case: 'all', value: true } }], label });

export function connectors(preSize: number, postSize: number): Connector[] {
  const probabilities = { rows: preSize, cols: postSize, values: Array.from({ length: preSize * postSize }, (_, k) => (k % 3) / 4) };
  const base = (rule: Connector['rule'], stream: number): Connector => ({ rule, rng: rng(stream), safe: true, sourceFile: '' });
  return [
    base({ $case: 'allToAll', value: { selfConnections: SelfConnections.FORBID } }, 20),
    base({ $case: 'oneToOne', value: {} }, 21),
    base({ $case: 'fixedProbability', value: { pConnect: 0.1, selfConnections: SelfConnections.ALLOW } }, 22),
    base({ $case: 'fixedNumberPre', value: { n: scalar(2), selfConnections: SelfConnections.NO_MUTUAL, withReplacement: true } }, 23),
    base({
      $case: 'fixedNumberPost',
      value: { n: distribution(RandomDistribution_Kind.BINOMIAL, [4, 0.5], 24), selfConnections: SelfConnections.FORBID, withReplacement: false },
    }, 25),
    base({ $case: 'fixedTotalNumber', value: { n: 12345678901234n, selfConnections: SelfConnections.ALLOW, withReplacement: true } }, 26),
    {
      ...base({
        $case: 'fromList',
        value: { pre: [0, 1, 3], post: [2, 0, 1], columnNames: ['weight', 'delay'], columns: [{ values: [0.5, 0.25, 1] }, { values: [1, 1.5, 2] }] },
      }, 27),
      sourceFile: 'connections.txt',
    },
    base({
      $case: 'distanceDependentProbability',
      value: { dExpression: gaussianLikeProbability(), probabilities: undefined, selfConnections: SelfConnections.FORBID },
    }, 28),
    base({
      $case: 'distanceDependentProbability',
      value: { dExpression: undefined, probabilities, selfConnections: SelfConnections.ALLOW },
    }, 29),
    base({
      $case: 'indexBasedProbability',
      value: {
        indexExpression: binary(Expression_Binary_Op.EQUAL,
          binary(Expression_Binary_Op.MODULO, binary(Expression_Binary_Op.ADD, variable(Expression_Variable.I), variable(Expression_Variable.J)), constant(2)),
          constant(0)),
        probabilities: undefined,
        selfConnections: SelfConnections.ALLOW,
      },
    }, 30),
    base({
      $case: 'displacementDependentProbability',
      value: { dispExpression: everyExpressionNode(), probabilities: undefined, selfConnections: SelfConnections.FORBID },
    }, 31),
    base({ $case: 'array', value: { rows: preSize, cols: postSize, mask: Buffer.from(Array.from({ length: preSize * postSize }, (_, k) => k % 2)) } }, 32),
    base({ $case: 'clone', value: { referenceProjection: 0 } }, 33),
    base({ $case: 'smallWorld', value: { degree: 2.5, rewiring: 0.1, selfConnections: SelfConnections.FORBID, nConnections: 40n } }, 34),
  ];
}

export function synapses(): Synapse[] {
  const stdp = (timing: NonNullable<Extract<Synapse['dynamics'], { $case: 'stdp' }>['value']['timing']>,
    weightDependence: NonNullable<Extract<Synapse['dynamics'], { $case: 'stdp' }>['value']['weightDependence']>): Synapse => ({
    weight: scalar(0.01),
    delay: scalar(1.5),
    dynamics: { $case: 'stdp', value: { timing, weightDependence, dendriticDelayFraction: 1, hasVoltageDependence: false } },
  });
  const spikePair = { $case: 'spikePair' as const, value: { tauPlus: scalar(20), tauMinus: scalar(20), APlus: scalar(0.01), AMinus: scalar(0.012) } };
  const vogels = { $case: 'vogels2011' as const, value: { tau: scalar(20), eta: scalar(1e-10), rho: scalar(3) } };
  return [
    { weight: scalar(0.5), delay: scalar(1), dynamics: { $case: 'staticSynapse', value: {} } },
    { weight: distribution(RandomDistribution_Kind.LOGNORMAL, [-1, 0.5], 40), delay: distribution(RandomDistribution_Kind.EXPONENTIAL, [2], 41), dynamics: { $case: 'staticSynapse', value: {} } },
    { weight: expressionValue(gaussianLikeProbability()), delay: array([1, 2, 3]), dynamics: undefined },
    { weight: matrix(2, 2, [0.1, Number.NaN, 0.3, 0.4]), delay: distribution(RandomDistribution_Kind.UNIFORM_INT, [1, 5], 42), dynamics: { $case: 'staticSynapse', value: {} } },
    {
      weight: scalar(0.2), delay: scalar(1),
      dynamics: { $case: 'tsodyksMarkram', value: { U: scalar(0.5), tauRec: scalar(100), tauFacil: scalar(10), uInitial: scalar(0.05) } },
    },
    stdp(spikePair, { $case: 'additive', value: { wMin: scalar(0), wMax: scalar(1) } }),
    stdp(spikePair, { $case: 'multiplicative', value: { wMin: scalar(0), wMax: scalar(0.5) } }),
    stdp(vogels, { $case: 'additivePotentiationMultiplicativeDepression', value: { wMin: scalar(0), wMax: scalar(2) } }),
    stdp(vogels, { $case: 'gutig', value: { wMin: scalar(0), wMax: scalar(1), muPlus: scalar(0.5), muMinus: distribution(RandomDistribution_Kind.VONMISES, [0.5, 2], 43) } }),
    { weight: scalar(0.1), delay: scalar(1), dynamics: { $case: 'simpleStochastic', value: { p: distribution(RandomDistribution_Kind.NORMAL_CLIPPED_TO_BOUNDARY, [0.5, 0.2, 0, 1], 44) } } },
    { weight: scalar(0.1), delay: scalar(1), dynamics: { $case: 'stochasticTsodyksMarkram', value: { U: scalar(0.5), tauRec: scalar(100), tauFacil: scalar(0) } } },
    { weight: scalar(0.1), delay: scalar(1), dynamics: { $case: 'multiQuantal', value: { U: scalar(0.5), n: distribution(RandomDistribution_Kind.POISSON, [3], 45), tauRec: scalar(800), tauFacil: scalar(0), uInitial: scalar(0.3), aInitial: scalar(2) } } },
  ];
}

export function currentSources(): CurrentSource[] {
  return [
    { label: 'dc', targets: [allOf(0)], kind: { $case: 'dc', value: { amplitude: 1, start: 10, stop: 1e12 } }, record: true },
    { label: 'ac', targets: [allOf(0), allOf(3)], kind: { $case: 'ac', value: { amplitude: 0.5, start: 5, stop: 90, frequency: 10, offset: 0.1, phase: 90 } }, record: false },
    // StepCurrentSource example of pynn-api.md §7 after rounding to dt = 0.1: times [0.4, 0.9], amplitudes [-0.5, 0.5]
    { label: 'step', targets: [allOf(1)], kind: { $case: 'step', value: { times: [0.4, 0.9], amplitudes: [-0.5, 0.5] } }, record: true },
    { label: 'noise', targets: [allOf(2)], kind: { $case: 'noisy', value: { mean: 0, stdev: 1, start: 0, stop: 1e12, dt: 0.1, rng: rng(50) } }, record: false },
  ];
}

// ----------------------------------------------------------------------------------------------------------------
// Whole networks
// ----------------------------------------------------------------------------------------------------------------

function positionsFor(size: number, k: number) {
  const shape = structures()[k % structures().length];
  const take = (values: number[]) => Array.from({ length: size }, (_, i) => values[i % values.length] + 100 * Math.floor(i / values.length));
  return { structure: shape.structure, positions: { x: take(shape.x), y: take(shape.y), z: take(shape.z) } };
}

/** Every standard cell type as one population of 4 cells, cycling through every structure. */
export function everyCellTypeNetwork(): Network {
  const size = 4;
  const populations: Population[] = standardCellTypes(size).map((cellType, k) => ({
    label: `${cellType.name}_${k}`,
    size,
    cellType,
    ...positionsFor(size, k),
    annotations: k === 0 ? [{ key: 'note', jsonValue: '{"source":"pynn-api.md"}' }] : [],
  }));
  return { settings: { timestep: 0.1, minDelay: 0, maxDelay: 0, seed: 42n, simulator: 'tsnn test', threads: 0 }, populations, projections: [], currentSources: [], recordings: [], assemblies: [] };
}

/**
 * A network that uses every connector, every synapse dynamics (both STDP timing rules, all four weight
 * dependences), every current source, every Space axes value, assemblies, annotations and recordings.
 */
export function everyProjectionNetwork(): Network {
  const sizes = [4, 4, 6, 3];
  const cellTypes = standardCellTypes(6);
  const populations: Population[] = sizes.map((size, k) => ({
    label: ['exc', 'inh', 'stim', 'out'][k],
    size,
    cellType: cellTypes[k === 2 ? 12 : k],   // the stimulus population is a SpikeSourcePoisson
    ...positionsFor(size, k),
    annotations: [],
  }));
  // SpikeSourcePoisson's per-cell rate array must match the population size
  populations[2].cellType = { ...cellTypes[12], parameters: sortedMap({ ...cellTypes[12].parameters, rate: array([5, 6, 7, 8, 9, 10]) }) };
  populations[0].cellType = standardCellTypes(4)[0];
  populations[1].cellType = standardCellTypes(4)[1];
  populations[3].cellType = standardCellTypes(3)[3];

  const axes = enumMembers(Space_Axes) as Space_Axes[];
  const synapseList = synapses();
  const receptorTypes = ['excitatory', 'inhibitory'];
  const projections: Projection[] = connectors(4, 4).map((connector, k) => ({
    label: `projection_${k}`,
    weightSign: k % 3,  // every Projection.WeightSign
    pre: k === 3
      ? { parts: [{ population: 0, cells: { $case: 'range', value: { start: 0, stop: 4, step: 2 } } }, { population: 1, cells: { $case: 'indices', value: { values: [1, 3] } } }], label: 'exc[::2] + inh[1,3]' }
      : allOf(0, 'exc'),
    post: allOf(1, 'inh'),
    connector,
    synapse: synapseList[k % synapseList.length],
    receptorType: receptorTypes[k % 2],
    space: {
      axes: axes[k % axes.length],
      scaleFactor: 1 + k / 8,
      offset: k / 4,
      periodicBoundaries: k % 4 === 0 ? [{ min: 0, max: 10 }, { min: -5, max: 5 }, { min: 0, max: 0 }] : [],
    },
    annotations: k === 1 ? [{ key: 'weight_note', jsonValue: '[1,2,3]' }] : [],
  }));
  return {
    settings: { timestep: 0.1, minDelay: 0.1, maxDelay: 14.4, seed: 0xfedcba9876543210n, simulator: 'tsnn 0.1.0 (test)', threads: 2 },
    populations,
    projections,
    currentSources: currentSources(),
    recordings: [
      { population: 0, variable: 'spikes', cells: { population: 0, cells: { $case: 'all', value: true } }, samplingInterval: 0 },
      { population: 0, variable: 'v', cells: { population: 0, cells: { $case: 'range', value: { start: 1, stop: 4, step: 1 } } }, samplingInterval: 0.5 },
      { population: 3, variable: 'gsyn_exc', cells: { population: 3, cells: { $case: 'indices', value: { values: [0, 2] } } }, samplingInterval: 0.1 },
    ],
    assemblies: [{ label: 'exc+inh', cells: { parts: [allOf(0).parts[0], allOf(1).parts[0]], label: 'exc+inh' } }],
  };
}
