import { UsageError } from './errors.js';

/** A node:util parseArgs error as a `UsageError` for `command` that names the unknown option or argument. */
export function toUsageError(error: unknown, usage: string, command: string): UsageError {
  return new UsageError(describeParseError(error), usage, command);
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/u.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) return `unexpected argument '${quoted}'`;
  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "Option '-f, --format <value>' argument missing".
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/u, '');
}
