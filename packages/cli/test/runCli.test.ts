import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/runCli.js';
import { makeTree } from '../../scanner/test/support/tree.js';
import { recordingIo } from './support/io.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function run(argv: string[], cwd = process.cwd(), env: Record<string, string> = {}) {
  const rec = recordingIo({ cwd, env });
  const code = await runCli(argv, rec.io);
  return { code, stdout: rec.stdout(), stderr: rec.stderr() };
}

describe('runCli', () => {
  it('prints help and the version on stdout with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('leakguard audit paths …');
    expect(help.stderr).toBe('');
    expect(await run(['-h'])).toEqual(help);
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const auditHelp = await run(['audit', '--help']);
    expect(auditHelp.code).toBe(0);
    expect(auditHelp.stdout).toMatch(/^ {2}paths {6}hard-coded home-directory paths/mu);
    const pathsHelp = await run(['audit', 'paths', '--help']);
    expect(pathsHelp.code).toBe(0);
    expect(pathsHelp.stdout).toContain('--write-baseline');
    expect(pathsHelp.stdout).toContain('Exit status: 0 no findings, 1 findings, 2 usage or fatal error.');
  });

  it('exits 2 with the usage line for a missing or unknown command, naming it', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: "leakguard: missing command\nUsage: leakguard audit [paths] [options]\nRun 'leakguard --help' for the options.\n" });
    expect((await run(['scan'])).stderr).toMatch(/^leakguard: unknown command 'scan'\nUsage: leakguard audit/u);
    expect((await run(['--verbose'])).stderr).toMatch(/^leakguard: unknown option '--verbose'\n/u);
  });

  it('exits 2 naming an unknown audit, and suggests the paths audit for a path', async () => {
    const result = await run(['audit', 'src']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "leakguard: unknown audit 'src' (audits: paths, disposal); to scan a path, name the audit first: 'leakguard audit paths src'\nUsage: leakguard audit [paths|disposal] [options]\nRun 'leakguard audit --help' for the options.\n",
    );
  });

  it('exits 2 naming an unknown option or a missing value, with the usage line of the audit', async () => {
    const unknown = await run(['audit', 'paths', '--frmat', 'json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n').slice(0, 3)).toEqual([
      "leakguard: unknown option '--frmat'",
      expect.stringMatching(/^Usage: leakguard audit paths \[paths…\] \[--format text\|json\|sarif\|github\]/u),
      "Run 'leakguard audit paths --help' for the options.",
    ]);
    expect((await run(['audit', 'paths', '--format'])).stderr).toMatch(/^leakguard: option '-f, --format <value>' argument missing\n/u);
    expect((await run(['audit', 'paths', '--format', 'xml'])).stderr).toMatch(/^leakguard: invalid --format 'xml' \(expected text, json, sarif, github\)\n/u);
  });

  it('runs every audit for `leakguard audit`, where positional arguments are not allowed', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana\n' });
    const all = await run(['audit', '--format', 'json'], tree.dir);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout)).toMatchObject({ summary: { findings: 1 } });
    const withPath = await run(['audit', '--format', 'json', 'a.txt'], tree.dir);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toMatch(/^leakguard: unexpected argument 'a\.txt'/u);
  });

  it('prints a user mistake without a stack trace', async () => {
    using tree = makeTree({});
    const missing = await run(['audit', 'paths', 'does/not/exist'], tree.dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'leakguard: does/not/exist: no such file or directory\n' });
  });

  it('reports an internal error in one line, with the stack only when LEAKGUARD_DEBUG=1', async () => {
    using tree = makeTree({ 'a.txt': 'clean' });
    const broken = (env: Record<string, string>) => {
      const rec = recordingIo({ cwd: tree.dir, env });
      const io = {
        ...rec.io,
        stdout: {
          write: () => {
            throw new Error('disk on fire');
          },
        },
      };
      return runCli(['audit', 'paths'], io).then((code) => ({ code, stderr: rec.stderr() }));
    };
    const quiet = await broken({});
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toMatch(/^leakguard: internal error: disk on fire\nSet LEAKGUARD_DEBUG=1 to see the stack trace/u);
    expect(quiet.stderr).not.toContain('    at ');
    const debug = await broken({ LEAKGUARD_DEBUG: '1' });
    expect(debug.stderr).toMatch(/^leakguard: internal error: disk on fire\nError: disk on fire\n {4}at /u);
  });
});
