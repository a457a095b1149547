// Scoped resources: one instance per async scope (scoped) or per thread (perWorker), each
// disposed when its scope or thread ends.
export type { DisposeFunction } from './disposer.js';
export type { InstanceState } from './InstanceSlot.js';
export type { PerWorker, PerWorkerOptions } from './perWorker.js';
export type { Scope, ScopeOptions, ScopeState } from './Scope.js';
export type { Scoped, ScopedOptions } from './scoped.js';
export { NoScopeError, NotDisposableError, PerWorkerDisposedError, ScopeClosedError, ScopeDisposeError } from './errors.js';
export { perWorker } from './perWorker.js';
export { runInScope } from './runInScope.js';
export { createScope, currentScope } from './Scope.js';
export { scoped } from './scoped.js';
