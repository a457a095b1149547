import { LeakguardError } from '../errors.js';

export interface SingleFlight<K, V> {
  /**
   * Runs `fn` for `key` unless a run for that key is in flight, in which case it returns
   * that run's promise. The key is forgotten once the run settles, so the next call after a
   * failure (or a success) starts a fresh run.
   */
  run(key: K, fn: () => V | PromiseLike<V>): Promise<V>;
  /** Whether a run for `key` is in flight. */
  has(key: K): boolean;
  /** Keys with a run in flight. */
  readonly size: number;
}

/** Deduplicates concurrent async work by key (Go's singleflight for Node). */
export function singleflight<K, V>(): SingleFlight<K, V> {
  const inFlight = new Map<K, Promise<V>>();
  return {
    run(key, fn) {
      const existing = inFlight.get(key);
      if (existing !== undefined) return existing;
      const p = (async () => fn())().finally(() => {
        inFlight.delete(key);
      });
      inFlight.set(key, p);
      return p;
    },
    has: (key) => inFlight.has(key),
    get size() {
      return inFlight.size;
    },
  };
}

/** `get()` was called on a Lazy that was disposed. */
export class LazyDisposedError extends LeakguardError {
  constructor(name: string) {
    super('LEAKGUARD_LAZY_DISPOSED', `lazy value ${JSON.stringify(name)} was disposed; create a new one`);
  }
}

export interface LazyOptions<T> {
  /** Names it in errors. Default `lazy`. */
  readonly name?: string;
  /** Releases the value on dispose (e.g. `(pool) => pool.close()`). */
  readonly dispose?: (value: T) => unknown;
}

export type LazyState = 'empty' | 'initialising' | 'ready' | 'disposed';

export interface Lazy<T> extends AsyncDisposable {
  /**
   * The value, initialised on first call. Concurrent callers share one initialisation;
   * if it fails they all get its error and the next call tries again.
   */
  get(): Promise<T>;
  /** The value if ready, else undefined; never starts initialisation. */
  peek(): T | undefined;
  readonly state: LazyState;
  /**
   * Waits for an initialisation in flight, disposes the value if there is one, and makes
   * later `get()` calls reject with LazyDisposedError (so do callers still waiting on an
   * initialisation that dispose interrupted: the value they would get is being released).
   * Idempotent.
   */
  dispose(): Promise<void>;
}

/**
 * Async initialisation run once however many callers race: the Node analogue of
 * double-checked locking, without the lock. A failed initialisation is not cached.
 */
export function lazy<T>(init: () => T | PromiseLike<T>, options: LazyOptions<T> = {}): Lazy<T> {
  const name = options.name ?? 'lazy';
  let state: LazyState = 'empty';
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  let initResult: Promise<T> | undefined;
  let disposing: Promise<void> | undefined;

  const get = (): Promise<T> => {
    if (state === 'disposed') return Promise.reject(new LazyDisposedError(name));
    if (state === 'ready') return Promise.resolve(value as T);
    if (pending !== undefined) return pending;
    state = 'initialising';
    initResult = (async () => init())();
    pending = initResult.then(
      (v) => {
        pending = undefined;
        // Disposed while initialising: dispose() releases the value, so no caller may get it.
        if (state === 'disposed') throw new LazyDisposedError(name);
        value = v;
        state = 'ready';
        return v;
      },
      (error: unknown) => {
        pending = undefined;
        if (state !== 'disposed') state = 'empty';
        throw error;
      },
    );
    return pending;
  };

  const dispose = (): Promise<void> => {
    disposing ??= (async () => {
      const inFlight = pending;
      const wasReady = state === 'ready';
      state = 'disposed';
      let v: T | undefined = wasReady ? value : undefined;
      let has = wasReady;
      if (inFlight !== undefined) {
        // The init's own result, not what callers see (they get LazyDisposedError).
        try {
          v = await initResult;
          has = true;
        } catch {
          has = false;
        }
      }
      value = undefined;
      if (has && options.dispose !== undefined) await options.dispose(v as T);
    })();
    return disposing;
  };

  return {
    get,
    peek: () => (state === 'ready' ? value : undefined),
    get state() {
      return state;
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
