import type { MetricsOption } from '@leakguard/core';
import { InvalidOptionError, assertName, describeValue as describe } from '@leakguard/core';
import type CircuitBreaker from 'opossum';
import type { BreakerState } from '../BreakerMetrics.js';
import type { BreakerInstrumentation } from './Instrumentation.js';
import { Instrumentation } from './Instrumentation.js';

export interface OpossumInstrumentOptions {
  /**
   * Names the breaker in the `leakguard.breaker.name` attribute: 1-64 characters, a letter first,
   * then letters, digits, `_ . : -`; unique among open breakers (leakguard's and instrumented
   * ones alike). Default: `breaker.name` (opossum's `name` option, else the action's function
   * name; for an unnamed action opossum makes up a random UUID, which is refused: pass a name then).
   */
  readonly name?: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
}

/**
 * Reports an opossum 8/9 CircuitBreaker as leakguard.breaker.* metrics without changing what it does.
 *
 * - State, read at collect time from its `opened` / `halfOpen` / `closed` flags.
 * - Transitions, from its `open`, `halfOpen` and `close` events (from = the last state seen).
 * - Calls: `success` → success, `failure` → failure, `reject` (open, or half-open with its
 *   trial call taken) → rejected, `timeout` → timeout. opossum follows a timeout with a
 *   `failure` for the same error; that one is not counted again. As in opossum's own stats, an
 *   error its `errorFilter` excuses is a success, and a call refused by `capacity`
 *   (`semaphoreLocked`) is a failure. Cache hits and calls while `disable()`d bypass the
 *   circuit and emit nothing, so they are not counted.
 *
 * Listeners only, no method wrappers and no timer. `close()` removes the listeners; `shutdown()`
 * of the breaker (which drops every listener) closes the instrumentation too. Types only are
 * imported from opossum.
 */
export function instrumentOpossum<TI extends unknown[], TR>(breaker: CircuitBreaker<TI, TR>, options: OpossumInstrumentOptions = {}): BreakerInstrumentation {
  const where = 'instrumentOpossum';
  if (!isOpossumBreaker(breaker)) {
    throw new InvalidOptionError(`${where}: expected an opossum CircuitBreaker (new CircuitBreaker(action, options)), got ${describe(breaker)} without fire(), on() and the opened/halfOpen/closed flags`);
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${where}: options must be an object ({ name?, meter? }), got ${describe(options)}`);
  }
  if (breaker.isShutdown) {
    throw new InvalidOptionError(`${where}: breaker ${JSON.stringify(breaker.name)} is shut down and will never change state again; instrument a breaker before calling shutdown()`);
  }
  const name = options.name === undefined ? defaultName(where, breaker.name) : assertName(where, options.name);
  const read = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed');
  const inst = new Instrumentation(where, breaker, name, options.meter, read);
  // opossum emits the same error to `timeout` and then to `failure`: counted once, as a timeout.
  const timedOut = new WeakSet<object>();
  return inst.install(() => {
    listen(inst, breaker, 'open', () => inst.moved('open'));
    listen(inst, breaker, 'halfOpen', () => inst.moved('half_open'));
    listen(inst, breaker, 'close', () => inst.moved('closed'));
    listen(inst, breaker, 'success', () => inst.call('success'));
    listen(inst, breaker, 'reject', () => inst.call('rejected'));
    listen(inst, breaker, 'timeout', (error: unknown) => {
      if (typeof error === 'object' && error !== null) timedOut.add(error);
      inst.call('timeout');
    });
    listen(inst, breaker, 'failure', (error: unknown) => {
      if (typeof error === 'object' && error !== null && timedOut.has(error)) return;
      inst.call('failure');
    });
    // shutdown() drops every listener right after this event: the breaker is done, and so are we.
    listen(inst, breaker, 'shutdown', () => inst.close());
  });
}

/** Adds `listener` for `event` until the instrumentation closes. */
function listen(inst: Instrumentation, breaker: object, event: string, listener: (arg: unknown) => void): void {
  const emitter = breaker as NodeJS.EventEmitter;
  emitter.on(event, listener);
  inst.onClose(() => emitter.removeListener(event, listener));
}

/** The random name opossum gives a breaker whose action has no name (a v4 UUID). */
const RANDOM_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function defaultName(where: string, name: unknown): string {
  // A random name is a new series every run: refused even when it happens to pass assertName.
  if (typeof name === 'string' && RANDOM_NAME.test(name)) {
    throw new InvalidOptionError(`${where}: the breaker's name ${JSON.stringify(name)} is the random one opossum gives a breaker with an unnamed action, a new metric series on every start; pass { name }, or opossum's own name option`);
  }
  try {
    return assertName(where, name);
  } catch {
    throw new InvalidOptionError(`${where}: the breaker's name ${describe(name)} cannot label metrics (1-64 characters, a letter first, then letters, digits, "_", ".", ":" or "-"); pass { name }`);
  }
}

function isOpossumBreaker(value: unknown): boolean {
  const b = value as Partial<CircuitBreaker> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.fire === 'function' &&
    typeof b.on === 'function' &&
    typeof b.removeListener === 'function' &&
    typeof b.opened === 'boolean' &&
    typeof b.halfOpen === 'boolean' &&
    typeof b.closed === 'boolean'
  );
}
