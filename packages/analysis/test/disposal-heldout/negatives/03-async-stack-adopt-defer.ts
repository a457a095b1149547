// A workspace opens a lock file, a log and a heartbeat under an AsyncDisposableStack (`adopt`,
// `use`, `defer`), and hands the whole stack to the caller with `move()`.
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface Workspace extends AsyncDisposable {
  readonly log: FileHandle;
}

export async function openWorkspace(dir: string, heartbeat: () => void): Promise<Workspace> {
  await using stack = new AsyncDisposableStack();
  const lockFd = fs.openSync(path.join(dir, '.lock'), 'wx');
  stack.adopt(lockFd, (fd) => fs.closeSync(fd));
  const log = stack.use(await fs.promises.open(path.join(dir, 'workspace.log'), 'a'));
  const timer = setInterval(heartbeat, 1_000);
  stack.defer(() => clearInterval(timer));
  await log.appendFile(`opened ${new Date().toISOString()}\n`);
  const owned = stack.move();
  return { log, [Symbol.asyncDispose]: () => owned.disposeAsync() };
}

export function withScratch<T>(dir: string, work: (fd: number) => T): T {
  using stack = new DisposableStack();
  const fd = fs.openSync(path.join(dir, 'scratch'), 'w+');
  stack.defer(() => fs.closeSync(fd));
  return work(fd);
}
