/**
 * Base class of every error leakguard throws on purpose. `code` is stable and
 * safe to branch on; the message is for people and may change.
 */
export class LeakguardError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option passed to a leakguard function is missing, of the wrong type or out of range. */
export class InvalidOptionError extends LeakguardError {
  constructor(message: string) {
    super('LEAKGUARD_INVALID_OPTION', message);
  }
}
