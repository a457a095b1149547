import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a handle was created: the first stack frame that belongs to the application. */
export interface CreationSite {
  /** `file:line:column`, the file relative to the working directory when it lies below it. */
  readonly site: string;
  /** The function of that frame, when V8 names one. */
  readonly functionName: string | undefined;
  /**
   * True when no frame outside node internals and this package was outside `node_modules` either:
   * a dependency (or the test runner) created the handle on its own, so `site` is its frame.
   */
  readonly fromDependency: boolean;
}

/** Frames of this package (src/ or dist/), skipped so the site points at our caller. */
const ownDir = fileURLToPath(new URL('..', import.meta.url));
/**
 * The folder holding the leakguard packages side by side (`packages/` in the repository,
 * `node_modules/@leakguard/` once installed): their src/ and dist/ frames are skipped too, so a
 * lease's site is the code that called `pool.acquire()`, not the pool.
 */
const packagesDir = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGE_CODE = /^[a-z-]+[\\/](?:src|dist)[\\/]/;

function isLeakguard(file: string): boolean {
  return file.startsWith(ownDir) || (file.startsWith(packagesDir) && PACKAGE_CODE.test(file.slice(packagesDir.length)));
}

// `    at fn (file:1:2)`, `    at file:1:2`, `    at async fn (file:1:2)`, `    at new Foo (file:1:2)`.
const FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

interface Frame {
  readonly file: string;
  readonly line: string;
  readonly column: string;
  readonly functionName: string | undefined;
}

function parseFrame(line: string): Frame | undefined {
  const match = FRAME.exec(line);
  if (match === null) return undefined;
  const [, fn, file, lineNo, column] = match;
  if (file === undefined || lineNo === undefined || column === undefined) return undefined;
  const functionName = fn?.replace(/^async /, '');
  return { file: file.startsWith('file://') ? safeFileUrlToPath(file) : file, line: lineNo, column, functionName };
}

function safeFileUrlToPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function isNodeInternal(file: string): boolean {
  // `node:net`, `node:internal/…`; `native` and bare `internal/…` come from older stack formats.
  return file.startsWith('node:') || file.startsWith('internal/') || file === 'native';
}

function isDependency(file: string): boolean {
  return file.includes(`${sep}node_modules${sep}`) || file.includes('/node_modules/');
}

function display(frame: Frame): string {
  let file = frame.file;
  if (isAbsolute(file)) {
    const rel = relative(process.cwd(), file);
    if (!rel.startsWith('..') && !isAbsolute(rel)) file = rel.split(sep).join('/');
  }
  return `${file}:${frame.line}:${frame.column}`;
}

/**
 * Finds the creation site in a formatted stack: the first frame outside node internals,
 * `node_modules` and leakguard's packages; failing that, the first frame outside node internals
 * and leakguard (marked `fromDependency`); undefined when every frame is node's own.
 */
export function creationSite(stack: string): CreationSite | undefined {
  let dependency: Frame | undefined;
  for (const line of stack.split('\n')) {
    const frame = parseFrame(line);
    if (frame === undefined || isNodeInternal(frame.file) || isLeakguard(frame.file)) continue;
    if (isDependency(frame.file)) {
      dependency ??= frame;
      continue;
    }
    return { site: display(frame), functionName: frame.functionName, fromDependency: false };
  }
  if (dependency === undefined) return undefined;
  return { site: display(dependency), functionName: dependency.functionName, fromDependency: true };
}
