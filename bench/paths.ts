import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand } from './support/command.js';
import { median } from './support/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from './support/suite.js';

/**
 * The tree every full run scans: the published sources of seven large npm packages, at pinned
 * versions, unpacked side by side (not under node_modules, which every contender would skip).
 * 20,337 files, about 190 MB.
 */
const CORPUS_PACKAGES = ['rxjs@7.8.2', 'date-fns@4.1.0', 'core-js@3.45.1', 'lodash@4.17.21', '@mui/material@9.5.0', 'antd@6.6.8', 'three@0.187.0'];
/** Bump when CORPUS_PACKAGES changes, so a stale cached corpus is not reused. */
const CORPUS_VERSION = 1;
/** What leakguard and ripgrep skip by default (leakguard's `maxFileBytes`), so both read the same files. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The targets, as ratios of medians. */
const TARGET_VS_RIPGREP = 2;
const TARGET_VS_ESLINT = 20;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cliBin = join(repoRoot, 'packages/cli/dist/bin.js');
const eslintBin = join(repoRoot, 'node_modules/eslint/bin/eslint.js');

/**
 * The forms no-home-path reports, as one ripgrep regex: what a plain-text search for the same
 * policy would use (it cannot tell placeholders, CI accounts or routes apart, so it finds more).
 */
const RIPGREP_REGEX = String.raw`(?:file://)?(?:/home/|/Users/|/mnt/[A-Za-z]/Users/|[A-Za-z]:(?:\\\\|\\|/)(?:Users|Documents and Settings)(?:\\\\|\\|/))[A-Za-z0-9._-]+`;

/** The `paths` suite: wall time of `leakguard audit paths`, ripgrep and ESLint (only no-home-path) over one large tree. */
export const suite: Suite = {
  name: 'paths',
  description: 'wall time of leakguard audit paths vs ripgrep and ESLint (no-home-path only) on a large source tree',
  run: runPathsSuite,
};

interface Corpus {
  readonly dir: string;
  readonly description: string;
  readonly files: number;
  readonly bytes: number;
}

async function runPathsSuite(options: SuiteOptions): Promise<SuiteResult> {
  requireTools();
  const corpus = options.scale >= 1 ? registryCorpus(options.progress) : smokeCorpus(options.scale, options.progress);
  const eslintConfig = writeEslintConfig(corpus.dir);
  const warmupRounds = 1;
  // ESLint takes tens of times longer than the others: it runs in the first timed round only.
  const eslintRounds = 1;
  options.progress(`paths: ${corpus.description}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB; ${warmupRounds} warm-up + ${options.rounds} rounds (ESLint in ${eslintRounds})`);

  const commands: Record<string, { cmd: string; args: string[]; cwd: string; ok: readonly number[] }> = {
    leakguard: { cmd: process.execPath, args: [cliBin, 'audit', 'paths', corpus.dir, '--format', 'json', '--output', devNull()], cwd: corpus.dir, ok: [0, 1] },
    // --hidden and --max-filesize make ripgrep read what leakguard reads (dotfiles, files up to 2 MB); like leakguard it honours .gitignore and skips binary files.
    ripgrep: { cmd: 'rg', args: ['--hidden', '--max-filesize', String(MAX_FILE_BYTES), '--count-matches', '--no-messages', '-e', RIPGREP_REGEX, corpus.dir], cwd: corpus.dir, ok: [0, 1] },
    eslint: { cmd: process.execPath, args: [eslintBin, '--config', eslintConfig, '--no-warn-ignored', '--format', 'json', '--output-file', devNull(), '.'], cwd: corpus.dir, ok: [0, 1] },
  };
  const samples = new Map<string, number[]>([
    ['leakguard', []],
    ['ripgrep', []],
    ['eslint', []],
  ]);
  const quick = ['leakguard', 'ripgrep'];
  for (let r = 0; r < warmupRounds + options.rounds; r++) {
    const timed = r >= warmupRounds;
    const names = r % 2 === 0 ? quick : [...quick].reverse();
    const round = timed && r - warmupRounds < eslintRounds ? [...names, 'eslint'] : names;
    const results: string[] = [];
    for (const name of round) {
      const c = commands[name] as (typeof commands)[string];
      const { ms } = await runCommand(`bench paths: ${name}`, c);
      if (timed) (samples.get(name) as number[]).push(ms);
      results.push(`${name} ${Math.round(ms)} ms`);
    }
    options.progress(`paths ${timed ? `round ${r - warmupRounds + 1}/${options.rounds}` : 'warm-up'}: ${results.join(', ')}`);
  }
  rmSync(eslintConfig, { force: true });

  const seconds = Object.fromEntries([...samples].map(([name, values]) => [name, median(values) / 1000])) as Record<'leakguard' | 'ripgrep' | 'eslint', number>;
  const vsRipgrep = seconds.leakguard / seconds.ripgrep;
  const vsEslint = seconds.eslint / seconds.leakguard;
  return {
    suite: 'paths',
    unit: 'ms',
    higherIsBetter: false,
    anchors: ['ripgrep', 'eslint'],
    rounds: options.rounds,
    warmupRounds,
    scenarios: [{ name: 'tree', description: `${corpus.description}: ${corpus.files} files, ${corpus.bytes} bytes; wall time per run, process start included`, samples }],
    notes: [
      `target leakguard <= ${TARGET_VS_RIPGREP}x ripgrep's time: ${vsRipgrep.toFixed(2)}x, ${vsRipgrep <= TARGET_VS_RIPGREP ? 'met' : 'MISSED'}`,
      `target leakguard >= ${TARGET_VS_ESLINT}x faster than ESLint: ${vsEslint.toFixed(1)}x, ${vsEslint >= TARGET_VS_ESLINT ? 'met' : 'MISSED'}`,
    ],
    json: {
      suite: 'paths',
      files: corpus.files,
      bytes: corpus.bytes,
      seconds: { leakguard: round3(seconds.leakguard), ripgrep: round3(seconds.ripgrep), eslint: round3(seconds.eslint) },
    },
  };
}

function round3(s: number): number {
  return Math.round(s * 1000) / 1000;
}

function devNull(): string {
  return process.platform === 'win32' ? 'NUL' : '/dev/null';
}

/** Fails early, naming what to install, when a contender cannot run. */
function requireTools(): void {
  if (spawnSync('rg', ['--version']).status !== 0) throw new Error('bench paths: ripgrep (rg) is not installed; install it with: apt-get install -y ripgrep');
  if (!existsSync(cliBin)) throw new Error(`bench paths: ${relative(repoRoot, cliBin)} is missing; build first with: npx tsc -b`);
  if (!existsSync(join(repoRoot, 'eslint-plugin/dist/index.js'))) throw new Error('bench paths: eslint-plugin/dist is missing; build first with: npx tsc -b');
}


/**
 * The full corpus, downloaded once from the npm registry (`npm pack`) into the temporary
 * directory and reused while CORPUS_VERSION stays the same.
 */
function registryCorpus(progress: (line: string) => void): Corpus {
  const dir = join(tmpdir(), `leakguard-bench-paths-v${CORPUS_VERSION}`);
  const done = join(dir, '.complete');
  const tree = join(dir, 'tree');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    const tarballs = join(dir, 'tarballs');
    mkdirSync(tarballs);
    for (const spec of CORPUS_PACKAGES) {
      progress(`paths: fetching ${spec} from the npm registry`);
      const pack = spawnSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8' });
      if (pack.status !== 0) throw new Error(`bench paths: npm pack ${spec} failed: ${pack.stderr.trim()}`);
      const file = pack.stdout.trim().split('\n').at(-1) as string;
      const target = join(tree, spec.slice(0, spec.lastIndexOf('@')).replace('/', '__'));
      mkdirSync(target);
      const untar = spawnSync('tar', ['xzf', join(tarballs, file), '-C', target, '--strip-components=1'], { encoding: 'utf8' });
      if (untar.status !== 0) throw new Error(`bench paths: unpacking ${file} failed: ${untar.stderr.trim()}`);
    }
    rmSync(tarballs, { recursive: true });
    writeFileSync(done, CORPUS_PACKAGES.join('\n'));
  }
  return { dir: tree, description: `npm sources of ${CORPUS_PACKAGES.join(', ')}`, ...count(tree) };
}

/**
 * For a smoke run (`--scale` below 1): real files, no network — a slice of this repository's
 * installed dependencies (scale × 20,000 files, at least 50), copied out of node_modules.
 */
function smokeCorpus(scale: number, progress: (line: string) => void): Corpus {
  const want = Math.max(50, Math.round(20_000 * scale));
  const dir = join(tmpdir(), `leakguard-bench-paths-smoke-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const tree = join(dir, 'tree');
  mkdirSync(tree, { recursive: true });
  const source = join(repoRoot, 'node_modules');
  let copied = 0;
  for (const name of readdirSync(source).sort()) {
    if (copied >= want) break;
    if (name.startsWith('.') || name.startsWith('@')) continue;
    for (const file of readdirSync(join(source, name), { recursive: true, encoding: 'utf8' }).sort()) {
      if (copied >= want) break;
      const from = join(source, name, file);
      if (file.split(/[\\/]/).includes('node_modules') || !statSync(from).isFile()) continue;
      cpSync(from, join(tree, name, file));
      copied++;
    }
  }
  progress(`paths: smoke corpus of ${copied} files copied from node_modules`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { dir: tree, description: `a slice of this repository's dependencies`, ...count(tree) };
}

function count(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/**
 * A flat config beside the tree (not in it, so the other contenders do not read it) that runs
 * only leakguard/no-home-path on every JS/TS file, TypeScript through typescript-eslint's parser.
 */
function writeEslintConfig(treeDir: string): string {
  const file = join(treeDir, '..', 'eslint.bench.config.mjs');
  const plugin = pathToFileURL(join(repoRoot, 'eslint-plugin/dist/index.js')).href;
  const tseslint = pathToFileURL(join(repoRoot, 'node_modules/typescript-eslint/dist/index.js')).href;
  writeFileSync(
    file,
    `import leakguard from ${JSON.stringify(plugin)};
import tseslint from ${JSON.stringify(tseslint)};
export default [
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], plugins: { leakguard }, linterOptions: { reportUnusedDisableDirectives: 'off' }, rules: { 'leakguard/no-home-path': 'error' } },
  { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser } },
];
`,
  );
  return file;
}
