import { ScanInputError } from '@leakguard/scanner';
import { AUDITS } from './audits/index.js';
import { CliError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

const USAGE = 'Usage: leakguard audit [paths] [options]';
const AUDIT_USAGE = `Usage: leakguard audit [${AUDITS.map((a) => a.name).join('|')}] [options]`;

const HELP_ROWS: readonly (readonly [string, string])[] = [
  ['leakguard audit [options]', `run every audit (${AUDITS.map((a) => a.name).join(', ')})`],
  ...AUDITS.map((a) => [`leakguard audit ${a.name} …`, a.summary] as const),
  ['leakguard --help', "show this help ('leakguard audit paths --help' for an audit's)"],
  ['leakguard --version', 'print the version'],
];
const HELP_WIDTH = Math.max(...HELP_ROWS.map(([left]) => left.length)) + 2;

const HELP = `leakguard: keeps Node.js services from leaking what they borrow.

Usage:
${HELP_ROWS.map(([left, right]) => `  ${left.padEnd(HELP_WIDTH)}${right}`).join('\n')}

Exit status: 0 no findings, 1 findings, 2 usage or fatal error.
Set LEAKGUARD_DEBUG=1 to see stack traces of errors.
`;

const AUDIT_HELP = `${AUDIT_USAGE}

Audits:
${AUDITS.map((a) => `  ${a.name.padEnd(10)} ${a.summary}`).join('\n')}

Without an audit name, every audit runs with the options given (see each audit's --help);
the exit status is the highest of theirs.
`;

/**
 * Runs the `leakguard` command with `argv` (the arguments after the program name) and returns
 * the exit code: 0 clean, 1 findings, 2 usage or fatal error. Never throws: errors are printed
 * to `io.stderr`, with a stack trace only for internal errors and only when LEAKGUARD_DEBUG=1.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${cliVersion()}\n`);
    return 0;
  }
  if (command === 'audit') return runAudit(rest, io);
  if (command === undefined) throw new UsageError('missing command', USAGE, 'leakguard');
  if (command.startsWith('-')) throw new UsageError(`unknown option '${command}'`, USAGE, 'leakguard');
  throw new UsageError(`unknown command '${command}'`, USAGE, 'leakguard');
}

async function runAudit(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h') {
    io.stdout.write(AUDIT_HELP);
    return 0;
  }
  const audit = AUDITS.find((a) => a.name === first);
  if (audit !== undefined) return audit.run(rest, io, true);
  if (first !== undefined && !first.startsWith('-')) {
    const names = AUDITS.map((a) => a.name).join(', ');
    throw new UsageError(`unknown audit '${first}' (audits: ${names}); to scan a path, name the audit first: 'leakguard audit paths ${first}'`, AUDIT_USAGE, 'leakguard audit');
  }
  // Every audit with the same options; positional arguments would be ambiguous here. When a
  // second audit arrives, its reports must not overwrite each other's --output.
  let code = 0;
  for (const each of AUDITS) code = Math.max(code, await each.run(args, io, false));
  return code;
}

function reportError(error: unknown, io: CliIo): number {
  const debug = io.env['LEAKGUARD_DEBUG'] === '1';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    io.stderr.write(`leakguard: ${message}\n${error.usage}\nRun '${error.command} --help' for the options.\n`);
  } else if (error instanceof ScanInputError || error instanceof CliError) {
    io.stderr.write(`leakguard: ${message}\n`);
  } else {
    io.stderr.write(`leakguard: internal error: ${message}\n`);
    if (!debug) io.stderr.write('Set LEAKGUARD_DEBUG=1 to see the stack trace, and please report it: https://github.com/leakguard/leakguard/issues\n');
  }
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  return 2;
}
