import { describe, expect, it } from 'vitest';
import { readBaseline, writeBaseline } from '../../src/baseline.js';
import { auditDisposal } from '../../src/disposal/auditDisposal.js';
import { ScanInputError } from '../../src/errors.js';
import { scanPaths } from '../../src/scanPaths.js';
import { LEAKY_TS, makeProject, makeTypeScriptTree, PROBE_TS, TSCONFIG } from './project.js';

/** 1-based column of `needle` on 1-based `line` of `text`. */
function columnOf(text: string, line: number, needle: string): number {
  return (text.split('\n')[line - 1] ?? '').indexOf(needle) + 1;
}

// Each audit loads a TypeScript project with @types/node and pg: a second or two apiece.
describe('auditDisposal', { timeout: 60_000 }, () => {
  it('reports a leaking client and one from a cross-file source, not the fixed twins nor the client handed to a cross-file sink', () => {
    using project = makeProject();
    const result = auditDisposal(['.'], { cwd: project.dir });
    expect(result.audit).toBe('disposal');
    expect(result.root).toBe(project.dir);
    expect(result.project).toBe('tsconfig.json');
    expect(result.findings.map((f) => [f.file, f.line])).toEqual([
      ['src/leaky.ts', 4],
      ['src/probe.ts', 4],
    ]);
    expect(result.filesScanned).toBe(4);
    expect(result.projectFiles).toBe(4);
    expect(result.notes).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.bytesScanned).toBeGreaterThan(0);
  });

  it('places a finding at the acquisition with 1-based positions, the line text, a message naming both ends and a fingerprint', () => {
    using project = makeProject();
    const [leak] = auditDisposal(['src/leaky.ts'], { cwd: project.dir }).findings;
    expect(leak).toBeDefined();
    if (leak === undefined) return;
    expect(leak).toMatchObject({ ruleId: 'no-leaked-resource', file: 'src/leaky.ts', line: 4, endLine: 4, lineText: '  const client = await pool.connect();', lineTextColumn: 1, resource: 'client' });
    // The acquisition is the call; whether the engine includes its `await` is the engine's choice.
    expect([columnOf(LEAKY_TS, 4, 'await'), columnOf(LEAKY_TS, 4, 'pool')]).toContain(leak.column);
    expect(leak.endColumn).toBe(columnOf(LEAKY_TS, 4, ';'));
    expect(leak.acquiredBy).toContain('connect()');
    expect(leak.message).toMatch(/client.*line 4/u);
    expect(leak.exitLine).toBeGreaterThanOrEqual(4);
    expect(leak.fingerprint).toMatch(/^[0-9a-f]{64}$/u);
    const [probe] = auditDisposal(['src/probe.ts'], { cwd: project.dir }).findings;
    expect(probe).toMatchObject({ file: 'src/probe.ts', line: 4, column: columnOf(PROBE_TS, 4, 'open()'), resource: 'probe' });
  });

  it('keeps fingerprints when lines are added above, and tells them apart from the path audit’s', () => {
    using project = makeProject();
    const before = auditDisposal(['.'], { cwd: project.dir }).findings.map((f) => f.fingerprint);
    project.write('src/leaky.ts', `// a comment\n\n${LEAKY_TS}`);
    const after = auditDisposal(['.'], { cwd: project.dir });
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before);
    expect(after.findings[0]?.line).toBe(6);
  });

  it('reports only the files under the paths given that the path audit would scan, analysing the whole project', () => {
    using project = makeProject({ '.gitignore': 'src/generated/\n', 'src/generated/leak.ts': LEAKY_TS, 'src/types.d.ts': 'export declare function x(): void;\n' });
    const files = (paths: string[], options = {}) => [...new Set(auditDisposal(paths, { cwd: project.dir, ...options }).findings.map((f) => f.file))];
    expect(files(['.'])).toEqual(['src/leaky.ts', 'src/probe.ts']);
    // probe.ts alone still knows that db.ts's open() returns a fresh client.
    expect(files(['src/probe.ts'])).toEqual(['src/probe.ts']);
    expect(files(['src/generated/leak.ts'])).toEqual(['src/generated/leak.ts']);
    expect(files(['.'], { ignore: ['src/probe.ts'] })).toEqual(['src/leaky.ts']);
    const scanned = scanPaths(['.'], { cwd: project.dir });
    expect(scanned.filesScanned).toBeGreaterThan(0);
  });

  it('honours leakguard-ignore-next-line, -line and -file for no-leaked-resource, and not a directive for another rule', () => {
    using project = makeProject({
      'src/probe.ts': PROBE_TS.replace('  const probe = open();', '  // leakguard-ignore-next-line no-leaked-resource -- closed by the caller\n  const probe = open();'),
      'src/leaky.ts': LEAKY_TS.replace('await pool.connect();', 'await pool.connect(); // leakguard-ignore-line no-home-path'),
    });
    const result = auditDisposal(['.'], { cwd: project.dir });
    expect(result.findings.map((f) => f.file)).toEqual(['src/leaky.ts']);
    expect(result.suppressed).toBe(1);
    project.write('src/leaky.ts', `// leakguard-ignore-file leakguard/no-leaked-resource\n${LEAKY_TS}`);
    const none = auditDisposal(['.'], { cwd: project.dir });
    expect(none.findings).toEqual([]);
    expect(none.suppressed).toBe(2);
  });

  it('adopts a baseline: only new findings are reported; one file holds the findings of both audits', () => {
    using project = makeProject({ 'notes.txt': 'see /home/ana/x\n' });
    const first = auditDisposal(['.'], { cwd: project.dir });
    writeBaseline(project.path('baseline.json'), first.findings, ['no-leaked-resource']);
    writeBaseline(project.path('baseline.json'), scanPaths(['.'], { cwd: project.dir }).findings);
    const baseline = readBaseline(project.path('baseline.json'));
    expect(baseline.findings.map((e) => e.ruleId).sort()).toEqual(['no-home-path', 'no-leaked-resource', 'no-leaked-resource']);

    project.write('src/more.ts', LEAKY_TS.replace('count', 'countAgain'));
    const second = auditDisposal(['.'], { cwd: project.dir, baseline });
    expect(second.findings.map((f) => f.file)).toEqual(['src/more.ts']);
    expect(second.baselined).toBe(2);
    const paths = scanPaths(['.'], { cwd: project.dir, baseline });
    expect(paths.findings).toEqual([]);
    expect(paths.baselined).toBe(1);
    // Rewriting the disposal audit's entries keeps the path audit's.
    writeBaseline(project.path('baseline.json'), [], ['no-leaked-resource']);
    expect(readBaseline(project.path('baseline.json')).findings.map((e) => e.ruleId)).toEqual(['no-home-path']);
  });

  it('notes a file that does not parse and does not analyse it; type errors do not stop it', () => {
    using project = makeProject({ 'src/broken.ts': 'export function f( {\n', 'src/typo.ts': 'export const n: number = "not a number";\n' });
    const result = auditDisposal(['.'], { cwd: project.dir });
    expect(result.notes).toEqual([{ file: 'src/broken.ts', kind: 'parse-error', detail: expect.stringMatching(/^\d+:\d+: .+; not analysed$/u) }]);
    expect(result.findings.map((f) => f.file)).toEqual(['src/leaky.ts', 'src/probe.ts']);
  });

  it('says so when no source file of the project lies under the paths', () => {
    using project = makeProject({ 'docs/readme.md': '# docs\n' });
    const result = auditDisposal(['docs'], { cwd: project.dir });
    expect(result.filesScanned).toBe(0);
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual([{ file: '.', kind: 'no-source-files', detail: expect.stringContaining('none of the 4 source files of tsconfig.json lies under docs') }]);
  });

  it('follows the references of a solution tsconfig.json (recursively, each project once) into one program', () => {
    // A file handle not closed when readFile throws (line 4 acquires): found only when @types/node resolves.
    const handleTs = `import { open } from 'node:fs/promises';

export async function firstLine(path: string): Promise<string> {
  const handle = await open(path);
  const text = await handle.readFile('utf8');
  await handle.close();
  return text.split('\\n')[0] ?? '';
}
`;
    const referencing = (references: string[]) => `${JSON.stringify({ ...(JSON.parse(TSCONFIG) as object), references: references.map((path) => ({ path })) })}\n`;
    using tree = makeTypeScriptTree({
      // The monorepo's root: no files of its own, no compiler options, two projects referenced.
      'tsconfig.json': '{ "files": [], "references": [{ "path": "api" }, { "path": "worker/tsconfig.app.json" }] }\n',
      // A directory reference and a file reference; api references worker too, and worker api back.
      'api/tsconfig.json': referencing(['../worker/tsconfig.app.json']),
      'api/src/leaky.ts': LEAKY_TS,
      'worker/tsconfig.app.json': referencing(['../api']),
      'worker/src/handle.ts': handleTs,
    });
    const result = auditDisposal(['.'], { cwd: tree.dir });
    expect(result.project).toBe('tsconfig.json');
    expect(result.findings.map((f) => [f.file, f.line, f.resource])).toEqual([
      ['api/src/leaky.ts', 4, 'client'],
      ['worker/src/handle.ts', 4, 'handle'],
    ]);
    expect(result.projectFiles).toBe(2);
    expect(result.notes).toEqual([]);
    // The solution's options are a referenced project's: with TypeScript's defaults, node:fs/promises
    // would not resolve (nothing here pulls @types/node in through pg) and the handle would go unreported.
    tree.write('worker/tsconfig.app.json', TSCONFIG);
    tree.write('solution.json', '{ "files": [], "references": [{ "path": "worker/tsconfig.app.json" }] }\n');
    expect(auditDisposal(['.'], { cwd: tree.dir, project: 'solution.json' }).findings.map((f) => [f.file, f.line])).toEqual([['worker/src/handle.ts', 4]]);
    // A reference that leads to no files at all keeps the note; a missing one is named.
    tree.write('empty/tsconfig.json', '{ "include": ["src"] }\n');
    tree.write('solution.json', '{ "files": [], "references": [{ "path": "empty" }] }\n');
    const none = auditDisposal(['.'], { cwd: tree.dir, project: 'solution.json' });
    expect(none.filesScanned).toBe(0);
    expect(none.notes).toEqual([{ file: 'solution.json', kind: 'no-source-files', detail: 'solution.json has no TypeScript source files, nor have the projects it references: check their "include" and "files"' }]);
    tree.write('solution.json', '{ "files": [], "references": [{ "path": "gone" }] }\n');
    const missing = (() => {
      try {
        return auditDisposal(['.'], { cwd: tree.dir, project: 'solution.json' });
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(ScanInputError);
    expect(missing).toMatchObject({
      message: 'solution.json: the project it references, gone/tsconfig.json, does not exist; fix its "references" or pass --project with another tsconfig.json',
      file: tree.path('solution.json'),
    });
  });

  it('finds the nearest tsconfig.json from the first path, or takes --project; a missing or invalid one is a ScanInputError naming it', () => {
    using project = makeProject({ 'sub/tsconfig.json': '{ "include": ["*.ts"] }\n', 'sub/x.ts': 'export const x = 1;\n', 'bad/tsconfig.json': '{ "compilerOptions": { "strict": tru } }\n' });
    expect(auditDisposal(['sub'], { cwd: project.dir }).project).toBe('sub/tsconfig.json');
    expect(auditDisposal(['src'], { cwd: project.dir, project: 'tsconfig.json' }).findings).toHaveLength(2);
    expect(auditDisposal(['.'], { cwd: project.dir, project: 'sub' }).project).toBe('sub/tsconfig.json');
    expect(() => auditDisposal(['.'], { cwd: project.dir, project: 'nope.json' })).toThrow(new ScanInputError('nope.json: no such file (--project names a tsconfig.json, or a directory holding one)'));
    expect(() => auditDisposal(['.'], { cwd: project.dir, project: 'docs' })).toThrow(ScanInputError);
    expect(() => auditDisposal(['.'], { cwd: project.dir, project: 'bad/tsconfig.json' })).toThrow(/^bad\/tsconfig\.json: 1:\d+: .+; fix it or pass --project/u);
    expect(() => auditDisposal(['missing'], { cwd: project.dir })).toThrow(new ScanInputError('missing: no such file or directory'));
  });

  it('reports user-declared resources, and rejects invalid disposal options', () => {
    const runner = `interface Runner { release(): void; query(sql: string): Promise<void> }
declare function createQueryRunner(): Runner;

export async function migrate(): Promise<void> {
  const runner = createQueryRunner();
  await runner.query('SELECT 1');
}
`;
    using project = makeProject({ 'src/runner.ts': runner });
    const files = (options = {}) => auditDisposal(['src/runner.ts'], { cwd: project.dir, ...options }).findings.map((f) => f.line);
    expect(files()).toEqual([]);
    expect(files({ resources: [{ acquire: 'createQueryRunner', release: 'release' }] })).toEqual([5]);
    // "//" comment keys, as in the config file, are left out before the engine sees them.
    expect(files({ '//': 'TypeORM', resources: [{ '//': 'its query runner', acquire: 'createQueryRunner', release: 'release' }] })).toEqual([5]);
    expect(() => auditDisposal(['.'], { cwd: project.dir, resources: 'nope' as never })).toThrow(/^invalid disposal options: /u);
    expect(() => auditDisposal(['.'], { cwd: project.dir, ignore: [1] as never })).toThrow('invalid disposal options: "ignore[0]" must be a string, got a number (1)');
  });
});
