// Errors that describe a mistake in what the user asked for. The CLI prints their message and
// exits 2 without a stack trace; anything else is a bug and keeps its stack.

/** A path, config file, baseline or option the scan cannot use. The message says which and why. */
export class ScanInputError extends Error {
  override readonly name: string = 'ScanInputError';
  /** The file the problem is in, when there is one (a config file, a baseline). */
  readonly file: string | undefined;

  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
  }
}

/** `leakguard.config.json` (or the file given with `--config`) is missing, not JSON, or has a key of the wrong name or type. */
export class ConfigError extends ScanInputError {
  override readonly name: string = 'ConfigError';
}

/** A baseline file is missing or does not have the shape `--write-baseline` writes. */
export class BaselineError extends ScanInputError {
  override readonly name: string = 'BaselineError';
}

/** An error's code and message, without the path Node appends (reports already name the file): `EACCES: permission denied`. */
export function describeError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const withoutPath = message.replace(/, \w+ '.*'$/su, '');
  return code !== undefined && !withoutPath.startsWith(code) ? `${code}: ${withoutPath}` : withoutPath;
}

/** The `code` of a Node system error (`ENOENT`), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
