import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@leakguard/core';
import { leakguardHandles } from '../../src/vitest/config.js';
import { resolveHandlesOptions } from '../../src/vitest/options.js';

describe('leakguardHandles', () => {
  it('returns a partial config adding the setup file and providing the options', () => {
    const config = leakguardHandles({ mode: 'warn', perTest: true, ignore: ['interval'] });
    expect(config.test.setupFiles).toHaveLength(1);
    expect(config.test.setupFiles[0]).toMatch(/vitest[\\/]setup\.ts$/);
    expect(existsSync(config.test.setupFiles[0] as string)).toBe(true);
    expect(config.test.provide).toEqual({ leakguardHandles: { mode: 'warn', perTest: true, ignore: ['interval'] } });
  });
});

describe('resolveHandlesOptions', () => {
  it('defaults to failing per file', () => {
    expect(resolveHandlesOptions(undefined, {})).toEqual({ mode: 'fail', perTest: false, ignore: [], graceMs: 100, stacks: false });
  });

  it('lets the environment override what was provided', () => {
    const provided = { mode: 'fail' as const, perTest: true, ignore: ['a'] };
    const env = { LEAKGUARD_HANDLES_MODE: 'warn', LEAKGUARD_HANDLES_PER_TEST: '0', LEAKGUARD_HANDLES_IGNORE: 'b, c', LEAKGUARD_HANDLES_STACKS: '1' };
    expect(resolveHandlesOptions(provided, env)).toEqual({
      mode: 'warn',
      perTest: false,
      ignore: ['a', 'b', 'c'],
      graceMs: 100,
      stacks: true,
    });
    expect(resolveHandlesOptions({ stacks: true }, { LEAKGUARD_HANDLES_STACKS: 'false' }).stacks).toBe(false);
  });

  it('rejects an unknown mode, saying where it may come from', () => {
    expect(() => resolveHandlesOptions(undefined, { LEAKGUARD_HANDLES_MODE: 'loud' })).toThrow(InvalidOptionError);
    expect(() => resolveHandlesOptions(undefined, { LEAKGUARD_HANDLES_MODE: 'loud' })).toThrow(/LEAKGUARD_HANDLES_MODE/);
  });
});
