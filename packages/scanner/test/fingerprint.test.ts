import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, normalizeLine } from '../src/fingerprint.js';

describe('fingerprintOf', () => {
  it('ignores indentation and runs of whitespace, not the text', () => {
    const a = fingerprintOf('no-home-path', 'a.ts', "  const p = '/home/ana';", 0);
    expect(fingerprintOf('no-home-path', 'a.ts', "\tconst  p = '/home/ana';  ", 0)).toBe(a);
    expect(fingerprintOf('no-home-path', 'a.ts', "const p = '/home/bob';", 0)).not.toBe(a);
  });

  it('depends on the rule, the file and the occurrence', () => {
    const base = fingerprintOf('no-home-path', 'a.ts', 'x', 0);
    expect(fingerprintOf('other', 'a.ts', 'x', 0)).not.toBe(base);
    expect(fingerprintOf('no-home-path', 'b.ts', 'x', 0)).not.toBe(base);
    expect(fingerprintOf('no-home-path', 'a.ts', 'x', 1)).not.toBe(base);
  });

  it('normalizes idempotently', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeLine(normalizeLine(s))).toBe(normalizeLine(s));
      }),
    );
  });
});
