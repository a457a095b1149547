import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanInputError } from '../../src/errors.js';
import type { WalkOptions } from '../../src/walk/walkPath.js';
import { walkPath } from '../../src/walk/walkPath.js';
import type { SkipReason } from '../../src/types.js';
import { makeTree, permissionsAreEnforced } from '../support/tree.js';

interface Walked {
  readonly files: string[];
  readonly skipped: [string, SkipReason, string][];
}

/** `walkPath` with names relative to `options.root`, by default the cwd. */
function walk(given: string, options: Omit<WalkOptions, 'root'> & { root?: string }): Walked {
  const files: string[] = [];
  const skipped: [string, SkipReason, string][] = [];
  walkPath(given, { root: options.cwd, ...options }, { file: (_path, file) => files.push(file), skip: (file, reason, detail) => skipped.push([file, reason, detail]) });
  return { files, skipped };
}

/** What `git ls-files` lists as tracked or trackable (untracked and not ignored) in `dir`, sorted. */
function gitWouldTrack(dir: string): string[] {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: dir, env, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '').sort();
}

describe('walkPath', () => {
  it('walks in sorted order, never entering .git or node_modules', () => {
    using tree = makeTree({ 'b.txt': '', 'a/z.txt': '', 'a/b.txt': '', 'node_modules/x/i.js': '', 'src/node_modules/y.js': '', '.git/config': '', '.hidden/h.txt': '' });
    expect(walk('.', { cwd: tree.dir }).files).toEqual(['.hidden/h.txt', 'a/b.txt', 'a/z.txt', 'b.txt']);
  });

  it('honours nested .gitignore files and negations outside a git checkout', () => {
    using tree = makeTree({
      '.gitignore': '*.log\nbuild/\n!important.log\n',
      'a.log': '',
      'important.log': '',
      'build/out.js': '',
      'pkg/.gitignore': '!build/\ngenerated.ts\n',
      'pkg/build/keep.js': '',
      'pkg/generated.ts': '',
      'pkg/src/generated.ts': '',
      'pkg/src/x.log': '',
      'pkg/src/ok.ts': '',
    });
    expect(walk('.', { cwd: tree.dir }).files).toEqual(['.gitignore', 'important.log', 'pkg/.gitignore', 'pkg/build/keep.js', 'pkg/src/ok.ts']);
  });

  it('lists exactly what git would track for a tree of nested ignore files', () => {
    using tree = makeTree({
      '.gitignore': '*.log\n/out\ndocs/*.tmp\n!keep/\ncache/\n',
      '.git/info/exclude': 'local.txt\n',
      'local.txt': '',
      'out/a.js': '',
      'src/out/b.js': '',
      'docs/a.tmp': '',
      'docs/sub/b.tmp': '',
      'x.log': '',
      'src/.gitignore': '!*.log\n/generated\n*.snap\n',
      'src/y.log': '',
      'src/generated/g.ts': '',
      'src/deep/generated/g.ts': '',
      'src/deep/a.snap': '',
      'src/deep/.gitignore': '!a.snap\n',
      'cache/c.txt': '',
      'src/cache/c.txt': '',
      'keep/k.txt': '',
      'README.md': '',
    });
    const mine = walk('.', { cwd: tree.dir }).files;
    expect(mine).toEqual(gitWouldTrack(tree.dir));
    expect(mine).toContain('src/y.log');
    expect(mine).not.toContain('local.txt');
  });

  it('agrees with git for generated ignore files', () => {
    const names = ['a', 'b', 'c.log', 'd.ts'];
    const pattern = fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom('*.log', '*.ts', 'a/', '/b', 'a/*', '**/c.log', 'b/**', 'sub/a'),
      fc.constantFrom('!a', '!*.ts', '!c.log', '!sub/'),
    );
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 4 }), fc.array(pattern, { maxLength: 4 }), (rootRules, subRules) => {
        using tree = makeTree({ '.gitignore': rootRules.join('\n'), 'sub/.gitignore': subRules.join('\n') });
        for (const dir of ['', 'a/', 'sub/', 'sub/a/', 'sub/b/']) for (const name of ['c.log', 'd.ts', 'e']) tree.write(`${dir}${name}`, '');
        expect(walk('.', { cwd: tree.dir }).files).toEqual(gitWouldTrack(tree.dir));
      }),
      { numRuns: 20 },
    );
  });

  it('applies .gitignore files above the root inside a git checkout', () => {
    using tree = makeTree({ '.git/HEAD': '', '.gitignore': 'dist/\n*.gen.ts\n', 'pkg/src/a.ts': '', 'pkg/src/b.gen.ts': '', 'pkg/dist/c.js': '' });
    expect(walk('pkg', { cwd: tree.dir }).files).toEqual(['pkg/src/a.ts']);
  });

  it('scans a file named explicitly even when it is ignored, and an ignored directory named explicitly', () => {
    using tree = makeTree({ '.git/HEAD': '', '.gitignore': 'dist/\n*.log\n', 'dist/a.js': '', 'dist/b.log': '', 'x.log': '' });
    expect(walk('x.log', { cwd: tree.dir }).files).toEqual(['x.log']);
    expect(walk('dist', { cwd: tree.dir }).files).toEqual(['dist/a.js', 'dist/b.log']);
  });

  it('applies the config ignore patterns relative to their base, directories included', () => {
    using tree = makeTree({ 'fixtures/a.txt': '', 'src/fixtures/b.txt': '', 'src/c.txt': '', 'docs/d.md': '', 'docs/keep.md': '' });
    const options = { cwd: tree.path('src'), root: tree.dir, ignore: ['fixtures/', 'docs/*.md', '!docs/keep.md'], ignoreBase: tree.dir };
    expect(walk('..', options).files).toEqual(['docs/keep.md', 'src/c.txt']);
  });

  it('names files relative to the root with forward slashes, whatever the cwd', () => {
    using tree = makeTree({ 'a/b/c.txt': '', 'other/d.txt': '' });
    expect(walk('b', { cwd: tree.path('a') }).files).toEqual(['b/c.txt']);
    expect(walk('../other', { cwd: tree.path('a'), root: tree.dir }).files).toEqual(['other/d.txt']);
    expect(walk(tree.path('other'), { cwd: tree.path('a'), root: tree.path('other') }).files).toEqual(['d.txt']);
    expect(walk('b/c.txt', { cwd: tree.path('a'), root: tree.path('a/b') }).files).toEqual(['c.txt']);
  });

  it('does not follow symbolic links: one outside the root is reported, one inside is scanned where it points', () => {
    using outside = makeTree({ 'secret.txt': '' });
    using tree = makeTree({ 'src/a.txt': '' });
    tree.symlink('link-out', outside.path('secret.txt'));
    tree.symlink('dir-out', outside.dir);
    tree.symlink('link-in', 'src/a.txt');
    tree.symlink('dir-in', 'src');
    const walked = walk('.', { cwd: tree.dir });
    expect(walked.files).toEqual(['src/a.txt']);
    expect(walked.skipped.map(([file, reason]) => [file, reason])).toEqual([
      ['dir-out', 'symlink-outside-root'],
      ['link-out', 'symlink-outside-root'],
    ]);
    expect(walked.skipped[0]?.[2]).toContain('not followed');
  });

  it('reports symbolic link loops: a link to itself, and a link to a directory containing it', () => {
    using tree = makeTree({ 'a/b/c.txt': '' });
    tree.symlink('self', 'self');
    tree.symlink('a/b/up', '..');
    tree.symlink('a/here', '.');
    const walked = walk('.', { cwd: tree.dir });
    expect(walked.files).toEqual(['a/b/c.txt']);
    expect(walked.skipped.map(([file, reason]) => [file, reason])).toEqual([
      ['a/b/up', 'symlink-loop'],
      ['a/here', 'symlink-loop'],
      ['self', 'symlink-loop'],
    ]);
  });

  it('reports a broken symbolic link as unreadable', () => {
    using tree = makeTree({});
    tree.symlink('gone', 'nowhere.txt');
    expect(walk('.', { cwd: tree.dir }).skipped).toEqual([['gone', 'unreadable', 'broken symbolic link to nowhere.txt']]);
  });

  it('throws a ScanInputError naming a path that does not exist', () => {
    using tree = makeTree({});
    expect(() => walk('missing/dir', { cwd: tree.dir })).toThrow(new ScanInputError('missing/dir: no such file or directory'));
  });

  it('reports a directory it cannot list, when the system enforces permissions', () => {
    using tree = makeTree({ 'locked/a.txt': '', 'open.txt': '' });
    chmodSync(tree.path('locked'), 0o000);
    const walked = walk('.', { cwd: tree.dir });
    chmodSync(tree.path('locked'), 0o700);
    if (permissionsAreEnforced()) {
      expect(walked.files).toEqual(['open.txt']);
      expect(walked.skipped).toEqual([['locked/', 'unreadable', expect.stringContaining('EACCES')]]);
    } else {
      // Running as root: permissions do not stop reads, so the directory is simply walked.
      expect(walked.files).toEqual(['locked/a.txt', 'open.txt']);
      expect(walked.skipped).toEqual([]);
    }
  });
});
