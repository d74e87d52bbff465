// DCSource: a constant current `amplitude` (nA) on [start, stop).
import { CurrentSource } from './current-source.js';
import type { CurrentSource as CurrentSourceMessage } from '../generated/tsnn/v1/model.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface DCSourceParameters {
  amplitude?: number;
  start?: number;
  stop?: number;
}

export class DCSource extends CurrentSource {
  readonly table = { amplitude: { default: 1.0, unit: 'nA' }, start: { default: 0.0, unit: 'ms' }, stop: { default: 1e12, unit: 'ms' } };
  declare amplitude: number;
  declare start: number;
  declare stop: number;

  constructor(parameters: DCSourceParameters = {}, options: { label?: string } = {}) {
    checkOptionKeys('DCSource', options, ['label']);
    super('DCSource', options.label);
    this.init(parameters as Record<string, unknown>);
  }

  protected kindMessage(): CurrentSourceMessage['kind'] {
    const v = this.getParameters() as Record<string, number>;
    return { $case: 'dc', value: { amplitude: v.amplitude!, start: v.start!, stop: v.stop! } };
  }
}
