/**
 * The logging surface leakguard uses.
 * `console` fits as it is; wrap pino in a few lines (it takes fields first).
 * Messages are complete sentences; the optional second argument carries structured fields.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Default logger: warnings and errors to stderr, nothing else. */
export const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(`leakguard: ${message}`, ...(fields === undefined ? [] : [fields]));
  },
  error(message, fields) {
    console.error(`leakguard: ${message}`, ...(fields === undefined ? [] : [fields]));
  },
};

/** A logger that drops everything, for tests and for users who log elsewhere. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
