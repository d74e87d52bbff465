// The Potjans & Diesmann (2014) cortical microcircuit, the main job of `npm start`.
//
//   npx tsx examples/microcircuit.ts [--neuron-scale 0.5] [--connectivity-scale 0.5] [--duration 1000]
//     [--dt 0.1] [--seed 42] [--drive poisson|dc] [--thalamus] [--rounding truncate|round]
//     [--backend wasm|HOST:PORT] [--record spikes|none] [--out out/microcircuit] [--threads N]
//     [--initial-v-sd 10] [--png]
//
// --threads: the engine's step-loop threads (setup's threads; default: every core of this machine). Any count gives
// the same spikes.
//
// --initial-v-sd: the spread of the initial membrane potentials (mV; PD14's 10 by default, GeNN uses 5).
// --png: the raster as PNG too, drawn by Debian's Chromium where it is installed (about a second more).
//
// Prints the network size, a progress bar, build and simulation times and the mean rate of every population beside
// the published reference; writes a raster plot with a rate bar chart (SVG, and PNG with --png) and the spikes
// (.npz).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildMicrocircuit, DEFAULT_OPTIONS, type MicrocircuitOptions } from './microcircuit/network.js';
import { POPULATIONS, REFERENCE_RATES, isExcitatory } from './microcircuit/parameters.js';
import { rasterSvg, type PopulationSpikes } from './microcircuit/plot.js';
import { writePng } from './microcircuit/png.js';
import { analyseSpikeTrains } from './microcircuit/statistics.js';

interface Cli extends MicrocircuitOptions {
  duration: number;
  backend: string;
  record: 'spikes' | 'none';
  out: string;
  threads: number;
  png: boolean;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = {
    ...DEFAULT_OPTIONS, duration: 1000, backend: 'wasm', record: 'spikes', out: 'out/microcircuit', threads: availableParallelism(),
    png: false,
  };
  const number = (name: string, value: string | undefined) => {
    const x = Number(value);
    if (value === undefined || !Number.isFinite(x) || x <= 0) throw new Error(`--${name} needs a positive number, got ${value}`);
    return x;
  };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const value = argv[k + 1];
    switch (flag) {
      case '--neuron-scale': cli.neuronScale = number('neuron-scale', value); k++; break;
      case '--connectivity-scale': cli.connectivityScale = number('connectivity-scale', value); k++; break;
      case '--duration': cli.duration = number('duration', value); k++; break;
      case '--dt': cli.dt = number('dt', value); k++; break;
      case '--seed': cli.seed = Math.trunc(number('seed', value)); k++; break;
      case '--initial-v-sd': cli.initialVSd = number('initial-v-sd', value); k++; break;
      case '--drive':
        if (value !== 'poisson' && value !== 'dc') throw new Error(`--drive must be poisson or dc, got ${value}`);
        cli.drive = value; k++; break;
      case '--rounding':
        if (value !== 'truncate' && value !== 'round') throw new Error(`--rounding must be truncate or round, got ${value}`);
        cli.rounding = value; k++; break;
      case '--thalamus': cli.thalamus = true; break;
      case '--png': cli.png = true; break;
      case '--backend': cli.backend = value ?? 'wasm'; k++; break;
      case '--record':
        if (value !== 'spikes' && value !== 'none') throw new Error(`--record must be spikes or none, got ${value}`);
        cli.record = value; k++; break;
      case '--out': cli.out = value ?? cli.out; k++; break;
      case '--threads':
        if (!Number.isInteger(Number(value)) || Number(value) < 1) throw new Error(`--threads needs an integer >= 1, got ${value}`);
        cli.threads = Number(value); k++; break;
      case '--help':
        console.log('see the header of examples/microcircuit.ts for the options');
        process.exit(0);
      default:
        throw new Error(`unknown option ${flag} (see the header of examples/microcircuit.ts)`);
    }
  }
  if (cli.neuronScale > 1 || cli.connectivityScale > 1) throw new Error('scales must be at most 1');
  return cli;
}

/** A one-line progress bar on a terminal; a line per 10 % otherwise (CI logs). */
function progressBar(totalSteps: number) {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  const start = performance.now();
  return (step: number) => {
    const fraction = Math.min(1, step / totalSteps);
    const elapsed = (performance.now() - start) / 1000;
    if (tty) {
      const width = 40;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(1)} s`);
      if (fraction >= 1) process.stderr.write('\n');
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`progress ${decile * 10}% (${elapsed.toFixed(1)} s)\n`);
      }
    }
  };
}

async function main(): Promise<void> {
  const cli = parseArgs(process.argv.slice(2));
  const sim = cli.backend === 'wasm' ? await import('tsnn/wasm') : await import('tsnn/grpc');
  const common = { timestep: cli.dt, seed: cli.seed, threads: cli.threads };
  const setupOptions = cli.backend === 'wasm' ? common : { ...common, server: cli.backend };
  await sim.setup(setupOptions);

  console.log(`Potjans–Diesmann microcircuit: neuron scale ${cli.neuronScale}, connectivity scale ${cli.connectivityScale}, ` +
    `${cli.drive} drive${cli.thalamus ? ', thalamic input' : ''}, dt ${cli.dt} ms, ${cli.duration} ms, seed ${cli.seed}, backend ${cli.backend}, ${cli.threads} thread${cli.threads > 1 ? 's' : ''}`);
  const circuit = buildMicrocircuit(sim, cli);
  if (cli.record === 'spikes') for (const pop of circuit.populations.values()) pop.record('spikes');

  const buildStart = performance.now();
  await sim.run(0);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  let synapses = 0;
  for (const prj of circuit.internal) synapses += await prj.size();
  console.log(`Total neurons=${circuit.neurons}, total synapses=${synapses}`);
  if (synapses !== circuit.expectedSynapses) {
    throw new Error(`the engine built ${synapses} synapses but the model asks for ${circuit.expectedSynapses}`);
  }
  console.log(`Build: ${buildSeconds.toFixed(2)} s (connectivity expansion and allocation)`);

  const totalSteps = Math.round(cli.duration / cli.dt);
  const bar = progressBar(totalSteps);
  const runStart = performance.now();
  await sim.run(cli.duration, {
    progressEverySteps: Math.max(1, Math.round(totalSteps / 100)),
    onProgress: (p) => bar(Number(p.step)),
  });
  bar(totalSteps);
  const simSeconds = (performance.now() - runStart) / 1000;
  console.log(`Simulation: ${simSeconds.toFixed(3)} seconds (${(simSeconds / (cli.duration / 1000)).toFixed(3)} s per biological second)`);

  if (cli.record === 'spikes') {
    const rows: PopulationSpikes[] = [];
    // Rates and CVs leave out the first 200 ms, the transient from the random initial potentials (as PD14 do).
    const tStats = cli.duration > 400 ? 200 : 0;
    console.log(`\nover ${tStats}–${cli.duration} ms:\npopulation   neurons   rate (Hz)   reference (Hz)   CV ISI`);
    for (const name of POPULATIONS) {
      const pop = circuit.populations.get(name)!;
      const block = await pop.getData();
      const trains = block.segments[block.segments.length - 1].spiketrains;
      const stats = analyseSpikeTrains(trains, tStats, cli.duration);
      const raster = analyseSpikeTrains(trains, 0, cli.duration);
      console.log(`${name.padEnd(10)} ${String(pop.size).padStart(9)} ${stats.meanRate.toFixed(3).padStart(11)} ` +
        `${REFERENCE_RATES[name].toFixed(2).padStart(16)} ${Number.isNaN(stats.meanCv) ? '     -' : stats.meanCv.toFixed(3).padStart(8)}`);
      rows.push({ label: name, size: pop.size, times: raster.times, cells: raster.cells, meanRate: stats.meanRate,
        referenceRate: REFERENCE_RATES[name], excitatory: isExcitatory(name) });
    }
    mkdirSync(cli.out, { recursive: true });
    const svg = rasterSvg(rows, { tStart: 0, tStop: cli.duration, title: `Potjans–Diesmann microcircuit, neuron scale ${cli.neuronScale}, connectivity scale ${cli.connectivityScale} (${cli.backend}); rates over ${tStats}–${cli.duration} ms` });
    writeFileSync(join(cli.out, 'raster.svg'), svg);
    const written = [join(cli.out, 'raster.svg')];
    if (cli.png) {
      if (await writePng(svg, join(cli.out, 'raster.png'))) written.push(join(cli.out, 'raster.png'));
      else console.log('--png: no Chromium at /usr/bin/chromium (apt-get install chromium); the SVG alone is written');
    }
    const all = new sim.Assembly([...circuit.populations.values()], { label: 'microcircuit' });
    await all.writeData(join(cli.out, 'spikes.npz'));
    written.push(join(cli.out, 'spikes.npz'));
    console.log(`\nwrote ${written.join(', ')}`);
  }
  await sim.end();
}

main().catch((error) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});
