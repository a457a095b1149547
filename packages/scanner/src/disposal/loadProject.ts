// Finding and checking the tsconfig.json the disposal audit analyses, with errors that name the
// file and say what to do, before ts-morph (whose errors are terse) is asked to load it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ts } from 'ts-morph';
import { ScanInputError } from '../errors.js';
import { loadTsMorph } from './tsMorph.js';

/** The project file name looked for, from the directory of the first path given upwards. */
export const TSCONFIG_FILE_NAME = 'tsconfig.json';

/** TS18003, "No inputs were found in config file": for the audit a project with no files, not a broken one. */
const NO_INPUTS = 18003;

/** A tsconfig.json found and checked, with the projects it references. */
export interface ProjectFile {
  /** Absolute. */
  readonly file: string;
  /** How messages name it: as given, or relative to the cwd. */
  readonly name: string;
  /** Whether it references other projects (a solution file with `"files": []` has no files of its own). */
  readonly hasReferences: boolean;
  /**
   * The source files of the projects it references, and of those they reference, each tsconfig
   * read once (absolute; the file's own project's files are left to ts-morph). Analysed in the
   * same program as its own, so the tsconfig.json at a monorepo's root covers every package.
   */
  readonly referencedFiles: readonly string[];
  /**
   * The tsconfig whose compiler options the program takes (absolute): `file`, or for a solution
   * file with no source files of its own, the first project it references (depth first) that
   * has some, since a solution file's options (often none) are not those its projects compile with.
   */
  readonly optionsFile: string;
}

/**
 * The project to analyse: `project` (a tsconfig file, or a directory holding `tsconfig.json`,
 * relative to `cwd`) when given, else the nearest `tsconfig.json` at or above `start`; its
 * `references` are followed. Throws `ScanInputError` naming the file when there is none, or it
 * or a project it references is missing, cannot be read, is not JSON, or has options
 * TypeScript rejects.
 */
export function loadProjectFile(cwd: string, start: string, project: string | undefined): ProjectFile {
  const file = project === undefined ? findTsconfig(start) : givenTsconfig(cwd, project);
  if (file === undefined) {
    throw new ScanInputError(`no ${TSCONFIG_FILE_NAME} in ${nameFrom(cwd, start)} or any directory above it; pass --project with the tsconfig.json of the TypeScript project to analyse`);
  }
  const name = project ?? nameFrom(cwd, file);
  const parsed = parseTsconfig(file, name);
  const references = followReferences(cwd, file, name, parsed);
  const optionsFile = parsed.fileNames.length === 0 ? (references.firstWithFiles ?? file) : file;
  return { file, name, hasReferences: (parsed.projectReferences?.length ?? 0) > 0, referencedFiles: references.files, optionsFile };
}

/**
 * The source files of the projects `parsed` (the tsconfig `file`) references, recursively, in
 * reference order, and the first of those projects that has source files. A reference names a
 * tsconfig file or a directory holding `tsconfig.json`; each tsconfig is read once, so references
 * in a circle (which tsc rejects) end.
 */
function followReferences(cwd: string, file: string, name: string, parsed: ts.ParsedCommandLine): { files: string[]; firstWithFiles: string | undefined } {
  const seen = new Set([resolve(file)]);
  const files = new Set<string>();
  let firstWithFiles: string | undefined;
  const follow = (from: ts.ParsedCommandLine, fromFile: string, fromName: string): void => {
    for (const reference of from.projectReferences ?? []) {
      const referenced = resolve(loadTsMorph().ts.resolveProjectReferencePath(reference));
      if (seen.has(referenced)) continue;
      seen.add(referenced);
      const referencedName = nameFrom(cwd, referenced);
      if (!existsSync(referenced)) {
        throw new ScanInputError(`${fromName}: the project it references, ${referencedName}, does not exist; fix its "references" or pass --project with another tsconfig.json`, { file: fromFile });
      }
      const sub = parseTsconfig(referenced, referencedName);
      if (sub.fileNames.length > 0) firstWithFiles ??= referenced;
      for (const fileName of sub.fileNames) files.add(resolve(fileName));
      follow(sub, referenced, referencedName);
    }
  };
  follow(parsed, file, name);
  return { files: [...files], firstWithFiles };
}

/** `file` read and parsed; a `ScanInputError` naming it (as `name`) when it cannot be. */
function parseTsconfig(file: string, name: string): ts.ParsedCommandLine {
  const { ts } = loadTsMorph();
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (read.error !== undefined) throw new ScanInputError(`${name}: ${describeDiagnostic(read.error)}; fix it or pass --project with another tsconfig.json`, { file });
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file);
  const fatal = parsed.errors.find((error) => error.code !== NO_INPUTS && error.category === ts.DiagnosticCategory.Error);
  if (fatal !== undefined) throw new ScanInputError(`${name}: ${describeDiagnostic(fatal)}; fix it or pass --project with another tsconfig.json`, { file });
  return parsed;
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
  const message = loadTsMorph().ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${line + 1}:${character + 1}: ${message}`;
}
