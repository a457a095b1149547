import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ScanInputError } from '../src/errors.js';
import { scanPaths } from '../src/scanPaths.js';
import type { ScanProgress } from '../src/types.js';
import { makeTree } from './support/tree.js';

/** The typescript module, counting how often the scanner touches it. */
function countingTypeScript(): { module: typeof ts; uses: () => number } {
  let uses = 0;
  const module = new Proxy(ts, {
    get(target, key, receiver) {
      uses++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { module, uses: () => uses };
}

describe('scanPaths', () => {
  it('reports findings in walk order with counts of files, bytes, skipped and suppressed', () => {
    const scannedFiles = {
      'src/a.ts': 'export const dir = "/home/ana/repo";\n',
      'docs/setup.md': 'Clone into /Users/bob/src.\n<!-- leakguard-ignore-next-line no-home-path -->\nOr /Users/carl/src.\n',
      'clean.txt': 'nothing\n',
    };
    using tree = makeTree({
      ...scannedFiles,
      'img.png': Buffer.from([0x89, 0x50, 0x00]),
      'dump.sql': 'x'.repeat(300),
    });
    const result = scanPaths(['.'], { cwd: tree.dir, maxFileBytes: 200 });
    expect(result.root).toBe(tree.dir);
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.user])).toEqual([
      ['docs/setup.md', 1, 12, 'bob'],
      ['src/a.ts', 1, 21, 'ana'],
    ]);
    expect(result.skipped).toEqual([
      { file: 'dump.sql', reason: 'too-large', detail: '300 bytes, over the 200 bytes limit' },
      { file: 'img.png', reason: 'binary', detail: 'a NUL byte in the first 8 KiB' },
    ]);
    expect(result.filesScanned).toBe(3);
    expect(result.bytesScanned).toBe(Object.values(scannedFiles).reduce((sum, text) => sum + Buffer.byteLength(text), 0));
    expect(result.suppressed).toBe(1);
    expect(result.baselined).toBe(0);
    expect(result.notes).toEqual([]);
  });

  it('defaults to the current directory and scans overlapping paths once', () => {
    using tree = makeTree({ 'a/x.txt': '/home/ana', 'b.txt': '/home/bob' });
    const result = scanPaths(['.', 'a', 'a/x.txt'], { cwd: tree.dir });
    expect(result.findings.map((f) => f.file)).toEqual(['a/x.txt', 'b.txt']);
    expect(result.filesScanned).toBe(2);
    expect(scanPaths([], { cwd: tree.dir }).filesScanned).toBe(2);
  });

  it('outside a git checkout, applies the .gitignore files of the cwd to a directory below it, as when scanning the cwd', () => {
    using tree = makeTree({ '.gitignore': '*.log\n', 'sub/a.log': '/home/ana', 'sub/b.txt': 'b' });
    for (const path of ['.', 'sub']) {
      const result = scanPaths([path], { cwd: tree.dir });
      expect(result.findings, path).toEqual([]);
      expect(result.filesScanned, path).toBe(path === '.' ? 2 : 1);
    }
  });

  it('names files relative to the git worktree root when every path is inside one, wherever it runs from', () => {
    using tree = makeTree({ '.git/HEAD': '', 'pkg/a.txt': '/home/ana', 'pkg/sub/b.txt': '/home/bob', 'docs/c.md': '/home/carl' });
    const fromPkg = scanPaths(['.'], { cwd: tree.path('pkg') });
    expect(fromPkg.root).toBe(tree.dir);
    expect(fromPkg.findings.map((f) => f.file)).toEqual(['pkg/a.txt', 'pkg/sub/b.txt']);
    const fromTop = scanPaths(['pkg'], { cwd: tree.dir });
    expect(fromTop.findings).toEqual(fromPkg.findings);
    expect(scanPaths(['sub', '../docs/c.md'], { cwd: tree.path('pkg') }).findings.map((f) => f.file)).toEqual(['pkg/sub/b.txt', 'docs/c.md']);
  });

  it('outside a git checkout, names files relative to the one directory scanned, even above the cwd', () => {
    using tree = makeTree({ 'proj/p.txt': '/home/ana', 'other/o.txt': '/home/bob' });
    const other = scanPaths(['../other'], { cwd: tree.path('proj') });
    expect(other.root).toBe(tree.path('other'));
    expect(other.findings.map((f) => f.file)).toEqual(['o.txt']);
    expect(scanPaths(['proj'], { cwd: tree.dir }).findings).toEqual(scanPaths(['.'], { cwd: tree.path('proj') }).findings);
  });

  it('outside a git checkout, names several paths or a file relative to the cwd, or to the directory holding them all when the cwd does not', () => {
    using tree = makeTree({ 'proj/p.txt': '/home/ana', 'proj/q/r.txt': '/home/rob', 'other/o.txt': '/home/bob' });
    const proj = tree.path('proj');
    const files = (paths: string[]) => scanPaths(paths, { cwd: proj });
    expect(files(['p.txt', 'q']).root).toBe(proj);
    expect(files(['p.txt', 'q']).findings.map((f) => f.file)).toEqual(['p.txt', 'q/r.txt']);
    expect(files(['q/r.txt']).findings.map((f) => f.file)).toEqual(['q/r.txt']);
    expect(files(['../other/o.txt']).root).toBe(tree.path('other'));
    expect(files(['../other/o.txt']).findings.map((f) => f.file)).toEqual(['o.txt']);
    const both = files(['../other', '.']);
    expect(both.root).toBe(tree.dir);
    expect(both.findings.map((f) => f.file)).toEqual(['other/o.txt', 'proj/p.txt', 'proj/q/r.txt']);
  });

  it('names paths in different git worktrees relative to the cwd, or the directory holding them', () => {
    using tree = makeTree({ 'a/.git/HEAD': '', 'a/x.txt': '/home/ana', 'b/.git/HEAD': '', 'b/y.txt': '/home/bob' });
    expect(scanPaths(['a', 'b'], { cwd: tree.dir }).findings.map((f) => f.file)).toEqual(['a/x.txt', 'b/y.txt']);
    expect(scanPaths(['.', '../b'], { cwd: tree.path('a') }).findings.map((f) => f.file)).toEqual(['a/x.txt', 'b/y.txt']);
  });

  it('passes allowUsers to the detector', () => {
    using tree = makeTree({ 'a.txt': '/home/ana /home/bob' });
    expect(scanPaths(['.'], { cwd: tree.dir, allowUsers: ['ana'] }).findings.map((f) => f.user)).toEqual(['bob']);
  });

  it('reports progress after every file', () => {
    using tree = makeTree({ 'a.txt': '/home/ana', 'b.txt': 'b', 'c.bin': Buffer.from([0]) });
    const seen: ScanProgress[] = [];
    scanPaths(['.'], { cwd: tree.dir, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { filesScanned: 1, bytesScanned: 9, findings: 1 },
      { filesScanned: 2, bytesScanned: 10, findings: 1 },
      { filesScanned: 2, bytesScanned: 10, findings: 1 },
    ]);
  });

  it('checks every path before scanning any, and rejects invalid options', () => {
    using tree = makeTree({ 'a.txt': '/home/ana' });
    let progressCalls = 0;
    expect(() => scanPaths(['a.txt', 'typo'], { cwd: tree.dir, onProgress: () => progressCalls++ })).toThrow(new ScanInputError('typo: no such file or directory'));
    expect(progressCalls).toBe(0);
    expect(() => scanPaths(['.'], { cwd: tree.dir, maxFileBytes: 0 })).toThrow(/invalid scan options: "maxFileBytes" must be a positive whole number/u);
    expect(() => scanPaths(['.'], { cwd: tree.dir, allowPatterns: ['['] })).toThrow(ScanInputError);
  });

  it('parses JS/TS only when the file holds a candidate', () => {
    using tree = makeTree({ 'a.ts': 'export const a = 1;\n', 'b.js': 'const b = "/var/lib/x";\n', 'c.md': '/home/ana\n' });
    const typescript = countingTypeScript();
    scanPaths(['.'], { cwd: tree.dir, typescript: typescript.module });
    expect(typescript.uses()).toBe(0);
    tree.write('d.ts', 'export const d = "/home/ana/x";\n');
    const result = scanPaths(['.'], { cwd: tree.dir, typescript: typescript.module });
    expect(typescript.uses()).toBeGreaterThan(0);
    expect(result.findings.map((f) => f.file)).toEqual(['c.md', 'd.ts']);
  });

  it('keeps fingerprints when lines are inserted above a finding', () => {
    using tree = makeTree({ 'a.ts': 'const a = "/home/ana/x";\n' });
    const before = scanPaths(['.'], { cwd: tree.dir }).findings[0];
    tree.write('a.ts', '// header\n\n  const a = "/home/ana/x";\n');
    const after = scanPaths(['.'], { cwd: tree.dir }).findings[0];
    expect(after?.line).toBe(3);
    expect(after?.fingerprint).toBe(before?.fingerprint);
  });
});
