export type { BreakerState, CallOutcome } from './BreakerMetrics.js';
export { BreakerMetrics } from './BreakerMetrics.js';
export type { Breaker, BreakerOptions, BreakerPolicy, BreakerStats, CallContext } from './createBreaker.js';
export { createBreaker } from './createBreaker.js';
export type { BreakerRegistry, BreakerRegistryOptions } from './createBreakerRegistry.js';
export { createBreakerRegistry } from './createBreakerRegistry.js';
export { BreakerOpenError, BreakerRegistryFullError, BreakerTimeoutError } from './errors.js';
export type { BreakerInstrumentation, CockatielInstrumentOptions, OpossumInstrumentOptions } from './adapters/index.js';
export { instrumentCockatiel, instrumentOpossum } from './adapters/index.js';
export type { DisposeFunction, InstanceState, PerWorker, PerWorkerOptions, Scope, ScopeOptions, ScopeState, Scoped, ScopedOptions } from './scope/index.js';
export {
  NoScopeError,
  NotDisposableError,
  PerWorkerDisposedError,
  ScopeClosedError,
  ScopeDisposeError,
  createScope,
  currentScope,
  perWorker,
  runInScope,
  scoped,
} from './scope/index.js';
