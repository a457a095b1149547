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
      'src/a.ts': 'export const dir = "/home/ana/work";\n',
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
