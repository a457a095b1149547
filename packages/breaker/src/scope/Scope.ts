import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@leakguard/core';
import { InvalidOptionError, assertInteger, assertName, stderrLogger } from '@leakguard/core';
import { disposeInOrder } from '@leakguard/core';
import type { DisposeFunction } from './disposer.js';
import { ScopeClosedError, ScopeDisposeError } from './errors.js';
import { InstanceSlot } from './InstanceSlot.js';

/** Options of createScope and runInScope; all optional. */
export interface ScopeOptions {
  /** Names the scope in errors. 1-64 characters, a letter first. Default `scope`. */
  readonly name?: string;
  /** Deadline for disposing everything created in the scope, counted from when disposal starts. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Told what no caller can be told: a disposal that fails after the deadline, and (from
   * runInScope) a disposal failure that cannot be attached to a thrown non-object. Default: stderr.
   */
  readonly logger?: Logger;
}

/** `open` runs functions and creates instances; `closing` is disposing them; `closed` is final. */
export type ScopeState = 'open' | 'closing' | 'closed';

/**
 * An async context in which each `scoped()` value has its own instance. `run(fn)` may be
 * called any number of times while open; the instances live until `close()` (or `await using`
 * ends), which disposes them newest first within `timeoutMs`.
 */
export interface Scope extends AsyncDisposable {
  readonly name: string;
  readonly timeoutMs: number;
  readonly state: ScopeState;
  /** Instances created in the scope and not yet disposed. */
  readonly size: number;
  /**
   * Runs `fn` inside the scope (it, and everything it starts, sees this scope as the innermost)
   * and resolves with its result. Disposes nothing: that is `close()`'s job. Rejects with
   * ScopeClosedError once the scope is closing or closed.
   */
  run<R>(fn: (scope: Scope) => R | PromiseLike<R>): Promise<Awaited<R>>;
  /**
   * Disposes every instance created in the scope, newest first (an instance whose factory used
   * another was created after it, so it goes first), waiting for factories still running, and
   * never past `timeoutMs`. Rejects with ScopeDisposeError naming each instance that failed or
   * missed the deadline. Idempotent: later calls return the first call's promise.
   */
  close(): Promise<void>;
}

/** What a `scoped()` handle asks its scope for. */
export interface ScopedSpec<T> {
  readonly name: string;
  readonly factory: (scope: Scope) => T | PromiseLike<T>;
  readonly dispose: DisposeFunction<T> | undefined;
}

const storage = new AsyncLocalStorage<ScopeImpl>();

/**
 * Creates a scope; nothing is created in it until a `scoped()` value is asked for inside
 * `scope.run(fn)`. Close it — `await using scope = createScope()` does — or use `runInScope`,
 * which closes it for you. Options: see ScopeOptions (defaults: name `scope`, timeoutMs 10 000,
 * logger stderr).
 */
export function createScope(options: ScopeOptions = {}): Scope {
  return new ScopeImpl(options);
}

/** The innermost scope of the current async context, or undefined outside any scope. */
export function currentScope(): Scope | undefined {
  return storage.getStore();
}

/** The innermost scope, with the internals `scoped()` needs. */
export function innermostScope(): ScopeImpl | undefined {
  return storage.getStore();
}

/** The Scope createScope returns, plus what `scoped()` handles use: `instance` and `peek`. */
export class ScopeImpl implements Scope {
  readonly name: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** One slot per `scoped()` handle asked for in this scope. */
  readonly #slots = new Map<object, InstanceSlot<unknown>>();
  /** Slots in the order their instances were created. */
  readonly #created: InstanceSlot<unknown>[] = [];
  #state: ScopeState = 'open';
  #closing: Promise<void> | undefined;

  constructor(options: ScopeOptions) {
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('createScope: options must be an object ({ name?, timeoutMs?, logger? })');
    this.name = assertName('createScope', options.name ?? 'scope');
    const where = `createScope(${JSON.stringify(this.name)})`;
    this.timeoutMs = assertInteger(where, 'timeoutMs', options.timeoutMs ?? 10_000, 0, 2_147_483_647);
    this.logger = options.logger ?? stderrLogger;
  }

  get state(): ScopeState {
    return this.#state;
  }

  get size(): number {
    let n = 0;
    for (const slot of this.#slots.values()) if (slot.state === 'ready') n++;
    return n;
  }

  async run<R>(fn: (scope: Scope) => R | PromiseLike<R>): Promise<Awaited<R>> {
    if (typeof fn !== 'function') throw new InvalidOptionError(`scope ${JSON.stringify(this.name)}: run() needs a function to run`);
    if (this.#state !== 'open') throw new ScopeClosedError(this.name, 'it runs no more functions; create a new scope');
    return await storage.run(this, fn, this);
  }

  /** This scope's instance of `spec` (keyed by `key`, the scoped handle), created on first use. */
  instance<T>(key: object, spec: ScopedSpec<T>): Promise<T> {
    // Checked before the slot: an instance about to be disposed is not handed out either.
    if (this.#state !== 'open') return Promise.reject(this.#closedFor(spec.name));
    let slot = this.#slots.get(key) as InstanceSlot<T> | undefined;
    if (slot === undefined) {
      slot = new InstanceSlot<T>({
        name: spec.name,
        kind: 'scoped',
        factory: () => spec.factory(this),
        dispose: spec.dispose,
        closedError: () => this.#closedFor(spec.name),
        onCreated: (created) => void this.#created.push(created as InstanceSlot<unknown>),
      });
      this.#slots.set(key, slot as InstanceSlot<unknown>);
    }
    return slot.get();
  }

  /** This scope's instance of the handle `key` if created and the scope is open. */
  peek<T>(key: object): T | undefined {
    if (this.#state !== 'open') return undefined;
    return this.#slots.get(key)?.peek() as T | undefined;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    this.#state = 'closing';
    // Factories still running finish last, so their instances are the newest: they go first.
    const creating = [...this.#slots.values()].filter((slot) => slot.state === 'creating').reverse();
    const targets = [...creating, ...[...this.#created].reverse()];
    try {
      const failures = await disposeInOrder(targets, this.timeoutMs, this.logger);
      if (failures.length > 0) throw new ScopeDisposeError(this.name, failures.map((f) => f.error), targets.length);
    } finally {
      this.#slots.clear();
      this.#created.length = 0;
      this.#state = 'closed';
    }
  }

  #closedFor(scoped: string): ScopeClosedError {
    return new ScopeClosedError(this.name, `scoped value ${JSON.stringify(scoped)} is not created or handed out in it any more. Await all work that uses the scope inside its function`);
  }
}
