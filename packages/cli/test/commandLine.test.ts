import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toUsageError } from '../src/commandLine.js';

function errorOf(args: string[]): string {
  try {
    parseArgs({ args, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean' } }, allowPositionals: false, strict: true });
  } catch (error) {
    const usage = toUsageError(error, 'Usage: x', 'x');
    expect(usage.usage).toBe('Usage: x');
    expect(usage.command).toBe('x');
    return usage.message;
  }
  throw new Error('expected parseArgs to fail');
}

describe('toUsageError', () => {
  it('names the unknown option, the unexpected argument, or the option missing its value', () => {
    expect(errorOf(['--fromat', 'x'])).toBe("unknown option '--fromat'");
    expect(errorOf(['src'])).toBe("unexpected argument 'src'");
    expect(errorOf(['--format'])).toBe("option '-f, --format <value>' argument missing");
    expect(errorOf(['--help=yes'])).toBe("option '--help' does not take an argument");
  });
});
