// What every audit does around its own scan: the shared options, --help, the config file, the
// baseline, the progress line, --write-baseline, the report (colour, --output or standard
// output) and the exit code. An audit brings its own options, help text and scan to
// `defineAudit`.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import type { AuditResult, Baseline, LeakguardConfig, ReportFormat, ScanProgress } from '@leakguard/scanner';
import { CONFIG_FILE_NAME, DEFAULT_BASELINE_FILE, REPORT_FORMATS, formatReport, isReportFormat, loadConfig, readBaseline, summaryLine, writeBaseline } from '@leakguard/scanner';
import { shouldColor } from '../colors.js';
import { toUsageError } from '../commandLine.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { checkWritable, writeFileOrFail, writeOrFail } from '../outputFile.js';
import { createProgressLine } from '../progress.js';
import type { Audit } from './audit.js';

/** The options every audit takes besides its own (each audit's help text describes them). */
const SHARED_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Help lines of the shared options that read the same in every audit; each audit's help text places them. */
export const REPORT_OPTIONS_HELP = `  -f, --format FORMAT      text (default), json, sarif (SARIF 2.1.0 for code scanning)
                           or github (workflow annotations)
  -o, --output FILE        write the report to FILE instead of standard output
                           (its directory is created)
      --baseline FILE      leave out the findings recorded in FILE`;
export const TERMINAL_OPTIONS_HELP = `      --no-color           no colours (NO_COLOR=1 too; FORCE_COLOR=1 forces them)
  -h, --help               show this help`;

/** Options as node:util parseArgs takes them. */
type Options = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs makes of a command line with an audit's own options and the shared ones. */
type ParsedArgs<Own extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: Own & typeof SHARED_OPTIONS; allowPositionals: boolean; strict: true }>>;

/** The values of `SHARED_OPTIONS` on a command line. */
interface SharedValues {
  readonly format?: string | undefined;
  readonly output?: string | undefined;
  readonly baseline?: string | undefined;
  readonly 'write-baseline'?: boolean | undefined;
  readonly config?: string | undefined;
  readonly 'no-color'?: boolean | undefined;
  readonly help?: boolean | undefined;
}

/** An audit as `defineAudit` takes it: its command line, its scan, and what its baseline holds. */
export interface AuditDefinition<Own extends Options> {
  /** The subcommand, e.g. `paths`; usage errors send to `leakguard audit <name> --help`. */
  readonly name: string;
  /** One line for `leakguard audit --help`. */
  readonly summary: string;
  /** The usage line printed under a usage error. */
  readonly usage: string;
  /** The `--help` text. */
  readonly help: string;
  /** The options only this audit has; the shared ones (`--format`, `--output`, `--baseline`, …) are added. */
  readonly options: Own;
  /** What `--write-baseline` says it wrote, singular: `finding` gives `wrote 3 findings to …`. */
  readonly baselineNoun: string;
  /** The rules whose baseline entries `--write-baseline` replaces; default: writeBaseline's (`no-home-path` and the findings' rules). */
  readonly baselineRules?: readonly string[];
  /**
   * Why this run has nothing to do, or undefined to go on; checked after `--format` (see
   * `Audit.run` for `positionalsAllowed`). The reason is written to standard error and the exit
   * code is 0.
   */
  skipReason?(values: ParsedArgs<Own>['values'], io: CliIo, positionalsAllowed: boolean): string | undefined;
  /** Checks the audit's own options, before the config file is read, and returns its scan. */
  prepare(values: ParsedArgs<Own>['values']): AuditScan;
}

/** Runs an audit once the shared options are applied. */
export type AuditScan = (setup: AuditSetup) => AuditResult;

/** What an `AuditScan` gets: the shared options applied. */
export interface AuditSetup {
  /** The paths to audit: the positional arguments, or `.` when there are none. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** The config file: `--config`, else leakguard.config.json in `cwd` when there is one. */
  readonly config: LeakguardConfig | undefined;
  /** The directory the config's ignore patterns are relative to: the config file's, else `cwd`. */
  readonly ignoreBase: string;
  /** The `--baseline` file; undefined without one, and when writing it. */
  readonly baseline: Baseline | undefined;
  /** Draws the progress line; undefined when standard error is not a terminal. */
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;
}

/**
 * The `Audit` for `definition`. A run parses the shared options and the audit's own, then
 * prints `--help`; or checks `--format`, `skipReason` and `prepare`, reads the config file and
 * the baseline, scans, and writes the baseline (`--write-baseline`) or the report. Exit code: 1
 * findings, else 0.
 */
export function defineAudit<Own extends Options>(definition: AuditDefinition<Own>): Audit {
  const { name, summary, usage, help } = definition;
  const command = `leakguard audit ${name}`;
  return {
    name,
    summary,
    help,
    usage,
    run(args, io, positionalsAllowed) {
      let parsed: ParsedArgs<Own>;
      try {
        parsed = parseArgs({ args: [...args], options: { ...definition.options, ...SHARED_OPTIONS }, allowPositionals: positionalsAllowed, strict: true });
      } catch (error) {
        throw toUsageError(error, usage, command);
      }
      const { values, positionals } = parsed;
      // `values` has a generic type here: the shared options are read through their own.
      const shared: SharedValues = values;
      if (shared.help === true) {
        io.stdout.write(help);
        return 0;
      }
      const format = parseFormat(shared.format, usage, command);
      const skipReason = definition.skipReason?.(values, io, positionalsAllowed);
      if (skipReason !== undefined) {
        io.stderr.write(`leakguard: ${skipReason}\n`);
        return 0;
      }
      const scan = definition.prepare(values);
      return runScan(definition, shared, format, positionals, io, scan);
    },
  };
}

function parseFormat(value: string | undefined, usage: string, command: string): ReportFormat {
  if (value === undefined) return 'text';
  if (isReportFormat(value)) return value;
  throw new UsageError(`invalid --format '${value}' (expected ${REPORT_FORMATS.join(', ')})`, usage, command);
}

/** Reads the config file and the baseline, scans, and writes the baseline or the report; returns the exit code. */
function runScan(
  audit: Pick<AuditDefinition<Options>, 'baselineNoun' | 'baselineRules'>,
  values: SharedValues,
  format: ReportFormat,
  positionals: readonly string[],
  io: CliIo,
  scan: AuditScan,
): number {
  // Files are named in messages as the user wrote them.
  const configName = values.config ?? (existsSync(join(io.cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  const config: LeakguardConfig | undefined = configName === undefined ? undefined : loadConfig(resolve(io.cwd, configName), configName);
  const writing = values['write-baseline'] === true;
  const baseline: Baseline | undefined = values.baseline === undefined || writing ? undefined : readBaseline(resolve(io.cwd, values.baseline), values.baseline);
  const baselineFile = values.baseline ?? DEFAULT_BASELINE_FILE;
  // A file that cannot be written (its directory is created) fails now, not after a long scan.
  const writeTo = writing ? baselineFile : values.output;
  if (writeTo !== undefined) checkWritable(io.cwd, writeTo);
  const progress = createProgressLine(io.stderr);
  let result;
  try {
    result = scan({
      paths: positionals.length === 0 ? ['.'] : positionals,
      cwd: io.cwd,
      config,
      // The config's ignore patterns are relative to the directory the config file is in.
      ignoreBase: config === undefined ? io.cwd : dirname(config.file),
      baseline,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }

  const count = result.findings.length;
  if (writing) {
    writeOrFail(() => writeBaseline(resolve(io.cwd, baselineFile), result.findings, audit.baselineRules), baselineFile);
    io.stdout.write(`leakguard: wrote ${count} ${audit.baselineNoun}${count === 1 ? '' : 's'} to ${baselineFile}; from now on only new findings fail when it is passed with --baseline\n`);
    return 0;
  }

  const toFile = values.output !== undefined;
  const color = !toFile && format === 'text' && shouldColor(io.stdout, io.env, values['no-color'] === true);
  const report = formatReport(result, format, { color });
  if (values.output !== undefined) {
    writeFileOrFail(io.cwd, values.output, report);
    io.stderr.write(`leakguard: ${summaryLine(result)}; report written to ${values.output}\n`);
  } else {
    io.stdout.write(report);
  }
  return count > 0 ? 1 : 0;
}
