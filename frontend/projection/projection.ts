// PyNN's Projection (pynn-api.md §4): connections from a presynaptic to a postsynaptic cell collection, made by
// a connector rule, with a synapse type and a receptor type. The constructor checks everything PyNN checks and
// turns the connector and synapse type into the contract's Projection message (engines expand it when the
// network is built). Reading and changing connections needs the engine, so those methods are async.
import { EngineError, type Backend } from '../backend/backend.js';
import type { ConnectionsChunk } from '../generated/tsnn/v1/simulator.js';
import type { CellCollection, ProjectionLike, SimulationContext } from '../core/interfaces.js';
import { ConnectionError, IndexError, InvalidDimensionsError, InvalidParameterValueError, MemoryError, NonExistentParameterError, ValueError } from '../errors.js';
import {
  Projection_WeightSign as WeightSign,
  type Projection as ProjectionMessage,
  type Synapse as SynapseMessage,
  type Value,
} from '../generated/tsnn/v1/model.js';
import { Connector } from '../connectors/connector.js';
import { checkOptionKeys } from '../core/option-keys.js';
import { FromListConnector } from '../connectors/from-list.js';
import { checkNoMutualApplies } from '../connectors/self-connections.js';
import { RandomDistribution } from '../random/random-distribution.js';
import { currentState } from '../simulation/state.js';
import { Space } from '../space/space.js';
import { StaticSynapse } from '../synapses/static-synapse.js';
import { SynapseType } from '../synapses/synapse-type.js';
import {
  checkSynapticValue,
  evaluatePairFunction,
  synapticValueMessage,
  type SynapticValue,
} from '../synapses/synaptic-value.js';
import { backendAccessFor, isProjectionBackendAccess, type ProjectionBackendAccess } from './backend-access.js';
import type { ProjectionBuildContext } from './build-context.js';
import { Connection, type ConnectionWriter } from './connection.js';
import { arrayLines, connectionFileHeader, listLines, writeTextInPieces } from './connection-file.js';
import { ConnectionTable, checkMultipleSynapses, type MultipleSynapses } from './connection-table.js';
import { PairGeometry } from './pair-geometry.js';
import { checkWeightSigns, negativeWeights, resolveReceptorType } from './receptor.js';
import { STDPMechanism } from '../synapses/stdp-mechanism.js';
import { TsodyksMarkramSynapse } from '../synapses/tsodyks-markram-synapse.js';
import { knownConnectionCount } from './connection-count.js';
import { checkConnectionRead, type ConnectionRead, type ProjectionExtent } from './read-memory.js';
import { pynnName, setSynapseField, synapseValueEntries } from './synapse-fields.js';
import { explicitWeightRange, weightRange } from './weight-range.js';

export interface ProjectionOptions {
  /** PyNN's `source`: the presynaptic variable that emits spikes; only the spike output exists here. */
  source?: 'spike';
  /** A receptor of the postsynaptic cells; default: PyNN's rule (by the sign of the weight). */
  receptorType?: string | null;
  /** How distances are measured; default Space() (all three axes). */
  space?: Space;
  /** Default "<pre label>→<post label>". */
  label?: string;
  /** The simulation; default the current one (made by setup()). */
  simulation?: SimulationContext;
  /** How to reach the engine; default what the simulation offers. */
  backendAccess?: ProjectionBackendAccess;
}

export type GetFormat = 'list' | 'array';

export interface GetOptions {
  /** 'list' (default) or 'array'. */
  format?: GetFormat;
  /** List format: put (i, j) before the values (default true). */
  withAddress?: boolean;
  /** Array format: how multapses combine (default 'sum'). */
  multipleSynapses?: MultipleSynapses;
  /** PyNN's gather: one process here, so accepted and ignored. */
  gather?: boolean;
}

export interface SaveOptions {
  format?: GetFormat;
  withAddress?: boolean;
  gather?: boolean;
}

/** A value for Projection.set: a synaptic value, or one value per existing connection (1-D, row-major order). */
export type ProjectionSetValue = SynapticValue;

function isCellCollection(value: unknown): value is CellCollection {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<CellCollection>;
  return (
    typeof c.size === 'number' &&
    typeof c.label === 'string' &&
    Array.isArray(c.receptorTypes) &&
    typeof c.toCellSet === 'function' &&
    typeof c.positionsXYZ === 'function' &&
    typeof c.cellAddresses === 'function'
  );
}

/** An Assembly whose members mix conductance- and current-based cells (PyNN's _homogeneous_synapses false). */
function mixesSynapseKinds(post: CellCollection): boolean {
  const members = (post as { populations?: unknown }).populations;
  if (!Array.isArray(members) || members.length === 0) return false;
  const kinds = new Set(members.map((m) => Boolean((m as { conductanceBased?: unknown }).conductanceBased)));
  return kinds.size > 1;
}

function isMatrixValue(value: unknown): value is ReadonlyArray<ArrayLike<number>> {
  return Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row));
}

export class Projection implements ProjectionLike {
  readonly pre: CellCollection;
  readonly post: CellCollection;
  readonly connector: Connector;
  readonly synapseType: SynapseType;
  readonly receptorType: string;
  readonly space: Space;
  readonly source: 'spike';
  readonly label: string;
  /** Position in Network.projections. */
  readonly index: number;
  annotations: Record<string, unknown> = {};
  private readonly simulation: SimulationContext;
  private readonly access: ProjectionBackendAccess;
  private readonly message: ProjectionMessage;
  private readonly buildContext: ProjectionBuildContext;
  private reportedSize: number | undefined;

  constructor(
    pre: CellCollection,
    post: CellCollection,
    connector: Connector,
    synapseType?: SynapseType,
    options: ProjectionOptions = {},
  ) {
    if (!isCellCollection(pre)) {
      throw new ConnectionError(`Projection: presynaptic must be a Population, PopulationView or Assembly, got ${String(pre)}`);
    }
    if (!isCellCollection(post)) {
      throw new ConnectionError(`Projection: postsynaptic must be a Population, PopulationView or Assembly, got ${String(post)}`);
    }
    if (!(connector instanceof Connector)) {
      throw new TypeError(`Projection: connector must be a Connector (e.g. AllToAllConnector), got ${String(connector)}`);
    }
    checkOptionKeys('Projection', options, ['source', 'receptorType', 'space', 'label', 'simulation', 'backendAccess']);
    const synapse = synapseType ?? new StaticSynapse();
    if (!(synapse instanceof SynapseType)) {
      throw new TypeError(`Projection: synapseType must be a synapse type (e.g. StaticSynapse), got ${String(synapseType)}`);
    }
    const label = options.label ?? `${pre.label}→${post.label}`;
    if (typeof label !== 'string') throw new TypeError(`Projection: label must be a string, got ${String(label)}`);
    if (options.source !== undefined && options.source !== 'spike') {
      throw new ValueError(`Projection '${label}': source ${JSON.stringify(options.source)} is not available; only 'spike'`);
    }
    if (mixesSynapseKinds(post)) {
      throw new ConnectionError(
        `Projection '${label}': a projection to an Assembly can be made only with homogeneous synapse types; ` +
          `'${post.label}' mixes conductance-based and current-based cells`,
      );
    }
    const space = options.space ?? new Space();
    if (!(space instanceof Space)) throw new TypeError(`Projection '${label}': space must be a Space, got ${String(space)}`);

    this.pre = pre;
    this.post = post;
    this.connector = connector;
    this.synapseType = synapse;
    this.space = space;
    this.source = 'spike';
    this.label = label;
    this.simulation = options.simulation ?? currentState();
    const simulation = this.simulation;

    let geometry: PairGeometry | undefined;
    const pairGeometry = (): PairGeometry => (geometry ??= new PairGeometry(pre, post, space));
    this.buildContext = {
      pre,
      post,
      get geometry() {
        return pairGeometry();
      },
      minDelay: simulation.minDelay,
      synapseParameterNames: synapse.attributeNames,
      allocateStream: () => simulation.allocateStream(),
    };

    const connectorMessage = connector.toMessage(this.buildContext);
    checkNoMutualApplies(`Projection '${label}'`, connector.connectorName, connectorMessage, pre, post);
    const synapseMessage = synapse.toMessage(this.buildContext);

    checkDelaysAtLeastTimestep(label, synapseMessage.delay, connector, simulation.timestep);

    const count = knownConnectionCount(connectorMessage, pre, post);
    if (count !== undefined) {
      for (const [field, value] of synapseValueEntries(synapseMessage)) {
        if (value.kind?.$case === 'array' && value.kind.value.values.length !== count) {
          throw new InvalidDimensionsError(
            `Projection '${label}': ${synapse.modelName} parameter '${pynnName(field)}' has ${value.kind.value.values.length} ` +
              `values, but ${connector.connectorName} makes ${count} connections here (one value per connection)`,
          );
        }
      }
    }

    // The weights matter for the default receptor and for the sign checks; an expression costs pre × post.
    // null is PyNN's receptor_type=None: the default rule, as undefined and 'default'.
    const requestedReceptor = options.receptorType ?? undefined;
    const defaultReceptor = requestedReceptor === undefined || requestedReceptor === 'default';
    const listWeights = connector instanceof FromListConnector ? connector.column('weight') : undefined;
    const weights = !defaultReceptor && !connector.safe
      ? undefined
      : listWeights
        ? explicitWeightRange(listWeights)
        : weightRange(synapseMessage.weight, pairGeometry, connector.possiblePairs(this.buildContext));
    this.receptorType = resolveReceptorType(label, post, requestedReceptor, weights);
    if (synapse instanceof TsodyksMarkramSynapse && post.celltypeInfo?.voltageBasedSynapses) {
      // Its release decays with the post cell's synaptic time constant (NEST's tau_psc), which a cell whose
      // synapses are voltage jumps does not have: refused here, as NEST refuses the connection, not at run().
      throw new ConnectionError(
        `Projection '${label}': TsodyksMarkramSynapse needs the postsynaptic cells' tau_syn_E / tau_syn_I as its ` +
          `tau_psc; ${post.celltypeInfo.name} ('${post.label}') has voltage-jump synapses without one`,
      );
    }
    if (synapse instanceof STDPMechanism) {
      synapse.weightDependence.checkWeightSide(`Projection '${label}' (receptor '${this.receptorType}' of '${post.label}')`, negativeWeights(post, this.receptorType));
    }
    const weightSign = connector.safe
      ? checkWeightSigns(label, post, this.receptorType, weights)
      : WeightSign.WEIGHT_SIGN_UNSPECIFIED;

    this.message = {
      label,
      pre: pre.toCellSet(),
      post: post.toCellSet(),
      connector: connectorMessage,
      synapse: synapseMessage,
      receptorType: this.receptorType,
      space: space.toMessage(),
      annotations: [],
      weightSign,
    };
    this.access = options.backendAccess ?? (isProjectionBackendAccess(simulation) ? simulation : backendAccessFor(simulation, label));
    this.index = simulation.registerProjection(this);
  }

  /** [pre.size, post.size]. */
  get shape(): [number, number] {
    return [this.pre.size, this.post.size];
  }

  toMessage(): ProjectionMessage {
    return {
      ...this.message,
      annotations: Object.entries(this.annotations).map(([key, value]) => ({ key, jsonValue: JSON.stringify(value) })),
    };
  }

  annotate(annotations: Record<string, unknown>): void {
    Object.assign(this.annotations, annotations);
  }

  /** A text; with `template` null, PyNN's describe(template=None): its facts and those of its parts. */
  describe(template: null): Record<string, unknown>;
  describe(template?: string): string;
  describe(template?: string | null): string | Record<string, unknown> {
    if (template === null) {
      return {
        label: this.label,
        pre: this.pre.describe(null),
        post: this.post.describe(null),
        receptor_type: this.receptorType,
        connector: this.connector.describe(null),
        plasticity: this.synapseType.describe(null),
      };
    }
    return [
      `Projection '${this.label}' from '${this.pre.label}' (${this.pre.size} cells) to '${this.post.label}' (${this.post.size} cells)`,
      `    Connector: ${this.connector.describe()}`,
      `    Synapse type: ${this.synapseType.describe()}`,
      `    Receptor type: ${this.receptorType}`,
    ].join('\n');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading connections back (the engine holds them)
  // ---------------------------------------------------------------------------------------------------------

  private checkAttributeNames(names: readonly string[]): void {
    const allowed = this.synapseType.attributeNames;
    for (const name of names) {
      if (!allowed.includes(name)) throw new NonExistentParameterError(name, this.synapseType.modelName, allowed);
    }
  }

  private async table(names: readonly string[]): Promise<ConnectionTable> {
    const backend = await this.access.builtBackend();
    // Each name once (engines refuse repeats); get(['weight', 'weight']) still gives two columns from the table.
    const unique = [...new Set(names)];
    return new ConnectionTable(unique, await this.fetchConnections(backend, unique));
  }

  /**
   * The engine's connection chunks for `names`. The engine builds its whole answer in its own memory (the wasm
   * engine's 4 GiB): when that runs out, the error names this projection and what was asked, as a MemoryError.
   */
  private async fetchConnections(backend: Backend, names: readonly string[]): Promise<ConnectionsChunk[]> {
    try {
      return await backend.getConnections({ projection: this.index, names: [...names], maxConnectionsPerChunk: 0 });
    } catch (error) {
      // The simulation's backend has made the engine's fault a MemoryError already (its cause the EngineError).
      const fault = error instanceof MemoryError ? error.cause : error;
      if (!(fault instanceof EngineError) || fault.code !== 'RESOURCE_EXHAUSTED') throw error;
      throw new MemoryError(
        `Projection '${this.label}': the engine could not hold its answer for ${names.map((n) => `'${n}'`).join(', ')} ` +
          `of ${(await this.knownSize()) ?? 'its'} connections (${fault.message}); ask for fewer attributes at a time`,
        { cause: fault },
      );
    }
  }

  /**
   * The connection count the engine reported when it built the network, else the connector's, where it is fixed.
   * Kept once known: a network built again (a population added before the first run) makes the same connections,
   * and asking costs a tenth of a small get().
   */
  private async knownSize(): Promise<number | undefined> {
    if (this.reportedSize !== undefined) return this.reportedSize;
    const reported = (await this.access.builtProjectionSizes?.())?.[this.index];
    if (reported !== undefined) return (this.reportedSize = Number(reported));
    return knownConnectionCount(this.message.connector!, this.pre, this.post);
  }

  /** Refuses (MemoryError) before anything is fetched a read whose result this process could not hold. */
  private async checkReadFits(read: ConnectionRead, alternatives: readonly ConnectionRead[] = []): Promise<void> {
    const extent: ProjectionExtent = { connections: await this.knownSize(), preSize: this.pre.size, postSize: this.post.size };
    checkConnectionRead(`Projection '${this.label}'`, read, extent, alternatives);
  }

  /**
   * The number of connections (PyNN's size(gather=True)): the count the engine reported when it built the network,
   * else (an engine that did not report it) the length of the connection list, which means fetching every one of
   * them (74.7 million at the microcircuit's half scale: seconds).
   */
  async size(): Promise<number> {
    const known = (await this.access.builtProjectionSizes?.())?.[this.index];
    if (known !== undefined) return Number(known);
    return (await this.table([])).length;
  }

  /**
   * PyNN's get(attribute_names, format, with_address, multiple_synapses). A single name gives one result; a list
   * of names gives one matrix per name ('array') or rows carrying every name ('list').
   */
  get(name: string, options: GetOptions & { format: 'array' }): Promise<number[][]>;
  get(names: readonly string[], options: GetOptions & { format: 'array' }): Promise<number[][][]>;
  get(names: string | readonly string[], options?: GetOptions & { format?: 'list' }): Promise<number[][] | number[]>;
  async get(names: string | readonly string[], options: GetOptions = {}): Promise<number[][] | number[] | number[][][]> {
    checkOptionKeys(`Projection '${this.label}' get()`, options, ['format', 'withAddress', 'multipleSynapses', 'gather']);
    const list = typeof names === 'string' ? [names] : [...names];
    this.checkAttributeNames(list);
    const format = options.format ?? 'list';
    if (format !== 'list' && format !== 'array') {
      throw new ValueError(`Projection '${this.label}'.get: format must be 'list' or 'array', got ${JSON.stringify(format)}`);
    }
    const multiple = checkMultipleSynapses(options.multipleSynapses ?? 'sum');
    const withAddress = options.withAddress ?? true;
    await this.checkReadFits(...this.getReads(names, list, format, withAddress, multiple));
    const table = await this.table(list);
    // PyNN flattens the values only for one name given as a string: ['weight'] keeps a row per connection.
    if (format === 'list') return table.toList(list, withAddress, typeof names === 'string');
    const arrays = list.map((name) => table.toArray(name, this.pre.size, this.post.size, multiple));
    return typeof names === 'string' ? arrays[0]! : arrays;
  }

  /**
   * The read get() asks for, and the other forms of it a script could ask for instead, for the MemoryError's
   * advice: without the address, one name at a time, the other format, or save() (rows written a block at a time).
   */
  private getReads(
    names: string | readonly string[],
    list: readonly string[],
    format: GetFormat,
    withAddress: boolean,
    multiple: MultipleSynapses,
  ): [ConnectionRead, ConnectionRead[]] {
    const fetchedNames = new Set(list).size;
    const namesText = typeof names === 'string' ? quoted(names) : `[${list.map(quoted).join(', ')}]`;
    const listRead = (what: string, count: number, flat: boolean, address: boolean): ConnectionRead => ({
      call: `get(${what}, { format: 'list', withAddress: ${address} })`,
      fetchedNames: Math.min(count, fetchedNames),
      result: !address && flat ? { kind: 'values' } : { kind: 'rows', width: count + (address ? 2 : 0) },
    });
    const combine = multiple === 'sum' ? '' : `, multipleSynapses: '${multiple}'`;
    const arrayRead = (what: string, count: number): ConnectionRead => ({
      call: `get(${what}, { format: 'array'${combine} })`,
      fetchedNames: Math.min(count, fetchedNames),
      result: { kind: 'matrices', count },
    });
    const single = typeof names === 'string';
    const read = format === 'list' ? listRead(namesText, list.length, single, withAddress) : arrayRead(namesText, list.length);
    const alternatives: ConnectionRead[] = [];
    if (format === 'list') {
      if (withAddress) alternatives.push(listRead(namesText, list.length, single, false));
      if (list.length > 1) alternatives.push({ ...listRead(quoted(list[0]!), 1, true, withAddress), why: 'one name at a time' });
      alternatives.push(arrayRead(namesText, list.length));
    } else {
      if (list.length > 1) alternatives.push({ ...arrayRead(quoted(list[0]!), 1), why: 'one name at a time' });
      alternatives.push(listRead(namesText, list.length, single, true));
    }
    alternatives.push({
      call: `save(${namesText}, file${format === 'array' ? ", { format: 'array' }" : ''})`,
      why: 'to a file, a block of rows at a time',
      fetchedNames,
      result: format === 'array' ? { kind: 'matrices', count: 1 } : { kind: 'streamed' },
    });
    return [read, alternatives];
  }

  /** The connection at position k of a table holding every attribute, as PyNN's Connection. */
  private connectionAt(table: ConnectionTable, names: readonly string[], k: number, writer: ConnectionWriter): Connection {
    const values: Record<string, number> = {};
    for (const name of names) values[name] = table.column(name)[k]!;
    return new Connection(table.pre[k]!, table.post[k]!, values, k, writer);
  }

  private readonly writeConnection: ConnectionWriter = (index, name, value) => this.setOne(index, name, value);

  /** PyNN's connections: every Connection, with all attribute values. */
  get connections(): Promise<Connection[]> {
    const names = this.synapseType.attributeNames;
    const fetchedNames = names.length;
    const read: ConnectionRead = { call: 'connections', fetchedNames, result: { kind: 'connections', names: names.length } };
    const iterate: ConnectionRead = {
      call: 'for await (const c of projection)',
      why: 'one at a time',
      fetchedNames,
      result: { kind: 'streamed' },
    };
    return this.checkReadFits(read, [iterate])
      .then(() => this.table(names))
      .then((table) => Array.from(table.pre, (_, k) => this.connectionAt(table, names, k, this.writeConnection)));
  }

  /** PyNN's prj[k]: the k-th connection in the engine's order (negative k counts from the end). */
  async at(k: number): Promise<Connection> {
    const names = this.synapseType.attributeNames;
    await this.checkReadFits({ call: `at(${k})`, fetchedNames: names.length, result: { kind: 'streamed' } });
    const table = await this.table(names);
    const index = k < 0 ? table.length + k : k;
    if (!Number.isInteger(k) || index < 0 || index >= table.length) {
      throw new IndexError(`Projection '${this.label}': connection index ${k} out of range (${table.length} connections)`);
    }
    return this.connectionAt(table, names, index, this.writeConnection);
  }

  /** `for await (const c of projection)`: one Connection at a time, from one fetch. */
  async *[Symbol.asyncIterator](): AsyncIterator<Connection> {
    const names = this.synapseType.attributeNames;
    await this.checkReadFits({ call: 'for await (const c of projection)', fetchedNames: names.length, result: { kind: 'streamed' } });
    const table = await this.table(names);
    for (let k = 0; k < table.length; k++) yield this.connectionAt(table, names, k, this.writeConnection);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Changing connections
  // ---------------------------------------------------------------------------------------------------------

  /**
   * PyNN's set(**attributes). Values: a number, a RandomDistribution, a distance expression or function of
   * distance, a pre × post array (NaN entries leave a connection unchanged) or one value per existing connection.
   */
  async set(attributes: Readonly<Record<string, ProjectionSetValue>>): Promise<void> {
    const allowed = this.synapseType.parameterNames;
    for (const name of Object.keys(attributes)) {
      if (!allowed.includes(name)) throw new NonExistentParameterError(name, this.synapseType.modelName, allowed);
    }
    await this.apply(attributes);
  }

  /** PyNN's initialize(**initial_values): synaptic state variables, e.g. Tsodyks–Markram `u`. */
  async initialize(values: Readonly<Record<string, ProjectionSetValue>>): Promise<void> {
    const allowed = Object.keys(this.synapseType.stateVariables);
    for (const name of Object.keys(values)) {
      if (!allowed.includes(name)) throw new NonExistentParameterError(name, `${this.synapseType.modelName} (state variables)`, allowed);
    }
    await this.apply(values);
  }

  private async apply(attributes: Readonly<Record<string, ProjectionSetValue>>): Promise<void> {
    const owner = `Projection '${this.label}'`;
    const checked = Object.entries(attributes).map(([name, value]) => [name, checkSynapticValue(owner, name, value)] as const);
    const needsConnections = ([, value]: readonly [string, SynapticValue]) =>
      typeof value === 'object' && !(value instanceof RandomDistribution);
    if (!this.simulation.built) {
      // Checked now: the engine would refuse them only at the next run, after this call had returned.
      for (const [name, value] of checked) {
        const problem = this.synapseType.rangeProblem(name, value);
        if (problem) throw new InvalidParameterValueError(`${owner}: ${this.synapseType.modelName} ${problem}`);
      }
    }
    if (!this.simulation.built && !checked.some(needsConnections)) {
      // Not built yet: the message the engines will receive carries the new values.
      for (const [name, value] of checked) {
        const placed = setSynapseField(this.message.synapse as SynapseMessage, name, synapticValueMessage(owner, name, value, this.buildContext));
        if (!placed) throw new ValueError(`${owner}: the contract's Synapse message has no field for '${name}'`);
      }
      return;
    }
    const backend = await this.access.builtBackend();
    const values: Record<string, Value> = {};
    for (const [name, value] of checked) values[name] = await this.engineValue(backend, name, value);
    await backend.setSynapseValues({ projection: this.index, values });
    this.access.connectionValuesChanged?.();
  }

  /** Changes one attribute of the connection at position `index` (Connection.set). */
  private async setOne(index: number, name: string, value: number): Promise<void> {
    const allowed = this.synapseType.parameterNames;
    if (!allowed.includes(name)) throw new NonExistentParameterError(name, this.synapseType.modelName, allowed);
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new ValueError(`Projection '${this.label}': connection ${index}: '${name}' must be a number, got ${String(value)}`);
    }
    const backend = await this.access.builtBackend();
    const table = new ConnectionTable([name], await this.fetchConnections(backend, [name]));
    if (index >= table.length) throw new IndexError(`Projection '${this.label}': connection ${index} out of range (${table.length})`);
    const values = Array.from(table.column(name));
    values[index] = value;
    await backend.setSynapseValues({ projection: this.index, values: { [name]: { kind: { $case: 'array', value: { values } } } } });
    this.access.connectionValuesChanged?.();
  }

  /** A set() value as the engine takes it between runs: per-connection arrays where it depends on the pair. */
  private async engineValue(backend: Backend, name: string, value: SynapticValue): Promise<Value> {
    const owner = `Projection '${this.label}'`;
    if (typeof value === 'number' || typeof value === 'string' || value instanceof RandomDistribution) {
      return synapticValueMessage(owner, name, value, this.buildContext);
    }
    // One value per connection: the connections fetched as a get() of one name would, then a plain array of them.
    const shape = typeof value === 'function' ? 'a function of distance' : isMatrixValue(value) ? 'a pre × post array' : 'one value per connection';
    await this.checkReadFits({ call: `set({ ${name}: ${shape} })`, fetchedNames: 1, result: { kind: 'values' } });
    const table = new ConnectionTable([name], await this.fetchConnections(backend, [name]));
    const current = table.column(name);
    const next = new Float64Array(table.length);
    if (typeof value === 'function') {
      const g = this.buildContext.geometry;
      const distance = (i: number, j: number) => g.distance(i, j);
      for (let k = 0; k < table.length; k++) next[k] = evaluatePairFunction(value, table.pre[k]!, table.post[k]!, distance);
    } else if (isMatrixValue(value)) {
      if (value.length !== this.pre.size || value.some((row) => row.length !== this.post.size)) {
        throw new InvalidDimensionsError(
          `${owner}.set: '${name}' must be a ${this.pre.size} × ${this.post.size} array (pre × post), got ${value.length} rows`,
        );
      }
      for (let k = 0; k < table.length; k++) {
        const v = value[table.pre[k]!]![table.post[k]!]!;
        next[k] = Number.isNaN(v) ? current[k]! : v;
      }
    } else {
      const flat = value as ArrayLike<number>;
      if (flat.length !== table.length) {
        throw new InvalidDimensionsError(
          `${owner}.set: '${name}' has ${flat.length} values, but the projection has ${table.length} connections`,
        );
      }
      next.set(Array.from(flat));
    }
    return { kind: { $case: 'array', value: { values: Array.from(next) } } };
  }

  // ---------------------------------------------------------------------------------------------------------
  // PyNN's deprecated forms, kept so that older scripts port line by line
  // ---------------------------------------------------------------------------------------------------------

  /**
   * PyNN's weightHistogram: the counts of the weights in `nbins` equal bins from `min` to `max` (default: the
   * weights' own range), as numpy.histogram counts them (each bin holds its left edge; the last its right one too,
   * values outside are not counted), and the nbins + 1 edges, numpy.linspace(min, max, nbins + 1).
   */
  async weightHistogram(options: { min?: number; max?: number; nbins?: number } = {}): Promise<[number[], number[]]> {
    checkOptionKeys(`Projection '${this.label}' weightHistogram()`, options, ['min', 'max', 'nbins']);
    const nbins = options.nbins ?? 10;
    if (!Number.isInteger(nbins) || nbins < 1) {
      throw new ValueError(`Projection '${this.label}'.weightHistogram: nbins must be a whole number >= 1, got ${nbins}`);
    }
    const weights = (await this.get('weight', { format: 'list', withAddress: false })) as number[];
    const min = options.min ?? weights.reduce((a, b) => Math.min(a, b), Infinity);
    const max = options.max ?? weights.reduce((a, b) => Math.max(a, b), -Infinity);
    const step = (max - min) / nbins;
    const edges = Array.from({ length: nbins + 1 }, (_, i) => (i === nbins ? max : min + i * step));
    const counts = new Array<number>(nbins).fill(0);
    for (const w of weights) {
      if (!(w >= min && w <= max)) continue;
      let low = 0;
      let high = nbins;  // the bin is the last edge index <= w, within [0, nbins - 1]
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (edges[mid]! <= w) low = mid;
        else high = mid;
      }
      counts[low]! += 1;
    }
    return [counts, edges];
  }

  /** getWeights(format) → get('weight', { format, withAddress: false }). */
  async getWeights(options: { format?: GetFormat; gather?: boolean } = {}): Promise<number[][] | number[]> {
    checkOptionKeys(`Projection '${this.label}' getWeights()`, options, ['format', 'gather']);
    return this.get('weight', { format: (options.format ?? 'list') as 'list', withAddress: false });
  }

  /** getDelays(format) → get('delay', { format, withAddress: false }). */
  async getDelays(options: { format?: GetFormat; gather?: boolean } = {}): Promise<number[][] | number[]> {
    checkOptionKeys(`Projection '${this.label}' getDelays()`, options, ['format', 'gather']);
    return this.get('delay', { format: (options.format ?? 'list') as 'list', withAddress: false });
  }

  /** setWeights(w) → set({ weight: w }). */
  setWeights(weight: ProjectionSetValue): Promise<void> {
    return this.set({ weight });
  }

  /** setDelays(d) → set({ delay: d }). */
  setDelays(delay: ProjectionSetValue): Promise<void> {
    return this.set({ delay });
  }

  /** randomizeWeights(rd) → set({ weight: rd }). */
  randomizeWeights(distribution: RandomDistribution): Promise<void> {
    return this.set({ weight: distribution });
  }

  /** randomizeDelays(rd) → set({ delay: rd }). */
  randomizeDelays(distribution: RandomDistribution): Promise<void> {
    return this.set({ delay: distribution });
  }

  /** saveConnections(file) → save('all', file, { format: 'list' }). */
  saveConnections(file: string): Promise<void> {
    return this.save('all', file, { format: 'list' });
  }

  /** printWeights(file, format) → save('weight', file, { format }). */
  async printWeights(file: string, options: { format?: GetFormat } = {}): Promise<void> {
    checkOptionKeys(`Projection '${this.label}' printWeights()`, options, ['format']);
    return this.save('weight', file, { format: options.format ?? 'list' });
  }

  /** printDelays(file, format) → save('delay', file, { format }). */
  async printDelays(file: string, options: { format?: GetFormat } = {}): Promise<void> {
    checkOptionKeys(`Projection '${this.label}' printDelays()`, options, ['format']);
    return this.save('delay', file, { format: options.format ?? 'list' });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Saving
  // ---------------------------------------------------------------------------------------------------------

  /**
   * PyNN's save(attribute_names, file, format, with_address): a text file with a `# columns = [...]` header that
   * FromFileConnector reads back. 'all' or 'connections' means every synapse parameter; format 'array' writes 0
   * where there is no connection.
   */
  async save(attributeNames: string | readonly string[], file: string, options: SaveOptions = {}): Promise<void> {
    checkOptionKeys(`Projection '${this.label}' save()`, options, ['format', 'withAddress', 'gather']);
    const names =
      attributeNames === 'all' || attributeNames === 'connections'
        ? this.synapseType.parameterNames
        : typeof attributeNames === 'string'
          ? [attributeNames]
          : [...attributeNames];
    this.checkAttributeNames(names);
    const format = options.format ?? 'list';
    if (format !== 'list' && format !== 'array') {
      throw new ValueError(`Projection '${this.label}'.save: format must be 'list' or 'array', got ${JSON.stringify(format)}`);
    }
    const withAddress = options.withAddress ?? true;
    const namesText = typeof attributeNames === 'string' ? quoted(attributeNames) : `[${names.map(quoted).join(', ')}]`;
    await this.checkReadFits({
      call: `save(${namesText}, ${quoted(file)}${format === 'array' ? ", { format: 'array' }" : ''})`,
      fetchedNames: new Set(names).size,
      // Format 'array' builds one matrix at a time; either format writes a block of rows at a time.
      result: format === 'array' ? { kind: 'matrices', count: 1 } : { kind: 'streamed' },
    });
    const table = await this.table(names);
    const columns = withAddress ? ['i', 'j', ...names] : names;
    const header = connectionFileHeader(columns, this.annotations);
    const rows =
      format === 'array' ? arrayLines(table, names, this.pre.size, this.post.size, 'sum') : listLines(table, names, withAddress);
    await writeTextInPieces(`Projection '${this.label}'.save`, file, (function* () {
      yield header;
      yield* rows;
    })());
  }
}

/** A name as a script writes it in a call: 'weight'. */
function quoted(name: string): string {
  return `'${name}'`;
}

/**
 * Delays the script states (a number, an array, a FromListConnector column) must not be shorter than the timestep,
 * as in NEST (DESIGN §4): refused here, naming the projection, rather than at the first run. Drawn and computed
 * delays are checked by the engine as it expands them.
 */
function checkDelaysAtLeastTimestep(label: string, delay: Value | undefined, connector: Connector, dt: number): void {
  const listed = connector instanceof FromListConnector ? connector.column('delay') : undefined;
  const kind = delay?.kind;
  const values: ArrayLike<number> = listed ?? (kind?.$case === 'scalar' ? [kind.value] : kind?.$case === 'array' ? kind.value.values : []);
  for (let k = 0; k < values.length; k++) {
    if (values[k]! < dt * (1 - 1e-9)) {
      throw new ValueError(`Projection '${label}': delay ${values[k]} ms is shorter than the timestep ${dt} ms`);
    }
  }
}
