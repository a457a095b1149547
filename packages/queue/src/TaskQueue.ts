/**
 * First-in first-out within a priority, higher priority first. Priority 0 (the common case)
 * lives in its own array; other priorities get a bucket each, found through a sorted list of
 * the priorities present. Entries removed early (aborted while queued) are skipped lazily,
 * so removal is O(1); `size` counts only live entries.
 */
export class TaskQueue<T extends { queued: boolean }> {
  readonly #zero = new Bucket<T>();
  readonly #buckets = new Map<number, Bucket<T>>();
  /** Priorities with a bucket, highest first. */
  #priorities: number[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: T, priority: number): void {
    this.#size++;
    if (priority === 0) {
      this.#zero.push(item);
      return;
    }
    let bucket = this.#buckets.get(priority);
    if (bucket === undefined) {
      bucket = new Bucket<T>();
      this.#buckets.set(priority, bucket);
      this.#priorities.push(priority);
      this.#priorities.sort((a, b) => b - a);
    }
    bucket.push(item);
  }

  /** Marks an entry gone (it is skipped when reached). The caller sets `queued = false`. */
  removed(): void {
    this.#size--;
  }

  /** The next live entry, or undefined. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    for (const p of this.#priorities) {
      if (p < 0) break;
      const item = this.#take(p);
      if (item !== undefined) return item;
    }
    const zero = this.#zero.shift();
    if (zero !== undefined) {
      this.#size--;
      return zero;
    }
    for (const p of this.#priorities) {
      if (p > 0) continue;
      const item = this.#take(p);
      if (item !== undefined) return item;
    }
    return undefined;
  }

  /** Every live entry, removed from the queue (for close). */
  drain(): T[] {
    const out: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) out.push(item);
    return out;
  }

  #take(priority: number): T | undefined {
    const bucket = this.#buckets.get(priority) as Bucket<T>;
    const item = bucket.shift();
    if (bucket.empty) {
      this.#buckets.delete(priority);
      this.#priorities = this.#priorities.filter((x) => x !== priority);
    }
    if (item !== undefined) this.#size--;
    return item;
  }
}

/** An array queue with a moving head; skips entries no longer queued. */
class Bucket<T extends { queued: boolean }> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get empty(): boolean {
    return this.#head >= this.#items.length;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    const items = this.#items;
    while (this.#head < items.length) {
      const item = items[this.#head];
      items[this.#head++] = undefined;
      if (item !== undefined && item.queued) {
        this.#compact();
        return item;
      }
    }
    this.#compact();
    return undefined;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
