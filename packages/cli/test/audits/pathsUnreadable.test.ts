// `leakguard audit paths` on a directory this user may not read. The tests run as root, where
// chmod 000 stops nothing, so node:fs is replaced by one that answers as the system does for a
// non-root user and a directory of mode 000: listing it, or reaching anything inside it, fails
// with EACCES (stat of the directory itself still works: it needs only its parent).
import type * as Fs from 'node:fs';
import { sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/runCli.js';
import { makeTree } from '../../../scanner/test/support/tree.js';
import { recordingIo } from '../support/io.js';

const locked = vi.hoisted(() => ({ dir: '' }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const denied = (syscall: string, path: unknown): Error =>
    Object.assign(new Error(`EACCES: permission denied, ${syscall} '${String(path)}'`), { code: 'EACCES', errno: -13, syscall, path: String(path) });
  const inside = (path: unknown): boolean => locked.dir !== '' && String(path).startsWith(`${locked.dir}${sep}`);
  /** `fn`, failing with EACCES for paths inside the locked directory (and for the directory itself when `self`). */
  const guard =
    <F extends (path: never, ...rest: never[]) => unknown>(syscall: string, fn: F, self = false): F =>
    ((path: never, ...rest: never[]) => {
      if (inside(path) || (self && String(path) === locked.dir)) throw denied(syscall, path);
      return fn(path, ...rest);
    }) as F;
  return {
    ...fs,
    statSync: guard('stat', fs.statSync),
    lstatSync: guard('lstat', fs.lstatSync),
    realpathSync: guard('realpath', fs.realpathSync),
    readFileSync: guard('open', fs.readFileSync),
    openSync: guard('open', fs.openSync),
    readdirSync: guard('scandir', fs.readdirSync, true),
  };
});

async function audit(cwd: string, args: string[]) {
  const rec = recordingIo({ cwd });
  const code = await runCli(['audit', 'paths', ...args], rec.io);
  return { code, stdout: rec.stdout(), stderr: rec.stderr() };
}

describe('leakguard audit paths on a directory it may not read', () => {
  it('lists the directory as skipped (unreadable, with the reason) instead of failing with an internal error', async () => {
    using tree = makeTree({ 'noperm/a.txt': '/home/ana\n', 'ok.txt': 'fine\n' });
    locked.dir = tree.path('noperm');
    try {
      const named = await audit(tree.dir, ['noperm', '--format', 'json']);
      expect(named.stderr).toBe('');
      expect(named.code).toBe(0);
      // Names are relative to the directory scanned, so the directory itself is `./`.
      expect((JSON.parse(named.stdout) as { skipped: unknown }).skipped).toEqual([{ file: './', reason: 'unreadable', detail: 'EACCES: permission denied' }]);
      const below = await audit(tree.dir, ['--format', 'json']);
      expect(below.code).toBe(0);
      expect(JSON.parse(below.stdout)).toMatchObject({ summary: { filesScanned: 1 }, skipped: [{ file: 'noperm/', reason: 'unreadable', detail: 'EACCES: permission denied' }] });
    } finally {
      locked.dir = '';
    }
  });

  it('still says so when a path inside it is named, since nothing can be known about it', async () => {
    using tree = makeTree({ 'noperm/a.txt': '/home/ana\n' });
    locked.dir = tree.path('noperm');
    try {
      expect(await audit(tree.dir, ['noperm/a.txt'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: noperm/a.txt: EACCES: permission denied\n' });
    } finally {
      locked.dir = '';
    }
  });
});
