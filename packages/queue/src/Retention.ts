/** What a queue remembers of a finished task. Times are epoch milliseconds. */
export interface TaskRecord {
  readonly id: string;
  readonly state: 'completed' | 'failed';
  readonly outcome: 'success' | 'failure' | 'timeout' | 'cancelled';
  readonly enqueuedAt: number;
  /** Undefined when the task never started (cancelled while queued). */
  readonly startedAt: number | undefined;
  readonly finishedAt: number;
  /** The error's name and message (undefined on success); the error itself is not kept (it may hold large objects). */
  readonly error: { readonly name: string; readonly message: string } | undefined;
}

/**
 * The most recent finished-task records, bounded by count and by age: a ring buffer of at
 * most `count` records in finish order, so the oldest is always at the head and an age sweep
 * stops at the first record young enough. Memory is O(count) however many tasks ran.
 */
export class Retention {
  readonly count: number;
  readonly ageMs: number;
  readonly #ring: (TaskRecord | undefined)[];
  /** performance.now() at finish, parallel to #ring, for age checks without Date. */
  readonly #finished: Float64Array;
  #head = 0;
  #size = 0;

  constructor(count: number, ageMs: number) {
    this.count = count;
    this.ageMs = ageMs;
    this.#ring = new Array<TaskRecord | undefined>(count);
    this.#finished = new Float64Array(count);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a record that finished at `now` (performance.now()); the oldest goes when full. */
  push(record: TaskRecord, now: number): void {
    const n = this.count;
    if (n === 0) return;
    const at = (this.#head + this.#size) % n;
    this.#ring[at] = record;
    this.#finished[at] = now;
    if (this.#size < n) this.#size++;
    else this.#head = (this.#head + 1) % n;
  }

  /** Drops records older than ageMs. */
  sweep(now: number): void {
    const n = this.count;
    while (this.#size > 0 && now - (this.#finished[this.#head] as number) >= this.ageMs) {
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % n;
      this.#size--;
    }
  }

  /** Oldest first. */
  list(): TaskRecord[] {
    const out: TaskRecord[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#ring[(this.#head + i) % this.count] as TaskRecord);
    return out;
  }
}
