import { describe, expect, it } from 'vitest';
import { writeBaseline } from '../src/baseline.js';
import { ConfigError } from '../src/errors.js';
import { expectNoHomePaths, HomePathAssertionError } from '../src/expectNoHomePaths.js';
import { scanPaths } from '../src/scanPaths.js';
import { makeTree } from './support/tree.js';

function thrownBy(fn: () => unknown): HomePathAssertionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HomePathAssertionError);
    return error as HomePathAssertionError;
  }
  throw new Error('expected expectNoHomePaths to throw');
}

describe('expectNoHomePaths', () => {
  it('returns the scan result when the tree is clean', () => {
    using tree = makeTree({ 'a.ts': 'export const a = 1;\n', 'img.png': Buffer.from([0]) });
    const result = expectNoHomePaths(tree.dir);
    expect(result.filesScanned).toBe(1);
    expect(result.skipped).toHaveLength(1);
  });

  it('throws a plain Error named HomePathAssertionError listing every finding as file:line:col  message', () => {
    using tree = makeTree({ 'src/a.ts': 'const a = "/home/ana";\n', 'docs/b.md': '\n\n  /Users/bob\n' });
    const error = thrownBy(() => expectNoHomePaths(tree.dir));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HomePathAssertionError');
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`expected no hard-coded home-directory paths in ${tree.dir}, found 2 home-directory paths in 2 files (2 files scanned, 0 skipped):`);
    expect(lines[1]).toMatch(/^ {2}docs\/b\.md:3:3 {2}.*"bob"/u);
    expect(lines[2]).toMatch(/^ {2}src\/a\.ts:1:12 {2}.*"ana"/u);
    expect(lines[3]).toContain('leakguard-ignore-next-line no-home-path');
    expect(error.findings.map((f) => f.file)).toEqual(['docs/b.md', 'src/a.ts']);
  });

  it('reads leakguard.config.json in the directory, and combines it with the options', () => {
    using tree = makeTree({
      'leakguard.config.json': JSON.stringify({ paths: { ignore: ['fixtures/'], allowUsers: ['ana'] } }),
      'fixtures/x.txt': '/home/zed',
      'a.txt': '/home/ana /home/bob',
    });
    expect(thrownBy(() => expectNoHomePaths(tree.dir)).findings.map((f) => f.user)).toEqual(['bob']);
    expect(() => expectNoHomePaths(tree.dir, { allowUsers: ['bob'] })).not.toThrow();
    expect(thrownBy(() => expectNoHomePaths(tree.dir, { config: false, allowUsers: ['bob'] })).findings.map((f) => f.user)).toEqual(['ana', 'zed']);
  });

  it('reads another config file when told, and fails on an invalid one', () => {
    using tree = makeTree({ 'conf/strict.json': '{"paths": {"allowUsers": ["bob"]}}', 'bad.json': '{"paths": {"nope": 1}}', 'a.txt': '/home/bob' });
    expect(() => expectNoHomePaths(tree.dir, { config: 'conf/strict.json' })).not.toThrow();
    expect(() => expectNoHomePaths(tree.dir, { config: 'bad.json' })).toThrow(ConfigError);
  });

  it('anchors the ignore patterns of another config file to that file\'s directory, and those of the options to dir', () => {
    using tree = makeTree({ 'conf/x.json': '{"paths": {"ignore": ["/src/"]}}', 'src/b.txt': '/home/bob', 'conf/src/c.txt': '/home/carl', 'fixtures/d.txt': '/home/dan' });
    expect(thrownBy(() => expectNoHomePaths(tree.dir, { config: 'conf/x.json' })).findings.map((f) => f.user)).toEqual(['dan', 'bob']);
    expect(thrownBy(() => expectNoHomePaths(tree.dir, { config: 'conf/x.json', ignore: ['/fixtures/'] })).findings.map((f) => f.user)).toEqual(['bob']);
  });

  it('anchors the ignore patterns of a config file above dir to that file\'s directory too', () => {
    using tree = makeTree({ 'top.json': '{"paths": {"ignore": ["pkg/fixtures/"]}}', 'pkg/fixtures/e.txt': '/home/eve', 'pkg/src/f.txt': '/home/fay', 'pkg/g.txt': '/home/gus' });
    expect(thrownBy(() => expectNoHomePaths(tree.path('pkg'), { config: '../top.json', ignore: ['/src/'] })).findings.map((f) => f.user)).toEqual(['gus']);
  });

  it('accepts a baseline file or object: only new findings fail', () => {
    using tree = makeTree({ 'a.txt': '/home/ana\n' });
    writeBaseline(tree.path('baseline.json'), scanPaths(['.'], { cwd: tree.dir }).findings);
    expect(expectNoHomePaths(tree.dir, { baseline: 'baseline.json' }).baselined).toBe(1);
    tree.write('b.txt', '/home/bob\n');
    expect(thrownBy(() => expectNoHomePaths(tree.dir, { baseline: 'baseline.json' })).findings.map((f) => f.user)).toEqual(['bob']);
  });
});
