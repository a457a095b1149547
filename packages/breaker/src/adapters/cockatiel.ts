import type { MetricsOption } from '@leakguard/core';
import { InvalidOptionError, assertName, describeValue as describe } from '@leakguard/core';
import type { CircuitBreakerPolicy, CircuitState, IDisposable } from 'cockatiel';
import type { BreakerState } from '../BreakerMetrics.js';
import type { BreakerInstrumentation } from './Instrumentation.js';
import { Instrumentation } from './Instrumentation.js';

export interface CockatielInstrumentOptions {
  /**
   * Names the breaker in the `leakguard.breaker.name` attribute: 1-64 characters, a letter first,
   * then letters, digits, `_ . : -`; unique among open breakers (leakguard's and instrumented
   * ones alike). Required: a cockatiel policy has no name of its own.
   */
  readonly name: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
}

/**
 * cockatiel's CircuitState by value (a runtime enum, and only types are imported from
 * cockatiel). Isolated — held open by `isolate()` — refuses calls as Open does, so it reports
 * as open.
 */
const STATES: Readonly<Record<CircuitState, BreakerState>> = { 0: 'closed', 1: 'open', 2: 'half_open', 3: 'open' };

/**
 * Reports a cockatiel 3.x CircuitBreakerPolicy (`circuitBreaker(policy, { ... })`) as
 * leakguard.breaker.* metrics without changing what it does.
 *
 * - State, read at collect time from `policy.state`; Isolated reports as open.
 * - Transitions, from `onStateChange` (from = the last state seen, so isolating an open
 *   breaker is no transition, and releasing it is open → closed).
 * - Calls: `onSuccess` → success; `onFailure` → failure for an error or result the policy
 *   handles, success for an error it does not handle (it passes through without counting
 *   against the circuit, and closes a half-open one). Rejections have no event: `execute` is
 *   wrapped on this instance to count a BrokenCircuitError or IsolatedCircuitError as
 *   rejected, once per refused call. cockatiel breakers have no timeout of their own (that is
 *   a separate timeout policy), so no call counts as timeout.
 *
 * `close()` disposes the listeners and takes the `execute` wrapper out again. Types only are
 * imported from cockatiel.
 */
export function instrumentCockatiel(policy: CircuitBreakerPolicy, options: CockatielInstrumentOptions): BreakerInstrumentation {
  const where = 'instrumentCockatiel';
  if (!isCircuitBreakerPolicy(policy)) {
    throw new InvalidOptionError(`${where}: expected a cockatiel CircuitBreakerPolicy (circuitBreaker(handleAll, { halfOpenAfter, breaker })), got ${describe(policy)} without execute(), state, onStateChange, onSuccess and onFailure`);
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${where}: options must be an object with at least { name }, got ${describe(options)}`);
  }
  const name = assertName(where, options.name);
  const read = (): BreakerState => STATES[policy.state] ?? 'closed';
  const inst = new Instrumentation(where, policy, name, options.meter, read);
  // A call that waited on a half-open trial re-enters execute; its refusal reaches both layers.
  const refused = new WeakSet<object>();
  return inst.install(() => {
    subscribe(inst, policy.onStateChange((state) => inst.moved(STATES[state] ?? 'closed')));
    subscribe(inst, policy.onSuccess(() => inst.call('success')));
    subscribe(inst, policy.onFailure((event) => inst.call(event.handled ? 'failure' : 'success')));
    inst.wrap(policy, 'execute', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const result = original.apply(this, args) as Promise<unknown>;
        // Watched on the side: the caller gets cockatiel's own promise, settled exactly as before.
        result.then(undefined, (error: unknown) => {
          if (!isBrokenCircuitError(error) || refused.has(error)) return;
          refused.add(error);
          inst.call('rejected');
        });
        return result;
      },
    );
  });
}

function subscribe(inst: Instrumentation, listener: IDisposable): void {
  inst.onClose(() => listener.dispose());
}

/** BrokenCircuitError, and IsolatedCircuitError which extends it, carry this flag. */
function isBrokenCircuitError(error: unknown): error is object {
  return typeof error === 'object' && error !== null && (error as { isBrokenCircuitError?: unknown }).isBrokenCircuitError === true;
}

function isCircuitBreakerPolicy(value: unknown): boolean {
  const p = value as Partial<CircuitBreakerPolicy> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.execute === 'function' &&
    typeof p.state === 'number' &&
    typeof p.isolate === 'function' &&
    typeof p.onStateChange === 'function' &&
    typeof p.onSuccess === 'function' &&
    typeof p.onFailure === 'function'
  );
}
