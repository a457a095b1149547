import { describe, expect, it } from 'vitest';
import { shouldColor } from '../src/colors.js';

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

describe('shouldColor', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(shouldColor(tty, {}, false)).toBe(true);
    expect(shouldColor(pipe, {}, false)).toBe(false);
    expect(shouldColor(tty, { TERM: 'dumb' }, false)).toBe(false);
  });

  it('lets --no-color win over everything, then NO_COLOR, then FORCE_COLOR', () => {
    expect(shouldColor(tty, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false);
    expect(shouldColor(tty, { NO_COLOR: '' }, false)).toBe(true);
    expect(shouldColor(pipe, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColor(pipe, { FORCE_COLOR: '' }, false)).toBe(true);
    expect(shouldColor(tty, { FORCE_COLOR: '0' }, false)).toBe(false);
    expect(shouldColor(tty, { FORCE_COLOR: 'false' }, false)).toBe(false);
  });
});
