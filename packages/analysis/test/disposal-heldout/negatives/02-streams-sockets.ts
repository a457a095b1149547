// Node streams and sockets close themselves when they end or fail (and `pipeline` destroys them on
// error); the policy leaves them out even though their types are AsyncDisposable.
import fs from 'node:fs';
import net from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export async function compress(source: string, target: string): Promise<void> {
  await pipeline(fs.createReadStream(source), createGzip(), fs.createWriteStream(target));
}

export async function countBytes(path: string): Promise<number> {
  const stream = fs.createReadStream(path);
  let total = 0;
  for await (const chunk of stream) total += (chunk as Buffer).length;
  return total;
}

export async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  const input = Readable.from(lines.map((line) => `${line}\n`));
  const output = fs.createWriteStream(path, { flags: 'a' });
  await pipeline(input, output);
}

export function notify(port: number, host: string, payload: string): void {
  const socket = net.connect(port, host);
  socket.setTimeout(2_000);
  socket.end(payload);
}
