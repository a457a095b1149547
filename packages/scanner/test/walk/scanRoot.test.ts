import { describe, expect, it } from 'vitest';
import { findScanRoot } from '../../src/walk/scanRoot.js';
import { makeTree } from '../support/tree.js';

describe('findScanRoot', () => {
  it('is the git worktree root when every path lies in the same worktree', () => {
    using tree = makeTree({ 'repo/.git/HEAD': '', 'repo/a/x.txt': '', 'repo/b/y.txt': '' });
    const dir = (rel: string) => ({ path: tree.path(rel), isDirectory: true });
    expect(findScanRoot(tree.path('repo/a'), [dir('repo/a')])).toBe(tree.path('repo'));
    expect(findScanRoot(tree.dir, [dir('repo/a'), { path: tree.path('repo/b/y.txt'), isDirectory: false }])).toBe(tree.path('repo'));
  });

  it('is the directory scanned when a single one is given outside a worktree', () => {
    using tree = makeTree({ 'proj/p.txt': '', 'other/o.txt': '' });
    expect(findScanRoot(tree.path('proj'), [{ path: tree.path('other'), isDirectory: true }])).toBe(tree.path('other'));
  });

  it('is the cwd for several paths or a file it holds, else the deepest directory holding them', () => {
    using tree = makeTree({ 'proj/p.txt': '', 'proj/q/r.txt': '', 'other/o.txt': '', 'a/.git/HEAD': '', 'b/.git/HEAD': '' });
    const proj = tree.path('proj');
    expect(findScanRoot(proj, [{ path: tree.path('proj/q/r.txt'), isDirectory: false }])).toBe(proj);
    expect(findScanRoot(proj, [{ path: tree.path('proj/q'), isDirectory: true }, { path: tree.path('proj/p.txt'), isDirectory: false }])).toBe(proj);
    expect(findScanRoot(proj, [{ path: tree.path('other/o.txt'), isDirectory: false }])).toBe(tree.path('other'));
    expect(findScanRoot(proj, [{ path: tree.path('a'), isDirectory: true }, { path: tree.path('b'), isDirectory: true }])).toBe(tree.dir);
  });
});
