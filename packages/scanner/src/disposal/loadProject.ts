// Finding and checking the tsconfig.json the disposal audit analyses, with errors that name the
// file and say what to do, before ts-morph (whose errors are terse) is asked to load it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from 'ts-morph';
import { ScanInputError } from '../errors.js';

/** The project file name looked for, from the directory of the first path given upwards. */
export const TSCONFIG_FILE_NAME = 'tsconfig.json';

/** TS18003, "No inputs were found in config file": for the audit a project with no files, not a broken one. */
const NO_INPUTS = 18003;

/** A tsconfig.json found and checked. */
export interface ProjectFile {
  /** Absolute. */
  readonly file: string;
  /** How messages name it: as given, or relative to the cwd. */
  readonly name: string;
  /** Source files it lists (before ts-morph adds what they import). */
  readonly fileNames: readonly string[];
  /** Whether it references other projects (a solution file with `"files": []` has no files of its own). */
  readonly hasReferences: boolean;
}

/**
 * The project to analyse: `project` (a tsconfig file, or a directory holding `tsconfig.json`,
 * relative to `cwd`) when given, else the nearest `tsconfig.json` at or above `start`. Throws
 * `ScanInputError` naming the file when there is none, or it cannot be read, is not JSON, or
 * has options TypeScript rejects.
 */
export function loadProjectFile(cwd: string, start: string, project: string | undefined): ProjectFile {
  const file = project === undefined ? findTsconfig(start) : givenTsconfig(cwd, project);
  if (file === undefined) {
    throw new ScanInputError(`no ${TSCONFIG_FILE_NAME} in ${nameFrom(cwd, start)} or any directory above it; pass --project with the tsconfig.json of the TypeScript project to analyse`);
  }
  const name = project ?? nameFrom(cwd, file);
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (read.error !== undefined) throw new ScanInputError(`${name}: ${describeDiagnostic(read.error)}; fix it or pass --project with another tsconfig.json`, { file });
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file);
  const fatal = parsed.errors.find((error) => error.code !== NO_INPUTS && error.category === ts.DiagnosticCategory.Error);
  if (fatal !== undefined) throw new ScanInputError(`${name}: ${describeDiagnostic(fatal)}; fix it or pass --project with another tsconfig.json`, { file });
  return { file, name, fileNames: parsed.fileNames, hasReferences: (parsed.projectReferences?.length ?? 0) > 0 };
}

function givenTsconfig(cwd: string, project: string): string {
  const path = resolve(cwd, project);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new ScanInputError(`${project}: no such file (--project names a tsconfig.json, or a directory holding one)`);
  }
  if (!isDirectory) return path;
  const inside = join(path, TSCONFIG_FILE_NAME);
  if (!existsSync(inside)) throw new ScanInputError(`${project}: no ${TSCONFIG_FILE_NAME} in this directory (--project names a tsconfig.json, or a directory holding one)`);
  return inside;
}

/** The nearest `tsconfig.json` at or above `start` (absolute), as `tsc` looks for one; undefined when there is none. */
export function findTsconfig(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, TSCONFIG_FILE_NAME);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `path` relative to `cwd` when inside it (`.` for `cwd` itself), else as it is. */
function nameFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel.startsWith('..') ? path : rel;
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${line + 1}:${character + 1}: ${message}`;
}
