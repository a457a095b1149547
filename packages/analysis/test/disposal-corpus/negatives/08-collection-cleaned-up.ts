// Kept in a collection that its owner empties and releases on close.
import fs from 'node:fs';
import type { Pool, PoolClient } from 'pg';

export class SegmentFiles {
  private readonly open = new Map<string, number>();

  descriptor(path: string): number {
    let fd = this.open.get(path);
    if (fd === undefined) {
      fd = fs.openSync(path, 'a');
      this.open.set(path, fd);
    }
    return fd;
  }

  close(): void {
    for (const fd of this.open.values()) fs.closeSync(fd);
    this.open.clear();
  }
}

export class ClientReserve {
  private readonly clients: PoolClient[] = [];

  constructor(private readonly pool: Pool) {}

  async reserve(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const client = await this.pool.connect();
      this.clients.push(client);
    }
  }

  close(): void {
    for (const client of this.clients.splice(0)) client.release();
  }
}

export function withTimers(tasks: ReadonlyArray<() => void>, run: () => void): void {
  const timers = new Set<NodeJS.Timeout>();
  try {
    for (const task of tasks) timers.add(setInterval(task, 1000));
    run();
  } finally {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
  }
}
