import { describe, expect, it } from 'vitest';
import { FileScanner } from '../src/fileScanner.js';
import type { BatchAnswer, FileEntry, WalkSkip } from '../src/scanBatch.js';
import { BatchResults, batchProgress, claimBatch, decodeFiles, encodeFiles, scanBatch } from '../src/scanBatch.js';
import { scanPaths } from '../src/scanPaths.js';
import { planScan, ScanTally, walkRoots } from '../src/scanPlan.js';
import { loadTypeScript } from '../src/typescript.js';
import { makeTree } from './support/tree.js';

describe('encodeFiles and decodeFiles', () => {
  it('carry a slice of the walked files through one string', () => {
    const files: FileEntry[] = [
      ['/r/a b.txt', 'a b.txt'],
      ['/r/dir/ü.md', 'dir/ü.md'],
      ['/r/c', 'c'],
    ];
    const into: FileEntry[] = [['/r/x', 'x']];
    decodeFiles(encodeFiles(files, 1, 3), into);
    decodeFiles(encodeFiles(files, 3, 3), into);
    expect(into).toEqual([['/r/x', 'x'], ...files.slice(1)]);
  });
});

describe('claimBatch', () => {
  it('hands out each file once, in order, up to the limit the caller knows of', () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    expect(claimBatch(counter, 5, 4)).toEqual({ start: 0, end: 4 });
    expect(claimBatch(counter, 5, 4)).toEqual({ start: 4, end: 5 });
    expect(claimBatch(counter, 5, 4)).toBeUndefined();
    expect(claimBatch(counter, 10, 4)).toEqual({ start: 5, end: 9 });
  });
});

describe('scanBatch and BatchResults', () => {
  it('rebuild the ScanResult of scanPaths from compact answers arriving in any order', () => {
    using tree = makeTree({
      'a.txt': 'nothing here\n',
      'b.txt': 'cd /home/ana\n',
      'c.bin': Buffer.from([1, 0, 2]),
      'd/e.ts': 'const p = "/Users/bob/x";\nfunction (\n',
      'd/f.js': '// leakguard-ignore-next-line no-home-path\nconst p = "/home/carl";\n',
      'g.md': 'plain\n',
      'h.txt': Buffer.from([0x2f, 0x68, 0x6f, 0x6d, 0x65, 0x2f, 0x64, 0x61, 0x6e, 0xff, 0x0a]),
    });
    tree.symlink('d/out', '/');
    const plan = planScan(['.'], { cwd: tree.dir });
    const files: FileEntry[] = [];
    const skips: WalkSkip[] = [];
    walkRoots(plan, {
      file: (path, file) => files.push([path, file]),
      skip: (file, reason, detail) => skips.push({ before: files.length, skipped: { file, reason, detail } }),
    });
    const scanner = new FileScanner({ maxFileBytes: plan.maxFileBytes, detector: plan.detector, typescript: loadTypeScript });
    const answers: BatchAnswer[] = [];
    for (let start = 0; start < files.length; start += 3) answers.push(scanBatch(scanner, files, start, Math.min(start + 3, files.length)));
    // Only files with something to report travel one by one.
    expect(answers.flatMap((a) => a.notable.map(([index]) => files[index]?.[1]))).toEqual(['b.txt', 'c.bin', 'd/e.ts', 'd/f.js', 'h.txt']);
    expect(answers.reduce((sum, a) => sum + batchProgress(a).filesScanned, 0)).toBe(files.length - 1);

    const results = new BatchResults(files.length);
    for (const answer of answers.slice(1).reverse()) results.add(answer);
    expect(results.missing()).toEqual([{ start: 0, end: 3 }]);
    results.add(answers[0] as BatchAnswer);
    results.add(answers[0] as BatchAnswer);
    expect(results.missing()).toEqual([]);
    const tally = new ScanTally(plan);
    results.tallyInto(tally, files, skips);
    expect(tally.result()).toEqual(scanPaths(['.'], { cwd: tree.dir }));
  });
});
