// The Brunel (2000) sparse network, case 'AI' (g = 5, eta = 2), shared by bench/brunel.ts (static) and
// bench/brunel_stdp.ts (plastic E→E): 10,000 IF_curr_delta cells (8000 exc, 2000 inh), fixed in-degree C_E = 800,
// C_I = 200, J = 0.1 mV, inhibitory -g J, delay 1.5 ms, tau_m 20 ms, theta 20 mV, V_reset 10 mV, tau_rp 2 ms;
// C_E external synapses per cell from a pool of 8000 Poisson sources at nu_ext = eta theta / (J C_E tau_m) = 25 Hz.
// Voltages are shifted so that the rest is 0 mV, as in the paper. Call after setup().
import type * as Tsnn from '../frontend/index.js';

export const N_E = 8000;
export const N_I = 2000;
export const C_E = 800;
export const C_I = 200;
export const J = 0.1;
export const G = 5;
export const ETA = 2;
export const DELAY = 1.5;
export const TAU_M = 20;
export const THETA = 20;
export const NU_EXT = (ETA * THETA) / (J * C_E * TAU_M) * 1000; // Hz: 25
export const SEED = 2000;

export interface BrunelNetwork {
  exc: Tsnn.Population;
  inh: Tsnn.Population;
  excToExc: Tsnn.Projection;
}

/** Builds the network; `excToExcSynapse` replaces the static E→E synapse (the plastic variant). */
export function buildBrunel(sim: typeof Tsnn, excToExcSynapse?: Tsnn.StaticSynapse | Tsnn.STDPMechanism): BrunelNetwork {
  const rng = new sim.NumpyRNG({ seed: SEED });
  const cell = new sim.IF_curr_delta({ tau_m: TAU_M, cm: 1, v_rest: 0, v_reset: 10, v_thresh: THETA, tau_refrac: 2 });
  const v0 = () => new sim.RandomDistribution('uniform', { low: 0, high: THETA }, rng);
  const exc = new sim.Population(N_E, cell, { label: 'exc', initialValues: { v: v0() } });
  const inh = new sim.Population(N_I, cell, { label: 'inh', initialValues: { v: v0() } });
  const ext = new sim.Population(N_E, new sim.SpikeSourcePoisson({ rate: NU_EXT }), { label: 'ext' });
  const staticSynapse = (weight: number) => new sim.StaticSynapse({ weight, delay: DELAY });
  let excToExc: Tsnn.Projection | undefined;
  for (const post of [exc, inh]) {
    const project = (pre: Tsnn.Population, n: number, synapse: Tsnn.StaticSynapse | Tsnn.STDPMechanism, receptorType: string) =>
      new sim.Projection(pre, post, new sim.FixedNumberPreConnector(n, { rng }), synapse, { receptorType });
    const fromExc = project(exc, C_E, post === exc && excToExcSynapse ? excToExcSynapse : staticSynapse(J), 'excitatory');
    if (post === exc) excToExc = fromExc;
    project(inh, C_I, staticSynapse(-G * J), 'inhibitory');
    project(ext, C_E, staticSynapse(J), 'excitatory');
  }
  return { exc, inh, excToExc: excToExc! };
}
