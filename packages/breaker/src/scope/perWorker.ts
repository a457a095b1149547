import type { DisposeContext, Logger, Registration, ResourceRegistry } from '@leakguard/core';
import { InvalidOptionError, assertInteger, assertName, defaultResourceRegistry, stderrLogger } from '@leakguard/core';
import { disposeInOrder } from '@leakguard/core';
import type { DisposeFunction } from './disposer.js';
import { PerWorkerDisposedError } from './errors.js';
import type { InstanceState } from './InstanceSlot.js';
import { InstanceSlot } from './InstanceSlot.js';
import type { ThreadMember } from './threadExitHooks.js';
import { joinThread, leaveThread } from './threadExitHooks.js';

/** Options of `perWorker`; all optional. */
export interface PerWorkerOptions<T> {
  /** Names the value in errors, logs and its registry entry. 1-64 characters, a letter first. Default `per-worker`. */
  readonly name?: string;
  /**
   * Releases the instance, instead of its own `[Symbol.asyncDispose]`, `[Symbol.dispose]` or
   * `close()` (tried in that order; at process exit `[Symbol.dispose]` comes first). Required
   * when the instance has none of them. Default: none.
   */
  readonly dispose?: DisposeFunction<T>;
  /** Deadline for `dispose()` and for asynchronous disposal when the thread ends. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Where the instance registers when first asked for, so `disposeAll()` and
   * `installShutdownHooks()` dispose it. Default: this thread's `defaultResourceRegistry()` —
   * the process-wide one on the main thread; a worker's own one in a worker (which its code may
   * dispose on a stop message).
   */
  readonly registry?: ResourceRegistry;
  /** Told about disposals that fail as the thread ends, when no caller is left to catch them. Default: stderr. */
  readonly logger?: Logger;
}

/** One instance per thread: per worker thread, and one for the main thread. */
export interface PerWorker<T> extends AsyncDisposable {
  readonly name: string;
  readonly state: InstanceState;
  /**
   * This thread's instance, created on first call; concurrent first calls share one creation.
   * Rejects with the factory's error (not kept: the next call tries again),
   * NotDisposableError, PerWorkerDisposedError once disposed, or RegistryClosedError when its
   * registry has shut down.
   */
  get(): Promise<T>;
  /** This thread's instance if created; never creates one. */
  peek(): T | undefined;
  /**
   * Disposes this thread's instance now, within `timeoutMs`; later `get()` calls reject.
   * Rejects with core's DisposeError or DisposeTimeoutError. Idempotent.
   */
  dispose(): Promise<void>;
}

/**
 * Declares a value with one instance per thread. Modules are loaded once per thread, so
 * declare it at module level: each worker (and the main thread) gets its own handle and its
 * own instance, created on the first `get()` there.
 *
 * The instance is disposed when its thread ends — see README-scope.md for exactly when:
 * asynchronously (awaited, within `timeoutMs`) when the thread's event loop empties or a
 * worker closes its `parentPort`; only synchronously on `process.exit()` or an uncaught
 * exception; not at all on `worker.terminate()`, where no JavaScript runs (Node itself closes
 * the thread's sockets, servers and file descriptors). It is also registered in `registry`, so
 * a shutdown disposes it. Options: see PerWorkerOptions (defaults: name `per-worker`,
 * timeoutMs 10 000, registry the thread's default, logger stderr).
 */
export function perWorker<T>(factory: () => T | PromiseLike<T>, options: PerWorkerOptions<T> = {}): PerWorker<T> {
  return new PerWorkerImpl(factory, options);
}

class PerWorkerImpl<T> implements PerWorker<T> {
  readonly name: string;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #registry: ResourceRegistry | undefined;
  readonly #slot: InstanceSlot<T>;
  readonly #member: ThreadMember;
  #registration: Registration | undefined;
  #released = false;

  constructor(factory: () => T | PromiseLike<T>, options: PerWorkerOptions<T>) {
    if (typeof factory !== 'function') throw new InvalidOptionError('perWorker: the first argument must be a factory function creating the instance');
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('perWorker: options must be an object ({ name?, dispose?, timeoutMs?, registry?, logger? })');
    this.name = assertName('perWorker', options.name ?? 'per-worker');
    const where = `perWorker(${JSON.stringify(this.name)})`;
    if (options.dispose !== undefined && typeof options.dispose !== 'function') throw new InvalidOptionError(`${where}: dispose must be a function (instance, { timeoutMs }) => ...`);
    this.#timeoutMs = assertInteger(where, 'timeoutMs', options.timeoutMs ?? 10_000, 0, 2_147_483_647);
    this.#logger = options.logger ?? stderrLogger;
    this.#registry = options.registry;
    const name = this.name;
    this.#slot = new InstanceSlot<T>({
      name,
      kind: 'per-worker',
      factory,
      dispose: options.dispose,
      closedError: () => new PerWorkerDisposedError(name),
      // Moved to newest, so the thread disposes it before instances created earlier.
      onCreated: () => {
        if (!this.#released) joinThread(this.#member);
      },
    });
    const slot = this.#slot;
    const release = (): void => this.#release();
    const logger = this.#logger;
    this.#member = {
      name,
      kind: 'per-worker',
      timeoutMs: this.#timeoutMs,
      logger,
      dispose(context: DisposeContext) {
        release();
        return slot.dispose(context);
      },
      disposeSync() {
        release();
        slot.disposeSync((error) => logger.error(`per-worker value ${JSON.stringify(name)} failed to dispose after the thread began to exit: ${error instanceof Error ? error.message : String(error)}`, { error }));
      },
    };
  }

  get state(): InstanceState {
    return this.#slot.state;
  }

  get(): Promise<T> {
    if (this.#slot.state !== 'empty' || this.#released) return this.#slot.get();
    // First creation in this thread (or a retry after a failed one): register before the
    // factory runs, so a shutdown that starts meanwhile still disposes what it creates.
    if (this.#registration === undefined) {
      try {
        this.#registration = (this.#registry ?? defaultResourceRegistry()).register((context: DisposeContext) => this.#member.dispose(context), {
          name: this.name,
          kind: 'per-worker',
        });
      } catch (error) {
        return Promise.reject(error);
      }
    }
    joinThread(this.#member);
    return this.#slot.get().catch((error: unknown) => {
      // Nothing was created: hold no registration or exit hooks for it.
      if (this.#slot.state === 'empty') this.#forget();
      throw error;
    });
  }

  peek(): T | undefined {
    return this.#slot.peek();
  }

  async dispose(): Promise<void> {
    const [failure] = await disposeInOrder([this.#member], this.#timeoutMs, this.#logger);
    if (failure !== undefined) throw failure.error;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  /** Disposal began (by any path): nothing else should start it. */
  #release(): void {
    this.#released = true;
    this.#forget();
  }

  #forget(): void {
    this.#registration?.unregister();
    this.#registration = undefined;
    leaveThread(this.#member);
  }
}
