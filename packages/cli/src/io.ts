/** A stream the CLI writes to: `process.stdout`/`process.stderr`, or a test's recorder. */
export interface CliStream {
  write(chunk: string): unknown;
  /** True when it is a terminal: colours and progress depend on it. */
  readonly isTTY?: boolean;
}

/** Everything the CLI reads from and writes to its process, so it can run in-process in tests. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory paths are relative to, and where `leakguard.config.json` is looked for. */
  readonly cwd: string;
}
