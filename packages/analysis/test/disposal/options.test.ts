import { describe, expect, it } from 'vitest';
import { validateDisposalOptions } from '../../src/index.js';

describe('validateDisposalOptions', () => {
  it('accepts valid options', () => {
    expect(validateDisposalOptions(undefined)).toBeUndefined();
    expect(validateDisposalOptions({})).toBeUndefined();
    expect(validateDisposalOptions({ resources: [{ acquire: 'createQueryRunner', release: 'release' }, { acquire: 'lease', release: ['free', 'drop'], type: 'Pool' }], loggers: ['audit'], childProcesses: true })).toBeUndefined();
  });
  it.each([
    [null, /must be an object/],
    [[], /must be an object/],
    [{ resource: [] }, /unknown key "resource"/],
    [{ childProcesses: 'yes' }, /childProcesses must be true or false, got "yes"/],
    [{ loggers: 'audit' }, /loggers must be an array/],
    [{ loggers: [''] }, /loggers\[0\] must be a non-empty function name/],
    [{ resources: {} }, /resources must be an array/],
    [{ resources: ['x'] }, /resources\[0\] must be an object/],
    [{ resources: [{ acquire: 'a' }] }, /resources\[0\]\.release must be a method name/],
    [{ resources: [{ acquire: '', release: 'r' }] }, /resources\[0\]\.acquire must be a non-empty/],
    [{ resources: [{ acquire: 'a', release: [] }] }, /at least one method/],
    [{ resources: [{ acquire: 'a', release: ['r', 3] }] }, /release\[1\] must be a non-empty method name, got 3/],
    [{ resources: [{ acquire: 'a', release: 'r', type: 5 }] }, /type must be a non-empty type name/],
    [{ resources: [{ acquire: 'a', release: 'r', kind: 'x' }] }, /unknown key "kind"/],
  ])('rejects %j', (value, message) => {
    const problem = validateDisposalOptions(value);
    expect(problem).toMatch(message);
    expect(problem).toMatch(/\.$/);
  });
});
