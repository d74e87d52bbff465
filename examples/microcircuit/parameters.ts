// The Potjans & Diesmann (2014) cortical microcircuit: the model card (../shared/reference/microcircuit.md) as
// data, and the scaling rules of van Albada et al. (2015) exactly as GeNN 4's PotjansMicrocircuit computes them,
// so that neuron scale 0.5 / connectivity scale 0.5 gives GeNN's published 38,582 neurons and 74,715,499 synapses.

export const POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I'] as const;
export type PopulationName = (typeof POPULATIONS)[number];

export const FULL_SIZE: Record<PopulationName, number> = {
  L23E: 20683, L23I: 5834, L4E: 21915, L4I: 5479, L5E: 4850, L5I: 1065, L6E: 14395, L6I: 2948,
};

/** Connection probability C[target][source], in POPULATIONS order. */
export const CONNECTION_PROBABILITY: readonly (readonly number[])[] = [
  [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
  [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
  [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
  [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
  [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
  [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
  [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
  [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
];

/** External (background) Poisson in-degree per neuron. */
export const EXTERNAL_INDEGREE: Record<PopulationName, number> = {
  L23E: 1600, L23I: 1500, L4E: 2100, L4I: 1900, L5E: 2000, L5I: 1900, L6E: 2900, L6I: 2100,
};

/** Thalamic input (optional): 902 cells at 120 Hz from 700 to 710 ms. */
export const THALAMUS = {
  size: 902,
  rate: 120.0,
  start: 700.0,
  duration: 10.0,
  probability: { L23E: 0, L23I: 0, L4E: 0.0983, L4I: 0.0619, L5E: 0, L5I: 0, L6E: 0.0512, L6I: 0.0196 } as Record<PopulationName, number>,
};

/** Mean rates (Hz) of the full-scale model used for the DC compensation of down-scaled connectivity (GeNN 4). */
export const SCALING_RATES: Record<PopulationName, number> = {
  L23E: 0.971, L23I: 2.868, L4E: 4.746, L4I: 5.396, L5E: 8.142, L5I: 9.078, L6E: 0.991, L6I: 7.523,
};

/** Published mean rates (Hz) at full scale: the NEST reference (microcircuit.md). */
export const REFERENCE_RATES: Record<PopulationName, number> = {
  L23E: 0.9, L23I: 2.97, L4E: 4.41, L4I: 5.88, L5E: 7.57, L5I: 8.63, L6E: 1.11, L6I: 7.83,
};

export const NEURON = {
  cm: 0.25, // nF
  tau_m: 10.0, // ms
  v_rest: -65.0,
  v_reset: -65.0,
  v_thresh: -50.0,
  tau_refrac: 2.0,
  tau_syn_E: 0.5,
  tau_syn_I: 0.5,
} as const;

export const BACKGROUND_RATE = 8.0; // Hz per external synapse
export const MEAN_WEIGHT = 0.0878; // nA: a 0.15 mV PSP peak
export const G = -4.0; // relative inhibitory weight
export const WEIGHT_REL_SD = 0.1;
export const L4E_TO_L23E_REL_SD = 0.05;
export const DELAY = { E: { mean: 1.5, sd: 0.75 }, I: { mean: 0.75, sd: 0.375 } } as const;
export const INITIAL_V = { mean: -58.0, sd: 10.0 } as const; // PD14 reference (GeNN uses sd 5)

/** C's round(): half away from zero (Math.round rounds half up, which differs for negative halves only). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** Python's round(): half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * 'truncate': GeNN 4 (neuron counts truncated, C rounding of synapse counts);
 * 'round': the Python implementations (round half to even everywhere).
 */
export type Rounding = 'truncate' | 'round';

/** Neuron count at a neuron scale. */
export function scaledSize(pop: PopulationName, neuronScale: number, rounding: Rounding = 'truncate'): number {
  const x = neuronScale * FULL_SIZE[pop];
  return rounding === 'truncate' ? Math.trunc(x) : roundHalfEven(x);
}

/** Full-scale in-degree of target from source: round(ln(1−C)/ln((N·M−1)/(N·M))) / N_target. */
export function fullInDegree(source: PopulationName, target: PopulationName): number {
  const c = CONNECTION_PROBABILITY[POPULATIONS.indexOf(target)][POPULATIONS.indexOf(source)];
  const nm = FULL_SIZE[source] * FULL_SIZE[target];
  return roundHalfAway(Math.log(1.0 - c) / Math.log((nm - 1) / nm)) / FULL_SIZE[target];
}

/** Total synapse count of one projection at the given scales (FixedTotalNumber, with replacement). */
export function synapseCount(
  source: PopulationName,
  target: PopulationName,
  neuronScale: number,
  connectivityScale: number,
  rounding: Rounding = 'truncate',
): number {
  const k = fullInDegree(source, target) * connectivityScale * scaledSize(target, neuronScale, rounding);
  return rounding === 'truncate' ? roundHalfAway(k) : roundHalfEven(k);
}

export function isExcitatory(pop: PopulationName): boolean {
  return pop.endsWith('E');
}

/** Mean weight (nA) of source → target before connectivity scaling. */
export function meanWeight(source: PopulationName, target: PopulationName): number {
  if (!isExcitatory(source)) return G * MEAN_WEIGHT;
  return source === 'L4E' && target === 'L23E' ? 2 * MEAN_WEIGHT : MEAN_WEIGHT;
}

/** Mean input current (nA·Hz·... as GeNN: Σ w·K·r + external) of a target at full scale. */
export function fullMeanInputCurrent(target: PopulationName): number {
  let total = 0;
  for (const source of POPULATIONS) total += meanWeight(source, target) * fullInDegree(source, target) * SCALING_RATES[source];
  return total + MEAN_WEIGHT * EXTERNAL_INDEGREE[target] * BACKGROUND_RATE;
}

/**
 * DC current (nA) that replaces the mean input lost by scaling connectivity down (zero at connectivity scale 1):
 * τ_syn · (1 − √cs) · mean input, with τ_syn in s (GeNN 4: 0.001 · 0.5 · ...).
 */
export function compensationCurrent(target: PopulationName, connectivityScale: number): number {
  return 0.001 * NEURON.tau_syn_E * (1.0 - Math.sqrt(connectivityScale)) * fullMeanInputCurrent(target);
}

/** DC current (nA) equal to the mean of the external Poisson drive (the DC-drive variant). */
export function externalDcCurrent(target: PopulationName): number {
  return 0.001 * NEURON.tau_syn_E * MEAN_WEIGHT * EXTERNAL_INDEGREE[target] * BACKGROUND_RATE;
}
