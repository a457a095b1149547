import { existsSync, readFileSync } from 'node:fs';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/runCli.js';
import { LEAKY_TS, makeProject } from '../../scanner/test/disposal/project.js';
import { makeTree } from '../../scanner/test/support/tree.js';
import { recordingIo } from './support/io.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(cwd: string, argv: string[]): Promise<Run> {
  const rec = recordingIo({ cwd });
  const code = await runCli(argv, rec.io);
  return { code, stdout: rec.stdout(), stderr: rec.stderr() };
}

const disposal = (cwd: string, args: string[]) => run(cwd, ['audit', 'disposal', ...args]);

// Each audit loads a TypeScript project with @types/node and pg: a second or two apiece.
describe('leakguard audit disposal', { timeout: 60_000 }, () => {
  it('exits 1 with the findings in text, 0 when the paths given hold none', async () => {
    using project = makeProject();
    const found = await disposal(project.dir, []);
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/^src\/leaky\.ts\n {2}4:\d+ {2}.*client.*\n {8}const client = await pool\.connect\(\);\n/u);
    expect(found.stdout).toContain('src/probe.ts');
    expect(found.stdout).toMatch(/\n2 leaked resources in 2 files \(4 files analysed, project tsconfig\.json\)\n$/u);
    expect(found.stderr).toBe('');
    expect(await disposal(project.dir, ['src/fixed.ts', 'src/db.ts'])).toEqual({ code: 0, stdout: 'no leaked resources in 2 files (project tsconfig.json)\n', stderr: '' });
  });

  it('writes SARIF for the new rule, JSON and GitHub annotations, and --output files', async () => {
    using project = makeProject();
    const log = JSON.parse((await disposal(project.dir, ['--format', 'sarif'])).stdout) as Log;
    expect(log.runs[0]?.tool.driver.rules?.map((r) => r.id)).toEqual(['no-leaked-resource']);
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/leaky.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, endLine: 4 } });
    expect(JSON.parse((await disposal(project.dir, ['-f', 'json'])).stdout)).toMatchObject({ summary: { findings: 2 }, findings: [{ ruleId: 'no-leaked-resource', file: 'src/leaky.ts', line: 4 }, { file: 'src/probe.ts' }] });
    expect((await disposal(project.dir, ['--format=github'])).stdout).toMatch(/^::error file=src\/leaky\.ts,line=4,col=\d+,endLine=4,endColumn=\d+,title=no-leaked-resource::/u);
    const written = await disposal(project.dir, ['-f', 'sarif', '-o', 'out/report.sarif']);
    expect(written).toEqual({ code: 1, stdout: '', stderr: 'leakguard: 2 leaked resources in 2 files (4 files analysed, project tsconfig.json); report written to out/report.sarif\n' });
    expect((JSON.parse(project.read('out/report.sarif')) as Log).runs[0]?.results).toHaveLength(2);
  });

  it('adopts a baseline: --write-baseline exits 0, then only new findings fail', async () => {
    using project = makeProject();
    expect(await disposal(project.dir, ['--write-baseline'])).toEqual({
      code: 0,
      stdout: 'leakguard: wrote 2 leaked resources to leakguard-baseline.json; from now on only new findings fail when it is passed with --baseline\n',
      stderr: '',
    });
    expect(await disposal(project.dir, ['--baseline', 'leakguard-baseline.json'])).toEqual({ code: 0, stdout: 'no leaked resources in 4 files (project tsconfig.json, 2 baselined)\n', stderr: '' });
    project.write('src/more.ts', LEAKY_TS.replace('count', 'countAgain'));
    const more = await disposal(project.dir, ['--baseline', 'leakguard-baseline.json', '-f', 'json']);
    expect(more.code).toBe(1);
    expect(JSON.parse(more.stdout)).toMatchObject({ summary: { findings: 1, baselined: 2 }, findings: [{ file: 'src/more.ts' }] });
  });

  it('reads the config file’s disposal section and names a mistake in it', async () => {
    using project = makeProject({ 'leakguard.config.json': '{ "disposal": { "ignore": ["src/probe.ts"] } }\n' });
    expect(JSON.parse((await disposal(project.dir, ['-f', 'json'])).stdout)).toMatchObject({ summary: { findings: 1 }, findings: [{ file: 'src/leaky.ts' }] });
    project.write('leakguard.config.json', '{ "disposal": { "resources": "pg" } }\n');
    const bad = await disposal(project.dir, []);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^leakguard: leakguard\.config\.json: in "disposal": .*resources/u);
  });

  it('ignores "//" comment keys in the disposal section and in its resources, in this audit and in `leakguard audit`', async () => {
    const runner = `interface Runner { release(): void; query(sql: string): Promise<void> }
declare function createQueryRunner(): Runner;

export async function migrate(): Promise<void> {
  const runner = createQueryRunner();
  await runner.query('SELECT 1');
}
`;
    const config = {
      '//': 'leakguard audit disposal reads the disposal section',
      disposal: {
        '//': 'probe.ts is closed by its caller',
        '// ignore': ['why each entry is ignored'],
        ignore: ['src/probe.ts'],
        resources: [{ '//': 'TypeORM', acquire: 'createQueryRunner', release: 'release' }],
      },
    };
    using project = makeProject({ 'leakguard.config.json': `${JSON.stringify(config, null, 2)}\n`, 'src/runner.ts': runner });
    const single = await disposal(project.dir, ['-f', 'json']);
    expect(single.stderr).toBe('');
    expect(single.code).toBe(1);
    expect(JSON.parse(single.stdout)).toMatchObject({ findings: [{ file: 'src/leaky.ts' }, { file: 'src/runner.ts', line: 5 }] });
    const every = await run(project.dir, ['audit', '-f', 'json']);
    expect(every.stderr).toBe('');
    expect(every.code).toBe(1);
    expect(JSON.parse(every.stdout)).toMatchObject({ summary: { findings: 2 } });
  });

  it('exits 2 with a clear message for a missing --project, no tsconfig.json, or a usage mistake', async () => {
    using project = makeProject();
    expect(await disposal(project.dir, ['--project', 'missing/tsconfig.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'leakguard: missing/tsconfig.json: no such file (--project names a tsconfig.json, or a directory holding one)\n',
    });
    using plain = makeTree({ 'a.ts': 'export const a = 1;\n' });
    const none = await disposal(plain.dir, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('leakguard: no tsconfig.json in . or any directory above it; pass --project with the tsconfig.json of the TypeScript project to analyse\n');
    const unknown = await disposal(project.dir, ['--allow-user', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n').slice(0, 2)).toEqual(["leakguard: unknown option '--allow-user'", expect.stringMatching(/^Usage: leakguard audit disposal \[paths…\] \[--project tsconfig\.json\]/u)]);
    expect((await disposal(project.dir, ['--format', 'xml'])).stderr).toMatch(/^leakguard: invalid --format 'xml' \(expected text, json, sarif, github\)\n/u);
    // An --output that cannot be written fails before the analysis, as in audit paths.
    const intoDirectory = await disposal(project.dir, ['--output', 'src']);
    expect(intoDirectory.code).toBe(2);
    expect(intoDirectory.stderr).toMatch(/^leakguard: cannot write src: EISDIR/u);
    const help = await disposal(project.dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('leakguard-ignore-next-line no-leaked-resource');
  });
});

describe('leakguard audit (every audit)', { timeout: 60_000 }, () => {
  it('runs both audits into one report: one JSON object, one SARIF run with both rules; the exit code is the highest', async () => {
    using project = makeProject({ 'notes.txt': 'see /home/ana/x\n' });
    const json = await run(project.dir, ['audit', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { findings: 3 }, audits: [{ audit: 'paths' }, { audit: 'disposal' }] });
    const text = await run(project.dir, ['audit', '--no-color']);
    expect(text.stdout).toContain('1 home-directory path in 1 file');
    expect(text.stdout).toMatch(/2 leaked resources in 2 files .*\n$/u);
    const sarif = await run(project.dir, ['audit', '-f', 'sarif', '--output', 'leakguard.sarif']);
    expect(sarif).toEqual({ code: 1, stdout: '', stderr: 'leakguard: report of paths and disposal written to leakguard.sarif\n' });
    const log = JSON.parse(project.read('leakguard.sarif')) as Log;
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.tool.driver.rules?.map((r) => r.id)).toEqual(['no-home-path', 'no-leaked-resource']);
    expect(log.runs[0]?.results?.map((r) => r.ruleId)).toEqual(['no-home-path', 'no-leaked-resource', 'no-leaked-resource']);
  });

  it('gives each audit its own options, records both audits in one baseline, and exits 0 when it covers everything', async () => {
    using project = makeProject({ 'notes.txt': 'see /home/ana/x\n', 'other/tsconfig.json': '{ "include": ["*.ts"] }\n', 'other/ok.ts': 'export const ok = 1;\n' });
    const own = await run(project.dir, ['audit', '--allow-user', 'ana', '--project', 'other', '-f', 'json']);
    expect(JSON.parse(own.stdout)).toMatchObject({ summary: { findings: 0 } });
    expect(own.code).toBe(0);
    expect((await run(project.dir, ['audit', '--write-baseline'])).code).toBe(0);
    const entries = (JSON.parse(project.read('leakguard-baseline.json')) as { findings: { ruleId: string }[] }).findings.map((e) => e.ruleId).sort();
    expect(entries).toEqual(['no-home-path', 'no-leaked-resource', 'no-leaked-resource']);
    expect((await run(project.dir, ['audit', '--baseline', 'leakguard-baseline.json'])).code).toBe(0);
    expect(JSON.parse(readFileSync(project.path('leakguard-baseline.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('ignores --output when writing the baseline, as each audit does: the messages go to standard output', async () => {
    using project = makeProject({ 'notes.txt': 'see /home/ana/x\n' });
    const written = await run(project.dir, ['audit', '--write-baseline', '--output', 'out/report.txt']);
    expect(written).toEqual({
      code: 0,
      stdout:
        'leakguard: wrote 1 finding to leakguard-baseline.json; from now on only new findings fail when it is passed with --baseline\n' +
        'leakguard: wrote 2 leaked resources to leakguard-baseline.json; from now on only new findings fail when it is passed with --baseline\n',
      stderr: '',
    });
    expect(existsSync(project.path('out'))).toBe(false);
    expect((JSON.parse(project.read('leakguard-baseline.json')) as { findings: unknown[] }).findings).toHaveLength(3);
    // Nor is an --output that could not be written checked.
    expect((await run(project.dir, ['audit', '--write-baseline', '-o', 'src'])).code).toBe(0);
  });

  it('skips the disposal audit, with a note, where there is no TypeScript project', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana\n' });
    const all = await run(tree.dir, ['audit', '--format', 'json']);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout)).toMatchObject({ summary: { findings: 1 } });
    expect(all.stderr).toBe('leakguard: audit disposal skipped: no tsconfig.json in the current directory or above (use --project to name one)\n');
    expect(await run(tree.dir, ['audit', '--output'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^leakguard: option '--output' needs a value\n/u) as unknown });
  });
});
