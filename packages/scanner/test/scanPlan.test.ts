import { describe, expect, it } from 'vitest';
import { ScanInputError } from '../src/errors.js';
import { DEFAULT_MAX_FILE_BYTES, planScan, walkPaths } from '../src/scanPlan.js';
import { makeTree } from './support/tree.js';

function visited(walk: (visitor: { file: (p: string, f: string) => void; skip: (f: string) => void }) => void): string[] {
  const out: string[] = [];
  walk({ file: (_p, f) => out.push(f), skip: (f) => out.push(`skip:${f}`) });
  return out;
}

describe('planScan', () => {
  it('resolves defaults', () => {
    using tree = makeTree({});
    const plan = planScan([], { cwd: tree.dir });
    expect(plan.paths).toEqual(['.']);
    expect(plan.maxFileBytes).toBe(DEFAULT_MAX_FILE_BYTES);
    expect(DEFAULT_MAX_FILE_BYTES).toBe(2_097_152);
    expect(plan.root).toBe(tree.dir);
    expect(plan.walk).toEqual({ cwd: tree.dir, root: tree.dir, ignore: undefined, ignoreBase: tree.dir });
  });

  it('checks every path and the options before anything is walked', () => {
    using tree = makeTree({ 'a.txt': '' });
    expect(() => planScan(['a.txt', 'b.txt'], { cwd: tree.dir })).toThrow(new ScanInputError('b.txt: no such file or directory'));
    expect(() => planScan(['.'], { cwd: tree.dir, extraForms: ['/srv/(\\w+)'] })).toThrow(/needs a named group "user"/u);
  });
});

describe('walkPaths', () => {
  it('walks the paths in the order given, visiting each entry once across overlapping paths', () => {
    using tree = makeTree({ 'a/1.txt': '', 'a/b/2.txt': '', 'a/b/c/3.txt': '', 'd.txt': '', 'e/4.txt': '' });
    tree.symlink('a/out', '/');
    const plan = planScan(['a/b', '.', 'e/4.txt'], { cwd: tree.dir });
    expect(visited((v) => walkPaths(plan, v))).toEqual(['a/b/2.txt', 'a/b/c/3.txt', 'a/1.txt', 'skip:a/out', 'd.txt', 'e/4.txt']);
  });
});
