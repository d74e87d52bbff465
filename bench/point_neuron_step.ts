// What one time step of a composed PointNeuron costs: 1000 unconnected PointNeuron(LIF) cells with two CondExp
// receptors (AMPA, GABAA: IF_cond_exp's composition), and with the three conductance kinds (CondExp, CondAlpha,
// CondBeta; PyNN does not mix them with current receptors), silent (0 nA) and driven (0.5 nA), 100 ms at dt 0.1
// after 10 ms to settle; IF_cond_exp beside them.
// (bench/adex_step.ts covers PointNeuron(AdExp).) Figures only.
//   npx tsx bench/point_neuron_step.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { printCellStepCosts } from './cell-step-cost.js';

const twoCondExp = () =>
  new sim.PointNeuron(new sim.LIF(), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 5 }),
    GABAA: new sim.CondExpPostSynapticResponse({ e_syn: -70, tau_syn: 10 }),
  });
const threeKinds = () =>
  new sim.PointNeuron(new sim.LIF(), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 2 }),
    GABAA: new sim.CondAlphaPostSynapticResponse({ e_syn: -80, tau_syn: 6 }),
    NMDA: new sim.CondBetaPostSynapticResponse({ e_syn: 0, tau_rise: 2, tau_decay: 40 }),
  });
await printCellStepCosts(
  [
    ['IF_cond_exp', () => new sim.Population(1000, new sim.IF_cond_exp())],
    ['PointNeuron(LIF, 2 CondExp)', () => new sim.Population(1000, twoCondExp())],
    ['PointNeuron(LIF, CondExp + CondAlpha + CondBeta)', () => new sim.Population(1000, threeKinds())],
  ],
  [0, 0.5],
  { runMs: 100 },
);
