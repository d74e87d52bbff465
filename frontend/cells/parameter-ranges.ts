// The ranges the engine enforces on cell parameters (core/src/models/neuron_population.cpp `validate`,
// point_neuron_cells.cpp), checked again here when a script gives a value: a bad value is then refused at once,
// naming the population and the parameter, as NEST refuses it at SetStatus, instead of at the next run(), where
// the changes queued with it would wait behind it.

/** A rule a parameter's every value must meet; undefined where any finite number will do. */
interface Rule {
  holds: (x: number) => boolean;
  text: string;
}

const POSITIVE: Rule = { holds: (x) => x > 0, text: 'must be > 0' };
const NON_NEGATIVE: Rule = { holds: (x) => x >= 0, text: 'must be >= 0' };

const POSITIVE_NAMES = new Set(['tau_m', 'cm', 'tau_syn_E', 'tau_syn_I', 'tau_w', 'tau_sfa', 'tau_rr', 'delta_v']);
const NON_NEGATIVE_NAMES = new Set(['delta_T', 'lambda0', 'tau_refrac', 'start', 'duration', 'rate']);

function ruleFor(cellType: string, name: string): Rule | undefined {
  if (POSITIVE_NAMES.has(name)) return POSITIVE;
  if (NON_NEGATIVE_NAMES.has(name)) return NON_NEGATIVE;
  if (name === 'g_leak') return cellType === 'HH_cond_exp' ? NON_NEGATIVE : POSITIVE;
  if (cellType === 'HH_cond_exp' && (name === 'gbar_Na' || name === 'gbar_K')) return NON_NEGATIVE;
  if (cellType === 'SpikeSourceGamma') return name === 'alpha' ? POSITIVE : name === 'beta' ? NON_NEGATIVE : undefined;
  if (/\.(tau_syn|tau_rise|tau_decay)$/.test(name)) return POSITIVE;  // a PointNeuron's receptors
  return undefined;
}

/**
 * The first value of `values` (one per cell) that breaks the parameter's rule or is not finite (a spike source's
 * duration may be Infinity, NEST's endless stop = inf), as the reason to
 * refuse it ("must be > 0, got -1 (cell 3)"); undefined when all are allowed. Without a cell type and a name
 * (initial values): only finiteness.
 */
export function parameterRangeProblem(values: Float64Array, cellType?: string, name?: string): string | undefined {
  const rule = cellType !== undefined && name !== undefined ? ruleFor(cellType, name) : undefined;
  const endless = name === 'duration' && cellType?.startsWith('SpikeSource') === true;
  for (let cell = 0; cell < values.length; cell++) {
    const x = values[cell]!;
    if (endless && x === Infinity) continue;
    if (!Number.isFinite(x)) {
      return `must be a finite number${endless ? ' or Infinity' : ''}, got ${x} (cell ${cell})`;
    }
    if (rule && !rule.holds(x)) return `${rule.text}, got ${x} (cell ${cell})`;
  }
  return undefined;
}

/**
 * NEST's orderings of a cell's voltages, which PyNN leaves to the backend: an integrate-and-fire cell resets below
 * its threshold (iaf_*: "Reset potential must be smaller than threshold"); an adaptive exponential cell, which
 * spikes at v_spike, needs v_thresh <= v_spike and v_reset < v_spike (aeif_*). `value(name, cell)` is the cell's
 * value, whether just given or kept from before, so that v_reset and v_thresh may move together in one set(); the
 * first cell that breaks a rule is the reason to refuse. The engine checks the same
 * (NeuronPopulation::checkVoltageOrder).
 */
export function voltageOrderProblem(
  names: ReadonlySet<string>,
  cells: readonly number[],
  value: (name: string, cell: number) => number,
): string | undefined {
  const rules: Array<[string, string, boolean]> = names.has('v_spike')
    ? [['v_thresh', 'v_spike', false], ['v_reset', 'v_spike', true]]
    : [['v_reset', 'v_thresh', true]];
  for (const [lower, upper, strict] of rules) {
    if (!names.has(lower) || !names.has(upper)) continue;
    for (const cell of cells) {
      const low = value(lower, cell), high = value(upper, cell);
      if (strict ? !(low < high) : !(low <= high)) {
        return `needs ${lower} ${strict ? '<' : '<='} ${upper}, as NEST does; got ${lower} ${low} and ${upper} ${high} (cell ${cell})`;
      }
    }
  }
  return undefined;
}
