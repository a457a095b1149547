// Parameters and properties are resources someone else acquired and someone else releases.
import type { FileHandle } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import type { Lease } from 'corpus-lease-pool';

export async function appendTo(handle: FileHandle, line: string): Promise<void> {
  await handle.appendFile(`${line}\n`);
}

export class Importer {
  constructor(private readonly client: PoolClient) {}

  async importRow(values: readonly unknown[]): Promise<void> {
    const client = this.client;
    await client.query('INSERT INTO rows SELECT * FROM json_populate_record(NULL::rows, $1)', [values]);
  }
}

export function peek<T>(lease: Lease<T>): T {
  const held = lease;
  return held.resource;
}
