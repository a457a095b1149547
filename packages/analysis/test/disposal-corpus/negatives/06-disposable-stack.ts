// Handed to a DisposableStack or AsyncDisposableStack, which releases it when it is disposed.
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { launch } from 'corpus-browser';
import type { Mutex } from 'corpus-sync';

export function lockBoth(locks: Mutex, first: string, second: string, work: () => void): void {
  using stack = new DisposableStack();
  stack.use(locks.lock(first));
  const guard = locks.lock(second);
  stack.use(guard);
  work();
}

export function copyHeader(source: string, target: string): void {
  using stack = new DisposableStack();
  const input = fs.openSync(source, 'r');
  stack.defer(() => fs.closeSync(input));
  const output = stack.adopt(fs.openSync(target, 'w'), (fd) => fs.closeSync(fd));
  const buffer = Buffer.alloc(64);
  fs.writeSync(output, buffer, 0, fs.readSync(input, buffer, 0, 64, 0));
}

export async function snapshot(url: string, path: string): Promise<void> {
  await using stack = new AsyncDisposableStack();
  const browser = stack.use(await launch());
  const handle = await open(path, 'w');
  stack.use(handle);
  const page = await browser.newPage();
  await page.goto(url);
  await handle.write(await page.screenshot());
}

export async function openPair(left: string, right: string): Promise<AsyncDisposableStack> {
  await using stack = new AsyncDisposableStack();
  stack.use(await open(left, 'r'));
  stack.use(await open(right, 'r'));
  return stack.move();
}
