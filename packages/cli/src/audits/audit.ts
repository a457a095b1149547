import type { CliIo } from '../io.js';

/**
 * One `leakguard audit <name>`: a module that parses its own arguments and runs. Adding an
 * audit = writing one of these (`defineAudit` in `auditRun.ts` makes one from the audit's own
 * options, help text and scan) and listing it in `audits/index.ts`.
 */
export interface Audit {
  /** The subcommand, e.g. `paths`. */
  readonly name: string;
  /** One line for `leakguard audit --help`. */
  readonly summary: string;
  /** `leakguard audit <name>`'s full `--help` text. */
  readonly help: string;
  /** The usage line printed under a usage error. */
  readonly usage: string;
  /**
   * Runs the audit with the arguments after its name and returns the exit code (0 clean,
   * 1 findings). `positionalsAllowed` is false when `leakguard audit` runs every audit, where
   * positional arguments would be ambiguous. Throws `UsageError` for arguments it does not
   * understand, `ScanInputError`/`CliError` for other mistakes.
   */
  run(args: readonly string[], io: CliIo, positionalsAllowed: boolean): number | Promise<number>;
}
