// The files the CLI writes (reports, baselines): every failure names the file the user gave.
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeError } from '@leakguard/scanner';
import { CliError } from './errors.js';

/** Runs `write`; a failure becomes a `CliError` naming the file once: `cannot write x.sarif: EACCES: permission denied`. */
export function writeOrFail(write: () => unknown, name: string): void {
  try {
    write();
  } catch (error) {
    throw new CliError(`cannot write ${name}: ${describeError(error)}`, { cause: error });
  }
}

/** Writes `text` to `name` (relative to `cwd`); a failure is a `CliError` as `writeOrFail` makes it. */
export function writeFileOrFail(cwd: string, name: string, text: string): void {
  writeOrFail(() => writeFileSync(resolve(cwd, name), text), name);
}

/**
 * Fails before the scan when `name` (relative to `cwd`) cannot be written, rather than after it:
 * creates its directory, as writeBaseline does, and opens the file for appending (which changes
 * nothing), removing it again when it was not there.
 */
export function checkWritable(cwd: string, name: string): void {
  const file = resolve(cwd, name);
  writeOrFail(() => {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      // A file where the directory should be: the open below says ENOTDIR, clearer than EEXIST.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existed = existsSync(file);
    closeSync(openSync(file, 'a'));
    if (!existed) rmSync(file);
  }, name);
}
