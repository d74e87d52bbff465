// A Backend that forwards every call to another and reports two of them as they happen: the Network message of
// createSession (before it is built) with the SessionInfo that came back, and each run's RunComplete. The
// benchmarks time and save networks this way (bench/measure.ts), and tests keep what the engine was given
// (test/server/tsnn-run.test.ts), without either knowing which backend is underneath.
import type { Network } from '../generated/tsnn/v1/model.js';
import type { RunComplete, SessionInfo } from '../generated/tsnn/v1/simulator.js';
import type { Backend } from './backend.js';

export interface BackendObserver {
  /** Called with the network before the inner backend builds it. */
  beforeCreateSession?(network: Network): void;
  /** Called once the network is built, with how long createSession took (s) and what it answered. */
  afterCreateSession?(session: SessionInfo, seconds: number, inner: Backend): Promise<void> | void;
  /** Called after each run with the engine's summary. */
  afterRun?(complete: RunComplete): void;
}

export function observeBackend(inner: Backend, observer: BackendObserver): Backend {
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'createSession') {
        return async (network: Network): Promise<SessionInfo> => {
          observer.beforeCreateSession?.(network);
          const t0 = performance.now();
          const session = await target.createSession(network);
          await observer.afterCreateSession?.(session, (performance.now() - t0) / 1000, target);
          return session;
        };
      }
      if (key === 'run') {
        return async (...args: Parameters<Backend['run']>): Promise<RunComplete> => {
          const complete = await target.run(...args);
          observer.afterRun?.(complete);
          return complete;
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
