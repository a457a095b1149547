import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/formatBytes.js';

describe('formatBytes', () => {
  it('prints bytes, KiB, MiB and GiB, with one decimal only when needed', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(2048)).toBe('2 KiB');
    expect(formatBytes(3_300_000)).toBe('3.1 MiB');
    expect(formatBytes(2 * 1024 ** 2)).toBe('2 MiB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5120 GiB');
  });
});
