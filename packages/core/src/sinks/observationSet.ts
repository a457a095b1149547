import type { Observation, Observe } from './MetricSink.js';

/**
 * The callbacks registered for one observable metric in one sink. Each callback is held
 * only until its Observation is disposed, so a closed pool is not kept alive by its metrics.
 */
export function observationSet(): {
  add(callback: (observe: Observe) => void): Observation;
  run(observe: Observe): void;
  readonly size: number;
} {
  const callbacks = new Set<(observe: Observe) => void>();
  return {
    add(callback) {
      // Wrap so the same function registered twice is two registrations.
      const entry = (observe: Observe): void => callback(observe);
      callbacks.add(entry);
      const unregister = (): void => {
        callbacks.delete(entry);
      };
      return { unregister, [Symbol.dispose]: unregister };
    },
    run(observe) {
      for (const cb of callbacks) cb(observe);
    },
    get size() {
      return callbacks.size;
    },
  };
}
