import type { AuditReport, ReportFormat } from '@leakguard/scanner';
import { combineReports, isReportFormat, ScanInputError } from '@leakguard/scanner';
import { AUDIT_OWN_OPTIONS, AUDITS } from './audits/index.js';
import { CliError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { checkWritable, writeFileOrFail } from './outputFile.js';
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

Without an audit name, every audit runs on the current directory with the options given
(see each audit's --help; an option only one audit has goes to that one), and their reports
are joined into one: one JSON object, one SARIF run with every rule, or the text and
annotations one after the other, on standard output or in the --output file. The disposal
audit is skipped, with a note, when there is no tsconfig.json here or above and no --project.
--write-baseline records both audits' findings in one baseline file (--output is then
ignored, as by each audit). The exit status is the highest of theirs.
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
  return runEveryAudit(args, io);
}

/**
 * `leakguard audit [options]`: every audit, positional arguments not allowed (they would be
 * ambiguous). Each writes its report to a buffer; the reports are joined into one document
 * (`combineReports`), so a CI job uploads one SARIF file, and `--output` is written once.
 */
async function runEveryAudit(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(AUDIT_HELP);
    return 0;
  }
  const { rest, value: outputGiven } = takeOption(args, ['--output', '-o']);
  const format = formatOf(rest);
  // Writing a baseline, an audit prints messages and ignores --output; so does the combined run.
  const output = rest.includes('--write-baseline') ? undefined : outputGiven;
  // A file that cannot be written fails now, not after the audits.
  if (output !== undefined) checkWritable(io.cwd, output);
  const reports: AuditReport[] = [];
  let code = 0;
  for (const audit of AUDITS) {
    const others = AUDITS.filter((a) => a !== audit).flatMap((a) => AUDIT_OWN_OPTIONS[a.name] ?? []);
    const own = dropOptions(rest, others);
    let report = '';
    const captured: CliIo = { ...io, stdout: { write: (chunk: string) => (report += chunk), isTTY: output === undefined ? io.stdout.isTTY : false } };
    code = Math.max(code, await audit.run(own, captured, false));
    if (report !== '') reports.push({ audit: audit.name, report });
  }
  // With --write-baseline (or an audit skipped) the output is messages, not reports to combine.
  const combined = format === undefined || reports.length !== AUDITS.length ? reports.map((r) => r.report).join('') : combineReports(format, reports);
  if (output === undefined) {
    io.stdout.write(combined);
  } else {
    writeFileOrFail(io.cwd, output, combined);
    io.stderr.write(`leakguard: report of ${reports.map((r) => r.audit).join(' and ')} written to ${output}\n`);
  }
  return code;
}

/** The value of the last of `names` in `args` (`--name value`, `--name=value`, `-nvalue`) and `args` without them. */
function takeOption(args: readonly string[], names: readonly string[]): { rest: string[]; value: string | undefined } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const name = names.find((n) => arg === n || arg.startsWith(n.startsWith('--') ? `${n}=` : n));
    if (name === undefined) {
      rest.push(arg);
    } else if (arg === name) {
      value = args[i + 1];
      if (value === undefined) throw new UsageError(`option '${name}' needs a value`, AUDIT_USAGE, 'leakguard audit');
      i++;
    } else {
      value = arg.slice(name.length + (name.startsWith('--') ? 1 : 0));
    }
  }
  return { rest, value };
}

function dropOptions(args: readonly string[], names: readonly string[]): string[] {
  return names.length === 0 ? [...args] : takeOption(args, names).rest;
}

/** The report format asked for (text by default), or undefined when it is not one (the audits then say so) or a baseline is being written. */
function formatOf(args: readonly string[]): ReportFormat | undefined {
  if (args.includes('--write-baseline')) return undefined;
  const { value } = takeOption(args, ['--format', '-f']);
  if (value === undefined) return 'text';
  return isReportFormat(value) ? value : undefined;
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
