// Reading a resource that a collection holds is not acquiring it: the collection's owner does.
import type { FileHandle } from 'node:fs/promises';
import type { PoolClient } from 'pg';

export async function touchFirst(handles: readonly FileHandle[], byName: ReadonlyMap<string, FileHandle>, name: string): Promise<void> {
  const first = handles[0];
  const last = handles.at(-1);
  const named = byName.get(name);
  await first?.sync();
  await last?.sync();
  await named?.sync();
}

export async function pingAll(clients: readonly PoolClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i];
    await client?.query('SELECT 1');
  }
}
