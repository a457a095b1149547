// `leakguard audit paths`: hard-coded home-directory paths in what git would track.
import { DEFAULT_BASELINE_FILE, scanPaths } from '@leakguard/scanner';
import { parseByteSize } from '../parseByteSize.js';
import { UsageError } from '../errors.js';
import type { Audit } from './audit.js';
import { defineAudit, REPORT_OPTIONS_HELP, TERMINAL_OPTIONS_HELP } from './auditRun.js';

const COMMAND = 'leakguard audit paths';
const USAGE = 'Usage: leakguard audit paths [paths…] [--format text|json|sarif|github] [--output FILE] [--baseline FILE] [--write-baseline] [--allow-user NAME]… [--config FILE] [--max-file-size BYTES] [--no-color]';

/** The options only this audit has; `auditRun.ts` adds the shared ones. */
const OPTIONS = {
  'allow-user': { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
} as const;

const HELP = `${USAGE}

Finds hard-coded home-directory paths (/home/<user>, /Users/<user>, C:\\Users\\<user>, …) in
what git would track under each path (default: the current directory): .gitignore files are
honoured (nested ones, negations, .git/info/exclude; also outside a git checkout), .git and
node_modules are never entered, symbolic links are not followed. Every text file is scanned;
JS/TS files are parsed for code context. A file named on the command line is scanned even if
it is ignored.

Options:
${REPORT_OPTIONS_HELP}
      --write-baseline     record the current findings in the baseline file (--baseline
                           FILE, default ${DEFAULT_BASELINE_FILE}) and exit 0
      --allow-user NAME    do not report this user name (repeatable)
  -c, --config FILE        config file (default: leakguard.config.json in the current
                           directory, when there is one)
      --max-file-size N    skip files over N bytes (K, M, G suffixes; default 2M)
${TERMINAL_OPTIONS_HELP}

Suppress a deliberate one with a comment on the line above it:
  leakguard-ignore-next-line no-home-path

Exit status: 0 no findings, 1 findings, 2 usage or fatal error.
`;

/** The `paths` audit. */
export const pathsAudit: Audit = defineAudit({
  name: 'paths',
  summary: 'hard-coded home-directory paths (/home/<user>, /Users/<user>, C:\\Users\\<user>) in what git would track',
  usage: USAGE,
  help: HELP,
  options: OPTIONS,
  baselineNoun: 'finding',
  prepare: (values) => {
    const maxFileBytesFlag = parseMaxFileSize(values['max-file-size']);
    return ({ paths, cwd, config, ignoreBase, baseline, onProgress }) => {
      const section = config?.paths ?? {};
      return scanPaths(paths, {
        cwd,
        allowUsers: [...(section.allowUsers ?? []), ...(values['allow-user'] ?? [])],
        allowPatterns: section.allowPatterns,
        extraForms: section.extraForms,
        ignore: section.ignore,
        ignoreBase,
        maxFileBytes: maxFileBytesFlag ?? section.maxFileBytes,
        baseline,
        onProgress,
      });
    };
  },
});

function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`invalid --max-file-size '${value}' (expected a positive number of bytes, optionally with K, M or G)`, USAGE, COMMAND);
  return bytes;
}
