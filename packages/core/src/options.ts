import { InvalidOptionError } from './errors.js';

/** Throws InvalidOptionError unless `value` is an integer in [min, max]. */
export function assertInteger(where: string, option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new InvalidOptionError(`${where}: ${option} must be an integer ${range}, got ${describe(value)}`);
  }
  return value;
}

/** Like assertInteger, but also accepts Infinity (for limits that may be unbounded). */
export function assertLimit(where: string, option: string, value: unknown, min: number): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  return assertInteger(where, option, value, min);
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/**
 * Names of pools, queues, breakers and registries become metric attribute values,
 * so they are checked here: 1-64 characters, a letter first, then letters, digits, `_ . : -`.
 * Never build a name from request data: every distinct name is a new time series.
 */
export function assertName(where: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
    throw new InvalidOptionError(
      `${where}: name must be 1-64 characters, a letter first, then letters, digits, "_", ".", ":" or "-", got ${describe(value)}`,
    );
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}
