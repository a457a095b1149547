// A type-checked Program over in-memory files, resolving real lib files and the node_modules of
// this repository (pg, mysql2, generic-pool, tarn, @types/node …). Parsed lib and .d.ts files are
// shared by every Program built here, so a Program per test stays cheap.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root (where node_modules lives), from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\\/g, '/').replace(/\/$/, '');

/** Virtual files live here, so node_modules resolution walks up into the repository's. */
export const VIRTUAL_DIR = `${REPO_ROOT}/__virtual__`;

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.esnext.d.ts'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  esModuleInterop: true,
};

const sharedFiles = new Map<string, ts.SourceFile | undefined>();
const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
const baseGetSourceFile = host.getSourceFile.bind(host);

export interface TestProgram {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The SourceFile of each virtual file, by the name it was given. */
  readonly files: ReadonlyMap<string, ts.SourceFile>;
  /** The first virtual file. */
  readonly sourceFile: ts.SourceFile;
}

/**
 * Builds a Program over `files` (name → text; names relative to a virtual folder inside the
 * repository, e.g. `a.ts`). Every file is an ES module (`package.json` `type: module` is
 * implied by the `.mts` default: plain `.ts` names are accepted and treated as ESM through a
 * virtual package.json).
 */
export function createTestProgram(files: Record<string, string>): TestProgram {
  const virtual = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) virtual.set(`${VIRTUAL_DIR}/${name}`, text);
  virtual.set(`${VIRTUAL_DIR}/package.json`, '{ "type": "module" }');
  const testHost: ts.CompilerHost = {
    ...host,
    fileExists: (f) => virtual.has(f) || host.fileExists(f),
    readFile: (f) => virtual.get(f) ?? host.readFile(f),
    // The virtual folder exists only in memory.
    directoryExists: (d) => d === VIRTUAL_DIR || (host.directoryExists?.(d) ?? false),
    realpath: (f) => (virtual.has(f) ? f : (host.realpath?.(f) ?? f)),
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const text = virtual.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
      if (sharedFiles.has(fileName) && !shouldCreate) return sharedFiles.get(fileName);
      const parsed = baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
      sharedFiles.set(fileName, parsed);
      return parsed;
    },
  };
  const roots = Object.keys(files).map((name) => `${VIRTUAL_DIR}/${name}`);
  const program = ts.createProgram({ rootNames: roots, options: COMPILER_OPTIONS, host: testHost });
  const byName = new Map<string, ts.SourceFile>();
  for (const name of Object.keys(files)) {
    const sf = program.getSourceFile(`${VIRTUAL_DIR}/${name}`);
    if (sf === undefined) throw new Error(`virtual file ${name} is not in the program`);
    byName.set(name, sf);
  }
  const first = byName.get(Object.keys(files)[0] as string) as ts.SourceFile;
  return { program, checker: program.getTypeChecker(), files: byName, sourceFile: first };
}

/** Semantic and syntactic errors of the virtual files, as `file:line: message` lines (to check a test's code compiles). */
export function diagnostics(p: TestProgram): string[] {
  const out: string[] = [];
  for (const sf of p.files.values()) {
    for (const d of [...p.program.getSyntacticDiagnostics(sf), ...p.program.getSemanticDiagnostics(sf)]) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line + 1;
      out.push(`${sf.fileName.slice(VIRTUAL_DIR.length + 1)}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return out;
}

/** Parses the lib and node_modules declarations once (seconds on a cold worker); call it from a `beforeAll` with a long timeout. */
export function warmUp(): void {
  createTestProgram({ 'warm.ts': "import 'pg'; import 'mysql2/promise'; import 'generic-pool'; import 'tarn'; import 'node:fs'; export {};\n" });
}
