// One class per standard model, named exactly as in PyNN, each a thin wrapper over its catalogue entry, so
// `new IF_cond_exp({ tau_m: 15 })` and `x instanceof IF_cond_exp` work as a PyNN user expects.
import { CellType, type ParameterValues } from './cell-type.js';
import type { ModelSpec } from './model-spec.js';
import { STANDARD_MODELS } from './standard-models.js';

export interface StandardCellTypeClass {
  new (parameters?: ParameterValues): CellType;
  readonly model: ModelSpec;
  readonly defaultParameters: Record<string, number | number[]>;
  readonly defaultInitialValues: Record<string, number>;
  readonly recordable: readonly string[];
  readonly receptorTypes: readonly string[];
  readonly conductanceBased: boolean;
  readonly injectable: boolean;
}

function define(spec: ModelSpec): StandardCellTypeClass {
  const cls = class extends CellType {
    static readonly model = spec;
    static readonly defaultParameters = new CellType(spec).defaultParameters;
    static readonly defaultInitialValues = new CellType(spec).defaultInitialValues;
    static readonly recordable = Object.freeze(Object.keys(spec.recordables));
    static readonly receptorTypes = spec.receptorTypes;
    static readonly conductanceBased = spec.conductanceBased;
    static readonly injectable = spec.injectable;
    constructor(parameters: ParameterValues = {}) {
      super(spec, parameters);
    }
  };
  Object.defineProperty(cls, 'name', { value: spec.name });
  return cls;
}

const M = STANDARD_MODELS;
export const IF_curr_exp = define(M.IF_curr_exp!);
export type IF_curr_exp = CellType;
export const IF_curr_alpha = define(M.IF_curr_alpha!);
export type IF_curr_alpha = CellType;
export const IF_curr_delta = define(M.IF_curr_delta!);
export type IF_curr_delta = CellType;
export const IF_cond_exp = define(M.IF_cond_exp!);
export type IF_cond_exp = CellType;
export const IF_cond_alpha = define(M.IF_cond_alpha!);
export type IF_cond_alpha = CellType;
export const IF_cond_exp_gsfa_grr = define(M.IF_cond_exp_gsfa_grr!);
export type IF_cond_exp_gsfa_grr = CellType;
export const IF_facets_hardware1 = define(M.IF_facets_hardware1!);
export type IF_facets_hardware1 = CellType;
export const HH_cond_exp = define(M.HH_cond_exp!);
export type HH_cond_exp = CellType;
export const EIF_cond_exp_isfa_ista = define(M.EIF_cond_exp_isfa_ista!);
export type EIF_cond_exp_isfa_ista = CellType;
export const EIF_cond_alpha_isfa_ista = define(M.EIF_cond_alpha_isfa_ista!);
export type EIF_cond_alpha_isfa_ista = CellType;
export const Izhikevich = define(M.Izhikevich!);
export type Izhikevich = CellType;
export const GIF_cond_exp = define(M.GIF_cond_exp!);
export type GIF_cond_exp = CellType;
export const SpikeSourcePoisson = define(M.SpikeSourcePoisson!);
export type SpikeSourcePoisson = CellType;
export const SpikeSourcePoissonRefractory = define(M.SpikeSourcePoissonRefractory!);
export type SpikeSourcePoissonRefractory = CellType;
export const SpikeSourceGamma = define(M.SpikeSourceGamma!);
export type SpikeSourceGamma = CellType;
export const SpikeSourceInhGamma = define(M.SpikeSourceInhGamma!);
export type SpikeSourceInhGamma = CellType;
export const SpikeSourceArray = define(M.SpikeSourceArray!);
export type SpikeSourceArray = CellType;
