// SVG output for the microcircuit: a spike raster (a sample of cells per population, top layer first, as in
// Potjans & Diesmann 2014 Fig. 6) beside a bar chart of mean rates, with the reference rates as markers.
// Plain SVG text so it needs no plotting library and opens in any browser.

export interface PopulationSpikes {
  label: string;
  size: number;
  /** Spike times in ms and the index of the emitting cell, same length. */
  times: Float64Array | number[];
  cells: Uint32Array | number[];
  meanRate: number;
  referenceRate?: number;
  excitatory: boolean;
}

export interface RasterOptions {
  tStart: number;
  tStop: number;
  /** At most this many cells drawn per population (the first ones); by default the same fraction of each, about 600 rows in all. */
  cellsPerPopulation?: number;
  title?: string;
}

const EXC_COLOUR = '#1f5fa8';
const INH_COLOUR = '#c0392b';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tick step of about `target` ticks on [0, span]: 1, 2 or 5 times a power of ten. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** "L23E" → "L2/3E" as the layer is written in the literature. */
function layerLabel(label: string): string {
  return label.replace(/^L23/, 'L2/3');
}

/**
 * Cells drawn per population: the same fraction of every population (so row heights show population sizes, as in
 * Potjans & Diesmann 2014 Fig. 6), chosen to fill about `budget` rows, but at least a few rows for the smallest.
 */
function cellsShown(populations: PopulationSpikes[], budget: number, cap?: number): number[] {
  const total = populations.reduce((n, p) => n + p.size, 0);
  const fraction = Math.min(1, budget / Math.max(total, 1));
  return populations.map((p) => Math.min(p.size, cap ?? Infinity, Math.max(Math.min(p.size, 8), Math.round(p.size * fraction))));
}

export function rasterSvg(populations: PopulationSpikes[], options: RasterOptions): string {
  const width = 1100;
  const left = 70;
  const rasterWidth = 680;
  const top = 72;
  const rasterHeight = 620;
  const shownPerPop = cellsShown(populations, 600, options.cellsPerPopulation);
  const rowsTotal = shownPerPop.reduce((a, b) => a + b, 0);
  const rowHeight = rasterHeight / Math.max(rowsTotal, 1);
  const duration = options.tStop - options.tStart;
  const x = (t: number) => left + ((t - options.tStart) / duration) * rasterWidth;
  const dot = Math.max(1.2, Math.min(2.5, rowHeight * 0.9));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + rasterHeight + 80}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  );
  if (options.title) parts.push(`<text x="${left}" y="22" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  const shownTotal = shownPerPop.reduce((a, b) => a + b, 0);
  const sizeTotal = populations.reduce((a, p) => a + p.size, 0);
  parts.push(`<text x="${left}" y="42" font-size="11" fill="#555">raster: the first ${shownTotal} of ${sizeTotal} cells, ` +
    `the same fraction of every population (row heights show population sizes); blue excitatory, red inhibitory</text>`);
  parts.push(`<text x="${left}" y="${top - 8}" font-size="13" font-weight="bold">A  spike raster</text>`);
  let row = 0;
  populations.forEach((pop, index) => {
    const shown = shownPerPop[index];
    const colour = pop.excitatory ? EXC_COLOUR : INH_COLOUR;
    const y0 = top + row * rowHeight;
    parts.push(`<text x="${left - 8}" y="${(y0 + (shown * rowHeight) / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(layerLabel(pop.label))}</text>`);
    let path = '';
    for (let k = 0; k < pop.times.length; k++) {
      const cell = pop.cells[k];
      const t = pop.times[k];
      if (cell >= shown || t < options.tStart || t > options.tStop) continue;
      path += `M${(x(t) - dot / 2).toFixed(1)} ${(y0 + (cell + 0.5) * rowHeight).toFixed(1)}h${dot.toFixed(1)}`;
    }
    if (path) parts.push(`<path d="${path}" stroke="${colour}" stroke-width="${dot.toFixed(2)}"/>`);
    row += shown;
    // a solid line between layers, a dotted one between E and I of a layer
    const betweenLayers = index % 2 === 1 && index < populations.length - 1;
    if (index < populations.length - 1) {
      parts.push(`<line x1="${left}" x2="${left + rasterWidth}" y1="${(top + row * rowHeight).toFixed(1)}" y2="${(top + row * rowHeight).toFixed(1)}" ` +
        `stroke="${betweenLayers ? '#888' : '#ccc'}"${betweenLayers ? '' : ' stroke-dasharray="3 3"'}/>`);
    }
  });
  const axisY = top + rasterHeight;
  parts.push(`<rect x="${left}" y="${top}" width="${rasterWidth}" height="${rasterHeight}" fill="none" stroke="black"/>`);
  const step = niceStep(duration, 5);
  for (let t = Math.ceil(options.tStart / step) * step; t <= options.tStop + 1e-9; t += step) {
    parts.push(`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${axisY}" y2="${axisY + 5}" stroke="black"/>`);
    parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 19}" text-anchor="middle">${Number(t.toFixed(6))}</text>`);
  }
  parts.push(`<text x="${left + rasterWidth / 2}" y="${axisY + 40}" text-anchor="middle">time (ms)</text>`);

  // Rate bars, one per population, top to bottom in the same order as the raster, with a rate axis.
  const barLeft = left + rasterWidth + 80;
  const barWidth = width - barLeft - 50;
  const maxRate = Math.max(1, ...populations.map((p) => Math.max(p.meanRate, p.referenceRate ?? 0))) * 1.15;
  const rateStep = niceStep(maxRate, 4);
  const rx = (r: number) => barLeft + (r / maxRate) * barWidth;
  const barSlot = rasterHeight / populations.length;
  parts.push(`<text x="${barLeft - 50}" y="${top - 8}" font-size="13" font-weight="bold">B  mean firing rate</text>`);
  for (let r = 0; r <= maxRate + 1e-9; r += rateStep) {
    parts.push(`<line x1="${rx(r).toFixed(1)}" x2="${rx(r).toFixed(1)}" y1="${top}" y2="${axisY + 5}" stroke="${r === 0 ? 'black' : '#e4e4e4'}"/>`);
    parts.push(`<text x="${rx(r).toFixed(1)}" y="${axisY + 19}" text-anchor="middle">${Number(r.toFixed(6))}</text>`);
  }
  parts.push(`<line x1="${barLeft}" x2="${barLeft + barWidth}" y1="${axisY}" y2="${axisY}" stroke="black"/>`);
  populations.forEach((pop, k) => {
    const y = top + k * barSlot + barSlot * 0.2;
    const h = barSlot * 0.6;
    const w = rx(pop.meanRate) - barLeft;
    parts.push(`<text x="${barLeft - 8}" y="${(y + h / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(layerLabel(pop.label))}</text>`);
    parts.push(`<rect x="${barLeft}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${pop.excitatory ? EXC_COLOUR : INH_COLOUR}"/>`);
    if (pop.referenceRate !== undefined) {
      const r = rx(pop.referenceRate);
      parts.push(`<line x1="${r.toFixed(1)}" x2="${r.toFixed(1)}" y1="${(y - 4).toFixed(1)}" y2="${(y + h + 4).toFixed(1)}" stroke="black" stroke-width="2.5"/>`);
    }
    parts.push(`<text x="${(Math.max(barLeft + w, pop.referenceRate !== undefined ? rx(pop.referenceRate) : 0) + 5).toFixed(1)}" y="${(y + h / 2 + 4).toFixed(1)}" font-size="12">${pop.meanRate.toFixed(2)}</text>`);
  });
  parts.push(`<text x="${barLeft + barWidth / 2}" y="${axisY + 40}" text-anchor="middle">rate (spikes/s)</text>`);
  parts.push(`<text x="${barLeft + barWidth / 2}" y="${axisY + 58}" text-anchor="middle" font-size="11" fill="#555">bars: this run; black line: NEST reference, full scale</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
