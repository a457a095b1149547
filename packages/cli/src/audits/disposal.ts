// `leakguard audit disposal`: resources not released on every path, in a TypeScript project.
import { auditDisposal, DEFAULT_BASELINE_FILE, findTsconfig, NO_LEAKED_RESOURCE, TSCONFIG_FILE_NAME } from '@leakguard/scanner';
import type { Audit } from './audit.js';
import { defineAudit, REPORT_OPTIONS_HELP, TERMINAL_OPTIONS_HELP } from './auditRun.js';

const USAGE = 'Usage: leakguard audit disposal [paths…] [--project tsconfig.json] [--format text|json|sarif|github] [--output FILE] [--baseline FILE] [--write-baseline] [--config FILE] [--no-color]';

/** The options only this audit has; `auditRun.ts` adds the shared ones. */
const OPTIONS = {
  project: { type: 'string', short: 'p' },
} as const;

const HELP = `${USAGE}

Finds resources acquired in a function and not released on every path (normal return, early
return, thrown exception) nor handed on: pg and mysql2 clients, pool leases, file handles,
intervals, servers, anything with [Symbol.dispose] or [Symbol.asyncDispose]. The whole
TypeScript project is analysed, so a function in another file that returns a fresh resource
counts as an acquisition and one that always releases its parameter as a release; findings
are reported for the files under each path (default: the current directory) that
'leakguard audit paths' would scan (.gitignore files honoured, .d.ts files left out). Type
errors do not stop it, but findings depend on the types resolving (install the @types
packages the code uses); a file that does not parse is listed in the notes.

Options:
  -p, --project FILE       the project's tsconfig.json, or a directory holding one (default:
                           the nearest ${TSCONFIG_FILE_NAME} at or above the first path); the
                           projects it references are analysed with it
${REPORT_OPTIONS_HELP}
      --write-baseline     record the current findings in the baseline file (--baseline
                           FILE, default ${DEFAULT_BASELINE_FILE}) and exit 0; entries of the
                           path audit already in it are kept
  -c, --config FILE        config file (default: leakguard.config.json in the current
                           directory, when there is one); its "disposal" section declares
                           resources ({ "acquire", "release", "type" }), loggers and ignore
                           patterns
${TERMINAL_OPTIONS_HELP}

Suppress a deliberate one with a comment on the line above it:
  leakguard-ignore-next-line no-leaked-resource

Exit status: 0 no findings, 1 findings, 2 usage or fatal error (also when there is no
tsconfig.json, or it cannot be read).
`;

/** The `disposal` audit. */
export const disposalAudit: Audit = defineAudit({
  name: 'disposal',
  summary: 'resources (connections, file handles, intervals, Disposables) not released on every path, in a TypeScript project',
  usage: USAGE,
  help: HELP,
  options: OPTIONS,
  baselineNoun: 'leaked resource',
  // Entries of the path audit in the same baseline file are kept.
  baselineRules: [NO_LEAKED_RESOURCE],
  // Run by `leakguard audit` in a directory that is no TypeScript project, this audit has nothing to do.
  skipReason: (values, io, positionalsAllowed) =>
    !positionalsAllowed && values.project === undefined && findTsconfig(io.cwd) === undefined
      ? `audit disposal skipped: no ${TSCONFIG_FILE_NAME} in the current directory or above (use --project to name one)`
      : undefined,
  prepare: (values) => ({ paths, cwd, config, ignoreBase, baseline, onProgress }) =>
    auditDisposal(paths, { ...(config?.disposal ?? {}), cwd, project: values.project, ignoreBase, baseline, onProgress }),
});
