// Base of PyNN's current sources (pyNN.standardmodels.electrodes): a parameter table with defaults, attribute
// access that validates and marks the source changed between runs, injection targets and recording of the
// injected current.
import { InvalidParameterValueError, NonExistentParameterError, ValueError } from '../errors.js';
import type { CurrentSource as CurrentSourceMessage } from '../generated/tsnn/v1/model.js';
import { BasePopulation } from '../populations/base-population.js';
import { Assembly } from '../populations/assembly.js';
import { ID } from '../populations/id.js';
import { currentState, type SimulationState } from '../simulation/state.js';
import type { AnalogSignal } from '../results/analog-signal.js';

/** Cells a source can be injected into: a Population, PopulationView, Assembly, one ID or a list of IDs. */
export type InjectionTarget = BasePopulation | Assembly | ID | readonly ID[];

export interface CurrentParameterSpec {
  readonly default: number | readonly number[];
  readonly unit: string;
}

let sourceCount = 0;

export abstract class CurrentSource {
  abstract readonly table: Readonly<Record<string, CurrentParameterSpec>>;
  readonly label: string;
  /** Whether the injected current is recorded (record()). */
  recording = false;
  protected readonly values = new Map<string, number | number[]>();
  private readonly targets: Array<BasePopulation | Assembly> = [];
  protected simulation: SimulationState | undefined;

  protected constructor(readonly typeName: string, label?: string) {
    this.label = label ?? `${typeName.toLowerCase()}${sourceCount++}`;
  }

  /** Called by subclass constructors once `table` is set: defaults, given values, attribute accessors. */
  protected init(parameters: Readonly<Record<string, unknown>>): void {
    for (const [name, spec] of Object.entries(this.table)) {
      this.values.set(name, typeof spec.default === 'number' ? spec.default : [...spec.default]);
      Object.defineProperty(this, name, {
        get: () => this.getParameter(name),
        set: (v: unknown) => this.setParameters({ [name]: v }),
        enumerable: true,
        configurable: true,
      });
    }
    this.setParameters(parameters);
  }

  getParameter(name: string): number | number[] {
    const v = this.values.get(name);
    if (v === undefined) throw new NonExistentParameterError(name, this.typeName, Object.keys(this.table));
    return Array.isArray(v) ? [...v] : v;
  }

  getParameters(): Record<string, number | number[]> {
    const out: Record<string, number | number[]> = {};
    for (const name of Object.keys(this.table)) out[name] = this.getParameter(name);
    return out;
  }

  /** Changes parameters; between runs the new values are sent before the next run. */
  setParameters(parameters: Readonly<Record<string, unknown>>): void {
    this.checkNotStale('change its parameters');
    const next = new Map(this.values);
    for (const [name, value] of Object.entries(parameters)) {
      const spec = this.table[name];
      if (!spec) throw new NonExistentParameterError(name, this.typeName, Object.keys(this.table));
      next.set(name, this.checkValue(name, spec, value));
    }
    this.checkConsistency(next);
    for (const [k, v] of next) this.values.set(k, v);
    this.simulation?.markCurrentSourceChanged(this);
  }

  /** PyNN's current sources have no set(): it raises AttributeError. */
  set(): never {
    throw new TypeError(`${this.typeName}: current sources have no set(); assign attributes or call setParameters({...})`);
  }

  protected checkValue(name: string, spec: CurrentParameterSpec, value: unknown): number | number[] {
    if (typeof spec.default === 'number') {
      if (typeof value !== 'number' || Number.isNaN(value)) {
        throw new InvalidParameterValueError(`${this.typeName}: parameter '${name}' must be a number (${spec.unit}), got ${String(value)}`);
      }
      // The engine refuses these (core/src/network/decode_checks.cpp); refused here, at once, instead of at run().
      if (name !== 'start' && name !== 'stop' && !Number.isFinite(value)) {
        throw new InvalidParameterValueError(`${this.typeName}: parameter '${name}' must be a finite number (${spec.unit}), got ${value}`);
      }
      if (name === 'frequency' && value < 0) {
        throw new InvalidParameterValueError(`${this.typeName}: parameter 'frequency' must be >= 0 Hz, got ${value}`);
      }
      return value;
    }
    const list =
      value !== null && typeof value === 'object' && 'value' in (value as object)
        ? Array.from((value as { value: ArrayLike<number> }).value)
        : Array.isArray(value) || ArrayBuffer.isView(value)
          ? Array.from(value as ArrayLike<number>)
          : undefined;
    if (!list || list.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new InvalidParameterValueError(
        `${this.typeName}: parameter '${name}' must be a Sequence or an array of finite numbers (${spec.unit}), got ${String(value)}`,
      );
    }
    return list;
  }

  /** Checks that involve several parameters (StepCurrentSource's times against amplitudes). */
  protected checkConsistency(_values: ReadonlyMap<string, number | number[]>): void {}

  /** Injects this source into cells (spike sources → TypeError, as PyNN). */
  injectInto(cells: InjectionTarget): void {
    const collections = this.collectionsOf(cells);
    for (const c of collections) {
      if (!c.injectable) throw new TypeError("Can't inject current into a spike source.");
    }
    const state = currentState();
    this.checkSameSimulation(state, collections);
    if (!this.simulation) {
      state.registerCurrentSource(this, `${this.typeName} '${this.label}'`);
      this.simulation = state;
    }
    this.targets.push(...collections);
    this.simulation.markCurrentSourceChanged(this);
  }

  /**
   * Refuses, before anything is registered, a source or cells left from before the last setup(): the engine would
   * never see the source (it silently injects nothing), or every later run would fail on the stale cells.
   */
  private checkSameSimulation(state: SimulationState, collections: ReadonlyArray<BasePopulation | Assembly>): void {
    if (this.simulation && this.simulation !== state) {
      throw new ValueError(
        `${this.typeName} '${this.label}' cannot be injected into '${collections.map((c) => c.label).join("', '")}': ` +
          'it was injected in a simulation before the last setup(); create a new current source after setup()',
      );
    }
    for (const c of collections) {
      for (const p of c instanceof Assembly ? c.populations : [c]) {
        try {
          state.populationIndex(p.root);  // the populations' own check (Projection meets it in toCellSet())
        } catch (error) {
          if (!(error instanceof ValueError)) throw error;
          throw new ValueError(`${this.typeName} '${this.label}' cannot be injected into '${c.label}': ${error.message}`);
        }
      }
    }
  }

  /**
   * A source injected before the last setup() belongs to a simulation that no longer runs: a change or record()
   * would reach nothing, silently (NEST's device is gone with its kernel).
   */
  private checkNotStale(action: string): void {
    if (this.simulation && this.simulation !== currentState()) {
      throw new ValueError(
        `${this.typeName} '${this.label}': cannot ${action}: it was injected in a simulation before the last ` +
          'setup(); create a new current source after setup()',
      );
    }
  }

  private collectionsOf(cells: InjectionTarget): Array<BasePopulation | Assembly> {
    if (cells instanceof BasePopulation || cells instanceof Assembly) return [cells];
    const ids = cells instanceof ID ? [cells] : Array.isArray(cells) ? (cells as readonly ID[]) : undefined;
    if (!ids || ids.some((id) => !(id instanceof ID))) {
      throw new TypeError(`${this.typeName}: injectInto() takes a Population, PopulationView, Assembly, an ID or a list of IDs`);
    }
    return ids.map((id) => id.asView() as BasePopulation);
  }

  /** Records the injected current (nA), read back with getData(). */
  record(): void {
    this.checkNotStale('record its current');
    this.recording = true;
    this.simulation?.markCurrentSourceChanged(this);
  }

  /** The recorded current (nA, sampled every timestep) of the current segment; undefined if nothing was recorded. */
  async getData(options: { clear?: boolean } = {}): Promise<AnalogSignal | undefined> {
    const state = this.simulation;
    if (!state) return undefined;
    const index = state.currentSourceIndex(this);
    const signal = state.store.currentSourceSignal(index, { label: this.label, dt: state.timestep, currentTime: state.t });
    if (options.clear) state.store.clearCurrentSource(index, state.t);
    return signal;
  }

  protected abstract kindMessage(dt: number): CurrentSourceMessage['kind'];

  toMessage(): CurrentSourceMessage {
    const state = this.simulation ?? currentState();
    return {
      label: this.label,
      targets: this.targets.map((t) => t.toCellSet()),
      kind: this.kindMessage(state.timestep),
      record: this.recording,
    };
  }

  /** Index of this source in the network (for recorded data), or -1 before injection. */
  get networkIndex(): number {
    return this.simulation ? this.simulation.currentSourceIndex(this) : -1;
  }

  describe(): string {
    const params = Object.entries(this.getParameters()).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : v}`);
    return `${this.typeName}(${params.join(', ')})`;
  }
}
