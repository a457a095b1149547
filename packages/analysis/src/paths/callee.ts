// Reading the callee text a front end puts in CodeContext.callee (`app.get`, `this.router.push`,
// `fs.promises.readFile`, `require('fs').readFileSync`, `request(app).get`).
import type { CodeContext } from './types.js';

/** A callee split into what the route and Node-API tables look at. */
export interface CalleeParts {
  /** Dotted segments without call parentheses: `request(app).get` → `['request', 'get']`. */
  readonly segments: readonly string[];
  /** The function called: the last segment, or the imported name of a renamed import (`import { redirect as go }`). */
  readonly name: string;
  /** Everything before the function, dotted (`this.router`); `''` for a bare call. */
  readonly receiver: string;
  /** The module named by a `require('m')` / `import('m')` at the head of the callee, if any. */
  readonly requiredModule?: string;
}

const REQUIRE_HEAD = /^(?:require|import)\(\s*(['"`])([^'"`]+)\1\s*\)\.?/u;
const CALL_ARGUMENTS = /\([^()]*\)/gu;

/** Splits `context.callee`; undefined when the literal is not a call argument. */
export function calleeParts(context: CodeContext): CalleeParts | undefined {
  const callee = context.callee?.trim();
  if (callee === undefined || callee === '') return undefined;
  let rest = callee;
  let requiredModule: string | undefined;
  const head = REQUIRE_HEAD.exec(rest);
  if (head !== null && head[0].length < rest.length) {
    requiredModule = head[2];
    rest = rest.slice(head[0].length);
  }
  // Nested calls collapse from the inside out: `a(b(c)).d` → `a().d`.
  let previous = '';
  while (previous !== rest) {
    previous = rest;
    rest = rest.replace(CALL_ARGUMENTS, '');
  }
  const segments = rest
    .replace(/^new\s+/u, '')
    .split(/\??\./u)
    .map((s) => s.replace(/[!\s]/gu, ''))
    .filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? '';
  const name = segments.length === 1 && requiredModule === undefined && context.importedName !== undefined ? context.importedName : last;
  return { segments, name, receiver: segments.slice(0, -1).join('.'), ...(requiredModule === undefined ? {} : { requiredModule }) };
}

/** The module the callee comes from: `context.calleeModule`, else a `require('m')` at its head. */
export function calleeModuleOf(context: Pick<CodeContext, 'calleeModule'>, parts: CalleeParts): string | undefined {
  return context.calleeModule ?? parts.requiredModule;
}
