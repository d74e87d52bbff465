// Every standard cell type's table against PyNN 0.10.1's own classes (test/fixtures/pynn_model_tables.json, from
// test/reference/model_tables.py): parameter names in PyNN's order, defaults, initial values, recordables, units,
// receptor types and flags. The few deliberate differences are listed here, each with its reason, so that any other
// difference fails.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

interface PynnTable {
  parameter_names: string[];
  default_parameters: Record<string, number | number[] | { sequence: number[] }>;
  default_initial_values: Record<string, number>;
  recordable: string[];
  units: Record<string, string>;
  receptor_types: string[];
  conductance_based: boolean;
  injectable: boolean;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/pynn_model_tables.json', import.meta.url), 'utf8')) as {
  cell_types: Record<string, PynnTable>;
};

interface TsnnCellType {
  getParameterNames(): string[];
  defaultParameters: Record<string, number | number[]>;
  defaultInitialValues: Record<string, number>;
  recordable: string[];
  units: Record<string, string>;
  receptorTypes: readonly string[];
  conductanceBased: boolean;
  injectable: boolean;
}

const cellType = (name: string): TsnnCellType => {
  const Class = (sim as unknown as Record<string, new () => TsnnCellType>)[name];
  assert.ok(Class, `tsnn has no ${name}`);
  return new Class!();
};

/** A PyNN Sequence default is a plain array in tsnn (its Sequence holds the same list). */
const plain = (value: PynnTable['default_parameters'][string]) =>
  typeof value === 'object' && !Array.isArray(value) ? value.sequence : value;

/**
 * PyNN's units dictionary writes a dimensionless quantity as '' (what `quantities` reads as dimensionless); tsnn
 * writes 'dimensionless', the name Neo's signals carry for those recordings (HH_cond_exp's m, h, n).
 */
const unitAsTsnnWrites = (unit: string) => (unit === '' ? 'dimensionless' : unit);

/**
 * PyNN's spike sources inherit conductance_based = True from its base class, which says nothing about a source
 * (it has no synapses); tsnn reports false, so that an Assembly's conductanceBased means its cells' synapses.
 */
const sourceFlag = (name: string, flag: boolean) => (name.startsWith('SpikeSource') ? false : flag);

const names = Object.keys(fixture.cell_types);

test('the fixture covers PyNN 0.10.1 standard cell types, every one of which tsnn has', () => {
  assert.is(names.length, 17);
  for (const name of names) cellType(name);
});

test('getParameterNames() lists the parameters in PyNN\'s order, with PyNN\'s defaults', () => {
  for (const [name, table] of Object.entries(fixture.cell_types)) {
    const c = cellType(name);
    assert.equal(c.getParameterNames(), table.parameter_names, `${name} parameter names`);
    const defaults = Object.fromEntries(Object.entries(table.default_parameters).map(([k, v]) => [k, plain(v)]));
    assert.equal(c.defaultParameters, defaults, `${name} defaults`);
  }
});

test('initial values, recordables and receptor types are PyNN\'s', () => {
  for (const [name, table] of Object.entries(fixture.cell_types)) {
    const c = cellType(name);
    assert.equal(c.defaultInitialValues, table.default_initial_values, `${name} initial values`);
    assert.equal(new Set(c.recordable), new Set(table.recordable), `${name} recordable`);
    assert.equal([...c.receptorTypes], table.receptor_types, `${name} receptor types`);
  }
});

test('units: every unit PyNN names is tsnn\'s; tsnn adds only the unit of spike times', () => {
  for (const [name, table] of Object.entries(fixture.cell_types)) {
    const units = cellType(name).units;
    for (const [variable, unit] of Object.entries(table.units)) {
      assert.is(units[variable], unitAsTsnnWrites(unit), `${name} unit of ${variable}`);
    }
    const extra = Object.keys(units).filter((k) => !(k in table.units));
    assert.equal(extra, ['spikes'], `${name}: units PyNN does not name`);
    assert.is(units.spikes, 'ms');
  }
});

test('injectable and conductanceBased are PyNN\'s (spike sources: false, see above)', () => {
  for (const [name, table] of Object.entries(fixture.cell_types)) {
    const c = cellType(name);
    assert.is(c.injectable, table.injectable, `${name} injectable`);
    assert.is(c.conductanceBased, sourceFlag(name, table.conductance_based), `${name} conductanceBased`);
  }
});

test.run();
