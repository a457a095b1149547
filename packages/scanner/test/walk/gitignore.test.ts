import { describe, expect, it } from 'vitest';
import { IgnoreRules, rebasePattern, rulesAbove } from '../../src/walk/gitignore.js';
import { makeTree } from '../support/tree.js';

describe('rebasePattern', () => {
  it('keeps patterns of the base directory as they are, and drops blank lines and comments', () => {
    expect(rebasePattern('dist/', '')).toBe('dist/');
    expect(rebasePattern('', 'a')).toBeUndefined();
    expect(rebasePattern('   ', 'a')).toBeUndefined();
    expect(rebasePattern('# comment', 'a')).toBeUndefined();
    expect(rebasePattern('build\r', '')).toBe('build');
  });

  it('lets a pattern without an inner slash match at any depth below its directory', () => {
    expect(rebasePattern('*.log', 'pkg')).toBe('pkg/**/*.log');
    expect(rebasePattern('build/', 'pkg/sub')).toBe('pkg/sub/**/build/');
  });

  it('anchors a pattern with a slash to its directory', () => {
    expect(rebasePattern('/out', 'pkg')).toBe('pkg/out');
    expect(rebasePattern('docs/*.md', 'pkg')).toBe('pkg/docs/*.md');
    expect(rebasePattern('**/tmp', 'pkg')).toBe('pkg/**/tmp');
  });

  it('keeps negation and escapes', () => {
    expect(rebasePattern('!keep.log', 'pkg')).toBe('!pkg/**/keep.log');
    expect(rebasePattern('!/out/keep', 'pkg')).toBe('!pkg/out/keep');
    expect(rebasePattern('\\#literal', 'pkg')).toBe('pkg/**/\\#literal');
  });
});

describe('IgnoreRules', () => {
  it('lets a deeper ignore file override a shallower one, in both directions', () => {
    const rules = IgnoreRules.EMPTY.extend('', 'build/\n*.log').extend('sub', '!build/\n!keep.log\ncache');
    expect(rules.ignores('build', true)).toBe(true);
    expect(rules.ignores('sub/build', true)).toBe(false);
    expect(rules.ignores('sub/build/x.js', false)).toBe(false);
    expect(rules.ignores('sub/a.log', false)).toBe(true);
    expect(rules.ignores('sub/keep.log', false)).toBe(false);
    expect(rules.ignores('sub/deeper/keep.log', false)).toBe(false);
    expect(rules.ignores('cache', false)).toBe(false);
    expect(rules.ignores('sub/x/cache', false)).toBe(true);
  });

  it('tells directories from files for patterns ending in a slash, and is case-sensitive', () => {
    const rules = IgnoreRules.EMPTY.extend('', 'out/');
    expect(rules.ignores('out', true)).toBe(true);
    expect(rules.ignores('out', false)).toBe(false);
    expect(rules.ignores('Out', true)).toBe(false);
  });

  it('returns itself when an ignore file adds no rules', () => {
    const rules = IgnoreRules.EMPTY.extend('', 'a');
    expect(rules.extend('x', '# only a comment\n\n')).toBe(rules);
  });
});

describe('rulesAbove', () => {
  it('outside a git worktree, reads the .gitignore files from the cwd down to a directory below it', () => {
    using tree = makeTree({ '.gitignore': '*.log\n', 'sub/.gitignore': '!keep.log\ntmp/\n', 'sub/deep/a.txt': '' });
    const above = rulesAbove(tree.path('sub/deep'), tree.dir);
    expect(above.base).toBe(tree.dir);
    expect(above.dirFromBase).toBe('sub/deep');
    expect(above.rules.ignores('sub/deep/a.log', false)).toBe(true);
    expect(above.rules.ignores('sub/deep/keep.log', false)).toBe(false);
    expect(above.rules.ignores('sub/deep/tmp', true)).toBe(true);
  });

  it('outside a git worktree, finds nothing when the directory is not below the cwd', () => {
    using tree = makeTree({ '.gitignore': 'x\n', 'sub/a.txt': '', 'other/b.txt': '' });
    for (const cwd of [tree.path('sub'), tree.path('other')]) {
      const above = rulesAbove(tree.path('sub'), cwd);
      expect(above.base).toBe(tree.path('sub'));
      expect(above.rules.ignores('x', false)).toBe(false);
    }
  });

  it('outside a git worktree too, drops the rules above a directory they ignore', () => {
    using tree = makeTree({ '.gitignore': 'sub/\n*.log\n', 'sub/a.log': '' });
    const above = rulesAbove(tree.path('sub'), tree.dir);
    expect(above.base).toBe(tree.path('sub'));
    expect(above.rules.ignores('a.log', false)).toBe(false);
  });

  it('reads info/exclude and the .gitignore files from the worktree root down to the directory', () => {
    using tree = makeTree({ '.git/info/exclude': 'secret.txt\n', '.gitignore': '*.tmp\n', 'pkg/.gitignore': 'gen/\n', 'pkg/src/a.ts': '' });
    const above = rulesAbove(tree.path('pkg/src'), tree.dir);
    expect(above.base).toBe(tree.dir);
    expect(above.dirFromBase).toBe('pkg/src');
    expect(above.rules.ignores('pkg/src/a.tmp', false)).toBe(true);
    expect(above.rules.ignores('pkg/src/secret.txt', false)).toBe(true);
    expect(above.rules.ignores('pkg/src/gen', true)).toBe(true);
    expect(above.rules.ignores('pkg/src/a.ts', false)).toBe(false);
  });

  it('follows a .git file to the common directory of a linked worktree', () => {
    using tree = makeTree({
      'main/.git/info/exclude': 'local-only\n',
      'main/.git/worktrees/wt/commondir': '../..\n',
      'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
      'wt/src/a.ts': '',
    });
    const above = rulesAbove(tree.path('wt/src'), tree.dir);
    expect(above.base).toBe(tree.path('wt'));
    expect(above.rules.ignores('src/local-only', false)).toBe(true);
  });

  it('treats a .git it cannot examine as absent instead of throwing (a file in the path, a symbolic link loop)', () => {
    using tree = makeTree({ 'file.txt': '', 'loop/a.txt': '' });
    tree.symlink('loop/.git', '.git');
    for (const dir of [tree.path('file.txt/sub'), tree.path('loop')]) expect(rulesAbove(dir, dir)).toEqual({ base: dir, dirFromBase: '', rules: IgnoreRules.EMPTY });
  });

  it('drops the rules above a directory they ignore: a directory named explicitly is scanned', () => {
    using tree = makeTree({ '.git/HEAD': '', '.gitignore': 'dist/\n', 'dist/a.js': '' });
    const above = rulesAbove(tree.path('dist'), tree.dir);
    expect(above.base).toBe(tree.path('dist'));
    expect(above.rules.ignores('a.js', false)).toBe(false);
  });
});
