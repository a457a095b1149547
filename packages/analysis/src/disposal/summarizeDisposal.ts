// The whole-project pass: functions that return a fresh resource (sources), that release a
// parameter on every path (sinks), and that only use a parameter (borrowers).
import type TS from 'typescript';
import type { EngineContext } from './acquisitions.js';
import { ANY_RESOURCE, acquisitionAt, mayAcquire } from './acquisitions.js';
import { findLeaks, LIVE } from './flow.js';
import { compileDisposalOptions } from './options.js';
import { collectReferences } from './references.js';
import type { Ts } from './syntax.js';
import { isFunctionLike, isLoggingCall, skipOuter } from './syntax.js';
import type { DisposalKnowledge, DisposalOptions } from './types.js';

/** Rounds over the project: a source may return another source's result, a sink may pass on to another sink. */
const ROUNDS = 2;

/**
 * Summarises `sourceFiles` for findLeakedResources: sources (functions, methods, arrows whose
 * every return is a fresh resource, with its release methods), sinks (release parameter i on
 * every path) and borrowers (only use parameter i). Throws when `options` are invalid.
 */
export function summarizeDisposal(ts: Ts, checker: TS.TypeChecker, sourceFiles: readonly TS.SourceFile[], options?: DisposalOptions): DisposalKnowledge {
  const compiled = compileDisposalOptions(options);
  const sources = new Map<TS.Node, { readonly release: readonly string[] }>();
  const sinks = new Map<TS.Node, ReadonlySet<number>>();
  const borrowers = new Map<TS.Node, ReadonlySet<number>>();
  const knowledge: DisposalKnowledge = { sources, sinks, borrowers };
  const functions: { fn: TS.FunctionLikeDeclaration; ctx: EngineContext }[] = [];
  for (const sourceFile of sourceFiles) {
    if (sourceFile.isDeclarationFile) continue;
    const visit = (node: TS.Node): void => {
      if (isFunctionLike(ts, node) && !ts.isClassStaticBlockDeclaration(node) && node.body !== undefined) functions.push({ fn: node, ctx: undefined as unknown as EngineContext });
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  const contexts = new Map<TS.SourceFile, EngineContext>();
  for (const entry of functions) {
    const sf = entry.fn.getSourceFile();
    let ctx = contexts.get(sf);
    if (ctx === undefined) contexts.set(sf, (ctx = { ts, checker, sourceFile: sf, options: compiled, knowledge, acquisitions: new Map() }));
    entry.ctx = ctx;
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Cached classifications may predate this round's sources.
    for (const ctx of contexts.values()) ctx.acquisitions.clear();
    for (const { fn, ctx } of functions) {
      if (!sources.has(fn)) {
        const release = sourceRelease(ctx, fn);
        if (release !== undefined) sources.set(fn, { release });
      }
      if (!sinks.has(fn)) {
        const [sunk, borrowed] = parameterRoles(ctx, fn);
        if (sunk.size > 0) sinks.set(fn, sunk);
        if (borrowed.size > 0) borrowers.set(fn, borrowed);
      }
    }
  }
  return knowledge;
}

/** The release methods when every return of `fn` is a fresh resource, else undefined. */
function sourceRelease(ctx: EngineContext, fn: TS.FunctionLikeDeclaration): readonly string[] | undefined {
  const { ts, checker } = ctx;
  const body = fn.body as TS.ConciseBody;
  if (!ts.isBlock(body)) {
    const acquisition = mayAcquire(ts, body) ? acquisitionAt(ctx, body) : undefined;
    return acquisition === undefined || acquisition.kind.shape === 'server' ? undefined : [...acquisition.kind.methods];
  }
  const returns: TS.ReturnStatement[] = [];
  const visit = (node: TS.Node): void => {
    if (isFunctionLike(ts, node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) returns.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  if (returns.length === 0) return undefined;
  const release = new Set<string>();
  for (const ret of returns) {
    if (ret.expression === undefined) return undefined;
    const value = skipOuter(ts, ret.expression);
    const direct = ts.isAwaitExpression(value) ? skipOuter(ts, value.expression) : value;
    let acquisition = mayAcquire(ts, value) ? acquisitionAt(ctx, value) : undefined;
    if (acquisition === undefined && ts.isIdentifier(direct)) {
      const declaration = checker.getSymbolAtLocation(direct)?.valueDeclaration;
      if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && declaration.pos >= body.pos && declaration.end <= body.end && mayAcquire(ts, declaration.initializer)) {
        acquisition = acquisitionAt(ctx, declaration.initializer);
        const symbol = checker.getSymbolAtLocation(direct);
        if (acquisition !== undefined && symbol !== undefined && collectReferences(ctx, fn, symbol, acquisition.kind).releases.size > 0) return undefined;
      }
    }
    if (acquisition === undefined || acquisition.kind.shape === 'server') return undefined;
    for (const method of acquisition.kind.methods) release.add(method);
  }
  return [...release];
}

/** Parameter indexes released on every path (sinks) and only used (borrowers). */
function parameterRoles(ctx: EngineContext, fn: TS.FunctionLikeDeclaration): [Set<number>, Set<number>] {
  const { ts, checker } = ctx;
  const sunk = new Set<number>();
  const borrowed = new Set<number>();
  const body = fn.body;
  if (body === undefined || !ts.isBlock(body)) return [sunk, borrowed];
  fn.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    const symbol = checker.getSymbolAtLocation(parameter.name);
    if (symbol === undefined) return;
    const refs = collectReferences(ctx, fn, symbol, ANY_RESOURCE);
    if (refs.onlyUses) {
      borrowed.add(index);
      return;
    }
    if (refs.escapes || refs.releases.size === 0 || refs.fieldStores.length > 0) return;
    const name = parameter.name.text;
    const leaks = findLeaks(
      ts,
      body,
      {
        symbolName: name,
        acquisition: undefined,
        releases: refs.releases,
        returns: refs.returns,
        assignments: refs.assignments,
        scope: body,
        isVariable: (id) => id.text === name && checker.getSymbolAtLocation(id) === symbol,
        isQuietCall: (call) => isLoggingCall(ts, call, ctx.options.loggers),
        // A sink is judged on calls and awaits; property reads are not counted against it.
        isSafeReceiver: () => true,
      },
      LIVE,
    );
    if (leaks.length === 0 && refs.returns.size === 0) sunk.add(index);
  });
  return [sunk, borrowed];
}

