// PyNN 0.10's deprecated methods of Population, PopulationView and Assembly (pyNN.common.populations, each marked
// @deprecated there and still present), kept so that old scripts port line by line: each warns, as PyNN's
// DeprecationWarning does, and calls its replacement. tset is a population's only (as in PyNN).
import { warn } from '../core/warnings.js';
import type { ParameterValue } from '../cells/parameter-values.js';
import type { Block } from '../results/block.js';
import { Assembly } from './assembly.js';
import { BasePopulation } from './base-population.js';

const GSYN = ['gsyn_exc', 'gsyn_inh'];

interface CommonAliases {
  /** Deprecated: set({ [name]: distribution }). */
  rset(name: string, distribution: ParameterValue): void;
  /** Deprecated: record('v', { toFile }). */
  recordV(toFile?: string): void;
  /** Deprecated: record(['gsyn_exc', 'gsyn_inh'], { toFile }). */
  recordGsyn(toFile?: string): void;
  /** Deprecated: writeData(file, { variables: 'spikes' }). */
  printSpikes(file: string): Promise<void>;
  /** Deprecated: getData('spikes'). */
  getSpikes(): Promise<Block>;
  /** Deprecated: writeData(file, { variables: 'v' }). */
  printV(file: string): Promise<void>;
  /** Deprecated: getData('v'). */
  getV(): Promise<Block>;
  /** Deprecated: writeData(file, { variables: ['gsyn_exc', 'gsyn_inh'] }). */
  printGsyn(file: string): Promise<void>;
  /** Deprecated: getData(['gsyn_exc', 'gsyn_inh']). */
  getGsyn(): Promise<Block>;
}

declare module './base-population.js' {
  interface BasePopulation extends CommonAliases {
    /** Deprecated: set({ [name]: values }). */
    tset(name: string, values: ParameterValue): void;
  }
}

declare module './assembly.js' {
  interface Assembly extends CommonAliases {}
}

type Collection = BasePopulation | Assembly;

function deprecated(old: string, instead: string): void {
  warn(`${old}() is deprecated; use ${instead} instead`);
}

const common: { [K in keyof CommonAliases]: (this: Collection, ...args: never[]) => unknown } = {
  rset(this: Collection, name: string, distribution: ParameterValue) {
    deprecated('rset', `set({ ${name}: distribution })`);
    this.set({ [name]: distribution });
  },
  recordV(this: Collection, toFile?: string) {
    deprecated('recordV', "record('v')");
    this.record('v', toFile === undefined ? {} : { toFile });
  },
  recordGsyn(this: Collection, toFile?: string) {
    deprecated('recordGsyn', "record(['gsyn_exc', 'gsyn_inh'])");
    this.record(GSYN, toFile === undefined ? {} : { toFile });
  },
  printSpikes(this: Collection, file: string) {
    deprecated('printSpikes', "writeData(file, { variables: 'spikes' })");
    return this.writeData(file, { variables: 'spikes' });
  },
  getSpikes(this: Collection) {
    deprecated('getSpikes', "getData('spikes')");
    return this.getData('spikes');
  },
  printV(this: Collection, file: string) {
    deprecated('printV', "writeData(file, { variables: 'v' })");
    return this.writeData(file, { variables: 'v' });
  },
  getV(this: Collection) {
    deprecated('getV', "getData('v')");
    return this.getData('v');
  },
  printGsyn(this: Collection, file: string) {
    deprecated('printGsyn', "writeData(file, { variables: ['gsyn_exc', 'gsyn_inh'] })");
    return this.writeData(file, { variables: GSYN });
  },
  getGsyn(this: Collection) {
    deprecated('getGsyn', "getData(['gsyn_exc', 'gsyn_inh'])");
    return this.getData(GSYN);
  },
};

function tset(this: BasePopulation, name: string, values: ParameterValue): void {
  deprecated('tset', `set({ ${name}: values })`);
  this.set({ [name]: values });
}

for (const prototype of [BasePopulation.prototype, Assembly.prototype]) {
  for (const [name, method] of Object.entries(common)) {
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
  }
}
Object.defineProperty(BasePopulation.prototype, 'tset', { value: tset, writable: true, configurable: true });
