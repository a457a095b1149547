// Baselines let a repository adopt the audit without fixing everything first: the findings of
// today are recorded by fingerprint, and only new ones fail. The file holds no line text and
// no path text, so it never contains the home directories it lists.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BaselineError } from './errors.js';
import { displayPath, readJsonFile } from './jsonFile.js';
import { NO_HOME_PATH } from '@leakguard/analysis';
import type { ReportFinding } from './types.js';

/** Where `--write-baseline` writes when `--baseline` names no file. */
export const DEFAULT_BASELINE_FILE = 'leakguard-baseline.json';

/** One accepted finding. `line` is informational; matching uses `fingerprint` only. */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly fingerprint: string;
  readonly line: number;
}

/** The content of a baseline file. */
export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/**
 * A baseline accepting exactly `findings` (and the `kept` entries, of other rules), sorted by
 * file and line so the file diffs well.
 */
export function createBaseline(findings: readonly ReportFinding[], kept: readonly BaselineEntry[] = []): Baseline {
  const entries = [...kept, ...findings.map(({ ruleId, file, fingerprint, line }) => ({ ruleId, file, fingerprint, line }))];
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { version: 1, findings: entries };
}

/**
 * Writes a baseline of `findings` to `file` (creating its directory) and returns it. One file
 * can hold the findings of both audits: the entries already in `file` of rules other than
 * `rules` (the rules of the audit that found `findings`; default those of `findings` and
 * `no-home-path`, the path audit's) are kept, so `audit paths --write-baseline` and
 * `audit disposal --write-baseline` do not erase each other's. An existing file that is not a
 * baseline is replaced.
 */
export function writeBaseline(file: string, findings: readonly ReportFinding[], rules?: readonly string[]): Baseline {
  const absolute = resolve(file);
  const replaced = new Set(rules ?? [NO_HOME_PATH, ...findings.map((f) => f.ruleId)]);
  const kept = existingEntries(absolute).filter((entry) => !replaced.has(entry.ruleId));
  const baseline = createBaseline(findings, kept);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

/**
 * Reads a baseline written by `writeBaseline`. Throws `BaselineError` naming the file when it is
 * missing or malformed; `name` is how messages name it, by default the path relative to the
 * current directory.
 */
export function readBaseline(file: string, name: string = displayPath(resolve(file))): Baseline {
  const absolute = resolve(file);
  const json = readJsonFile(absolute, name, BaselineError, ' (create it with --write-baseline)');
  const fail = (message: string): never => {
    throw new BaselineError(`${name}: ${message}`, { file: absolute });
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not a leakguard baseline (expected an object with "version" and "findings")');
  const { version, findings } = json as { version?: unknown; findings?: unknown };
  if (version !== 1) return fail(`unsupported baseline version ${JSON.stringify(version)} (expected 1)`);
  if (!Array.isArray(findings)) return fail('"findings" must be an array');
  for (const [index, entry] of findings.entries()) {
    const e = entry as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || typeof e.file !== 'string' || typeof e.ruleId !== 'string') {
      fail(`"findings[${index}]" must be an object with string "ruleId", "file" and "fingerprint"`);
    }
  }
  return { version: 1, findings: findings as BaselineEntry[] };
}

function existingEntries(file: string): readonly BaselineEntry[] {
  if (!existsSync(file)) return [];
  try {
    return readBaseline(file).findings.map(({ ruleId, file: name, fingerprint, line }) => ({ ruleId, file: name, fingerprint, line }));
  } catch {
    // Not a baseline (or unreadable): writing one replaces it.
    return [];
  }
}
