// ACSource: offset + amplitude·sin(2π·frequency·(t − start)/1000 + 2π·phase/360) on [start, stop); phase in
// degrees, relative to start.
import { CurrentSource } from './current-source.js';
import type { CurrentSource as CurrentSourceMessage } from '../generated/tsnn/v1/model.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface ACSourceParameters {
  amplitude?: number;
  start?: number;
  stop?: number;
  frequency?: number;
  offset?: number;
  phase?: number;
}

export class ACSource extends CurrentSource {
  readonly table = {
    amplitude: { default: 1.0, unit: 'nA' },
    start: { default: 0.0, unit: 'ms' },
    stop: { default: 1e12, unit: 'ms' },
    frequency: { default: 10.0, unit: 'Hz' },
    offset: { default: 0.0, unit: 'nA' },
    phase: { default: 0.0, unit: 'deg' },
  };
  declare amplitude: number;
  declare start: number;
  declare stop: number;
  declare frequency: number;
  declare offset: number;
  declare phase: number;

  constructor(parameters: ACSourceParameters = {}, options: { label?: string } = {}) {
    checkOptionKeys('ACSource', options, ['label']);
    super('ACSource', options.label);
    this.init(parameters as Record<string, unknown>);
  }

  protected kindMessage(): CurrentSourceMessage['kind'] {
    const v = this.getParameters() as Record<string, number>;
    return {
      $case: 'ac',
      value: {
        amplitude: v.amplitude!,
        start: v.start!,
        stop: v.stop!,
        frequency: v.frequency!,
        offset: v.offset!,
        phase: v.phase!,
      },
    };
  }
}
