import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FileScan } from '../src/fileScanner.js';
import { FileScanner } from '../src/fileScanner.js';
import { loadTypeScript } from '../src/typescript.js';
import { makeTree, permissionsAreEnforced } from './support/tree.js';

function scanner(maxFileBytes = 1024 * 1024): FileScanner {
  return new FileScanner({ maxFileBytes, detector: {}, typescript: loadTypeScript });
}

function scanned(scan: FileScan): Extract<FileScan, { status: 'scanned' }> {
  if (scan.status !== 'scanned') throw new Error(`expected the file to be scanned, got ${scan.reason}: ${scan.detail}`);
  return scan;
}

describe('FileScanner', () => {
  it('finds home paths in any text file, with the line and fingerprint', () => {
    using tree = makeTree({ 'notes.md': '# Setup\n\nCopy it to /home/ana/projects first.\n' });
    const scan = scanned(scanner().scan(tree.path('notes.md'), 'notes.md'));
    expect(scan.bytes).toBe(46);
    expect(scan.findings).toHaveLength(1);
    expect(scan.findings[0]).toMatchObject({ file: 'notes.md', line: 3, column: 12, user: 'ana', lineText: 'Copy it to /home/ana/projects first.', lineTextColumn: 1 });
    expect(scan.findings[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('skips a file with a NUL byte in its first 8 KiB as binary, but not one with a NUL later', () => {
    using tree = makeTree({ 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x2f]), 'late.txt': `/home/ana\n${'x'.repeat(9000)}\0` });
    expect(scanner().scan(tree.path('logo.png'), 'logo.png')).toEqual({ status: 'skipped', reason: 'binary', detail: 'a NUL byte in the first 8 KiB' });
    expect(scanned(scanner().scan(tree.path('late.txt'), 'late.txt')).findings).toHaveLength(1);
  });

  it('skips a file over the size limit, naming both sizes', () => {
    using tree = makeTree({ 'big.sql': 'x'.repeat(3000), 'ok.sql': 'x'.repeat(2048) });
    expect(scanner(2048).scan(tree.path('big.sql'), 'big.sql')).toEqual({ status: 'skipped', reason: 'too-large', detail: '2.9 KiB, over the 2 KiB limit' });
    expect(scanner(2048).scan(tree.path('ok.sql'), 'ok.sql').status).toBe('scanned');
  });

  it('scans invalid UTF-8 with replacement characters and notes it', () => {
    using tree = makeTree({ 'latin1.txt': Buffer.concat([Buffer.from('Jos'), Buffer.from([0xe9]), Buffer.from(' keeps /home/ana/x\n')]) });
    const scan = scanned(scanner().scan(tree.path('latin1.txt'), 'latin1.txt'));
    expect(scan.findings).toHaveLength(1);
    expect(scan.findings[0]).toMatchObject({ column: 12, lineText: 'Jos\uFFFD keeps /home/ana/x' });
    expect(scan.notes).toEqual([{ file: 'latin1.txt', kind: 'invalid-utf8', detail: expect.stringContaining('U+FFFD') }]);
  });

  it('does not decode or note a file without a candidate, however it is encoded', () => {
    using tree = makeTree({ 'latin1.txt': Buffer.from([0x4a, 0x6f, 0x73, 0xe9]) });
    expect(scanner().scan(tree.path('latin1.txt'), 'latin1.txt')).toEqual({ status: 'scanned', bytes: 4, findings: [], suppressed: 0, notes: [] });
  });

  it('reads UTF-16 files with a byte order mark instead of calling them binary', () => {
    const text = 'path=/Users/bob/app\r\n';
    using tree = makeTree({
      'le.ini': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'be.ini': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    });
    for (const file of ['le.ini', 'be.ini']) {
      const scan = scanned(scanner().scan(tree.path(file), file));
      expect(scan.findings.map((f) => [f.line, f.column, f.user])).toEqual([[1, 6, 'bob']]);
    }
  });

  it('does not count a UTF-8 byte order mark as a column', () => {
    using tree = makeTree({ 'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('/home/ana')]) });
    expect(scanned(scanner().scan(tree.path('bom.txt'), 'bom.txt')).findings[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('falls back to the text scan for JS/TS that does not parse, with a note', () => {
    using tree = makeTree({ 'broken.ts': 'const p = "/home/ana/data";\nfunction (\n' });
    const scan = scanned(scanner().scan(tree.path('broken.ts'), 'broken.ts'));
    expect(scan.findings.map((f) => [f.line, f.user])).toEqual([[1, 'ana']]);
    expect(scan.notes).toEqual([{ file: 'broken.ts', kind: 'parse-error', detail: expect.stringContaining('scanned as plain text') }]);
  });

  it('cuts a very long line to a window around the match and says where it starts', () => {
    const line = `${'a'.repeat(5000)}"/home/ana/x"${'b'.repeat(5000)}`;
    using tree = makeTree({ 'bundle.min.txt': line });
    const finding = scanned(scanner().scan(tree.path('bundle.min.txt'), 'bundle.min.txt')).findings[0];
    expect(finding?.column).toBe(5002);
    expect(finding?.lineText).toHaveLength(400);
    expect(finding?.lineTextColumn).toBe(5002 - 150);
    expect(finding?.lineText.slice(150, 159)).toBe('/home/ana');
  });

  it('applies suppression comments and counts what they hide', () => {
    using tree = makeTree({ 'a.sh': '# leakguard-ignore-next-line no-home-path\ncd /home/ana\ncd /home/bob\n' });
    const scan = scanned(scanner().scan(tree.path('a.sh'), 'a.sh'));
    expect(scan.findings.map((f) => f.user)).toEqual(['bob']);
    expect(scan.suppressed).toBe(1);
  });

  it('gives identical lines distinct fingerprints, which do not depend on the line number', () => {
    using tree = makeTree({ 'a.txt': 'cd /home/ana\ncd /home/ana\n', 'b.txt': 'new first line\ncd /home/ana\ncd /home/ana\n' });
    const a = scanned(scanner().scan(tree.path('a.txt'), 'same.txt')).findings.map((f) => f.fingerprint);
    const b = scanned(scanner().scan(tree.path('b.txt'), 'same.txt')).findings.map((f) => f.fingerprint);
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });

  it('reports a file it cannot open as unreadable, when the system enforces permissions', () => {
    using tree = makeTree({ 'secret.txt': '/home/ana' });
    chmodSync(tree.path('secret.txt'), 0o000);
    const scan = scanner().scan(tree.path('secret.txt'), 'secret.txt');
    if (permissionsAreEnforced()) {
      expect(scan).toEqual({ status: 'skipped', reason: 'unreadable', detail: expect.stringContaining('EACCES') });
    } else {
      // As root, chmod 000 does not stop reads: the file is scanned like any other.
      expect(scanned(scan).findings).toHaveLength(1);
    }
  });

  it('reports a path that is not a regular file as unreadable', () => {
    using tree = makeTree({ 'dir/a.txt': '' });
    expect(scanner().scan(tree.path('dir'), 'dir')).toEqual({ status: 'skipped', reason: 'unreadable', detail: 'not a regular file' });
    expect(scanner().scan(tree.path('missing'), 'missing')).toEqual({ status: 'skipped', reason: 'unreadable', detail: expect.stringContaining('ENOENT') });
  });

  it('reuses its buffer across files of different sizes without mixing their content', () => {
    using tree = makeTree({ 'big.txt': `${'x'.repeat(200_000)}\n/home/ana\n`, 'small.txt': 'nothing here\n' });
    const s = scanner();
    expect(scanned(s.scan(tree.path('big.txt'), 'big.txt')).findings).toHaveLength(1);
    expect(scanned(s.scan(tree.path('small.txt'), 'small.txt')).findings).toHaveLength(0);
  });
});
