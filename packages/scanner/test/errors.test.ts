import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BaselineError, ConfigError, describeError, errorCode, ScanInputError } from '../src/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('describeError', () => {
  it('keeps the code and reason of a system error and drops the path Node appends', () => {
    const error = thrown(() => readFileSync('/definitely/not/here.txt'));
    expect(errorCode(error)).toBe('ENOENT');
    expect(describeError(error)).toBe('ENOENT: no such file or directory');
  });

  it('prefixes the code when the message lacks it, and copes with anything thrown', () => {
    expect(describeError(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe('EACCES: denied');
    expect(describeError('plain')).toBe('plain');
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode({ code: 3 })).toBeUndefined();
  });
});

describe('input errors', () => {
  it('are ScanInputErrors with their own names, carrying the file', () => {
    const config = new ConfigError('bad', { file: 'x.json' });
    expect(config).toBeInstanceOf(ScanInputError);
    expect(config.name).toBe('ConfigError');
    expect(config.file).toBe('x.json');
    expect(new BaselineError('b').name).toBe('BaselineError');
    expect(new ScanInputError('s', { cause: 1 }).cause).toBe(1);
  });
});
