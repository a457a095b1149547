import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Runs a fixture under node with tsx and the `source` condition, as the repository's scripts do. */
function runFixture(name: string, timeoutMs: number) {
  return run(process.execPath, ['--import', 'tsx', '--conditions=source', fixture(name)], { cwd: repoRoot, timeout: timeoutMs });
}

describe('the tracker in other processes and threads', () => {
  it('lets a process that tracks handles exit on its own once they are closed', async () => {
    const started = performance.now();
    const { stdout } = await runFixture('tracker-exits.ts', 10_000);
    expect(JSON.parse(stdout.trim())).toEqual({ open: 0 });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('tracks handles inside a worker thread', async () => {
    const { stdout } = await runFixture('tracker-in-worker.ts', 10_000);
    const message = JSON.parse(stdout.trim()) as { whileOpen: string; afterClose: number };
    expect(message.whileOpen).toMatch(/^interval created at .*tracker-in-worker\.ts:\d+:\d+, age \d+ ms$/);
    expect(message.afterClose).toBe(0);
  });
});
