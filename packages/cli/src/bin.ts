#!/usr/bin/env node
// The `leakguard` executable. Everything happens in runCli; this only binds it to the process.
import { runCli } from './runCli.js';

// `leakguard audit paths | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// exitCode, not exit(): a large report written to a pipe must finish flushing first.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
