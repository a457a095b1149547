// Small syntax helpers of the disposal engine. Every function takes the caller's `ts` module.
import type TS from 'typescript';

export type Ts = typeof TS;

/** The conventional names of a Disposable's own release: what `using` stands in for (prefer-using). */
export const DISPOSE_LIKE_RELEASES: readonly string[] = ['close', 'release', 'end', 'destroy', 'dispose', 'disconnect', 'terminate'];

/**
 * Methods whose call on a resource releases it (besides `[Symbol.dispose]()`/`[Symbol.asyncDispose]()`):
 * the dispose-like names and those of services, tasks and subscriptions.
 */
export const CONVENTIONAL_RELEASES: readonly string[] = [...DISPOSE_LIKE_RELEASES, 'stop', 'shutdown', 'quit', 'cancel', 'unregister', 'unsubscribe'];

/** Class members that end an instance's life: a field resource must be released in one of them. */
export const CLOSER_NAMES: ReadonlySet<string> = new Set(['close', 'dispose', 'stop', 'end', 'destroy', 'disconnect', 'terminate', 'shutdown']);

/** Methods of a logger (`logger.info(x)`): passing a resource to them is use, not escape. */
const LOG_METHODS = new Set(['log', 'debug', 'info', 'warn', 'warning', 'error', 'trace', 'fatal', 'verbose', 'silly', 'dir', 'table']);

/** The expression under parentheses, `as`, `!`, `satisfies` and `<T>` assertions. */
export function skipOuter(ts: Ts, node: TS.Expression): TS.Expression {
  let e = node;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** The outermost expression around `node` made only of parentheses, `as`, `!`, `satisfies`. */
export function climbOuter(ts: Ts, node: TS.Node): TS.Node {
  let e = node;
  while (
    ts.isParenthesizedExpression(e.parent) ||
    ts.isAsExpression(e.parent) ||
    ts.isNonNullExpression(e.parent) ||
    ts.isSatisfiesExpression(e.parent) ||
    ts.isTypeAssertionExpression(e.parent)
  ) {
    e = e.parent;
  }
  return e;
}

export function isFunctionLike(ts: Ts, node: TS.Node): node is TS.FunctionLikeDeclaration | TS.ClassStaticBlockDeclaration {
  let kinds = functionKindsMemo.get(ts);
  if (kinds === undefined) {
    const k = ts.SyntaxKind;
    kinds = new Set([k.FunctionDeclaration, k.FunctionExpression, k.ArrowFunction, k.MethodDeclaration, k.Constructor, k.GetAccessor, k.SetAccessor, k.ClassStaticBlockDeclaration]);
    functionKindsMemo.set(ts, kinds);
  }
  return kinds.has(node.kind);
}

/** Per TypeScript module (kinds are numbered per version): the function-like kinds. */
const functionKindsMemo = new WeakMap<Ts, ReadonlySet<TS.SyntaxKind>>();

/** The name a call's callee ends with: `foo` in `foo()`, `a.b.foo()`, `a?.foo()`; `[Symbol.dispose]` for element access with that key. */
export function calleeName(ts: Ts, callee: TS.Expression): string | undefined {
  const e = skipOuter(ts, callee);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return wellKnownSymbolKey(ts, e.argumentExpression);
  return undefined;
}

/** `[Symbol.dispose]` / `[Symbol.asyncDispose]` for those key expressions. */
export function wellKnownSymbolKey(ts: Ts, key: TS.Expression): string | undefined {
  const k = skipOuter(ts, key);
  if (ts.isPropertyAccessExpression(k) && ts.isIdentifier(k.expression) && k.expression.text === 'Symbol') {
    if (k.name.text === 'dispose' || k.name.text === 'asyncDispose') return `[Symbol.${k.name.text}]`;
  }
  return undefined;
}

/** The receiver of a method call (`a.b` in `a.b.c()`), or undefined for a plain call. */
export function receiverOf(ts: Ts, callee: TS.Expression): TS.Expression | undefined {
  const e = skipOuter(ts, callee);
  return ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? e.expression : undefined;
}

/** A call that only logs: `console.*`, `*.log/info/warn/…` on a receiver named like a logger, or a configured logger name. */
export function isLoggingCall(ts: Ts, call: TS.CallExpression, loggers: ReadonlySet<string>): boolean {
  const callee = skipOuter(ts, call.expression);
  if (ts.isIdentifier(callee)) return loggers.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (loggers.has(callee.name.text)) return true;
  const receiver = skipOuter(ts, callee.expression);
  const receiverName = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  if (receiverName === undefined) return false;
  if (receiverName === 'console') return true;
  return LOG_METHODS.has(callee.name.text) && /^(log|logger|_logger|_log|debug|audit)$|logger$|Logger$|^log$/i.test(receiverName);
}

/** Brief text of an expression for messages: call arguments dropped (`pool.connect()`, `new pg.Client()`). */
export function shortText(ts: Ts, node: TS.Node, sourceFile: TS.SourceFile): string {
  const text = short(ts, node, sourceFile);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function short(ts: Ts, node: TS.Node, sourceFile: TS.SourceFile): string {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) return short(ts, node.expression, sourceFile);
  if (ts.isAwaitExpression(node)) return short(ts, node.expression, sourceFile);
  if (ts.isCallExpression(node)) return `${short(ts, node.expression, sourceFile)}()`;
  if (ts.isNewExpression(node)) return `new ${short(ts, node.expression, sourceFile)}()`;
  if (ts.isPropertyAccessExpression(node)) return `${short(ts, node.expression, sourceFile)}${node.questionDotToken ? '?.' : '.'}${node.name.text}`;
  if (ts.isElementAccessExpression(node)) {
    const key = wellKnownSymbolKey(ts, node.argumentExpression);
    return `${short(ts, node.expression, sourceFile)}${key ?? '[…]'}`;
  }
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return node.getText(sourceFile).replace(/\s+/g, ' ');
}

/** 1-based line of a position. */
export function lineOf(sourceFile: TS.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
}

/** The class whose instance `this` denotes inside `fn` (arrows see through to their enclosing function). */
export function enclosingClass(ts: Ts, fn: TS.Node): TS.ClassLikeDeclaration | undefined {
  let f: TS.Node | undefined = fn;
  while (f !== undefined && ts.isArrowFunction(f)) f = enclosingFunction(ts, f.parent);
  if (f === undefined) return undefined;
  const parent = f.parent;
  if (ts.isMethodDeclaration(f) || ts.isConstructorDeclaration(f) || ts.isGetAccessorDeclaration(f) || ts.isSetAccessorDeclaration(f)) {
    return ts.isClassLike(parent) ? parent : undefined;
  }
  // A property initializer (`timer = setInterval(…)` / `onTick = () => …`) belongs to the class too.
  if (ts.isPropertyDeclaration(f)) return ts.isClassLike(parent) ? parent : undefined;
  return undefined;
}

/** The nearest function-like (or class property declaration) containing `node`, itself included. */
export function enclosingFunction(ts: Ts, node: TS.Node | undefined): TS.Node | undefined {
  for (let n = node; n !== undefined; n = n.parent) {
    if (isFunctionLike(ts, n) || ts.isPropertyDeclaration(n)) return n;
    if (ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

/** The name of a class member as code calls it: `close`, `[Symbol.asyncDispose]`. */
export function memberName(ts: Ts, member: TS.ClassElement): string | undefined {
  const name = member.name;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return wellKnownSymbolKey(ts, name.expression);
  return undefined;
}

/** `this.x` / `this.#x`: the field name, else undefined. */
export function thisFieldName(ts: Ts, node: TS.Node): string | undefined {
  const e = ts.isExpression(node) ? skipOuter(ts, node) : node;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return e.name.text;
  return undefined;
}
