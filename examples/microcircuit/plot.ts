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
  /** Cells drawn per population (the first ones): keeps the file small at full scale. */
  cellsPerPopulation?: number;
  title?: string;
}

const EXC_COLOUR = '#1f5fa8';
const INH_COLOUR = '#c0392b';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rasterSvg(populations: PopulationSpikes[], options: RasterOptions): string {
  const perPop = options.cellsPerPopulation ?? 100;
  const width = 1000;
  const rasterWidth = 640;
  const left = 60;
  const top = 40;
  const rowsTotal = populations.reduce((n, p) => n + Math.min(perPop, p.size), 0);
  const rasterHeight = 600;
  const rowHeight = rasterHeight / Math.max(rowsTotal, 1);
  const duration = options.tStop - options.tStart;
  const x = (t: number) => left + ((t - options.tStart) / duration) * rasterWidth;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + rasterHeight + 60}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  );
  if (options.title) parts.push(`<text x="${left}" y="20" font-size="14">${escapeXml(options.title)}</text>`);
  let row = 0;
  for (const pop of populations) {
    const shown = Math.min(perPop, pop.size);
    const colour = pop.excitatory ? EXC_COLOUR : INH_COLOUR;
    const y0 = top + row * rowHeight;
    parts.push(`<text x="${left - 6}" y="${(y0 + (shown * rowHeight) / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(pop.label)}</text>`);
    let path = '';
    for (let k = 0; k < pop.times.length; k++) {
      const cell = pop.cells[k];
      const t = pop.times[k];
      if (cell >= shown || t < options.tStart || t > options.tStop) continue;
      const cx = x(t).toFixed(1);
      const cy = (y0 + (cell + 0.5) * rowHeight).toFixed(1);
      path += `M${cx} ${cy}h0.8`;
    }
    if (path) parts.push(`<path d="${path}" stroke="${colour}" stroke-width="${Math.max(rowHeight, 0.6).toFixed(2)}"/>`);
    row += shown;
    parts.push(`<line x1="${left}" x2="${left + rasterWidth}" y1="${top + row * rowHeight}" y2="${top + row * rowHeight}" stroke="#ccc"/>`);
  }
  const axisY = top + rasterHeight;
  parts.push(`<line x1="${left}" x2="${left + rasterWidth}" y1="${axisY}" y2="${axisY}" stroke="black"/>`);
  for (let k = 0; k <= 4; k++) {
    const t = options.tStart + (duration * k) / 4;
    parts.push(`<text x="${x(t)}" y="${axisY + 16}" text-anchor="middle">${t.toFixed(0)}</text>`);
  }
  parts.push(`<text x="${left + rasterWidth / 2}" y="${axisY + 34}" text-anchor="middle">time (ms)</text>`);

  // Rate bars, one per population, top to bottom in the same order as the raster.
  const barLeft = left + rasterWidth + 90;
  const barWidth = width - barLeft - 20;
  const maxRate = Math.max(1, ...populations.map((p) => Math.max(p.meanRate, p.referenceRate ?? 0))) * 1.1;
  const barSlot = rasterHeight / populations.length;
  populations.forEach((pop, k) => {
    const y = top + k * barSlot + barSlot * 0.2;
    const h = barSlot * 0.6;
    const w = (pop.meanRate / maxRate) * barWidth;
    parts.push(`<text x="${barLeft - 6}" y="${(y + h / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(pop.label)}</text>`);
    parts.push(`<rect x="${barLeft}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${pop.excitatory ? EXC_COLOUR : INH_COLOUR}"/>`);
    parts.push(`<text x="${(barLeft + w + 4).toFixed(1)}" y="${(y + h / 2 + 4).toFixed(1)}">${pop.meanRate.toFixed(2)}</text>`);
    if (pop.referenceRate !== undefined) {
      const rx = barLeft + (pop.referenceRate / maxRate) * barWidth;
      parts.push(`<line x1="${rx.toFixed(1)}" x2="${rx.toFixed(1)}" y1="${(y - 3).toFixed(1)}" y2="${(y + h + 3).toFixed(1)}" stroke="black" stroke-width="2"/>`);
    }
  });
  parts.push(`<text x="${barLeft + barWidth / 2}" y="${axisY + 34}" text-anchor="middle">mean rate (Hz); black: reference</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
