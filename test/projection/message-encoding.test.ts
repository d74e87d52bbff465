// Every connector and synapse message this part produces survives protobuf encoding and decoding unchanged,
// so what the engines receive is what the frontend built (bigint counts, byte masks, nested oneofs, NaN).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Projection as ProjectionCodec } from '../../frontend/generated/tsnn/v1/model.js';
import { Projection } from '../../frontend/projection/projection.js';
import {
  AllToAllConnector,
  ArrayConnector,
  DisplacementDependentProbabilityConnector,
  DistanceDependentProbabilityConnector,
  FixedNumberPostConnector,
  FixedNumberPreConnector,
  FixedProbabilityConnector,
  FixedTotalNumberConnector,
  FromListConnector,
  IndexBasedProbabilityConnector,
  OneToOneConnector,
  SmallWorldConnector,
} from '../../frontend/connectors/index.js';
import {
  AdditiveWeightDependence,
  GutigWeightDependence,
  MultiQuantalSynapse,
  SimpleStochasticSynapse,
  SpikePairRule,
  STDPMechanism,
  StaticSynapse,
  StochasticTsodyksMarkramSynapse,
  TsodyksMarkramSynapse,
  Vogels2011Rule,
} from '../../frontend/synapses/index.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import type { Connector } from '../../frontend/connectors/connector.js';
import type { SynapseType } from '../../frontend/synapses/synapse-type.js';
import { FakeSimulation, fakeCells } from './fakes.js';

const pre = fakeCells('pre', 3);
const post = fakeCells('post', 3, { population: 1 });
const rng = new NumpyRNG({ seed: 11 });

const connectors: Connector[] = [
  new AllToAllConnector({ allowSelfConnections: 'NoMutual' }),
  new OneToOneConnector(),
  new FixedProbabilityConnector(0.2, { rng }),
  new FixedNumberPreConnector(2),
  new FixedNumberPostConnector(new RandomDistribution('poisson', [2], rng)),
  new FixedTotalNumberConnector(2 ** 40),
  new FromListConnector([[0, 1, 0.5, 1.0], [2, 2, 0.25, 2.0]]),
  new DistanceDependentProbabilityConnector('d < 2'),
  new DistanceDependentProbabilityConnector((d) => Math.exp(-d)),
  new IndexBasedProbabilityConnector('(i + j) % 2'),
  new DisplacementDependentProbabilityConnector((d) => d[0] > 0),
  new ArrayConnector([[true, false, true], [false, false, false], [true, true, true]]),
  new SmallWorldConnector(1.5, 0.25),
];

const synapses: SynapseType[] = [
  new StaticSynapse({ weight: [[0.1, Number.NaN, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]], delay: '0.5 + d' }),
  new TsodyksMarkramSynapse({ weight: new RandomDistribution('uniform', [0.1, 0.2], rng), tau_facil: 50 }),
  new StochasticTsodyksMarkramSynapse({ U: (d: number) => 0.1 * (1 + d) }),
  new SimpleStochasticSynapse({ p: 0.3 }),
  new MultiQuantalSynapse({ n: 3 }),
  new STDPMechanism({ timingDependence: new Vogels2011Rule(), weightDependence: new AdditiveWeightDependence(), weight: 0.5 }),
  new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new GutigWeightDependence(), weight: 0.5 }),
];

test('every connector × a static synapse round-trips through protobuf', () => {
  for (const connector of connectors) {
    // 'NoMutual' applies only to a population connected to itself.
    const target = (connector as { allowSelfConnections?: unknown }).allowSelfConnections === 'NoMutual' ? pre : post;
    const message = new Projection(pre, target, connector, new StaticSynapse({ weight: 0.5 }), { simulation: new FakeSimulation() }).toMessage();
    const decoded = ProjectionCodec.decode(ProjectionCodec.encode(message).finish());
    // Bytes: a Uint8Array here, a Node Buffer (serialized by its toJSON as { type, data }) after decoding.
    const bytes = (v: unknown) =>
      ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : (v as { type?: string; data?: number[] })?.type === 'Buffer' ? (v as { data: number[] }).data : v;
    const normalize = (m: typeof message) => JSON.parse(JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? `${v}n` : bytes(v))));
    assert.equal(normalize(decoded), normalize(message), connector.describe());
  }
});

test('every synapse type round-trips through protobuf (NaN kept)', () => {
  for (const synapse of synapses) {
    const message = new Projection(pre, post, new AllToAllConnector(), synapse, { simulation: new FakeSimulation() }).toMessage();
    const decoded = ProjectionCodec.decode(ProjectionCodec.encode(message).finish());
    const normalize = (m: typeof message) =>
      JSON.parse(JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
    assert.equal(normalize(decoded), normalize(message), synapse.describe());
  }
});

test.run();
