import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPreferUsing } from '../../src/index.js';
import { createTestProgram, diagnostics, warmUp } from './program.js';

beforeAll(warmUp, 120_000);

const PRELUDE = [
  'class Res { [Symbol.dispose](): void {} close(): void {} }',
  'class AsyncRes { async [Symbol.asyncDispose](): Promise<void> {} async close(): Promise<void> {} }',
  'class Plain { close(): void {} }',
  'declare function work(): Promise<void>;',
  '',
].join('\n');

function suggestions(code: string): string[] {
  const p = createTestProgram({ 'a.ts': `${PRELUDE}${code}\nexport {};\n` });
  expect(diagnostics(p)).toEqual([]);
  return findPreferUsing(ts, p.checker, p.sourceFile).map((f) => `${f.name}:${f.keyword}:${p.sourceFile.text.slice(f.start, f.end)}|${p.sourceFile.text.slice(f.releaseStart, f.releaseEnd)}`);
}

describe('findPreferUsing', () => {
  it('suggests using for a Disposable released in the finally right after it', () => {
    expect(suggestions('function f() {\n  const r = new Res();\n  try {\n    void r;\n  } finally {\n    r.close();\n  }\n}')).toEqual(['r:using:const r = new Res()|r.close();']);
    expect(suggestions('function f() {\n  const r = new Res();\n  try {\n    void r;\n  } finally {\n    r[Symbol.dispose]();\n  }\n}')).toEqual(['r:using:const r = new Res()|r[Symbol.dispose]();']);
  });
  it('suggests await using for an awaited or asyncDispose release', () => {
    expect(suggestions('async function f() {\n  const r = new AsyncRes();\n  try {\n    await work();\n  } finally {\n    await r.close();\n  }\n}')).toEqual(['r:await using:const r = new AsyncRes()|await r.close();']);
  });
  it('says nothing when using would not type-check or change meaning', () => {
    expect(suggestions('function f() {\n  const p = new Plain();\n  try {\n    void p;\n  } finally {\n    p.close();\n  }\n}')).toEqual([]);
    expect(suggestions('function f() {\n  const r = new Res();\n  void 0;\n  try {\n    void r;\n  } finally {\n    r.close();\n  }\n}')).toEqual([]);
    expect(suggestions('function f() {\n  let r = new Res();\n  try {\n    r = new Res();\n  } finally {\n    r.close();\n  }\n}')).toEqual([]);
    expect(suggestions('function f() {\n  const r = new Res();\n  try {\n    return r;\n  } finally {\n    r.close();\n  }\n}')).toEqual([]);
    expect(suggestions('function f() {\n  const r = new Res();\n  try {\n    r.close();\n  } finally {\n    r.close();\n  }\n}')).toEqual([]);
    // An async-only disposable outside an async function cannot be `await using`.
    expect(suggestions('function f() {\n  const r = new AsyncRes();\n  try {\n    void r;\n  } finally {\n    void r.close();\n  }\n}')).toEqual([]);
  });
});
