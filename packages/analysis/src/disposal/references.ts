// How a function uses a tracked variable: each reference is a use, a release (path-sensitive), a
// return (the value leaves to the caller on that path), a store into a field, or an escape
// (ownership moves elsewhere; conservatively silences the report).
import type TS from 'typescript';
import type { EngineContext, ResourceKind } from './acquisitions.js';
import { calleeDeclaration, moduleOf, calleeSymbol } from './acquisitions.js';
import type { Ts } from './syntax.js';
import { CONVENTIONAL_RELEASES, calleeName, climbOuter, isFunctionLike, isLoggingCall, receiverOf, skipOuter, thisFieldName, wellKnownSymbolKey } from './syntax.js';

export interface References {
  /** Some reference moves ownership away (passed on, stored, captured and released later, yielded). */
  readonly escapes: boolean;
  /** Call nodes whose evaluation releases the variable. */
  readonly releases: ReadonlySet<TS.Node>;
  /** Return statements whose value carries the variable. */
  readonly returns: ReadonlySet<TS.Node>;
  /** Assignments `x = …` to the variable (besides its acquisition). */
  readonly assignments: ReadonlySet<TS.Node>;
  /** `this.f = x` stores: the field names. */
  readonly fieldStores: readonly string[];
  /** Every reference is a plain use (no release, return, store or escape). */
  readonly onlyUses: boolean;
  /**
   * Calls on the variable whose result holds it and is returned (`return inst.install(setUp)`):
   * the method hands the resource over, and a failure inside it is the method's to clean up.
   */
  readonly handOffs: ReadonlySet<TS.Node>;
}

/** Classifies every reference to `symbol` inside `fn` (nested functions included). */
export function collectReferences(ctx: EngineContext, fn: TS.Node, symbol: TS.Symbol, kind: ResourceKind): References {
  const { ts, checker } = ctx;
  const name = symbol.getName();
  let escapes = false;
  let onlyUses = true;
  const releases = new Set<TS.Node>();
  const returns = new Set<TS.Node>();
  const assignments = new Set<TS.Node>();
  const fieldStores: string[] = [];
  const handOffs = new Set<TS.Node>();

  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && isReference(ts, node)) {
      const resolved = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      if (resolved === symbol) {
        const nested = enclosingFunctionWithin(ts, node, fn);
        const role = classify(ctx, node, kind);
        if (role.kind !== 'use') onlyUses = false;
        if (nested && role.kind !== 'use') escapes = true;
        else if (role.kind === 'escape') escapes = true;
        else if (role.kind === 'release') releases.add(role.at);
        else if (role.kind === 'return') {
          returns.add(role.at);
          if (role.handOff !== undefined) handOffs.add(role.handOff);
        }
        else if (role.kind === 'assign') assignments.add(role.at);
        else if (role.kind === 'field') fieldStores.push(role.field);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return { escapes, releases, returns, assignments, fieldStores, onlyUses, handOffs };
}

type Role =
  | { kind: 'use' | 'escape' }
  | { kind: 'release' | 'assign'; at: TS.Node }
  | { kind: 'return'; at: TS.Node; handOff?: TS.Node }
  | { kind: 'field'; field: string };

/** An identifier in an expression position (not a declaration name, property name or type). */
function isReference(ts: Ts, id: TS.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p)) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if (ts.isTypeQueryNode(p) || ts.isTypeReferenceNode(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isLabeledStatement(p)) return false;
  if ((ts.isBreakStatement(p) || ts.isContinueStatement(p)) && p.label === id) return false;
  return true;
}

/** True when a function nested in `fn` contains `node`. */
function enclosingFunctionWithin(ts: Ts, node: TS.Node, fn: TS.Node): boolean {
  for (let n = node.parent; n !== undefined && n !== fn; n = n.parent) if (isFunctionLike(ts, n)) return true;
  return false;
}

function classify(ctx: EngineContext, id: TS.Identifier, kind: ResourceKind): Role {
  const { ts } = ctx;
  const e = climbOuter(ts, id);
  const p = e.parent;
  // x.m(), x?.m(), x[Symbol.dispose](), x.prop
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === e) {
    const member = ts.isPropertyAccessExpression(p) ? p.name.text : wellKnownSymbolKey(ts, p.argumentExpression);
    const call = climbOuter(ts, p).parent;
    if (call !== undefined && ts.isCallExpression(call) && skipOuter(ts, call.expression) === p && member !== undefined) {
      if (kind.methods.has(member)) return { kind: 'release', at: call };
      // `return inst.install(…)`: a returned result that can itself be released holds the
      // resource (or is it: `timer.unref()`), and goes to the caller with it.
      if (holdsResource(ctx, call)) {
        const flow = valueFlow(ctx, call);
        if (flow.kind === 'return') return { ...flow, handOff: call };
      }
    }
    return { kind: 'use' };
  }
  if (ts.isCallExpression(p) && p.expression !== e) return argumentRole(ctx, p, p.arguments.indexOf(e as TS.Expression), kind);
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) return p.expression === e ? { kind: 'use' } : { kind: 'escape' };
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      if (p.left === e) return { kind: 'assign', at: p };
      const field = thisFieldName(ts, p.left);
      return field !== undefined ? { kind: 'field', field } : { kind: 'escape' };
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.CommaToken) {
      return p.right === e ? valueFlow(ctx, p) : { kind: 'use' };
    }
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && p.left === e) return { kind: 'assign', at: p };
    return { kind: 'use' };
  }
  if (ts.isReturnStatement(p)) return { kind: 'return', at: p };
  if (ts.isConditionalExpression(p)) return p.condition === e ? { kind: 'use' } : valueFlow(ctx, p);
  if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) || ts.isSpreadAssignment(p)) {
    return valueFlow(ctx, ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) ? p : p.parent);
  }
  if (ts.isAwaitExpression(p)) return valueFlow(ctx, p);
  if (ts.isVariableDeclaration(p)) return ts.isIdentifier(p.name) ? { kind: 'escape' } : { kind: 'use' };
  if (
    ts.isIfStatement(p) ||
    ts.isWhileStatement(p) ||
    ts.isDoStatement(p) ||
    ts.isPrefixUnaryExpression(p) ||
    ts.isPostfixUnaryExpression(p) ||
    ts.isTypeOfExpression(p) ||
    ts.isVoidExpression(p) ||
    ts.isTemplateSpan(p) ||
    ts.isForOfStatement(p) ||
    ts.isForInStatement(p) ||
    ts.isExpressionStatement(p) ||
    ts.isSwitchStatement(p) ||
    ts.isCaseClause(p) ||
    ts.isElementAccessExpression(p) ||
    ts.isTaggedTemplateExpression(p)
  ) {
    return { kind: 'use' };
  }
  return { kind: 'escape' };
}

/** Whether a call's result (awaited) can be released: it has [Symbol.dispose]/[Symbol.asyncDispose] or a conventional release method. */
function holdsResource(ctx: EngineContext, call: TS.CallExpression): boolean {
  const { checker } = ctx;
  const signature = checker.getResolvedSignature(call);
  if (signature === undefined) return false;
  const returned = checker.getReturnTypeOfSignature(signature);
  const type = checker.getNonNullableType(checker.getAwaitedType(returned) ?? returned);
  if ((type.flags & ctx.ts.TypeFlags.Object) === 0) return false;
  return type.getProperties().some((property) => {
    const name = property.escapedName as string;
    return CONVENTIONAL_RELEASES.includes(name) || /^__@(async)?[dD]ispose(@|$)/.test(name);
  });
}

/** A value that contains the variable flows on: returned (a return of it), else an escape. */
function valueFlow(ctx: EngineContext, node: TS.Node): Role {
  const { ts } = ctx;
  let e: TS.Node = climbOuter(ts, node);
  for (;;) {
    const p = e.parent;
    if (ts.isReturnStatement(p)) return { kind: 'return', at: p };
    if (ts.isArrowFunction(p) && p.body === e) return { kind: 'escape' };
    if (
      ts.isArrayLiteralExpression(p) ||
      ts.isSpreadElement(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isAwaitExpression(p) ||
      (ts.isConditionalExpression(p) && p.condition !== e) ||
      ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p)) && p.name !== e) ||
      (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
    ) {
      e = climbOuter(ts, p);
      continue;
    }
    // `{ a: x }.a`, conditions, comparisons: a use.
    if (ts.isIfStatement(p) || ts.isExpressionStatement(p) || ts.isPrefixUnaryExpression(p)) return { kind: 'use' };
    return { kind: 'escape' };
  }
}

/** A resource passed as argument `index` of `call`: released, used or escaping. */
function argumentRole(ctx: EngineContext, call: TS.CallExpression, index: number, kind: ResourceKind): Role {
  const { ts } = ctx;
  if (index === -1) return { kind: 'escape' };
  const name = calleeName(ts, call.expression);
  if (name !== undefined && kind.releasers.has(name)) return { kind: 'release', at: call };
  if (isLoggingCall(ts, call, ctx.options.loggers)) return { kind: 'use' };
  const knowledge = ctx.knowledge;
  if (knowledge !== undefined) {
    const declaration = calleeDeclaration(ctx, call);
    if (declaration !== undefined) {
      if (knowledge.sinks.get(declaration)?.has(index) === true) return { kind: 'release', at: call };
      if (knowledge.borrowers?.get(declaration)?.has(index) === true) return { kind: 'use' };
    }
  }
  // Node's fs functions use a descriptor or handle; only close releases it.
  const module = moduleOf(ctx, calleeSymbol(ctx, call.expression));
  if (module === 'node:fs' || module === 'node:fs/promises') return { kind: 'use' };
  const receiver = receiverOf(ts, call.expression);
  if (module === undefined && receiver !== undefined && ts.isIdentifier(receiver) && /^(fs|fsp|fsPromises)$/.test(receiver.text)) return { kind: 'use' };
  return { kind: 'escape' };
}
