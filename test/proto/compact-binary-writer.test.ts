// The compact writer gives the same bytes as @bufbuild/protobuf's BinaryWriter (the reference encoder) for
// messages with doubles everywhere they occur: packed per-cell positions, scalar settings, nested values, and the
// doubles whose bit patterns are special (−0, subnormals, the largest, infinities).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import { CompactBinaryWriter } from '../../frontend/backend/compact-binary-writer.js';

const special = [0, -0, 1.5, -2.25, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, Infinity, -Infinity, 0.1];

test('a network with per-cell positions and parameters encodes to the same bytes', () => {
  const n = 1000;
  const xs = Array.from({ length: n }, (_, i) => special[i % special.length]! * (i + 1));
  const network = Network.fromPartial({
    settings: { timestep: 0.1, minDelay: 0.1, maxDelay: 5, seed: 7n },
    populations: [
      {
        label: 'p',
        size: n,
        positions: { x: xs, y: xs.map((x) => -x), z: special.concat(new Array(n - special.length).fill(3)) },
        cellType: { name: 'IF_curr_exp', parameters: { tau_m: { kind: { $case: 'array', value: { values: xs.map(Math.abs) } } } } },
      },
      { label: 'q', size: 1, positions: { x: [NaN], y: [-0], z: [0] } },
    ],
  });
  const reference = Network.encode(network, new BinaryWriter()).finish();
  const compact = Network.encode(network, new CompactBinaryWriter()).finish();
  assert.is(compact.length, reference.length);
  assert.ok(compact.every((byte, k) => byte === reference[k]), 'bytes differ');
  assert.equal(Network.decode(compact).populations[0]!.positions!.x, xs);
});

test.run();
