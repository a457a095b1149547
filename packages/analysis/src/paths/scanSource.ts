// The default import is the module object itself (`export =`): both `import ts from 'typescript'`
// and `import * as ts` are assignable to `typeof TS`, unlike the namespace type, which adds `default`.
import type TS from 'typescript';
import { isReportedInCode, isTildePathCall } from './codeContext.js';
import { findHomePaths } from './findHomePaths.js';
import { compileHomePathOptions } from './options.js';
import type { ModuleBinding } from './sourceContext.js';
import { collectModuleBindings, literalContext } from './sourceContext.js';
import { tildePathMatch } from './tildePath.js';
import type { CodeContext, HomePathMatch, HomePathOptions } from './types.js';

/** What scanning one JS/TS file found. */
export interface SourceScan {
  readonly matches: HomePathMatch[];
  /** Set when the file did not parse: `line:column: message` of the first syntax error; `matches` then come from the text scan alone. */
  readonly parseError?: string;
}

type Ts = typeof TS;

/**
 * Scans one JS/TS/JSX/TSX/MJS/CJS/MTS/CTS file with its code context: string and template
 * literals, regular expressions, comments and JSX text, judged by `isReportedInCode`, plus
 * `tilde` matches for `~/` strings given to Node path APIs (`isTildePathCall`). Matches in other
 * code (identifiers) are dropped. `ts` is the TypeScript module of the caller (the scanner's
 * own, ts-morph's); only its parser is used. The file is parsed only when the text scan found
 * something or it contains `~/`. Never throws for bad syntax: falls back to the text scan and
 * sets `parseError`. Throws when `options` are invalid.
 */
export function scanSource(ts: Ts, fileName: string, text: string, options: HomePathOptions = {}): SourceScan {
  // One text scan of the whole file, so a literal's neighbours count: `${root}/home/ana` is not
  // the start of a path and `https://${host}/home/ana` is a URL.
  const textMatches = findHomePaths(text, options);
  const tildes = tildeOffsets(text);
  if (textMatches.length === 0 && tildes.length === 0) return { matches: [] };

  // JSDoc is not parsed into nodes: comments are read as trivia, and skipping it roughly halves
  // the parse of large, heavily documented files.
  const sourceFile = ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKindOf(ts, fileName),
  );
  const parseError = firstParseError(ts, sourceFile);
  if (parseError !== undefined) return { matches: textMatches, parseError };

  compileHomePathOptions(options);
  let bindings: ReadonlyMap<string, ModuleBinding> | undefined;
  const getBindings = (): ReadonlyMap<string, ModuleBinding> => (bindings ??= collectModuleBindings(ts, sourceFile));
  // Offsets worth a look, in order: subtrees holding none are skipped without building tokens.
  const interesting = mergeSortedOffsets(
    textMatches.map((m) => m.start),
    tildes,
  );
  let nextInteresting = 0;
  let nextMatch = 0;
  const out: HomePathMatch[] = [];

  // Text matches starting in [start, end) and ending inside it, judged in `context`.
  const takeMatches = (start: number, end: number, context: () => CodeContext): void => {
    while (nextMatch < textMatches.length && (textMatches[nextMatch] as HomePathMatch).start < start) nextMatch++;
    let built: CodeContext | undefined;
    for (; nextMatch < textMatches.length; nextMatch++) {
      const match = textMatches[nextMatch] as HomePathMatch;
      if (match.start >= end) break;
      if (match.end > end) continue;
      const inside = match.pathEnd > end ? { ...match, pathEnd: end } : match;
      built ??= context();
      if (isReportedInCode(inside, built)) out.push(inside);
    }
  };

  const visitToken = (token: TS.Node): void => {
    if (token.kind === ts.SyntaxKind.JsxText) {
      // JSX text has no trivia: what looks like a comment in it (`// x`) is text.
      takeMatches(token.pos, token.end, () => literalContext(ts, sourceFile, token, 'jsx-text', getBindings));
      return;
    }
    const start = token.getStart(sourceFile);
    // Between two tokens there is only whitespace and comments (and a shebang): every comment
    // of the file, JSDoc included, is in exactly one token's leading trivia.
    if (start > token.pos) takeMatches(token.pos, start, () => ({ container: 'comment' }));
    const literal = literalBounds(ts, token, start);
    if (literal === undefined) return;
    const [from, to, container] = literal;
    const context = (): CodeContext => literalContext(ts, sourceFile, token, container, getBindings);
    if (container !== 'regexp' && text.startsWith('~/', from)) {
      const tilde = tildePathMatch(text, from, to, options);
      if (tilde !== undefined && isTildePathCall(context())) out.push(tilde);
    }
    takeMatches(from, to, context);
  };

  const visit = (node: TS.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    while (nextInteresting < interesting.length && (interesting[nextInteresting] as number) < node.pos) nextInteresting++;
    const next = interesting[nextInteresting];
    if (next === undefined || next >= node.end) return;
    if (node.kind <= ts.SyntaxKind.LastToken) visitToken(node);
    else for (const child of node.getChildren(sourceFile)) visit(child);
  };
  visit(sourceFile);
  return { matches: out };
}

/** Where a literal token's raw value lies, and what kind of container it is. */
function literalBounds(ts: Ts, token: TS.Node, start: number): [number, number, CodeContext['container']] | undefined {
  switch (token.kind) {
    case ts.SyntaxKind.StringLiteral:
      return [start + 1, token.end - 1, 'string'];
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateTail:
      return [start + 1, token.end - 1, 'template'];
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
      return [start + 1, token.end - 2, 'template'];
    case ts.SyntaxKind.RegularExpressionLiteral: {
      const text = token.getSourceFile().text;
      return [start + 1, text.lastIndexOf('/', token.end - 1), 'regexp'];
    }
    default:
      return undefined;
  }
}

/** Offsets of every `~/` that opens a quote or backtick (a literal that may start with it). */
function tildeOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('~/'); i !== -1; i = text.indexOf('~/', i + 2)) {
    const before = text[i - 1];
    if (before === '"' || before === "'" || before === '`') out.push(i);
  }
  return out;
}

/** The union of two ascending offset lists, ascending, in one pass. */
function mergeSortedOffsets(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x <= y)) {
      out.push(x as number);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** The ScriptKind the extension implies; `.js`/`.mjs`/`.cjs` parse JSX as well, as TypeScript does. */
function scriptKindOf(ts: Ts, fileName: string): TS.ScriptKind {
  const extension = /\.[^./\\]+$/u.exec(fileName.toLowerCase())?.[0];
  switch (extension) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

/** `line:column: message` of the first syntax error, if any. */
function firstParseError(ts: Ts, sourceFile: TS.SourceFile): string | undefined {
  // parseDiagnostics is not in the public typings, but every TypeScript 5/6 parser sets it; it
  // is the only way to learn about syntax errors without creating a Program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (first === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  const more = (diagnostics?.length ?? 1) - 1;
  return `${line + 1}:${character + 1}: ${message}${more > 0 ? ` (and ${more} more)` : ''}`;
}
