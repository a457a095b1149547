// Resources kept by an object that releases them: file handles in a set its close() closes, and a
// pg.Client in a field its end() ends.
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export class SegmentWriter {
  readonly #open = new Set<FileHandle>();
  readonly #byName = new Map<string, FileHandle>();

  constructor(private readonly dir: string) {}

  async segment(name: string): Promise<FileHandle> {
    const existing = this.#byName.get(name);
    if (existing !== undefined) return existing;
    const handle = await fs.promises.open(path.join(this.dir, `${name}.seg`), 'a');
    this.#open.add(handle);
    this.#byName.set(name, handle);
    return handle;
  }

  async preopen(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const handle = await fs.promises.open(path.join(this.dir, `${name}.seg`), 'a');
      this.#open.add(handle);
    }
  }

  async close(): Promise<void> {
    const handles = [...this.#open];
    this.#open.clear();
    this.#byName.clear();
    await Promise.all(handles.map((handle) => handle.close()));
  }
}

export class JobListener {
  #client: pg.Client | undefined;

  async open(connectionString: string): Promise<void> {
    this.#client = new pg.Client({ connectionString });
    await this.#client.connect();
    await this.#client.query('LISTEN jobs');
  }

  async end(): Promise<void> {
    await this.#client?.end();
    this.#client = undefined;
  }
}
