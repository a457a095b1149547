import { describe, expect, it } from 'vitest';
import { createBaseline, readBaseline, writeBaseline } from '../src/baseline.js';
import { BaselineError } from '../src/errors.js';
import { scanPaths } from '../src/scanPaths.js';
import { makeTree } from './support/tree.js';

describe('baselines', () => {
  it('round-trip: findings written to a baseline are left out of the next scan, a new one is not', () => {
    using tree = makeTree({ 'a.sh': 'cd /home/ana\n', 'b.md': 'see /Users/bob/x\n' });
    const first = scanPaths(['.'], { cwd: tree.dir });
    expect(first.findings).toHaveLength(2);
    writeBaseline(tree.path('baseline/leakguard-baseline.json'), first.findings);

    tree.write('a.sh', '# a line added above\ncd /home/ana\ncd /home/carl\n');
    const second = scanPaths(['.'], { cwd: tree.dir, baseline: readBaseline(tree.path('baseline/leakguard-baseline.json')) });
    expect(second.findings.map((f) => [f.file, f.line, f.user])).toEqual([['a.sh', 3, 'carl']]);
    expect(second.baselined).toBe(2);
  });

  it('matches the findings of the same directory scanned from another one', () => {
    using tree = makeTree({ 'proj/o.txt': '/home/ana\n' });
    writeBaseline(tree.path('b.json'), scanPaths(['proj'], { cwd: tree.dir }).findings);
    const inside = scanPaths(['.'], { cwd: tree.path('proj'), baseline: readBaseline(tree.path('b.json')) });
    expect(inside.findings).toEqual([]);
    expect(inside.baselined).toBe(1);
  });

  it('writes sorted entries without the line text or the path found', () => {
    using tree = makeTree({ 'z.txt': '/home/ana', 'a.txt': 'x\n/home/bob' });
    const result = scanPaths(['.'], { cwd: tree.dir });
    const baseline = writeBaseline(tree.path('b.json'), result.findings);
    expect(baseline.findings.map((e) => [e.file, e.line])).toEqual([
      ['a.txt', 2],
      ['z.txt', 1],
    ]);
    expect(Object.keys(baseline.findings[0] ?? {})).toEqual(['ruleId', 'file', 'fingerprint', 'line']);
    expect(tree.read('b.json')).not.toMatch(/\/home\//u);
    expect(readBaseline(tree.path('b.json'))).toEqual(baseline);
    expect(createBaseline([])).toEqual({ version: 1, findings: [] });
  });

  it('reads a baseline that starts with a UTF-8 byte order mark', () => {
    using tree = makeTree({ 'b.json': '\uFEFF{"version": 1, "findings": []}' });
    expect(readBaseline(tree.path('b.json'))).toEqual({ version: 1, findings: [] });
  });

  it('rejects missing and malformed baselines with a BaselineError naming the file', () => {
    using tree = makeTree({ 'v2.json': '{"version": 2, "findings": []}', 'bad.json': '{"version": 1, "findings": [{"file": "a"}]}', 'syntax.json': '{"version": 1,' });
    expect(() => readBaseline(tree.path('missing.json'))).toThrow(BaselineError);
    expect(() => readBaseline(tree.path('missing.json'))).toThrow(/missing\.json: no such file \(create it with --write-baseline\)/u);
    expect(() => readBaseline(tree.path('v2.json'))).toThrow(/v2\.json: unsupported baseline version 2 \(expected 1\)/u);
    expect(() => readBaseline(tree.path('bad.json'))).toThrow(/bad\.json: "findings\[0\]" must be an object with string "ruleId", "file" and "fingerprint"/u);
    expect(() => readBaseline(tree.path('syntax.json'))).toThrow(/syntax\.json:1:15: invalid JSON: unexpected end of input/u);
  });
});
