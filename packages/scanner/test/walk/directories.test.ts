import { describe, expect, it } from 'vitest';
import { commonDirectory, isWithin, relativeName } from '../../src/walk/directories.js';

describe('isWithin', () => {
  it('is true for the directory itself and what lies below it, not for a sibling that shares a prefix', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b/c')).toBe(true);
    expect(isWithin('/a/b', '/a/bc')).toBe(false);
    expect(isWithin('/', '/a')).toBe(true);
  });
});

describe('relativeName', () => {
  it('gives forward slashes, and an empty name for the directory itself', () => {
    expect(relativeName('/a', '/a/b/c.txt')).toBe('b/c.txt');
    expect(relativeName('/a', '/a')).toBe('');
  });
});

describe('commonDirectory', () => {
  it('is the deepest directory holding them all, the file system root at worst', () => {
    expect(commonDirectory(['/a/b/c'])).toBe('/a/b/c');
    expect(commonDirectory(['/a/b/c', '/a/b/d/e', '/a/b'])).toBe('/a/b');
    expect(commonDirectory(['/a/bc', '/a/b'])).toBe('/a');
    expect(commonDirectory(['/x', '/y'])).toBe('/');
  });
});
