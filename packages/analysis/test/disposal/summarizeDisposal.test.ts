import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLeakedResources, summarizeDisposal } from '../../src/index.js';
import { createTestProgram, diagnostics, warmUp } from './program.js';

beforeAll(warmUp, 120_000);

const DB = [
  "import pg from 'pg';",
  'export const pool = new pg.Pool();',
  'export async function open(): Promise<pg.PoolClient> {',
  '  const c = await pool.connect();',
  '  return c;',
  '}',
  'export function connect(): pg.Client { return new pg.Client(); }',
  'export function finish(c: pg.PoolClient): void { c.release(); }',
  'export async function run(c: pg.PoolClient, sql: string): Promise<void> { await c.query(sql); }',
  'export function keep(c: pg.PoolClient): void { void c; }',
].join('\n');

const USER = [
  "import { open, connect, finish, run } from './db.js';",
  'export async function a(sql: string) {',
  '  const c = await open();',
  '  await run(c, sql);',
  '  finish(c);',
  '}',
  'export async function b(flag: boolean) {',
  '  const c = await open();',
  '  if (flag) return;',
  '  finish(c);',
  '}',
  'export async function ok() {',
  '  const c = await open();',
  '  try {',
  '    await c.query("select 1");',
  '  } finally {',
  '    finish(c);',
  '  }',
  '}',
  'export function d() {',
  '  const k = connect();',
  '  void k;',
  '}',
].join('\n');

describe('summarizeDisposal', () => {
  const p = createTestProgram({ 'user.ts': USER, 'db.ts': DB });
  const files = [...p.files.values()];
  it('compiles', () => {
    expect(diagnostics(p)).toEqual([]);
  });
  it('finds sources, sinks and borrowers across files', () => {
    const knowledge = summarizeDisposal(ts, p.checker, files);
    const names = (m: ReadonlyMap<ts.Node, unknown>): string[] =>
      [...m.keys()].map((n) => (ts.isFunctionDeclaration(n) && n.name ? n.name.text : n.getText().slice(0, 10))).sort();
    expect(names(knowledge.sources)).toEqual(['connect', 'open']);
    expect(names(knowledge.sinks)).toEqual(['finish']);
    expect(names(knowledge.borrowers ?? new Map())).toContain('run');
    expect(names(knowledge.borrowers ?? new Map())).not.toContain('finish');
  });
  it('reports leaks through sources and sinks only with the knowledge', () => {
    const user = p.files.get('user.ts') as ts.SourceFile;
    const line = (f: { start: number }): number => user.getLineAndCharacterOfPosition(f.start).line + 1;
    expect(findLeakedResources(ts, p.checker, user)).toEqual([]);
    const knowledge = summarizeDisposal(ts, p.checker, files);
    const found = findLeakedResources(ts, p.checker, user, undefined, knowledge);
    expect(found.map((f) => `${f.path}@${line(f)}`)).toEqual(['throw@3', 'return@8', 'end@21']);
    expect(found[0]?.message).toBe('c acquired by open() at line 3 is not released when run() at line 4 throws');
  });
});
