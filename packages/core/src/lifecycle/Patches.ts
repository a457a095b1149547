import { InvalidOptionError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A function as a patch sees the methods it wraps. */
export type PatchedMethod = (this: unknown, ...args: unknown[]) => unknown;

/** An event source with Node's EventEmitter shape. */
interface Listenable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * The changes an instrument makes to someone else's object (a pg pool, an opossum breaker) —
 * replaced properties, wrapped methods, added listeners — and their undo, newest first, at
 * `undo()`. After `undo()` a wrapper that could not be taken out (something replaced it again
 * after us) only passes calls through to the original. Undo failures are logged, never thrown.
 */
export class Patches {
  readonly #undo: (() => void)[] = [];
  #undone = false;

  /**
   * @param where the instrument, for messages (`instrumentPg`)
   * @param subject what it patches, for messages (`pool "db"`)
   * @param logger where undo problems go
   */
  constructor(
    readonly where: string,
    readonly subject: string,
    readonly logger: Logger,
  ) {}

  /** True once `undo()` ran. */
  get undone(): boolean {
    return this.#undone;
  }

  /**
   * Sets `target[key]` to `value` until `undo()`, then puts back what was there (deleting the own
   * property when the original came from the prototype). If something else replaced it after
   * us, ours is left in place (taking it out would drop theirs) and that is logged at debug level.
   */
  replace(target: object, key: PropertyKey, value: unknown): void {
    const t = target as Record<PropertyKey, unknown>;
    const own = Object.prototype.hasOwnProperty.call(t, key);
    const original = t[key];
    t[key] = value;
    this.#undo.push(() => {
      if (t[key] !== value) {
        this.logger.debug(`${this.where} (${this.subject}): ${String(key)} was replaced again after leakguard wrapped it; leaving it as it is (leakguard's layer now only passes calls through)`);
        return;
      }
      if (own) t[key] = original;
      else delete t[key];
    });
  }

  /**
   * Wraps method `key` of `target` with `make(original)` until `undo()`; afterwards a wrapper
   * still in place calls the original directly. Arguments, `this`, results and errors are the
   * caller's and the original's. Throws InvalidOptionError naming `what` when there is no such method.
   */
  wrap(target: object, key: PropertyKey, make: (original: PatchedMethod) => PatchedMethod, what: string): void {
    const original = (target as Record<PropertyKey, unknown>)[key];
    if (typeof original !== 'function') {
      throw new InvalidOptionError(`${this.where}: the ${what} has no ${String(key)}() method to instrument; is it the ${what} this instrument is for?`);
    }
    const instrumented = make(original as PatchedMethod);
    const undone = (): boolean => this.#undone;
    // A plain function, so `this` is whatever the caller used, as with the original.
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      return undone() ? (original as PatchedMethod).apply(this, args) : instrumented.apply(this, args);
    };
    this.replace(target, key, wrapper);
  }

  /** Adds `listener` for `event` on `emitter` until `undo()`. */
  listen(emitter: object, event: string, listener: (...args: never[]) => void): void {
    const e = emitter as Listenable;
    e.on(event, listener);
    this.#undo.push(() => e.removeListener(event, listener));
  }

  /** Runs `fn` at `undo()`, in its place among the other changes (newest first). */
  onUndo(fn: () => void): void {
    this.#undo.push(fn);
  }

  /** Takes every change back, newest first; each failure is logged and the rest still run. Idempotent. */
  undo(): void {
    if (this.#undone) return;
    this.#undone = true;
    for (const undo of this.#undo.splice(0).reverse()) {
      try {
        undo();
      } catch (error) {
        this.logger.warn(`${this.where} (${this.subject}): removing instrumentation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
