import { spawn } from 'node:child_process';

/** A command a suite runs to its end: what, where, and the exit codes that mean it worked. */
export interface Command {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly ok: readonly number[];
  /** Added to the environment. Default none. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `command` to its end and returns its standard output and wall time (ms, process start
 * included). Rejects on an exit code not in `ok`, naming `what` and quoting its output.
 */
export function runCommand(what: string, command: Command): Promise<{ stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command.cmd, command.args, { cwd: command.cwd, env: { ...process.env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - t0;
      if (code === null || !command.ok.includes(code)) reject(new Error(`${what} exited with ${String(code)}: ${(stderr.trim() || stdout.trim()).slice(0, 2000) || '(no output)'}`));
      else resolve({ stdout, ms });
    });
  });
}
