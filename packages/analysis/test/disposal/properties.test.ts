import fc from 'fast-check';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLeakedResources } from '../../src/index.js';
import { createTestProgram, warmUp } from './program.js';

beforeAll(warmUp, 120_000);

const PRELUDE = "import pg from 'pg';\ndeclare const pool: pg.Pool;\ndeclare function work(): Promise<void>;\ndeclare function take(x: unknown): void;\nclass Res { [Symbol.dispose](): void {} close(): void {} }\n";

/** Statements between acquisition and release, and whether each can throw. */
const STATEMENTS: readonly (readonly [string, boolean])[] = [
  ['await work();', true],
  ['take(1);', true],
  ['if (flag) { await work(); }', true],
  ['const n = 1 + 2; void n;', false],
  ['console.log("step");', false],
  ['if (flag) { void 0; } else { void 1; }', false],
];

function count(body: string): number {
  const p = createTestProgram({ 'a.ts': `${PRELUDE}export async function f(flag: boolean) {\n${body}\n}\n` });
  return findLeakedResources(ts, p.checker, p.sourceFile).length;
}

describe('findLeakedResources: properties', () => {
  const steps = fc.array(fc.integer({ min: 0, max: STATEMENTS.length - 1 }), { maxLength: 4 });
  it('a release after the work is reported exactly when some step can throw', () => {
    fc.assert(
      fc.property(steps, (picked) => {
        const chosen = picked.map((i) => STATEMENTS[i] as readonly [string, boolean]);
        const body = ['const c = await pool.connect();', ...chosen.map(([s]) => s), 'c.release();'].join('\n');
        expect(count(body)).toBe(chosen.some(([, throws]) => throws) ? 1 : 0);
      }),
      { numRuns: 12 },
    );
  });
  it('the same work wrapped in try/finally, or under using, is clean', () => {
    fc.assert(
      fc.property(steps, (picked) => {
        const work = picked.map((i) => (STATEMENTS[i] as readonly [string, boolean])[0]);
        expect(count(['const c = await pool.connect();', 'try {', ...work, '} finally {', 'c.release();', '}'].join('\n'))).toBe(0);
        expect(count(['using r = new Res();', ...work, 'void r;'].join('\n'))).toBe(0);
        // Without `using` the same Disposable is reported.
        expect(count(['const r = new Res();', ...work, 'void r;'].join('\n'))).toBe(1);
      }),
      { numRuns: 6 },
    );
  });
});
