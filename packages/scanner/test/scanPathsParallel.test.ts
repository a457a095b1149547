import { describe, expect, it } from 'vitest';
import { ScanInputError } from '../src/errors.js';
import { scanPaths } from '../src/scanPaths.js';
import { PARALLEL_MIN_FILES, scanPathsParallel } from '../src/scanPathsParallel.js';
import type { ScanProgress } from '../src/types.js';
import { makeTree } from './support/tree.js';

/** A tree large enough for worker threads, with findings, binary files, a parse error and a symlink spread through it. */
function largeTree(): ReturnType<typeof makeTree> {
  const tree = makeTree({ '.gitignore': 'ignored/\n' });
  for (let i = 0; i < PARALLEL_MIN_FILES + 300; i++) {
    const dir = `d${i % 37}`;
    if (i % 97 === 0) tree.write(`${dir}/f${i}.txt`, `line\ncd /home/ana${i}\n`);
    else if (i % 101 === 0) tree.write(`${dir}/f${i}.bin`, Buffer.from([1, 0, 2]));
    else if (i % 211 === 0) tree.write(`${dir}/f${i}.ts`, `const p = "/Users/bob${i}/x";\nfunction (\n`);
    else tree.write(`${dir}/f${i}.js`, `export const v${i} = ${i};\n`);
  }
  tree.write('ignored/x.txt', '/home/ana');
  tree.symlink('d0/out', '/');
  return tree;
}

describe('scanPathsParallel', () => {
  it('gives the same result as scanPaths with a worker thread, and reports progress', async () => {
    using tree = largeTree();
    const progress: ScanProgress[] = [];
    const parallel = await scanPathsParallel(['.'], { cwd: tree.dir, threads: 2, onProgress: (p) => progress.push(p) });
    const serial = scanPaths(['.'], { cwd: tree.dir });
    expect(parallel).toEqual(serial);
    expect(serial.findings.length).toBeGreaterThan(10);
    expect(serial.notes.length).toBeGreaterThan(0);
    expect(serial.skipped.some((s) => s.reason === 'symlink-outside-root')).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.filesScanned).toBe(serial.filesScanned);
  });

  it('gives the same result with more than one worker and with more threads than cores', async () => {
    using tree = largeTree();
    const serial = scanPaths(['.'], { cwd: tree.dir });
    expect(await scanPathsParallel(['.'], { cwd: tree.dir, threads: 3 })).toEqual(serial);
    expect(await scanPathsParallel(['d1', '.', 'd2'], { cwd: tree.dir, threads: 2 })).toEqual(scanPaths(['d1', '.', 'd2'], { cwd: tree.dir }));
  });

  it('scans in the calling thread with threads: 1 and for small trees, with the same result', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana', 'b.md': '/Users/bob' });
    const serial = scanPaths(['.'], { cwd: tree.dir });
    expect(await scanPathsParallel(['.'], { cwd: tree.dir, threads: 1 })).toEqual(serial);
    expect(await scanPathsParallel(['.'], { cwd: tree.dir })).toEqual(serial);
  });

  it('rejects a thread count that is not a positive whole number, and missing paths', async () => {
    using tree = makeTree({});
    await expect(scanPathsParallel(['.'], { cwd: tree.dir, threads: 0 })).rejects.toThrow(ScanInputError);
    await expect(scanPathsParallel(['.'], { cwd: tree.dir, threads: 1.5 })).rejects.toThrow(/"threads" must be a positive whole number/u);
    await expect(scanPathsParallel(['nope'], { cwd: tree.dir, threads: 2 })).rejects.toThrow('nope: no such file or directory');
  });
});
