// PyNN's deprecated module-level functions (create, connect, set, initialize, record, record_v, record_gsyn), kept
// so that old scripts port line by line; each is the object-oriented call PyNN documents as its replacement.
import type { CellType, ParameterValues } from '../cells/cell-type.js';
import type { ParameterValue } from '../cells/parameter-values.js';
import { FixedProbabilityConnector } from '../connectors/fixed-probability.js';
import { Assembly } from '../populations/assembly.js';
import { BasePopulation, type RecordOptions } from '../populations/base-population.js';
import { ID } from '../populations/id.js';
import { Population } from '../populations/population.js';
import { Projection } from '../projection/projection.js';
import type { AbstractRNG } from '../random/rng.js';
import { StaticSynapse } from '../synapses/static-synapse.js';
import { checkOptionKeys } from '../core/option-keys.js';

type Cells = BasePopulation | Assembly;

function asCollection(cells: Cells | ID, what: string): Cells {
  if (cells instanceof ID) return cells.asView() as BasePopulation;
  if (cells instanceof BasePopulation || cells instanceof Assembly) return cells;
  throw new TypeError(`${what}: expected a Population, PopulationView, Assembly or ID`);
}

/** create(cellclass, cellparams, n) → new Population(n, cellclass). */
export function create(
  cellclass: CellType | (new (parameters?: ParameterValues) => CellType),
  cellparams?: ParameterValues,
  n = 1,
): Population {
  // PyNN asserts cellparams is None for a cell type instance: they would be dropped without a word.
  if (typeof cellclass !== 'function' && cellparams != null) {
    throw new TypeError(
      'create(): cellparams apply only when cellclass is a cell type class; with an instance, pass the parameters to ' +
        'the cell type, e.g. create(new IF_curr_exp({ tau_m: 5 }), undefined, n)',
    );
  }
  return new Population(n, cellclass, typeof cellclass === 'function' ? { cellparams: cellparams ?? {} } : {});
}

export interface ConnectOptions {
  weight?: number;
  delay?: number;
  receptorType?: string;
  /** Connection probability (default 1). */
  p?: number;
  rng?: AbstractRNG;
}

/** connect(pre, post, {...}) → Projection(pre, post, FixedProbabilityConnector(p), StaticSynapse(weight, delay)). */
export function connect(pre: Cells | ID, post: Cells | ID, options: ConnectOptions = {}): Projection {
  checkOptionKeys('connect()', options, ['weight', 'delay', 'receptorType', 'p', 'rng']);
  const synapse = new StaticSynapse({
    weight: options.weight ?? 0.0,
    ...(options.delay !== undefined ? { delay: options.delay } : {}),
  });
  const connector = new FixedProbabilityConnector(options.p ?? 1, options.rng ? { rng: options.rng } : {});
  return new Projection(asCollection(pre, 'connect()'), asCollection(post, 'connect()'), connector, synapse, {
    ...(options.receptorType !== undefined ? { receptorType: options.receptorType } : {}),
  });
}

/** set(cells, params) → cells.set(params); IDs have no set() (AttributeError in PyNN). */
export function set(cells: Cells, parameters: Record<string, ParameterValue>): void {
  if (cells instanceof ID) throw new TypeError('set(): IDs have no set(); use id.setParameters({...})');
  cells.set(parameters);
}

/** initialize(cells, values) → cells.initialize(values). */
export function initialize(cells: Cells | ID, values: Record<string, ParameterValue>): void {
  asCollection(cells, 'initialize()').initialize(values);
}

/**
 * record(variables, source, filename) → source.record(variables, { toFile: filename }); an ID is recorded as its
 * one-cell view, and `annotations` go to the source (annotate), as PyNN's record() does with both.
 */
export function record(
  variables: string | readonly string[],
  source: Cells | ID,
  filename: string,
  options: Omit<RecordOptions, 'toFile'> & { annotations?: Record<string, unknown> } = {},
): void {
  const cells = asCollection(source, 'record()');
  const { annotations, ...recordOptions } = options;
  cells.record(variables, { ...recordOptions, toFile: filename });
  if (annotations) cells.annotate(annotations);
}

/** record_v(source, filename) → record('v', source, filename) (PyNN's record_v = partial(record, 'v')). */
export function recordV(source: Cells | ID, filename: string, options: Parameters<typeof record>[3] = {}): void {
  record('v', source, filename, options);
}

/** record_gsyn(source, filename) → record(['gsyn_exc', 'gsyn_inh'], source, filename). */
export function recordGsyn(source: Cells | ID, filename: string, options: Parameters<typeof record>[3] = {}): void {
  record(['gsyn_exc', 'gsyn_inh'], source, filename, options);
}
