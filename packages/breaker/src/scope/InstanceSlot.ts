import type { DisposeContext } from '@leakguard/core';
import type { DisposeTarget } from '@leakguard/core';
import { reportOpenResources } from '@leakguard/core';
import type { DisposeFunction } from './disposer.js';
import { canDispose, disposeValue, disposeValueSync } from './disposer.js';
import { NotDisposableError } from './errors.js';

/** `creating` while the factory runs; `disposed` is final. */
export type InstanceState = 'empty' | 'creating' | 'ready' | 'disposed';

/** What an InstanceSlot creates, how it releases it, and whom it tells. No defaults: callers pass all. */
export interface InstanceSlotOptions<T> {
  readonly name: string;
  readonly kind: 'scoped' | 'per-worker';
  readonly factory: () => T | PromiseLike<T>;
  readonly dispose: DisposeFunction<T> | undefined;
  /** What `get()` rejects with once the slot is disposed. */
  readonly closedError: () => Error;
  /** Told when an instance has been created (not when a creation fails or ends after disposal began). */
  readonly onCreated?: (slot: InstanceSlot<T>) => void;
}

/** Instances created and not yet disposed in this thread, by kind, for `leakguard.resources.open`. */
const live = { scoped: 0, 'per-worker': 0 };
reportOpenResources(live, (counts) => ({ ...counts }));

/**
 * The place one lazily created instance lives — in one scope, or in one thread. Concurrent
 * first `get()`s share one creation; a failed creation is not kept, so the next `get()` tries
 * again. Disposal happens at most once, also when it starts while the factory is still running
 * (it waits for the instance, then releases it, and callers waiting on `get()` get
 * `closedError` rather than an instance that is being released).
 */
export class InstanceSlot<T> implements DisposeTarget {
  readonly name: string;
  readonly kind: 'scoped' | 'per-worker';
  readonly #options: InstanceSlotOptions<T>;
  #state: InstanceState = 'empty';
  #value: T | undefined;
  /** The factory's own result, which disposal waits for. */
  #creation: Promise<T> | undefined;
  /** What concurrent `get()` callers share while the factory runs. */
  #pending: Promise<T> | undefined;
  #disposal: Promise<void> | undefined;

  constructor(options: InstanceSlotOptions<T>) {
    this.name = options.name;
    this.kind = options.kind;
    this.#options = options;
  }

  get state(): InstanceState {
    return this.#state;
  }

  get(): Promise<T> {
    if (this.#state === 'disposed') return Promise.reject(this.#options.closedError());
    if (this.#state === 'ready') return Promise.resolve(this.#value as T);
    if (this.#pending !== undefined) return this.#pending;
    const { factory, dispose, kind, name } = this.#options;
    this.#state = 'creating';
    const creation = (async () => factory())().then((value) => {
      if (!canDispose(value, dispose)) throw new NotDisposableError(kind === 'scoped' ? 'scoped value' : 'per-worker value', name);
      return value;
    });
    this.#creation = creation;
    this.#pending = creation.then(
      (value) => {
        this.#pending = undefined;
        // Disposal began while the factory ran: it releases this instance, so no caller gets it.
        if (this.#state === 'disposed') throw this.#options.closedError();
        this.#value = value;
        this.#state = 'ready';
        live[kind]++;
        this.#options.onCreated?.(this);
        return value;
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.#creation = undefined;
        if (this.#state !== 'disposed') this.#state = 'empty';
        throw error;
      },
    );
    return this.#pending;
  }

  /** The instance if created and not disposed; never starts a creation. */
  peek(): T | undefined {
    return this.#state === 'ready' ? this.#value : undefined;
  }

  /** Disposes the instance (waiting for a creation in flight); later calls return the first call's promise. */
  dispose(context: DisposeContext): Promise<void> {
    this.#disposal ??= this.#disposeOnce(context);
    return this.#disposal;
  }

  /**
   * For `process.on('exit')`: runs a synchronous disposer to its end and an asynchronous one up
   * to its first `await`. Does nothing if disposal already began. Throws what a synchronous
   * disposer throws; later failures go to `onLateError`.
   */
  disposeSync(onLateError: (error: unknown) => void): void {
    if (this.#disposal !== undefined) return;
    if (this.#state === 'creating') {
      // Cannot wait here; if the thread goes on after all, the instance is released when it arrives.
      this.dispose({ timeoutMs: 0 }).catch(onLateError);
      return;
    }
    const ready = this.#state === 'ready';
    const value = this.#value as T;
    if (ready) live[this.kind]--;
    this.#state = 'disposed';
    this.#value = undefined;
    this.#disposal = Promise.resolve();
    if (ready) disposeValueSync(value, this.#options.dispose, onLateError);
  }

  async #disposeOnce(context: DisposeContext): Promise<void> {
    const started = performance.now();
    const state = this.#state;
    const creation = this.#creation;
    let value = this.#value as T;
    if (state === 'ready') live[this.kind]--;
    this.#state = 'disposed';
    this.#value = undefined;
    if (state === 'creating' && creation !== undefined) {
      try {
        value = await creation;
      } catch {
        return; // Nothing was created, so nothing to release; get() callers see the creation error.
      }
    } else if (state !== 'ready') {
      return;
    }
    const timeoutMs = Math.max(0, Math.floor(context.timeoutMs - (performance.now() - started)));
    await disposeValue(value, this.#options.dispose, { timeoutMs });
  }
}
