import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../src/parseByteSize.js';

describe('parseByteSize', () => {
  it('reads bytes and K, M, G suffixes as powers of 1024', () => {
    expect(parseByteSize('2097152')).toBe(2_097_152);
    expect(parseByteSize('512K')).toBe(512 * 1024);
    expect(parseByteSize('2M')).toBe(2 * 1024 ** 2);
    expect(parseByteSize('2mb')).toBe(2 * 1024 ** 2);
    expect(parseByteSize('1.5MiB')).toBe(1.5 * 1024 ** 2);
    expect(parseByteSize('1G')).toBe(1024 ** 3);
  });

  it('rejects anything else, and zero', () => {
    for (const text of ['', 'M', '-1', '0', '2T', 'two', '1e3', '0.0001']) expect(parseByteSize(text), text).toBeUndefined();
  });
});
