// PyNN's random number generators (pyNN.random): NumpyRNG, GSLRNG and NativeRNG, all on Philox4x32-10.
// The names are PyNN's so scripts port unchanged; the algorithm is ours (numpy's Mersenne Twister streams are
// not reproduced), so the same seed gives the same numbers in Node, in a browser and in every engine.
//
// Sequential draws made in the frontend (rng.next(), RandomDistribution.next()) read Philox blocks in order:
// key = (seed low, seed high), counter = (block low, block high, 0xffffffff, 0xffffffff), i.e. stream 2^64-1,
// which the graph builder never assigns (its streams count up from 0). Each block gives two doubles:
// uniformFromWords(w0, w1) then uniformFromWords(w2, w3).
import { RngSpec_Kind } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import { drawValues, resolveDistributionParameters, type DistributionParameters } from './distributions.js';
import { philox4x32_10, splitWords, uniformFromWords } from './philox.js';
import { sampleNormal, sampleUniform, sampleUniformInt, type UniformSource } from './samplers.js';
import { checkOptionKeys } from '../core/option-keys.js';

/** The Philox stream reserved for the frontend's own sequential draws. */
export const FRONTEND_STREAM = 0xffffffffffffffffn;

const MAX_SEED = Number.MAX_SAFE_INTEGER;

export interface RNGOptions {
  /** Non-negative integer (at most 2^53-1). Omitted: a random seed is drawn once and recorded on the object. */
  seed?: number;
  /** PyNN's parallel_safe (default true). One process here, so it changes nothing but is kept for describe(). */
  parallelSafe?: boolean;
}

/** A random 32-bit seed from the platform's cryptographic generator (Node ≥ 20 and browsers). */
export function drawRandomSeed(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0];
}

function checkSeed(owner: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new ValueError(`${owner}: seed must be a non-negative integer below 2^53, got ${String(seed)}`);
  }
  return seed;
}

/** Base of the three RNG classes: a sequential Philox reader with PyNN's next() and numpy-like helpers. */
export abstract class AbstractRNG implements UniformSource {
  /** The seed in use: the one given, or the one drawn when none was given. */
  readonly seed: number;
  /** Whether the user gave a seed. */
  readonly seeded: boolean;
  readonly parallelSafe: boolean;
  /** The contract's RngSpec kind of this class. */
  abstract readonly kind: RngSpec_Kind;

  /** Engine streams this object has handed out (engineStream in rng-spec.ts). */
  private engineStreams = 0n;
  private readonly keyLo: number;
  private readonly keyHi: number;
  private block = 0;
  private readonly words = new Uint32Array(4);
  /** 0: no buffered value; 1: the second double of the current block is still unread. */
  private buffered = 0;

  /** `extra`: option keys of the subclass beside seed and parallelSafe. */
  constructor(options: RNGOptions = {}, extra: readonly string[] = []) {
    const name = new.target.name;
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`${name}: options must be an object like { seed: 42 }, got ${String(options)}`);
    }
    checkOptionKeys(name, options, ['seed', 'parallelSafe', ...extra]);
    this.seeded = options.seed !== undefined;
    this.seed = this.seeded ? checkSeed(name, options.seed) : drawRandomSeed();
    this.parallelSafe = options.parallelSafe ?? true;
    [this.keyLo, this.keyHi] = splitWords(this.seed);
  }

  /**
   * The stream of this object's next random use on an engine (a connector's rule, a distribution of synaptic values,
   * a noisy current): 0, 1, 2, ... in the order of use, as a numpy RandomState moves on with each use. So two
   * objects with the same seed give the same connections, as in PyNN.
   */
  takeEngineStream(): bigint {
    return this.engineStreams++;
  }

  /** Next uniform double in [0, 1) of this generator's sequence. */
  uniform01(): number {
    if (this.buffered === 1) {
      this.buffered = 0;
      return uniformFromWords(this.words[2], this.words[3]);
    }
    const blockLo = this.block >>> 0;
    const blockHi = Math.floor(this.block / 4294967296) >>> 0;
    philox4x32_10(blockLo, blockHi, 0xffffffff, 0xffffffff, this.keyLo, this.keyHi, this.words);
    this.block += 1;
    this.buffered = 1;
    return uniformFromWords(this.words[0], this.words[1]);
  }

  /**
   * PyNN's rng.next(n, distribution, parameters): n undefined → one number; n = 0 → []; n > 0 → n numbers;
   * n < 0 → ValueError. Default distribution: uniform on [0, 1). Parameters positional or named.
   */
  next(n?: undefined, distribution?: string, parameters?: DistributionParameters): number;
  next(n: number, distribution?: string, parameters?: DistributionParameters): number[];
  next(n?: number, distribution = 'uniform', parameters?: DistributionParameters): number | number[] {
    const resolved = resolveDistributionParameters(
      distribution,
      parameters ?? (distribution === 'uniform' ? [0, 1] : {}),
    );
    if (n === undefined) return drawValues(this, distribution, resolved, 1)[0];
    const count = this.checkCount(n);
    return drawValues(this, distribution, resolved, count);
  }

  /** PyNN aliases of next(). */
  random(n?: number, distribution?: string, parameters?: DistributionParameters): number | number[] {
    return n === undefined ? this.next(undefined, distribution, parameters) : this.next(n, distribution, parameters);
  }
  sample(n?: number, distribution?: string, parameters?: DistributionParameters): number | number[] {
    return this.random(n, distribution, parameters);
  }

  /** numpy's uniform(low, high, size). */
  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: number): number[];
  uniform(low = 0, high = 1, size?: number): number | number[] {
    if (size === undefined) return sampleUniform(this, low, high);
    return Array.from({ length: this.checkCount(size) }, () => sampleUniform(this, low, high));
  }

  /** numpy's normal(loc, scale, size). */
  normal(mu?: number, sigma?: number): number;
  normal(mu: number, sigma: number, size: number): number[];
  normal(mu = 0, sigma = 1, size?: number): number | number[] {
    if (size === undefined) return sampleNormal(this, mu, sigma);
    return Array.from({ length: this.checkCount(size) }, () => sampleNormal(this, mu, sigma));
  }

  /** numpy's randint(low, high, size): integers in [low, high). */
  randint(low: number, high: number): number;
  randint(low: number, high: number, size: number): number[];
  randint(low: number, high: number, size?: number): number | number[] {
    const [lo, hi] = resolveDistributionParameters('uniform_int', [low, high]);
    if (size === undefined) return sampleUniformInt(this, lo, hi);
    return Array.from({ length: this.checkCount(size) }, () => sampleUniformInt(this, lo, hi));
  }

  /** numpy's permutation: a shuffled copy of the items, or of [0, n) when given a number (Fisher–Yates). */
  permutation(n: number): number[];
  permutation<T>(items: readonly T[]): T[];
  permutation<T>(itemsOrCount: number | readonly T[]): Array<T | number> {
    const items: Array<T | number> =
      typeof itemsOrCount === 'number'
        ? Array.from({ length: this.checkCount(itemsOrCount) }, (_, i) => i)
        : [...itemsOrCount];
    this.shuffle(items);
    return items;
  }

  /** numpy's shuffle: in place, Fisher–Yates from the end. */
  shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i > 0; --i) {
      const j = Math.floor(this.uniform01() * (i + 1));
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
  }

  describe(): string {
    return `${this.constructor.name}() with seed ${this.seed} for MPI rank 0 (MPI processes 1). ${
      this.parallelSafe ? 'Is' : 'Not'
    } parallel safe.`;
  }

  toString(): string {
    return `${this.constructor.name}(seed=${this.seed})`;
  }

  private checkCount(n: number): number {
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw new ValueError(`${this.constructor.name}.next: n must be an integer, got ${String(n)}`);
    }
    if (n < 0) throw new ValueError(`${this.constructor.name}.next: the sample number must be positive, got ${n}`);
    return n;
  }
}

/** PyNN's NumpyRNG: our Philox algorithm under PyNN's name (not numpy's Mersenne Twister). */
export class NumpyRNG extends AbstractRNG {
  readonly kind = RngSpec_Kind.NUMPY;
}

/** PyNN's GSLRNG (accepted for porting; PyNN's `type` argument is ignored): the same Philox algorithm. */
export class GSLRNG extends AbstractRNG {
  readonly kind = RngSpec_Kind.GSL;
  constructor(options: RNGOptions & { type?: string } = {}) {
    super(options, ['type']);
  }
}

/**
 * PyNN's NativeRNG: the engine's generator. Unseeded, engines use the simulation seed (setup({seed})); the few
 * values the frontend itself may draw from it come from a seed drawn at construction.
 */
export class NativeRNG extends AbstractRNG {
  readonly kind = RngSpec_Kind.NATIVE;
}
