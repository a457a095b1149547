// Rule prefer-using: `const x = <Disposable>; try { … } finally { x.close() }` can be `using x`.
import type TS from 'typescript';
import type { EngineContext } from './acquisitions.js';
import { disposeMembers, mayAcquire } from './acquisitions.js';
import { compileDisposalOptions } from './options.js';
import type { Ts } from './syntax.js';
import { DISPOSE_LIKE_RELEASES, climbOuter, isFunctionLike, skipOuter, wellKnownSymbolKey } from './syntax.js';
import type { PreferUsingFinding } from './types.js';
import { PREFER_USING } from './types.js';

const RELEASES = new Set([...DISPOSE_LIKE_RELEASES, '[Symbol.dispose]', '[Symbol.asyncDispose]']);

/**
 * Finds local disposables (declared type has [Symbol.dispose]/[Symbol.asyncDispose]) whose only
 * release is one call in the `finally` of the try statement right after the declaration, and that
 * are never reassigned, returned or stored: `using` (or `await using`) can release them instead.
 * Sorted by start.
 */
export function findPreferUsing(ts: Ts, checker: TS.TypeChecker, sourceFile: TS.SourceFile): PreferUsingFinding[] {
  const ctx: EngineContext = { ts, checker, sourceFile, options: compileDisposalOptions(undefined), knowledge: undefined, acquisitions: new Map() };
  const out: PreferUsingFinding[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node)) {
      const statements = node.statements;
      for (let i = 0; i + 1 < statements.length; i++) {
        const found = candidate(ctx, statements[i] as TS.Statement, statements[i + 1] as TS.Statement);
        if (found !== undefined) out.push(found);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out.sort((a, b) => a.start - b.start);
}

function candidate(ctx: EngineContext, statement: TS.Statement, next: TS.Statement): PreferUsingFinding | undefined {
  const { ts, checker, sourceFile } = ctx;
  if (!ts.isVariableStatement(statement) || !ts.isTryStatement(next) || next.finallyBlock === undefined) return undefined;
  const list = statement.declarationList;
  if ((list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) === 0 || (list.flags & ts.NodeFlags.Using) !== 0 || list.declarations.length !== 1) return undefined;
  const declaration = list.declarations[0] as TS.VariableDeclaration;
  if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined || !mayAcquire(ts, declaration.initializer)) return undefined;
  const id = declaration.name;
  const symbol = checker.getSymbolAtLocation(id);
  if (symbol === undefined) return undefined;
  const dispose = disposeMembers(ctx, checker.getNonNullableType(checker.getTypeAtLocation(declaration.name)));
  // `using` needs the declared type itself to be Disposable (a nullable initializer would not type-check either way it is fine: using accepts null/undefined).
  if (dispose === undefined) return undefined;

  const releases: TS.CallExpression[] = [];
  let blocked = false;
  const container = statement.parent;
  const visit = (node: TS.Node): void => {
    if (blocked) return;
    if (ts.isIdentifier(node) && node !== id && node.text === id.text && checker.getSymbolAtLocation(node) === symbol) {
      const role = roleOf(ts, node);
      if (role === 'blocked') blocked = true;
      else if (role !== 'use') releases.push(role);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(container, visit);
  if (blocked || releases.length !== 1) return undefined;
  const release = releases[0] as TS.CallExpression;
  const releaseStatement = statementOf(ts, release);
  if (releaseStatement === undefined || releaseStatement.parent !== next.finallyBlock) return undefined;

  const awaited = ts.isAwaitExpression(climbOuter(ts, release).parent);
  const isAsyncDispose = wellKnownSymbolKey(ts, (skipOuter(ts, release.expression) as TS.ElementAccessExpression).argumentExpression ?? release.expression) === '[Symbol.asyncDispose]';
  let keyword: 'using' | 'await using';
  if (dispose.async && (awaited || isAsyncDispose || !dispose.sync)) keyword = 'await using';
  else if (dispose.sync) keyword = 'using';
  else return undefined;
  if (keyword === 'await using' && !awaitAllowed(ts, statement)) return undefined;
  const name = id.text;
  return {
    ruleId: PREFER_USING,
    start: list.getStart(sourceFile),
    end: list.end,
    name,
    keyword,
    releaseStart: releaseStatement.getStart(sourceFile),
    releaseEnd: releaseStatement.end,
    message: `${name} is released in the finally block: declare it with \`${keyword}\` instead and drop the release call`,
  };
}

/** A reference's role: the release call, a use, or something `using` cannot express (reassigned, returned, stored, passed on). */
function roleOf(ts: Ts, id: TS.Identifier): TS.CallExpression | 'use' | 'blocked' {
  const e = climbOuter(ts, id);
  const p = e.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === e) {
    const member = ts.isPropertyAccessExpression(p) ? p.name.text : wellKnownSymbolKey(ts, p.argumentExpression);
    const call = climbOuter(ts, p).parent;
    if (call !== undefined && ts.isCallExpression(call) && skipOuter(ts, call.expression) === p && member !== undefined && RELEASES.has(member)) return call;
    return 'use';
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return 'blocked';
  if (ts.isReturnStatement(p) || ts.isYieldExpression(p) || ts.isArrowFunction(p) || ts.isVariableDeclaration(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) || ts.isArrayLiteralExpression(p)) return 'blocked';
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return 'blocked';
  return 'use';
}

function statementOf(ts: Ts, call: TS.CallExpression): TS.Statement | undefined {
  let e: TS.Node = climbOuter(ts, call);
  if (ts.isAwaitExpression(e.parent)) e = climbOuter(ts, e.parent);
  return ts.isExpressionStatement(e.parent) ? e.parent : undefined;
}

function awaitAllowed(ts: Ts, node: TS.Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) {
    if (isFunctionLike(ts, n)) return ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    if (ts.isSourceFile(n)) return ts.isExternalModule(n);
  }
  return false;
}
