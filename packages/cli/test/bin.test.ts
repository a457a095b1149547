// The real command in a child process, from source as the repository's other process tests run
// (`node --conditions=source --import tsx …`), in a temporary tree as its working directory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../../scanner/test/support/tree.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
// Located from here: the child's cwd is a temporary directory where `--import tsx` would not resolve.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function leakguard(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { NO_COLOR: _n, FORCE_COLOR: _f, LEAKGUARD_DEBUG: _d, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, ...args], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the leakguard executable', () => {
  it('starts with a node shebang, so npm can link it as a bin', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('exits 0 for a clean tree and 1 with findings, printing the report on stdout', async () => {
    using tree = makeTree({ 'a.ts': 'export const a = 1;\n', 'logo.png': Buffer.from([0x89, 0x50, 0x00]) });
    expect(await leakguard(tree.dir, ['audit', 'paths'])).toEqual({ code: 0, stdout: 'skipped:\n  1 binary file\nno home-directory paths in 1 file (1 skipped)\n', stderr: '' });
    tree.write('b.md', 'Run it from /Users/bob/app.\n');
    const found = await leakguard(tree.dir, ['audit', 'paths', '--format', 'github']);
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/^::error file=b\.md,line=1,col=13,/u);
  });

  it('exits 2 with a clear message and no stack trace for a path that does not exist or an unknown option', async () => {
    using tree = makeTree({});
    expect(await leakguard(tree.dir, ['audit', 'paths', 'src'])).toEqual({ code: 2, stdout: '', stderr: 'leakguard: src: no such file or directory\n' });
    const unknown = await leakguard(tree.dir, ['audit', 'paths', '--sarif']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^leakguard: unknown option '--sarif'\nUsage: leakguard audit paths/u);
    expect(unknown.stderr).not.toContain('    at ');
  });

  it('colours only when asked: FORCE_COLOR on a pipe, never with NO_COLOR', async () => {
    using tree = makeTree({ 'a.txt': '/home/ana\n' });
    expect((await leakguard(tree.dir, ['audit', 'paths'])).stdout).not.toContain('\u001b[');
    expect((await leakguard(tree.dir, ['audit', 'paths'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[1m\u001b[31m/home/ana');
    expect((await leakguard(tree.dir, ['audit', 'paths'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it('loads ts-morph only for the disposal audit: the path audit never pays for it', async () => {
    // NODE_DEBUG=module makes Node's CommonJS loader name every package it looks up, on stderr.
    using tree = makeTree({ 'tsconfig.json': '{ "include": ["*.ts"] }', 'a.ts': 'export const a = 1;\n' });
    const paths = await leakguard(tree.dir, ['audit', 'paths'], { NODE_DEBUG: 'module' });
    expect(paths.code).toBe(0);
    expect(paths.stderr).not.toContain('ts-morph');
    const disposal = await leakguard(tree.dir, ['audit', 'disposal'], { NODE_DEBUG: 'module' });
    expect(disposal.code).toBe(0);
    expect(disposal.stderr).toContain('ts-morph');
  });
});
