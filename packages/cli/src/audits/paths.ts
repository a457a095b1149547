// `leakguard audit paths`: hard-coded home-directory paths in what git would track.
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Baseline, LeakguardConfig, ReportFormat } from '@leakguard/scanner';
import { CONFIG_FILE_NAME, DEFAULT_BASELINE_FILE, REPORT_FORMATS, describeError, formatReport, isReportFormat, loadConfig, readBaseline, scanPaths, summaryLine, writeBaseline } from '@leakguard/scanner';
import { parseByteSize } from '../parseByteSize.js';
import { shouldColor } from '../colors.js';
import { toUsageError } from '../commandLine.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createProgressLine } from '../progress.js';
import type { Audit } from './audit.js';

const COMMAND = 'leakguard audit paths';
const USAGE = 'Usage: leakguard audit paths [paths…] [--format text|json|sarif|github] [--output FILE] [--baseline FILE] [--write-baseline] [--allow-user NAME]… [--config FILE] [--max-file-size BYTES] [--no-color]';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  'allow-user': { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `${USAGE}

Finds hard-coded home-directory paths (/home/<user>, /Users/<user>, C:\\Users\\<user>, …) in
what git would track under each path (default: the current directory): .gitignore files are
honoured (nested ones, negations, .git/info/exclude; also outside a git checkout), .git and
node_modules are never entered, symbolic links are not followed. Every text file is scanned;
JS/TS files are parsed for code context. A file named on the command line is scanned even if
it is ignored.

Options:
  -f, --format FORMAT      text (default), json, sarif (SARIF 2.1.0 for code scanning)
                           or github (workflow annotations)
  -o, --output FILE        write the report to FILE instead of standard output
                           (its directory is created)
      --baseline FILE      leave out the findings recorded in FILE
      --write-baseline     record the current findings in the baseline file (--baseline
                           FILE, default ${DEFAULT_BASELINE_FILE}) and exit 0
      --allow-user NAME    do not report this user name (repeatable)
  -c, --config FILE        config file (default: leakguard.config.json in the current
                           directory, when there is one)
      --max-file-size N    skip files over N bytes (K, M, G suffixes; default 2M)
      --no-color           no colours (NO_COLOR=1 too; FORCE_COLOR=1 forces them)
  -h, --help               show this help

Suppress a deliberate one with a comment on the line above it:
  leakguard-ignore-next-line no-home-path

Exit status: 0 no findings, 1 findings, 2 usage or fatal error.
`;

/** The `paths` audit. */
export const pathsAudit: Audit = {
  name: 'paths',
  summary: 'hard-coded home-directory paths (/home/<user>, /Users/<user>, C:\\Users\\<user>) in what git would track',
  help: HELP,
  usage: USAGE,
  run: runPathsAudit,
};

function runPathsAudit(args: readonly string[], io: CliIo, positionalsAllowed: boolean): number {
  const { values, positionals } = parse(args, positionalsAllowed);
  if (values.help === true) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = parseFormat(values.format);
  const maxFileBytesFlag = parseMaxFileSize(values['max-file-size']);
  // Files are named in messages as the user wrote them.
  const configName = values.config ?? (existsSync(join(io.cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  const config: LeakguardConfig | undefined = configName === undefined ? undefined : loadConfig(resolve(io.cwd, configName), configName);
  const writing = values['write-baseline'] === true;
  const baseline: Baseline | undefined = values.baseline === undefined || writing ? undefined : readBaseline(resolve(io.cwd, values.baseline), values.baseline);
  const baselineFile = values.baseline ?? DEFAULT_BASELINE_FILE;
  const writeTo = writing ? baselineFile : values.output;
  if (writeTo !== undefined) checkWritable(resolve(io.cwd, writeTo), writeTo);
  const progress = createProgressLine(io.stderr);
  const paths = config?.paths ?? {};
  let result;
  try {
    result = scanPaths(positionals.length === 0 ? ['.'] : positionals, {
      cwd: io.cwd,
      allowUsers: [...(paths.allowUsers ?? []), ...(values['allow-user'] ?? [])],
      allowPatterns: paths.allowPatterns,
      extraForms: paths.extraForms,
      // The config's ignore patterns are relative to the directory the config file is in.
      ignore: paths.ignore,
      ignoreBase: config === undefined ? io.cwd : dirname(config.file),
      maxFileBytes: maxFileBytesFlag ?? paths.maxFileBytes,
      baseline,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }

  if (writing) {
    writeOrFail(() => writeBaseline(resolve(io.cwd, baselineFile), result.findings), baselineFile);
    io.stdout.write(`leakguard: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to ${baselineFile}; from now on only new findings fail when it is passed with --baseline\n`);
    return 0;
  }

  const toFile = values.output !== undefined;
  const color = !toFile && format === 'text' && shouldColor(io.stdout, io.env, values['no-color'] === true);
  const report = formatReport(result, format, { color });
  if (values.output !== undefined) {
    const output = values.output;
    writeOrFail(() => writeFileSync(resolve(io.cwd, output), report), output);
    io.stderr.write(`leakguard: ${summaryLine(result)}; report written to ${output}\n`);
  } else {
    io.stdout.write(report);
  }
  return result.findings.length > 0 ? 1 : 0;
}

function parse(args: readonly string[], positionalsAllowed: boolean) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: positionalsAllowed, strict: true });
  } catch (error) {
    throw toUsageError(error, USAGE, COMMAND);
  }
}

function parseFormat(value: string | undefined): ReportFormat {
  if (value === undefined) return 'text';
  if (isReportFormat(value)) return value;
  throw new UsageError(`invalid --format '${value}' (expected ${REPORT_FORMATS.join(', ')})`, USAGE, COMMAND);
}

function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`invalid --max-file-size '${value}' (expected a positive number of bytes, optionally with K, M or G)`, USAGE, COMMAND);
  return bytes;
}

/**
 * Fails before the scan when `file` cannot be written, rather than after it: creates its
 * directory, as writeBaseline does, and opens the file for appending (which changes nothing),
 * removing it again when it was not there.
 */
function checkWritable(file: string, name: string): void {
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

/** Runs `write`; a failure becomes a `CliError` naming the file once: `cannot write x.sarif: EACCES: permission denied`. */
function writeOrFail(write: () => unknown, name: string): void {
  try {
    write();
  } catch (error) {
    throw new CliError(`cannot write ${name}: ${describeError(error)}`, { cause: error });
  }
}
