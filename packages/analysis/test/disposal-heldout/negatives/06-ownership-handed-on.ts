// Ownership moves: returned to the caller (as a promise, from a getter), passed to a constructor
// that owns it, or handed to user code.
import type { Pool, PoolClient } from 'pg';
import { Stopwatch } from 'heldout-metrics';

export class Session implements AsyncDisposable {
  constructor(readonly client: PoolClient) {}

  async [Symbol.asyncDispose](): Promise<void> {
    this.client.release();
  }
}

export async function openSession(pool: Pool): Promise<Session> {
  return new Session(await pool.connect());
}

export function connectLater(pool: Pool): Promise<PoolClient> {
  return pool.connect();
}

export async function tracked(pool: Pool, track: (client: PoolClient) => void): Promise<void> {
  const client = await pool.connect();
  track(client);
  await client.query('SELECT 1');
}

export class Clock {
  /** A new stopwatch per read; the reader owns it. */
  get stopwatch(): Stopwatch {
    return new Stopwatch();
  }

  time<T>(work: () => T): [T, number] {
    using watch = this.stopwatch;
    const result = work();
    return [result, watch.elapsedMs()];
  }
}
