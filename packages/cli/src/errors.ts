/** A command line leakguard does not understand: the CLI prints the message and the usage line, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The usage line of the command that was being parsed. */
    readonly usage: string,
    /** The command whose `--help` explains it, e.g. `leakguard audit paths`. */
    readonly command: string,
  ) {
    super(message);
  }
}

/** A failure the user can act on that is not a usage mistake (a file that cannot be written): message only, exit 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
