import { chmodSync, existsSync, readFileSync } from 'node:fs';
import type { Log } from 'sarif';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/runCli.js';
import { makeTree, permissionsAreEnforced } from '../../../scanner/test/support/tree.js';
import { recordingIo } from '../support/io.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function audit(cwd: string, args: string[], options: { env?: Record<string, string>; stdoutIsTTY?: boolean; stderrIsTTY?: boolean } = {}): Promise<Run> {
  const rec = recordingIo({ cwd, ...options });
  const code = await runCli(['audit', 'paths', ...args], rec.io);
  return { code, stdout: rec.stdout(), stderr: rec.stderr() };
}

const ESC = '\u001b[';

describe('leakguard audit paths', () => {
  it('exits 0 for a clean tree, listing what it skipped before the summary, and 1 with findings', async () => {
    using tree = makeTree({ 'a.ts': 'export const a = 1;\n', 'b.png': Buffer.from([0]) });
    expect(await audit(tree.dir, [])).toEqual({ code: 0, stdout: 'skipped:\n  1 binary file\nno home-directory paths in 1 file (1 skipped)\n', stderr: '' });
    tree.write('src/c.ts', 'const c = "/home/ana/x";\n');
    const found = await audit(tree.dir, []);
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/^src\/c\.ts\n {2}1:12 {2}.*"ana".*\n {8}const c = "\/home\/ana\/x";\n {19}\^{9}\n\nskipped:\n {2}1 binary file\n1 home-directory path in 1 file \(2 files scanned, 1 skipped\)\n$/u);
    expect(found.stderr).toBe('');
  });

  it('scans the paths given, relative to the cwd, including an ignored file named explicitly', async () => {
    using tree = makeTree({ '.gitignore': '*.log\n', 'a/x.txt': '/home/ana', 'b/y.txt': '/home/bob', 'c.log': '/home/carl' });
    const json = (r: Run) => (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(json(await audit(tree.dir, ['--format', 'json']))).toEqual(['a/x.txt', 'b/y.txt']);
    expect(json(await audit(tree.dir, ['b', 'c.log', '--format', 'json']))).toEqual(['b/y.txt', 'c.log']);
  });

  it('gives the same answer outside a git checkout whether it scans the cwd or a directory below it', async () => {
    using tree = makeTree({ '.gitignore': '*.log\n', 'sub/a.log': '/home/ana\n' });
    expect((await audit(tree.dir, ['.'])).code).toBe(0);
    expect((await audit(tree.dir, ['sub'])).code).toBe(0);
    expect((await audit(tree.dir, ['sub/a.log'])).code).toBe(1);
  });

  it('colours the text report on a terminal, unless NO_COLOR or --no-color; FORCE_COLOR forces it', async () => {
    using tree = makeTree({ 'a.txt': 'x /home/ana y\n' });
    expect((await audit(tree.dir, [], { stdoutIsTTY: true })).stdout).toContain(`${ESC}1m${ESC}31m/home/ana`);
    expect((await audit(tree.dir, [], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await audit(tree.dir, ['--no-color'], { stdoutIsTTY: true })).stdout).not.toContain(ESC);
    expect((await audit(tree.dir, [])).stdout).not.toContain(ESC);
    expect((await audit(tree.dir, [], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await audit(tree.dir, ['--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await audit(tree.dir, ['--format', 'json'], { stdoutIsTTY: true })).stdout).not.toContain(ESC);
  });

  it('writes SARIF with relative URIs, JSON, and GitHub annotations', async () => {
    using tree = makeTree({ 'src/a.ts': 'const a = "/home/ana";\n' });
    const sarif = JSON.parse((await audit(tree.dir, ['--format', 'sarif'])).stdout) as Log;
    expect(sarif.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 12, endLine: 1, endColumn: 21 },
    });
    expect(JSON.parse((await audit(tree.dir, ['-f', 'json'])).stdout)).toMatchObject({ summary: { findings: 1 }, findings: [{ file: 'src/a.ts', line: 1, column: 12 }] });
    expect((await audit(tree.dir, ['--format=github'])).stdout).toMatch(/^::error file=src\/a\.ts,line=1,col=12,endLine=1,endColumn=21,title=no-home-path::/u);
  });

  it('names files relative to the scanned directory, not the cwd, in URIs and in baselines', async () => {
    using tree = makeTree({ 'proj/p.txt': 'clean\n', 'other/o.txt': '/home/ana\n' });
    const sarif = JSON.parse((await audit(tree.path('proj'), ['../other', '-f', 'sarif'])).stdout) as Log;
    expect(sarif.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'o.txt', uriBaseId: '%SRCROOT%' });
    expect((await audit(tree.dir, ['other', '--write-baseline', '--baseline', 'b.json'])).code).toBe(0);
    expect(await audit(tree.path('other'), ['.', '--baseline', '../b.json'])).toEqual({ code: 0, stdout: 'no home-directory paths in 1 file (0 skipped, 1 baselined)\n', stderr: '' });
  });

  it('annotates skipped files in the github format without letting their names start a workflow command', async () => {
    const fake = '::error file=x.ts,line=1::fake';
    using tree = makeTree({ [fake]: 'x'.repeat(2000) });
    const run = await audit(tree.dir, ['--format', 'github', '--max-file-size', '1K']);
    expect(run.stdout).toBe(`::warning file=%3A%3Aerror file=x.ts%2Cline=1%3A%3Afake::skipped (too large): 2 KiB, over the 1 KiB limit\nno home-directory paths in 0 files (1 skipped)\n`);
    expect(run.stdout.split('\n').filter((line) => line.trim().startsWith('::error'))).toEqual([]);
  });

  it('writes the report to --output, creating its directory, and the summary to stderr', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana' });
    const run = await audit(tree.dir, ['--format', 'sarif', '--output', 'reports/x.sarif']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'leakguard: 1 home-directory path in 1 file (1 file scanned, 0 skipped); report written to reports/x.sarif\n' });
    expect((JSON.parse(tree.read('reports/x.sarif')) as Log).version).toBe('2.1.0');
  });

  it('exits 2 with the reason, naming the file once, when --output or the baseline cannot be written', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana' });
    tree.mkdir('reports');
    expect(await audit(tree.dir, ['-o', 'reports'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: cannot write reports: EISDIR: illegal operation on a directory\n' });
    expect(await audit(tree.dir, ['-o', 'a.txt/x.sarif'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: cannot write a.txt/x.sarif: ENOTDIR: not a directory\n' });
    expect((await audit(tree.dir, ['--write-baseline', '--baseline', 'reports'])).stderr).toBe('leakguard: cannot write reports: EISDIR: illegal operation on a directory\n');
    expect(tree.read('a.txt')).toBe('/home/ana');
  });

  it('checks that --output can be written before scanning, so a long scan is not wasted', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana' });
    tree.mkdir('reports');
    // A path that does not exist is found at the start of the scan: the output's problem comes first.
    expect((await audit(tree.dir, ['missing', '-o', 'reports'])).stderr).toBe('leakguard: cannot write reports: EISDIR: illegal operation on a directory\n');
    expect(await audit(tree.dir, ['missing', '-o', 'fresh/x.txt'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: missing: no such file or directory\n' });
    expect(existsSync(tree.path('fresh/x.txt'))).toBe(false);
  });

  it('adopts with a baseline: --write-baseline records today, then only new findings fail', async () => {
    using tree = makeTree({ 'old.txt': '/home/ana\n' });
    const written = await audit(tree.dir, ['--write-baseline']);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('leakguard: wrote 1 finding to leakguard-baseline.json; from now on only new findings fail when it is passed with --baseline\n');
    expect(existsSync(tree.path('leakguard-baseline.json'))).toBe(true);
    expect(await audit(tree.dir, ['--baseline', 'leakguard-baseline.json'])).toEqual({
      code: 0,
      stdout: 'no home-directory paths in 2 files (0 skipped, 1 baselined)\n',
      stderr: '',
    });
    tree.write('new.txt', '/home/bob\n');
    const after = await audit(tree.dir, ['--baseline', 'leakguard-baseline.json', '--format', 'json']);
    expect(after.code).toBe(1);
    expect((JSON.parse(after.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['new.txt']);
    expect((await audit(tree.dir, ['--baseline', 'custom/base.json', '--write-baseline'])).code).toBe(0);
    expect(JSON.parse(readFileSync(tree.path('custom/base.json'), 'utf8'))).toMatchObject({ version: 1, findings: [{ file: 'new.txt' }, { file: 'old.txt' }] });
  });

  it('exits 2 when the baseline is missing or malformed', async () => {
    using tree = makeTree({ 'a.txt': '', 'bad.json': '{"version": 7, "findings": []}' });
    expect(await audit(tree.dir, ['--baseline', 'nope.json'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: nope.json: no such file (create it with --write-baseline)\n' });
    expect((await audit(tree.dir, ['--baseline', 'bad.json'])).stderr).toBe('leakguard: bad.json: unsupported baseline version 7 (expected 1)\n');
  });

  it('does not report users given with --allow-user or in the config', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana /home/bob\n' });
    expect((await audit(tree.dir, ['--allow-user', 'ana', '--allow-user', 'bob'])).code).toBe(0);
    tree.write('leakguard.config.json', '{"paths": {"allowUsers": ["ana"]}}');
    expect((await audit(tree.dir, ['--allow-user', 'bob'])).code).toBe(0);
    expect((await audit(tree.dir, [])).code).toBe(1);
  });

  it('reads leakguard.config.json from the cwd, or --config, with ignore patterns relative to the config file', async () => {
    using tree = makeTree({
      'leakguard.config.json': '{"//": "fixtures hold deliberate paths", "paths": {"ignore": ["fixtures/"]}}',
      'fixtures/a.txt': '/home/ana',
      'conf/other.json': '{"paths": {"ignore": ["/src/"]}}',
      'src/b.txt': '/home/bob',
      'conf/src/c.txt': '/home/carl',
    });
    const users = async (args: string[]) => (JSON.parse((await audit(tree.dir, [...args, '--format', 'json'])).stdout) as { findings: { user: string }[] }).findings.map((f) => f.user);
    expect(await users([])).toEqual(['carl', 'bob']);
    expect(await users(['--config', 'conf/other.json'])).toEqual(['ana', 'bob']);
  });

  it('exits 2 naming the file and the key of an invalid config, or the position of a JSON error', async () => {
    using tree = makeTree({ 'leakguard.config.json': '{"paths": {"allowUser": ["ana"]}}', 'syntax.json': '{\n  "paths": {\n}' });
    const bad = await audit(tree.dir, []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^leakguard: leakguard\.config\.json: unknown key "paths\.allowUser" \(expected "paths\.allowUsers"/u);
    const syntax = await audit(tree.dir, ['--config', 'syntax.json']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^leakguard: syntax\.json:3:2: invalid JSON: unexpected end of input\n$/u);
    expect((await audit(tree.dir, ['--config', 'none.json'])).stderr).toBe('leakguard: none.json: no such file\n');
  });

  it('skips files over --max-file-size (with K/M suffixes), and rejects a size it cannot read', async () => {
    using tree = makeTree({ 'big.txt': `/home/ana ${'x'.repeat(2000)}`, 'small.txt': 'ok' });
    const run = await audit(tree.dir, ['--max-file-size', '1K']);
    expect(run).toEqual({ code: 0, stdout: 'skipped:\n  big.txt  too large: 2 KiB, over the 1 KiB limit\nno home-directory paths in 1 file (1 skipped)\n', stderr: '' });
    const json = JSON.parse((await audit(tree.dir, ['--max-file-size', '1K', '--format', 'json'])).stdout) as { skipped: unknown[] };
    expect(json.skipped).toEqual([{ file: 'big.txt', reason: 'too-large', detail: '2 KiB, over the 1 KiB limit' }]);
    expect((await audit(tree.dir, ['--max-file-size', 'lots'])).stderr).toMatch(/^leakguard: invalid --max-file-size 'lots'/u);
    tree.write('leakguard.config.json', '{"paths": {"maxFileBytes": 100}}');
    expect((await audit(tree.dir, [])).code).toBe(0);
    expect((await audit(tree.dir, ['--max-file-size', '1M'])).code).toBe(1);
  });

  it('has no --threads option: the scan runs in one thread', async () => {
    using tree = makeTree({});
    expect((await audit(tree.dir, ['--threads', '2'])).stderr).toMatch(/^leakguard: unknown option '--threads'\n/u);
    expect((await audit(tree.dir, ['-j', '2'])).stderr).toMatch(/^leakguard: unknown option '-j'\n/u);
    expect((await audit(tree.dir, ['--help'])).stdout).not.toMatch(/thread/u);
  });

  it('lists per-file problems in the report rather than failing', async () => {
    using tree = makeTree({ 'broken.ts': 'const a = "/home/ana";\nfunction (\n', 'b.bin': Buffer.from([0, 1]) });
    tree.symlink('out', '/');
    const run = await audit(tree.dir, []);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('skipped:\n  1 binary file\n  out  symbolic link outside the root: points to /, outside the scanned root; not followed\nnotes:\n  broken.ts  parse error: ');
  });

  it('scans a directory whose .git cannot be examined (a symbolic link loop) instead of failing', async () => {
    using tree = makeTree({ 'loop/a.txt': '/home/ana\n' });
    tree.symlink('loop/.git', '.git');
    const run = await audit(tree.dir, ['loop', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { findings: 1, skipped: 0 } });
  });

  it('lists a directory named on the command line that it cannot read as skipped, as the system allows', async () => {
    using tree = makeTree({ 'noperm/a.txt': '/home/ana\n' });
    chmodSync(tree.path('noperm'), 0o000);
    const run = await audit(tree.dir, ['noperm', '--format', 'json']);
    chmodSync(tree.path('noperm'), 0o700);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { skipped: unknown[]; summary: { findings: number } };
    if (permissionsAreEnforced()) {
      expect(run.code).toBe(0);
      expect(report.skipped).toEqual([{ file: expect.any(String), reason: 'unreadable', detail: 'EACCES: permission denied' }]);
    } else {
      // Running as root: mode 000 stops nothing, so the directory is scanned (see pathsUnreadable.test.ts for the other case).
      expect(run.code).toBe(1);
      expect(report.summary.findings).toBe(1);
    }
  });

  it('shows no progress for a quick scan, even on a terminal', async () => {
    using tree = makeTree({ 'a.txt': 'x' });
    expect((await audit(tree.dir, [], { stderrIsTTY: true })).stderr).toBe('');
  });

  it('draws progress on a terminal as files are scanned when the scan is slow, and clears it at the end', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana', 'b.txt': 'b', 'c.txt': 'c' });
    // Each reading of the clock is half a second later: the line shows from the second file on.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 500));
    try {
      const run = await audit(tree.dir, ['--format', 'json'], { stderrIsTTY: true });
      expect(run.stderr).toBe(
        ['leakguard: 2 files scanned (10 bytes), 1 findings so far…', 'leakguard: 3 files scanned (11 bytes), 1 findings so far…', ''].map((line) => `\r\u001b[2K${line}`).join(''),
      );
    } finally {
      clock.mockRestore();
    }
  });
});
