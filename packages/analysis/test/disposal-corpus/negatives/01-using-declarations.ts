// `using` and `await using` release on every path by construction.
import { open } from 'node:fs/promises';
import { launch } from 'corpus-browser';
import type { Mutex } from 'corpus-sync';

export function withLock(locks: Mutex, key: string, work: () => void): void {
  using guard = locks.lock(key);
  work();
}

export async function pageTitle(url: string): Promise<string> {
  await using browser = await launch();
  const page = await browser.newPage();
  await page.goto(url);
  return await page.title();
}

export async function firstLine(path: string): Promise<string> {
  await using handle = await open(path, 'r');
  const text = await handle.readFile('utf8');
  return text.split('\n', 1)[0] ?? '';
}
