// The reference fixtures of test/fixtures/ (made by test/reference/generate_fixtures.py with PyNN 0.10.1 on
// Brian2 2.5.1): their shape, and loading them.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface FixturePopulation {
  label: string;
  size: number;
  cell_type: string;
  parameters: Record<string, number>;
  initial_values: Record<string, number>;
}

export interface FixtureProjection {
  pre: string;
  post: string;
  connector: 'OneToOneConnector';
  synapse: 'StaticSynapse';
  weight: number;
  delay: number;
  receptor_type: 'excitatory' | 'inhibitory';
}

export interface FixtureCurrentSource {
  type: 'DCSource' | 'StepCurrentSource';
  inject_into: string;
  parameters: Record<string, number | number[]>;
}

export interface FixtureTolerance {
  /** Max |v_tsnn - v_ref| in mV, on samples before v_compare_until_ms. */
  v_mV: number;
  /** Max |t_tsnn - t_ref| per spike, in steps. */
  spike_time_steps: number;
  /** Euler-integrated models: per cell, per spike, the steps allowed (slow crossings get more; see generator). */
  spike_time_steps_per_spike?: Record<string, number[]>;
  v_compare_margin_ms: number;
  /** Per cell label: v (and u) are compared on samples with t <= this time. */
  v_compare_until_ms: Record<string, number>;
  gsyn_uS?: number;
  /** Conductance models: |t_tsnn - t_accurate| allowed per spike, in steps (see accurate_conductance_spikes.py). */
  accurate_spike_time_steps?: number;
  u?: number;
  reason: string;
}

export interface Fixture {
  name: string;
  model: string;
  protocol: 'dc' | 'step' | 'offset' | 'synaptic';
  description: string;
  dt: number;
  t_stop: number;
  n_samples: number;
  times: number[];
  populations: FixturePopulation[];
  spike_sources: { label: string; size: number; spike_times: number[] }[];
  projections: FixtureProjection[];
  current_sources: FixtureCurrentSource[];
  recorded: string[];
  /**
   * Per cell label: 'spikes' (ms, NEST convention), one trace per recorded variable, and for the conductance
   * models 'spikes_accurate' (the accurately solved model's spike times).
   */
  results: Record<string, Record<string, number[]>>;
  tolerance: FixtureTolerance;
  brian2: { integration_methods: string[]; timing_adjustments: string };
}

/** The single-cell fixtures of one model: <model>_<protocol>[_dt<step>].json (other files are other suites'). */
export function fixtureNames(model: string): string[] {
  const pattern = new RegExp(`^${model}_(dc|step|offset|synaptic)(_dt[0-9.]+)?\\.json$`);
  return readdirSync(FIXTURE_DIR)
    .filter((f) => pattern.test(f))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as Fixture;
}
