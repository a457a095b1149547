// The disposal audit on ts-morph: one Project for the whole tsconfig, cross-file knowledge from
// every source file of it, findings for the files under the paths given that the path audit
// would scan, placed, suppressed, fingerprinted and baselined as the path audit's are.
import { Buffer } from 'node:buffer';
import { dirname, resolve } from 'node:path';
import type { DisposalFinding, DisposalOptions } from '@leakguard/analysis';
import { findLeakedResources, NO_LEAKED_RESOURCE, summarizeDisposal } from '@leakguard/analysis';
import type { ts } from 'ts-morph';
import type * as TS from 'typescript';
import type { Baseline } from '../baseline.js';
import { checkDisposalOptions, withoutDisposalComments } from '../config.js';
import { ScanInputError } from '../errors.js';
import { LinePlacer } from '../linePlacer.js';
import type { DisposalFileFinding, DisposalScanResult, FileNote, ScanProgress } from '../types.js';
import { isWithin, relativeName } from '../walk/directories.js';
import { findScanRoot } from '../walk/scanRoot.js';
import { statGivenPath, walkPath } from '../walk/walkPath.js';
import { loadProjectFile } from './loadProject.js';
import { loadTsMorph } from './tsMorph.js';

/** Options of `auditDisposal`. Every one is optional. */
export interface DisposalAuditOptions extends DisposalOptions {
  /** Directory the paths and `project` are resolved against. Default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * The tsconfig.json of the project (or a directory holding one), relative to `cwd`. Default
   * the nearest `tsconfig.json` at or above the first path given (its directory for a file).
   */
  readonly project?: string;
  /** Files and directories not to analyse, in .gitignore syntax, relative to `ignoreBase`. Default none. */
  readonly ignore?: readonly string[];
  /** Directory `ignore` patterns are relative to. Default `cwd`. */
  readonly ignoreBase?: string;
  /** Findings whose fingerprint the baseline lists are left out and counted in `baselined`. Default none. */
  readonly baseline?: Baseline;
  /** Called after each file analysed, with the totals so far. Default none. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

/**
 * Finds resources that are not released on every path (rule `no-leaked-resource`) in the
 * TypeScript project of `options.project` (default: the nearest tsconfig.json) and the projects
 * it references, recursively, in one program (a solution file takes the compiler options of the
 * first project it references that has source files), reporting the
 * files under `paths` (default `['.']`) that the path audit would scan: .gitignore files
 * honoured, `.git` and `node_modules` never entered, `.d.ts` files left out. Every source file
 * of the project is summarised first, so a function in another file that returns a fresh
 * resource counts as an acquisition and one that always releases its parameter as a release.
 * Type errors in the project do not stop it, but findings depend on the types resolving (an
 * untyped `fs` or `pg` call is no acquisition); a file that does not parse gets a `parse-error`
 * note and is not analysed. Synchronous. Throws `ScanInputError` for a missing path, a missing or
 * invalid tsconfig.json (or one it references), or invalid options.
 */
export function auditDisposal(paths: readonly string[] = ['.'], options: DisposalAuditOptions = {}): DisposalScanResult {
  const { cwd: cwdOption, project: projectOption, ignore, ignoreBase, baseline, onProgress, ...engineGiven } = options;
  // `//` comment keys pass the check and are left out here: the engine rejects unknown keys.
  const engineOptions = withoutDisposalComments(engineGiven);
  const problem = checkDisposalOptions({ ...engineOptions, ignore });
  if (problem !== undefined) throw new ScanInputError(`invalid disposal options: ${problem}`);
  const cwd = resolve(cwdOption ?? process.cwd());
  const given = paths.length === 0 ? ['.'] : paths;
  const targets = given.map((path) => ({ path: resolve(cwd, path), isDirectory: statGivenPath(path, cwd).isDirectory() }));
  const root = findScanRoot(cwd, targets);
  const first = targets[0] as { path: string; isDirectory: boolean };
  const projectFile = loadProjectFile(cwd, first.isDirectory ? first.path : dirname(first.path), projectOption);

  // What the path audit would scan under the paths given: only these files are reported.
  const scannable = new Set<string>();
  const walk = { cwd, root, ignore, ignoreBase: ignoreBase === undefined ? cwd : resolve(cwd, ignoreBase) };
  const visitor = { file: (path: string) => void scannable.add(path), skip: () => undefined };
  for (const path of given) walkPath(path, walk, visitor);

  // One Project, parsed once; the analysis runs on the compiler's own objects, not ts-morph's wrappers.
  // ts-morph does not follow `references`: the referenced projects' files join the same program,
  // with a solution file's compiler options taken from a project it references (see loadProjectFile).
  const { Project, ts } = loadTsMorph();
  const project = new Project({ tsConfigFilePath: projectFile.optionsFile, skipAddingFilesFromTsConfig: false });
  for (const file of projectFile.referencedFiles) project.addSourceFileAtPath(file);
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const sourceFiles = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf) && !/[\\/]node_modules[\\/]/u.test(sf.fileName));
  // ts-morph bundles its own TypeScript; the engine takes whichever module the front end brings.
  const engineTs = ts as unknown as typeof TS;
  const engineChecker = checker as unknown as TS.TypeChecker;
  const engineFiles = sourceFiles as unknown as readonly TS.SourceFile[];
  const knowledge = summarizeDisposal(engineTs, engineChecker, engineFiles, engineOptions);

  const reported = sourceFiles
    .map((sf, index) => ({ sf, index, file: relativeName(root, resolve(sf.fileName)) }))
    .filter((entry) => scannable.has(resolve(entry.sf.fileName)))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const baselined = new Set(baseline?.findings.map((entry) => entry.fingerprint));
  const findings: DisposalFileFinding[] = [];
  const notes: FileNote[] = [];
  let bytesScanned = 0;
  let suppressed = 0;
  let baselinedCount = 0;
  let filesScanned = 0;
  for (const { sf, index, file } of reported) {
    filesScanned++;
    bytesScanned += Buffer.byteLength(sf.text);
    const syntaxError = program.getSyntacticDiagnostics(sf)[0];
    if (syntaxError !== undefined) {
      notes.push({ file, kind: 'parse-error', detail: `${describeSyntaxError(sf, syntaxError)}; not analysed` });
    } else {
      const found = findLeakedResources(engineTs, engineChecker, engineFiles[index] as TS.SourceFile, engineOptions, knowledge);
      const placed = placeFindings(sf, file, found);
      suppressed += placed.suppressed;
      for (const finding of placed.findings) {
        if (baselined.has(finding.fingerprint)) baselinedCount++;
        else findings.push(finding);
      }
    }
    onProgress?.({ filesScanned, bytesScanned, findings: findings.length });
  }
  // Named as the user sees it, from the cwd: the root may be a directory below the project's.
  const projectName = relativeName(cwd, projectFile.file);
  // Notes name files relative to the root, like findings; a tsconfig above it is named in the detail only.
  const noteFile = isWithin(root, projectFile.file) ? relativeName(root, projectFile.file) : '.';
  if (filesScanned === 0) notes.push({ file: noteFile, kind: 'no-source-files', detail: noSourceFilesDetail(projectFile.name, given, sourceFiles.length, projectFile.hasReferences) });
  return { audit: 'disposal', root, project: projectName, findings, skipped: [], notes, filesScanned, bytesScanned, projectFiles: sourceFiles.length, suppressed, baselined: baselinedCount };
}

/** The engine's findings in one file as report findings, in position order, without the suppressed ones. */
function placeFindings(sf: ts.SourceFile, file: string, found: readonly DisposalFinding[]): { findings: DisposalFileFinding[]; suppressed: number } {
  const text = sf.text;
  const lineStarts = sf.getLineStarts();
  const placer = new LinePlacer(text, file);
  const findings: DisposalFileFinding[] = [];
  for (const f of [...found].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const start = sf.getLineAndCharacterOfPosition(f.start);
    const end = sf.getLineAndCharacterOfPosition(f.end);
    const exit = sf.getLineAndCharacterOfPosition(f.exitAt);
    const lineStart = lineStarts[start.line] ?? 0;
    const line = placer.place(NO_LEAKED_RESOURCE, start.line + 1, lineStart, lineEndOf(text, lineStart, lineStarts[start.line + 1]), lineStart + start.character);
    if (line === undefined) continue;
    findings.push({
      ruleId: NO_LEAKED_RESOURCE,
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      message: f.message,
      resource: f.resource,
      acquiredBy: f.acquiredBy,
      leakPath: f.path,
      exitLine: exit.line + 1,
      exitColumn: exit.character + 1,
      ...line,
    });
  }
  return { findings, suppressed: placer.suppressed };
}

/** Where a line that starts at `lineStart` ends, line break excluded: before `nextLineStart` (the compiler's line starts), or at the end of the text. */
function lineEndOf(text: string, lineStart: number, nextLineStart: number | undefined): number {
  let lineEnd = nextLineStart ?? text.length;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return lineEnd;
}

function describeSyntaxError(sf: ts.SourceFile, diagnostic: ts.Diagnostic): string {
  const message = loadTsMorph().ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.start === undefined) return message;
  const { line, character } = sf.getLineAndCharacterOfPosition(diagnostic.start);
  return `${line + 1}:${character + 1}: ${message}`;
}

function noSourceFilesDetail(project: string, paths: readonly string[], projectFiles: number, hasReferences: boolean): string {
  if (projectFiles === 0) {
    if (hasReferences) return `${project} has no TypeScript source files, nor have the projects it references: check their "include" and "files"`;
    return `${project} has no TypeScript source files of its own: check its "include" and "files"`;
  }
  return `none of the ${projectFiles} source files of ${project} lies under ${paths.join(', ')} (or they are ignored); name a path inside the project`;
}
