import type { CliIo } from '../../src/io.js';

/** A CliIo that records what is written; terminals and environment as the test says. */
export function recordingIo(options: { cwd: string; env?: Record<string, string | undefined>; stdoutIsTTY?: boolean; stderrIsTTY?: boolean }): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: {
      cwd: options.cwd,
      // Without NO_COLOR/FORCE_COLOR from the test runner's own environment leaking in.
      env: options.env ?? {},
      stdout: { write: (s: string) => (out += s), isTTY: options.stdoutIsTTY ?? false },
      stderr: { write: (s: string) => (err += s), isTTY: options.stderrIsTTY ?? false },
    },
    stdout: () => out,
    stderr: () => err,
  };
}
