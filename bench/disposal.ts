import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand } from './support/command.js';
import { median } from './support/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/**
 * The real TypeScript code base measured besides this repository: rxjs's own sources, which
 * its npm package ships under src/ (about 250 files), type-checked with the package's tsconfig.
 */
const EXTERNAL_PACKAGE = 'rxjs@7.8.2';
/** Bump when EXTERNAL_PACKAGE changes, so a stale cached copy is not reused. */
const EXTERNAL_VERSION = 1;
/** The targets: the rule costs no more than no-floating-promises; the audit takes at most 1.5x tsc --noEmit. */
const TARGET_RULE_RATIO = 1;
const TARGET_AUDIT_RATIO = 1.5;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cliBin = join(repoRoot, 'packages/cli/dist/bin.js');
const eslintBin = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const tscBin = join(repoRoot, 'node_modules/typescript/bin/tsc');

const RULES = ['leakguard/no-leaked-resource', '@typescript-eslint/no-floating-promises'] as const;

/** The `disposal` suite: the rule's time beside no-floating-promises (ESLint's TIMING), and the audit's wall time beside tsc --noEmit. */
export const suite: Suite = {
  name: 'disposal',
  description: 'no-leaked-resource rule time vs no-floating-promises (TIMING), leakguard audit disposal vs tsc --noEmit',
  run: runDisposalSuite,
};

/** A TypeScript project to measure: the folder the audit scans and ESLint runs in, and its tsconfig. */
interface Project {
  readonly name: string;
  readonly dir: string;
  readonly tsconfig: string;
  /** Globs (relative to `dir`) of the files ESLint lints: the project's own sources. */
  readonly lint: readonly string[];
  readonly files: number;
  /** Removes what the suite wrote for this project. */
  readonly cleanup: () => void;
}

interface Measured {
  readonly project: Project;
  readonly ruleMs: Record<'no-leaked-resource' | 'no-floating-promises', number[]>;
  readonly wallMs: Record<'audit' | 'tsc', number[]>;
}

async function runDisposalSuite(options: SuiteOptions): Promise<SuiteResult> {
  requireTools();
  const warmupRounds = 1;
  const measured: Measured[] = [];
  const projects: Project[] = [];
  try {
    // A smoke run (--scale below 1) measures one package of this repository and downloads nothing.
    projects.push(thisRepository(options.scale >= 1 ? ['packages/*/src/**/*.ts', 'eslint-plugin/src/**/*.ts'] : ['packages/core/src/**/*.ts']));
    if (options.scale >= 1) projects.push(externalProject(options.progress));
    for (const project of projects) measured.push(await measure(project, warmupRounds, options));
  } finally {
    for (const project of projects) project.cleanup();
  }

  const scenarios = measured.flatMap(({ project, ruleMs, wallMs }) => [
    { name: `${project.name} rule`, description: `${project.files} files; ESLint TIMING per rule, ms, one run for both, files type-checked before either rule, order alternating`, samples: new Map(Object.entries(ruleMs)) },
    { name: `${project.name} audit`, description: `${project.files} files; wall time per run, ms, process start included`, samples: new Map(Object.entries(wallMs)) },
  ]);
  const summaries = measured.map(summarize);
  const notes = summaries.flatMap((s) => [
    `${s.project}: rule ${s.rule_ms['no-leaked-resource']} ms vs no-floating-promises ${s.rule_ms['no-floating-promises']} ms = ${s.ruleRatio.toFixed(2)}x (target <= ${TARGET_RULE_RATIO}x): ${s.ruleRatio <= TARGET_RULE_RATIO ? 'met' : 'MISSED'}`,
    `${s.project}: audit ${s.seconds.audit} s vs tsc --noEmit ${s.seconds.tsc} s = ${s.auditRatio.toFixed(2)}x (target <= ${TARGET_AUDIT_RATIO}x): ${s.auditRatio <= TARGET_AUDIT_RATIO ? 'met' : 'MISSED'}`,
  ]);
  const json = summaries.map(({ ruleRatio: _r, auditRatio: _a, ...rest }) => rest);
  // The suite's JSON describes one project: the external code base (this repository in a smoke run); every project measured follows under `projects`.
  const main = json.at(-1) as (typeof json)[number];
  return {
    suite: 'disposal',
    unit: 'ms',
    higherIsBetter: false,
    anchors: ['no-floating-promises', 'tsc'],
    rounds: options.rounds,
    warmupRounds,
    scenarios,
    notes,
    json: { ...main, projects: json },
  };
}

function summarize({ project, ruleMs, wallMs }: Measured) {
  const rule = { 'no-leaked-resource': round1(median(ruleMs['no-leaked-resource'])), 'no-floating-promises': round1(median(ruleMs['no-floating-promises'])) };
  const seconds = { audit: round3(median(wallMs.audit) / 1000), tsc: round3(median(wallMs.tsc) / 1000) };
  return {
    suite: 'disposal' as const,
    project: project.name,
    files: project.files,
    rule_ms: rule,
    seconds,
    ruleRatio: rule['no-leaked-resource'] / rule['no-floating-promises'],
    auditRatio: seconds.audit / seconds.tsc,
  };
}

async function measure(project: Project, warmupRounds: number, options: SuiteOptions): Promise<Measured> {
  const ruleMs = { 'no-leaked-resource': [] as number[], 'no-floating-promises': [] as number[] };
  const wallMs = { audit: [] as number[], tsc: [] as number[] };
  options.progress(`disposal: ${project.name}: ${project.files} files; ${warmupRounds} warm-up + ${options.rounds} rounds`);
  const audit = { cmd: process.execPath, args: [cliBin, 'audit', 'disposal', project.dir, '--project', project.tsconfig, '--format', 'json', '--output', devNull()], ok: [0, 1] };
  // Type errors (exit 2) do not matter to the timing: the same program is built either way.
  const tsc = { cmd: process.execPath, args: [tscBin, '--noEmit', '--incremental', 'false', '-p', project.tsconfig], ok: [0, 1, 2] };
  for (let r = 0; r < warmupRounds + options.rounds; r++) {
    const timed = r >= warmupRounds;
    // ESLint: both rules in one run, after a rule that type-checks each file (so neither pays for the
    // checking both need); the order alternates too.
    const order = r % 2 === 0 ? RULES : [...RULES].reverse();
    const timing = await eslintTiming(project, order);
    const wall: Record<string, number> = {};
    for (const [name, c] of r % 2 === 0 ? ([['audit', audit], ['tsc', tsc]] as const) : ([['tsc', tsc], ['audit', audit]] as const)) wall[name] = (await runCommand(`bench disposal: ${name}`, { ...c, cwd: project.dir })).ms;
    const a2 = wall.audit as number;
    const t = wall.tsc as number;
    if (timed) {
      ruleMs['no-leaked-resource'].push(timing['leakguard/no-leaked-resource'] ?? 0);
      ruleMs['no-floating-promises'].push(timing['@typescript-eslint/no-floating-promises'] ?? 0);
      wallMs.audit.push(a2);
      wallMs.tsc.push(t);
    }
    options.progress(
      `disposal ${project.name} ${timed ? `round ${r - warmupRounds + 1}/${options.rounds}` : 'warm-up'}: rule ${fmt(timing['leakguard/no-leaked-resource'])} ms, no-floating-promises ${fmt(timing['@typescript-eslint/no-floating-promises'])} ms; audit ${Math.round(a2)} ms, tsc ${Math.round(t)} ms`,
    );
  }
  return { project, ruleMs, wallMs };
}

/** Runs ESLint with only the two rules (in `order`) under TIMING=all and returns each rule's ms. */
async function eslintTiming(project: Project, order: readonly string[]): Promise<Record<string, number>> {
  const config = join(project.dir, `eslint.bench-disposal-${process.pid}.config.mjs`);
  const tseslint = pathToFileURL(join(repoRoot, 'node_modules/typescript-eslint/dist/index.js')).href;
  const plugin = pathToFileURL(join(repoRoot, 'eslint-plugin/dist/index.js')).href;
  writeFileSync(
    config,
    `import leakguard from ${JSON.stringify(plugin)};
import tseslint from ${JSON.stringify(tseslint)};
// Type-checks each file before the measured rules run, so neither pays for checking what both need.
const checkFirst = {
  create(context) {
    const { program } = context.sourceCode.parserServices;
    program.getSemanticDiagnostics(program.getSourceFile(context.physicalFilename));
    return {};
  },
};
export default [
  {
    files: ${JSON.stringify(project.lint)},
    plugins: { leakguard, '@typescript-eslint': tseslint.plugin, bench: { rules: { 'check-first': checkFirst } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: { parser: tseslint.parser, parserOptions: { project: ${JSON.stringify(project.tsconfig)}, tsconfigRootDir: ${JSON.stringify(project.dir)} } },
    rules: ${JSON.stringify(Object.fromEntries([['bench/check-first', 'error'], ...order.map((rule) => [rule, 'error'])]))},
  },
];
`,
  );
  try {
    const out = await runCommand('bench disposal: eslint', {
      cmd: process.execPath,
      args: [eslintBin, '--config', config, '--no-config-lookup', '--no-warn-ignored', '--format', 'json', '--output-file', devNull(), ...project.lint],
      cwd: project.dir,
      env: { TIMING: 'all' },
      ok: [0, 1],
    });
    const timing: Record<string, number> = {};
    for (const line of out.stdout.split('\n')) {
      const m = /^\s*(\S+)\s*\|\s*([\d.]+)\s*\|/u.exec(line);
      if (m !== null) timing[m[1] as string] = Number(m[2]);
    }
    for (const rule of RULES) if (timing[rule] === undefined) throw new Error(`bench disposal: ESLint's TIMING table has no row for ${rule}; got:\n${out.stdout.slice(0, 2000)}`);
    return timing;
  } finally {
    rmSync(config, { force: true });
  }
}

/** This repository's package sources (`lint`), with a tsconfig (in the temporary directory) that lists them all in one program. */
function thisRepository(lint: readonly string[]): Project {
  const dir = join(tmpdir(), `leakguard-bench-disposal-self-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(repoRoot, 'tsconfig.base.json'),
      // typeRoots: type packages are looked up beside the tsconfig, which lives outside the repository.
      compilerOptions: { composite: false, declaration: false, declarationMap: false, sourceMap: false, incremental: false, noEmit: true, rootDir: repoRoot, typeRoots: [join(repoRoot, 'node_modules/@types')] },
      include: lint.map((glob) => join(repoRoot, glob)),
    }),
  );
  return { name: 'leakguard', dir: repoRoot, tsconfig, lint, files: countFiles(tsconfig), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** rxjs's src/, downloaded once from the npm registry (`npm pack`) into the temporary directory. */
function externalProject(progress: (line: string) => void): Project {
  const root = join(tmpdir(), `leakguard-bench-disposal-v${EXTERNAL_VERSION}`);
  const dir = join(root, 'package');
  const done = join(root, '.complete');
  if (!existsSync(done)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    progress(`disposal: fetching ${EXTERNAL_PACKAGE} from the npm registry`);
    const pack = spawnSync('npm', ['pack', EXTERNAL_PACKAGE, '--silent', '--pack-destination', root], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`bench disposal: npm pack ${EXTERNAL_PACKAGE} failed: ${pack.stderr.trim()}`);
    const file = pack.stdout.trim().split('\n').at(-1) as string;
    const untar = spawnSync('tar', ['xzf', join(root, file), '-C', root], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`bench disposal: unpacking ${file} failed: ${untar.stderr.trim()}`);
    rmSync(join(root, file));
    writeFileSync(done, EXTERNAL_PACKAGE);
  }
  // The package's own compiler options (strict, its path mapping), over its sources only, without emitting.
  const tsconfig = join(dir, 'tsconfig.bench.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, incremental: false, skipLibCheck: true, types: [], ignoreDeprecations: '6.0' }, include: ['src/**/*.ts'] }));
  return { name: EXTERNAL_PACKAGE, dir, tsconfig, lint: ['src/**/*.ts'], files: countFiles(tsconfig), cleanup: () => rmSync(tsconfig, { force: true }) };
}

/** The project's own source files (no declaration files from lib or node_modules), as tsc lists them. */
function countFiles(tsconfig: string): number {
  const list = spawnSync(process.execPath, [tscBin, '--listFilesOnly', '-p', tsconfig], { encoding: 'utf8' });
  if (list.status !== 0 && list.stdout.trim() === '') throw new Error(`bench disposal: tsc --listFilesOnly -p ${tsconfig} failed: ${list.stderr.trim() || list.stdout.trim()}`);
  return list.stdout.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('/node_modules/')).length;
}

/** Fails early, naming what to build, when a contender cannot run. */
function requireTools(): void {
  if (!existsSync(cliBin)) throw new Error(`bench disposal: ${relative(repoRoot, cliBin)} is missing; build first with: npx tsc -b`);
  if (!existsSync(join(repoRoot, 'eslint-plugin/dist/index.js'))) throw new Error('bench disposal: eslint-plugin/dist is missing; build first with: npx tsc -b');
}

function fmt(ms: number | undefined): string {
  return ms === undefined ? '?' : ms.toFixed(1);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round3(s: number): number {
  return Math.round(s * 1000) / 1000;
}

function devNull(): string {
  return process.platform === 'win32' ? 'NUL' : '/dev/null';
}
