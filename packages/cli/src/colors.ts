import type { CliStream } from './io.js';

/**
 * Whether to colour what goes to `stream`, by the usual conventions: `--no-color`, then
 * `NO_COLOR` (set and not empty: no colour, https://no-color.org), then `FORCE_COLOR` (set and
 * not `0`/`false`: colour), then whether the stream is a terminal (and `TERM` is not `dumb`).
 */
export function shouldColor(stream: CliStream, env: Readonly<Record<string, string | undefined>>, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}
