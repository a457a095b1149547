// `leakguard audit disposal`: resources not released on every path, in a TypeScript project.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Baseline, LeakguardConfig, ReportFormat } from '@leakguard/scanner';
import {
  auditDisposal,
  CONFIG_FILE_NAME,
  DEFAULT_BASELINE_FILE,
  describeError,
  findTsconfig,
  formatReport,
  isReportFormat,
  loadConfig,
  NO_LEAKED_RESOURCE,
  readBaseline,
  REPORT_FORMATS,
  summaryLine,
  TSCONFIG_FILE_NAME,
  writeBaseline,
} from '@leakguard/scanner';
import { shouldColor } from '../colors.js';
import { toUsageError } from '../commandLine.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createProgressLine } from '../progress.js';
import type { Audit } from './audit.js';

const COMMAND = 'leakguard audit disposal';
const USAGE = 'Usage: leakguard audit disposal [paths…] [--project tsconfig.json] [--format text|json|sarif|github] [--output FILE] [--baseline FILE] [--write-baseline] [--config FILE] [--no-color]';

const OPTIONS = {
  project: { type: 'string', short: 'p' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `${USAGE}

Finds resources acquired in a function and not released on every path (normal return, early
return, thrown exception) nor handed on: pg and mysql2 clients, pool leases, file handles,
intervals, servers, anything with [Symbol.dispose] or [Symbol.asyncDispose]. The whole
TypeScript project is analysed, so a function in another file that returns a fresh resource
counts as an acquisition and one that always releases its parameter as a release; findings
are reported for the files under each path (default: the current directory) that
'leakguard audit paths' would scan (.gitignore files honoured, .d.ts files left out). Type
errors do not matter; a file that does not parse is listed in the notes.

Options:
  -p, --project FILE       the project's tsconfig.json, or a directory holding one (default:
                           the nearest ${TSCONFIG_FILE_NAME} at or above the first path)
  -f, --format FORMAT      text (default), json, sarif (SARIF 2.1.0 for code scanning)
                           or github (workflow annotations)
  -o, --output FILE        write the report to FILE instead of standard output
                           (its directory is created)
      --baseline FILE      leave out the findings recorded in FILE
      --write-baseline     record the current findings in the baseline file (--baseline
                           FILE, default ${DEFAULT_BASELINE_FILE}) and exit 0; entries of the
                           path audit already in it are kept
  -c, --config FILE        config file (default: leakguard.config.json in the current
                           directory, when there is one); its "disposal" section declares
                           resources ({ "acquire", "release", "type" }), loggers and ignore
                           patterns
      --no-color           no colours (NO_COLOR=1 too; FORCE_COLOR=1 forces them)
  -h, --help               show this help

Suppress a deliberate one with a comment on the line above it:
  leakguard-ignore-next-line no-leaked-resource

Exit status: 0 no findings, 1 findings, 2 usage or fatal error (also when there is no
tsconfig.json, or it cannot be read).
`;

/** The `disposal` audit. */
export const disposalAudit: Audit = {
  name: 'disposal',
  summary: 'resources (connections, file handles, intervals, Disposables) not released on every path, in a TypeScript project',
  help: HELP,
  usage: USAGE,
  run: runDisposalAudit,
};

function runDisposalAudit(args: readonly string[], io: CliIo, positionalsAllowed: boolean): number {
  const { values, positionals } = parse(args, positionalsAllowed);
  if (values.help === true) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = parseFormat(values.format);
  // Run by `leakguard audit` in a directory that is no TypeScript project, this audit has nothing to do.
  if (!positionalsAllowed && values.project === undefined && findTsconfig(io.cwd) === undefined) {
    io.stderr.write(`leakguard: audit disposal skipped: no ${TSCONFIG_FILE_NAME} in the current directory or above (use --project to name one)\n`);
    return 0;
  }
  // Files are named in messages as the user wrote them.
  const configName = values.config ?? (existsSync(join(io.cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  const config: LeakguardConfig | undefined = configName === undefined ? undefined : loadConfig(resolve(io.cwd, configName), configName);
  const writing = values['write-baseline'] === true;
  const baseline: Baseline | undefined = values.baseline === undefined || writing ? undefined : readBaseline(resolve(io.cwd, values.baseline), values.baseline);
  const baselineFile = values.baseline ?? DEFAULT_BASELINE_FILE;
  // A directory that cannot be created fails now, not after a long analysis.
  const writeTo = writing ? baselineFile : values.output;
  if (writeTo !== undefined) writeOrFail(() => mkdirSync(dirname(resolve(io.cwd, writeTo)), { recursive: true }), writeTo);
  const disposal = config?.disposal ?? {};
  const progress = createProgressLine(io.stderr);
  let result;
  try {
    result = auditDisposal(positionals.length === 0 ? ['.'] : positionals, {
      ...disposal,
      cwd: io.cwd,
      project: values.project,
      // The config's ignore patterns are relative to the directory the config file is in.
      ignoreBase: config === undefined ? io.cwd : dirname(config.file),
      baseline,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }

  if (writing) {
    writeOrFail(() => writeBaseline(resolve(io.cwd, baselineFile), result.findings, [NO_LEAKED_RESOURCE]), baselineFile);
    io.stdout.write(`leakguard: wrote ${result.findings.length} leaked resource${result.findings.length === 1 ? '' : 's'} to ${baselineFile}; from now on only new findings fail when it is passed with --baseline\n`);
    return 0;
  }

  const toFile = values.output !== undefined;
  const color = !toFile && format === 'text' && shouldColor(io.stdout, io.env, values['no-color'] === true);
  const report = formatReport(result, format, { color });
  if (values.output !== undefined) {
    const output = resolve(io.cwd, values.output);
    writeOrFail(() => writeFileSync(output, report), values.output);
    io.stderr.write(`leakguard: ${summaryLine(result)}; report written to ${values.output}\n`);
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

/** Runs `write`; a failure becomes a `CliError` naming the file once: `cannot write x.sarif: EACCES: permission denied`. */
function writeOrFail(write: () => unknown, name: string): void {
  try {
    write();
  } catch (error) {
    throw new CliError(`cannot write ${name}: ${describeError(error)}`, { cause: error });
  }
}
