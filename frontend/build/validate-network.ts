// Checks a Network message before it is sent, so that a mistake is reported by the frontend with the field path
// of the offending value (the engines check again: they treat every message as untrusted input).
import { ValueError } from '../errors.js';
import { STANDARD_MODELS } from '../cells/standard-models.js';
import type { CellSet, Network, Selection, Value } from '../generated/tsnn/v1/model.js';
import { isGridMultiple } from '../core/grid-time.js';

/** Cell types by population, as far as the frontend knows them. */
interface PopulationFacts {
  size: number;
  receptorTypes: readonly string[];
  recordables: readonly string[] | undefined;
  injectable: boolean;
}

function fail(path: string, message: string): never {
  throw new ValueError(`${path}: ${message}`);
}

function facts(network: Network): PopulationFacts[] {
  return network.populations.map((p) => {
    const name = p.cellType?.name ?? '';
    const spec = STANDARD_MODELS[name];
    if (name === 'PointNeuron') {
      const receptors = (p.cellType?.pointNeuron?.receptors ?? []).map((r) => r.name);
      return { size: p.size, receptorTypes: receptors, recordables: undefined, injectable: true };
    }
    return {
      size: p.size,
      receptorTypes: spec?.receptorTypes ?? [],
      recordables: spec ? Object.keys(spec.recordables) : [],
      injectable: spec?.injectable ?? false,
    };
  });
}

function selectionCells(path: string, s: Selection, pops: PopulationFacts[]): number {
  const pop = pops[s.population];
  if (!pop) fail(`${path}.population`, `no population ${s.population} (the network has ${pops.length})`);
  const cells = s.cells;
  if (!cells) fail(`${path}.cells`, 'empty selection');
  switch (cells.$case) {
    case 'all':
      return pop.size;
    case 'range': {
      const { start, stop, step } = cells.value;
      if (step < 1 || start > stop || stop > pop.size) {
        fail(`${path}.range`, `range [${start}, ${stop}) step ${step} does not fit a population of ${pop.size}`);
      }
      return Math.ceil((stop - start) / step);
    }
    case 'indices': {
      const v = cells.value.values;
      for (let k = 0; k < v.length; k++) {
        if (v[k]! >= pop.size) fail(`${path}.indices[${k}]`, `index ${v[k]} out of range for size ${pop.size}`);
        if (k > 0 && v[k]! <= v[k - 1]!) fail(`${path}.indices[${k}]`, 'indices must be sorted and unique');
      }
      return v.length;
    }
  }
}

function cellSetPopulations(path: string, set: CellSet | undefined, pops: PopulationFacts[]): number[] {
  if (!set || set.parts.length === 0) fail(path, 'empty cell set');
  set.parts.forEach((s, k) => selectionCells(`${path}.parts[${k}]`, s, pops));
  return set.parts.map((s) => s.population);
}

function checkCellValue(path: string, value: Value, size: number): void {
  const kind = value.kind;
  if (!kind) fail(path, 'value missing');
  if (kind.$case === 'scalar' && Number.isNaN(kind.value)) fail(path, 'NaN is not a valid value');
  if (kind.$case === 'array' && kind.value.values.length !== size) {
    fail(path, `${kind.value.values.length} values for ${size} cells`);
  }
  if (kind.$case === 'sequences' && kind.value.items.length !== 1 && kind.value.items.length !== size) {
    fail(path, `${kind.value.items.length} sequences for ${size} cells (1 or ${size} allowed)`);
  }
}

export function validateNetwork(network: Network): void {
  const settings = network.settings;
  const dt = settings?.timestep ?? 0;
  if (!(dt > 0) || !Number.isFinite(dt)) fail('network.settings.timestep', `must be a positive number of ms, got ${dt}`);
  const pops = facts(network);
  network.populations.forEach((p, i) => {
    const path = `network.populations[${i}]`;
    const name = p.cellType?.name ?? '';
    if (!STANDARD_MODELS[name] && name !== 'PointNeuron') fail(`${path}.cell_type.name`, `unknown cell type '${name}'`);
    for (const [key, v] of Object.entries(p.cellType?.parameters ?? {})) checkCellValue(`${path}.cell_type.parameters["${key}"]`, v, p.size);
    for (const [key, v] of Object.entries(p.cellType?.initialValues ?? {})) {
      checkCellValue(`${path}.cell_type.initial_values["${key}"]`, v, p.size);
    }
    const pos = p.positions;
    if (!pos || pos.x.length !== p.size || pos.y.length !== p.size || pos.z.length !== p.size) {
      fail(`${path}.positions`, `must hold ${p.size} positions`);
    }
  });
  network.projections.forEach((prj, i) => {
    const path = `network.projections[${i}]`;
    cellSetPopulations(`${path}.pre`, prj.pre, pops);
    const post = cellSetPopulations(`${path}.post`, prj.post, pops);
    if (!prj.receptorType) fail(`${path}.receptor_type`, 'must name a receptor type');
    for (const q of post) {
      if (!pops[q]!.receptorTypes.includes(prj.receptorType)) {
        fail(
          `${path}.receptor_type`,
          `'${prj.receptorType}' is not a receptor type of population ${q} (allowed: ${pops[q]!.receptorTypes.join(', ') || 'none'})`,
        );
      }
    }
    const delay = prj.synapse?.delay?.kind;
    if (delay?.$case === 'scalar' && delay.value < dt - 1e-9 * dt) {
      fail(`${path}.synapse.delay`, `delay ${delay.value} ms is shorter than the timestep ${dt} ms`);
    }
  });
  network.currentSources.forEach((src, i) => {
    src.targets.forEach((t, k) => {
      for (const q of cellSetPopulations(`network.current_sources[${i}].targets[${k}]`, t, pops)) {
        if (!pops[q]!.injectable) fail(`network.current_sources[${i}].targets[${k}]`, "can't inject current into a spike source");
      }
    });
  });
  const seen = new Set<string>();
  network.recordings.forEach((r, i) => {
    const path = `network.recordings[${i}]`;
    const pop = pops[r.population];
    if (!pop) fail(`${path}.population`, `no population ${r.population}`);
    if (pop.recordables && !pop.recordables.includes(r.variable)) {
      fail(`${path}.variable`, `'${r.variable}' is not recordable (allowed: ${pop.recordables.join(', ')})`);
    }
    const key = `${r.population}/${r.variable}`;
    if (seen.has(key)) fail(path, `variable '${r.variable}' of population ${r.population} appears twice`);
    seen.add(key);
    if (r.cells) selectionCells(`${path}.cells`, r.cells, pops);
    if (r.samplingInterval < 0 || !isGridMultiple(r.samplingInterval, dt)) {
      fail(`${path}.sampling_interval`, `${r.samplingInterval} ms is not a multiple of the timestep ${dt} ms`);
    }
  });
}
