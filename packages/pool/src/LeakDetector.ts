import type { BoundCounter, Logger } from '@leakguard/core';

/** One borrowed resource being watched. `returned()` when it comes back. */
export interface LeakWatch {
  returned(): void;
}

const NOT_WATCHED: LeakWatch = { returned() {} };

/**
 * HikariCP-style leak detection: when `thresholdMs` > 0, `watch()` captures the acquire
 * site's stack and arms an unref'd timer; a lease still out at the threshold is logged once
 * with that stack and counted; when it finally comes back, a second line says so. With
 * `thresholdMs` 0 `watch()` returns a shared no-op: no stack, no timer, no cost.
 */
export class LeakDetector {
  readonly #pool: string;
  readonly #thresholdMs: number;
  readonly #logger: Logger;
  readonly #counter: BoundCounter;
  readonly #onLeak: () => void;
  readonly #armed = new Set<NodeJS.Timeout>();

  constructor(options: { pool: string; thresholdMs: number; logger: Logger; counter: BoundCounter; onLeak?: () => void }) {
    this.#pool = options.pool;
    this.#thresholdMs = options.thresholdMs;
    this.#logger = options.logger;
    this.#counter = options.counter;
    this.#onLeak = options.onLeak ?? (() => {});
  }

  get enabled(): boolean {
    return this.#thresholdMs > 0;
  }

  /** Timers armed now (one per lease out that has not yet crossed the threshold). */
  get armed(): number {
    return this.#armed.size;
  }

  /** The acquire site, captured where the caller called acquire() (undefined when detection is off). */
  site(): Error | undefined {
    return this.#thresholdMs > 0 ? new Error('acquired here') : undefined;
  }

  /** Starts watching a lease granted now; `site` from `site()` at the acquire call (default: here). */
  watch(site?: Error): LeakWatch {
    if (this.#thresholdMs <= 0) return NOT_WATCHED;
    site ??= new Error('acquired here');
    const acquiredAt = performance.now();
    let leaked = false;
    let done = false;
    const timer = setTimeout(() => {
      this.#armed.delete(timer);
      if (done) return;
      leaked = true;
      this.#counter.add(1);
      this.#onLeak();
      this.#logger.warn(
        `pool ${JSON.stringify(this.#pool)}: a lease has been held for more than ${this.#thresholdMs} ms (leakDetectionThresholdMs) and may have leaked; acquired at:\n${stackOf(site)}`,
        { pool: this.#pool, thresholdMs: this.#thresholdMs },
      );
    }, this.#thresholdMs);
    timer.unref();
    this.#armed.add(timer);
    return {
      returned: () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#armed.delete(timer);
        if (leaked) {
          const heldMs = Math.round(performance.now() - acquiredAt);
          this.#logger.info(`pool ${JSON.stringify(this.#pool)}: the lease reported as a possible leak came back after ${heldMs} ms`, { pool: this.#pool, heldMs });
        }
      },
    };
  }

  /** Clears every armed timer (on close). */
  close(): void {
    for (const t of this.#armed) clearTimeout(t);
    this.#armed.clear();
  }
}

/** The stack without its first line ("Error: acquired here") and without leakguard's own frames. */
function stackOf(error: Error): string {
  const lines = (error.stack ?? '').split('\n').slice(1);
  const outside = lines.filter((l) => !/[/\\]packages[/\\]pool[/\\](src|dist)[/\\]|@leakguard[/\\]pool|node:internal/.test(l));
  return (outside.length > 0 ? outside : lines).join('\n');
}
