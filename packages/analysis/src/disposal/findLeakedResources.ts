// Rule no-leaked-resource: resources acquired in a function and not released on every path.
import type TS from 'typescript';
import type { Acquisition, EngineContext } from './acquisitions.js';
import { acquisitionAt, mayAcquire } from './acquisitions.js';
import { judgeField } from './fields.js';
import type { Leak, LeakHow } from './flow.js';
import { UNACQUIRED, findLeaks } from './flow.js';
import { compileDisposalOptions } from './options.js';
import { collectReferences } from './references.js';
import type { Ts } from './syntax.js';
import { enclosingClass, isFunctionLike, isLoggingCall, lineOf, memberName, shortText, skipOuter, thisFieldName } from './syntax.js';
import type { DisposalFinding, DisposalKnowledge, DisposalOptions, LeakPath } from './types.js';
import { NO_LEAKED_RESOURCE } from './types.js';

/** Globals whose properties are always there: reading them cannot throw. */
const SAFE_GLOBALS = new Set(['Symbol', 'Math', 'JSON', 'console', 'process', 'Object', 'Array', 'Number', 'String', 'Promise', 'globalThis', 'Reflect', 'Date', 'BigInt', 'Buffer', 'Error', 'Intl', 'performance']);

/**
 * Finds resources acquired inside functions of `sourceFile` that are not released on every path
 * (normal end, early return, thrown exception) and do not escape, sorted by start. `ts` is the
 * caller's TypeScript module. `knowledge` (from summarizeDisposal) adds cross-file sources and
 * sinks. Throws when `options` are invalid (see validateDisposalOptions).
 */
export function findLeakedResources(ts: Ts, checker: TS.TypeChecker, sourceFile: TS.SourceFile, options?: DisposalOptions, knowledge?: DisposalKnowledge): DisposalFinding[] {
  return findLeakedResourcesAt(ts, checker, sourceFile, acquisitionCandidates(ts, sourceFile), options, knowledge);
}

/**
 * findLeakedResources for a front end that has walked the file already (an ESLint rule, with
 * its own traversal): `candidates` are the file's variable declarations, assignments, expression
 * statements and class property declarations — the nodes where a value can be acquired — in
 * any order; other nodes are ignored. The result is the same as findLeakedResources's.
 */
export function findLeakedResourcesAt(
  ts: Ts,
  checker: TS.TypeChecker,
  sourceFile: TS.SourceFile,
  candidates: Iterable<TS.Node>,
  options?: DisposalOptions,
  knowledge?: DisposalKnowledge,
): DisposalFinding[] {
  const ctx: EngineContext = { ts, checker, sourceFile, options: compileDisposalOptions(options), knowledge, acquisitions: new Map() };
  const imports = importedNames(ts, sourceFile);
  const out: DisposalFinding[] = [];
  const skip = typeOnlyKinds(ts);
  const K = ts.SyntaxKind;
  // Each function body collects the sites directly in it (not in nested functions or classes).
  const functions = new Map<TS.Node, { readonly body: TS.Block; readonly sites: Site[] }>();
  for (const node of candidates) {
    const kind = node.kind;
    if (kind === K.PropertyDeclaration) {
      const property = node as TS.PropertyDeclaration;
      if (property.initializer !== undefined && ts.isClassLike(property.parent)) analyzeFieldInitializer(ctx, property, out);
      continue;
    }
    if (kind !== K.VariableDeclaration && kind !== K.BinaryExpression && kind !== K.ExpressionStatement) continue;
    let owner: TS.Node | undefined = node.parent;
    while (owner !== undefined && !isFunctionLike(ts, owner) && !ts.isClassLike(owner) && !skip.has(owner.kind)) owner = owner.parent;
    if (owner === undefined || !isFunctionLike(ts, owner) || owner.body === undefined || !ts.isBlock(owner.body)) continue;
    let entry = functions.get(owner);
    if (entry === undefined) functions.set(owner, (entry = { body: owner.body, sites: [] }));
    collectSite(ctx, node, entry.body, entry.sites);
  }
  for (const [fn, { body, sites }] of functions) if (sites.length > 0) analyzeFunction(ctx, fn, body, sites, imports, out);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The nodes findLeakedResourcesAt looks at, in one walk that skips type-only subtrees. */
function acquisitionCandidates(ts: Ts, sourceFile: TS.SourceFile): TS.Node[] {
  const skip = typeOnlyKinds(ts);
  // The `ts` namespace holds thousands of members: what the walk calls for every node is looked up once.
  const { forEachChild } = ts;
  const K = ts.SyntaxKind;
  const wanted = new Set([K.VariableDeclaration, K.BinaryExpression, K.ExpressionStatement, K.PropertyDeclaration]);
  const found: TS.Node[] = [];
  const visit = (node: TS.Node): void => {
    if (skip.has(node.kind)) return;
    if (wanted.has(node.kind)) found.push(node);
    forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Per TypeScript module: the kinds of subtrees that hold only types or imports, never an acquisition. */
const typeOnlyKindsMemo = new WeakMap<Ts, ReadonlySet<TS.SyntaxKind>>();

function typeOnlyKinds(ts: Ts): ReadonlySet<TS.SyntaxKind> {
  let kinds = typeOnlyKindsMemo.get(ts);
  if (kinds === undefined) {
    const k = ts.SyntaxKind;
    kinds = new Set([
      k.InterfaceDeclaration,
      k.TypeAliasDeclaration,
      k.ImportDeclaration,
      k.ExportDeclaration,
      k.TypeReference,
      k.TypeLiteral,
      k.UnionType,
      k.IntersectionType,
      k.FunctionType,
      k.ArrayType,
      k.TupleType,
      k.TypeOperator,
      k.IndexedAccessType,
      k.MappedType,
      k.ConditionalType,
      k.TypeQuery,
      k.LiteralType,
      k.TypeParameter,
      k.ExpressionWithTypeArguments,
      k.Decorator,
    ]);
    typeOnlyKindsMemo.set(ts, kinds);
  }
  return kinds;
}

/** An acquisition site: where a value is acquired and what receives it. */
type Site =
  | { readonly target: 'variable'; readonly value: TS.Expression; readonly name: TS.Identifier; readonly scope: TS.Node }
  | { readonly target: 'field'; readonly value: TS.Expression; readonly field: string }
  | { readonly target: 'dropped'; readonly value: TS.Expression };

function analyzeFunction(ctx: EngineContext, fn: TS.Node, body: TS.Block, sites: readonly Site[], imports: ReadonlySet<string>, out: DisposalFinding[]): void {
  for (const site of sites) {
    const acquisition = acquisitionAt(ctx, site.value);
    if (acquisition === undefined) continue;
    if (site.target === 'dropped') {
      const finding = droppedFinding(ctx, acquisition);
      if (finding !== undefined) out.push(finding);
    } else if (site.target === 'field') {
      const finding = fieldFinding(ctx, fn, site.field, acquisition);
      if (finding !== undefined) out.push(finding);
    } else {
      const finding = variableFinding(ctx, fn, body, site, acquisition, imports);
      if (finding !== undefined) out.push(finding);
    }
  }
}

/** `timer = setInterval(…)` as a class property. */
function analyzeFieldInitializer(ctx: EngineContext, property: TS.PropertyDeclaration, out: DisposalFinding[]): void {
  const { ts } = ctx;
  const value = property.initializer as TS.Expression;
  if (!mayAcquire(ts, value) || !ts.isIdentifier(property.name) && !ts.isPrivateIdentifier(property.name)) return;
  const acquisition = acquisitionAt(ctx, value);
  if (acquisition === undefined) return;
  const finding = fieldFinding(ctx, property, property.name.text, acquisition);
  if (finding !== undefined) out.push(finding);
}

/** The acquisition candidate `node` (a node of `body`, outside nested functions) is, if any, added to `sites`. */
function collectSite(ctx: EngineContext, node: TS.Node, body: TS.Block, sites: Site[]): void {
  const { ts } = ctx;
  if (ts.isVariableDeclaration(node)) {
    const list = node.parent;
    if (node.initializer === undefined || (ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Using) !== 0)) return;
    if (ts.isIdentifier(node.name) && mayAcquire(ts, node.initializer)) {
      sites.push({ target: 'variable', value: acquiringBranch(ts, node.initializer), name: node.name, scope: scopeOf(ts, node, body) });
    } else if (ts.isArrayBindingPattern(node.name)) {
      // `const [a, b] = await Promise.all([x.connect(), y.connect()])`: each name holds its element.
      const elements = promiseAllElements(ts, node.initializer);
      node.name.elements.forEach((binding, i) => {
        const element = elements?.[i];
        if (element !== undefined && ts.isBindingElement(binding) && ts.isIdentifier(binding.name) && binding.dotDotDotToken === undefined && mayAcquire(ts, element)) {
          sites.push({ target: 'variable', value: element, name: binding.name, scope: scopeOf(ts, node, body) });
        }
      });
    }
  } else if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !mayAcquire(ts, node.right)) return;
    const left = skipOuter(ts, node.left);
    const field = thisFieldName(ts, left);
    if (field !== undefined) sites.push({ target: 'field', value: node.right, field });
    else if (ts.isIdentifier(left)) {
      const declaration = ctx.checker.getSymbolAtLocation(left)?.valueDeclaration;
      // A variable of this function; an outer one receives ownership (an escape).
      if (declaration !== undefined && ts.isVariableDeclaration(declaration) && within(declaration, body) && ts.isIdentifier(declaration.name)) {
        sites.push({ target: 'variable', value: node.right, name: declaration.name, scope: scopeOf(ts, declaration, body) });
      }
    }
  } else if (ts.isExpressionStatement(node)) {
    const e = skipOuter(ts, node.expression);
    if (mayAcquire(ts, e) && !ts.isVoidExpression(e)) sites.push({ target: 'dropped', value: e });
  }
}

/** Where a value becomes live: the acquiring branch of `c ? acquire() : undefined`, else the value itself. */
function acquiringBranch(ts: Ts, value: TS.Expression): TS.Expression {
  const e = skipOuter(ts, value);
  if (!ts.isConditionalExpression(e)) return value;
  const t = mayAcquire(ts, e.whenTrue);
  const f = mayAcquire(ts, e.whenFalse);
  return t && !f ? e.whenTrue : f && !t ? e.whenFalse : value;
}

/** The array elements of `await Promise.all([…])` (or without the await), else undefined. */
function promiseAllElements(ts: Ts, value: TS.Expression): readonly TS.Expression[] | undefined {
  let e = skipOuter(ts, value);
  if (ts.isAwaitExpression(e)) e = skipOuter(ts, e.expression);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'all') return undefined;
  const receiver = skipOuter(ts, e.expression.expression);
  const array = e.arguments[0] === undefined ? undefined : skipOuter(ts, e.arguments[0]);
  if (!ts.isIdentifier(receiver) || receiver.text !== 'Promise' || array === undefined || !ts.isArrayLiteralExpression(array)) return undefined;
  return array.elements;
}

function within(node: TS.Node, container: TS.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

/** Where a declared variable lives: its block (`let`/`const`), its for statement, or the function body (`var`). */
function scopeOf(ts: Ts, declaration: TS.VariableDeclaration, body: TS.Block): TS.Node {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.BlockScoped) === 0) return body;
  const holder = list.parent;
  if (ts.isForStatement(holder) || ts.isForOfStatement(holder) || ts.isForInStatement(holder)) return holder;
  const block = holder.parent;
  if (block !== undefined && (ts.isBlock(block) || ts.isCaseClause(block) || ts.isDefaultClause(block) || ts.isSourceFile(block))) {
    // A case clause is not a statement of its own: its switch statement bounds the variable.
    return ts.isCaseClause(block) || ts.isDefaultClause(block) ? block.parent.parent : block;
  }
  return body;
}

function variableFinding(ctx: EngineContext, fn: TS.Node, body: TS.Block, site: Extract<Site, { target: 'variable' }>, acquisition: Acquisition, imports: ReadonlySet<string>): DisposalFinding | undefined {
  const { ts, checker } = ctx;
  const symbol = checker.getSymbolAtLocation(site.name);
  if (symbol === undefined) return undefined;
  const refs = collectReferences(ctx, fn, symbol, acquisition.kind);
  if (refs.fieldStores.length > 0) {
    return refs.escapes ? undefined : fieldFinding(ctx, fn, refs.fieldStores[0] as string, acquisition, site.name.text);
  }
  if (refs.escapes || acquisition.kind.shape === 'server') return undefined;
  const isVariable = (id: TS.Identifier): boolean => id.text === site.name.text && checker.getSymbolAtLocation(id) === symbol;
  const leaks = findLeaks(ts, body, {
    symbolName: site.name.text,
    acquisition: site.value,
    releases: refs.releases,
    returns: refs.returns,
    assignments: refs.assignments,
    scope: site.scope,
    isVariable,
    isQuietCall: (call) => refs.handOffs.has(call) || isLoggingCall(ts, call, ctx.options.loggers),
    isSafeReceiver: (receiver) => isSafeReceiver(ts, receiver, isVariable, imports),
  }, UNACQUIRED);
  if (leaks.length === 0) return undefined;
  // Never released on the normal path says most, then a return, break, continue or reassignment
  // that skips the release (it happens without any failure), then a throw; the first in the code of those.
  const rank = (l: Leak): number => (l.how.startsWith('end-') ? 0 : l.how === 'throw' ? 2 : 1);
  const first = leaks.reduce((a, b) => {
    const order = rank(b) - rank(a);
    return order < 0 || (order === 0 && b.at.getStart(ctx.sourceFile) < a.at.getStart(ctx.sourceFile)) ? b : a;
  });
  return finding(ctx, acquisition, site.name.text, pathOf(first.how), first.how === 'end-function' || first.how === 'end-block' || first.how === 'end-iteration' ? first.at.end - 1 : first.at.getStart(ctx.sourceFile), variableMessage(ctx, site.name.text, acquisition, first, body));
}

function isSafeReceiver(ts: Ts, receiver: TS.Expression, isVariable: (id: TS.Identifier) => boolean, imports: ReadonlySet<string>): boolean {
  let e = skipOuter(ts, receiver);
  while (ts.isPropertyAccessExpression(e)) e = skipOuter(ts, e.expression);
  if (e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.SuperKeyword) return true;
  if (!ts.isIdentifier(e)) return ts.isLiteralExpression(e) || ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isAwaitExpression(e);
  return SAFE_GLOBALS.has(e.text) || imports.has(e.text) || isVariable(e);
}

function pathOf(how: LeakHow): LeakPath {
  if (how === 'throw') return 'throw';
  if (how === 'return' || how === 'break' || how === 'continue') return 'return';
  return 'end';
}

function fieldFinding(ctx: EngineContext, fn: TS.Node, field: string, acquisition: Acquisition, via?: string): DisposalFinding | undefined {
  const { ts, sourceFile } = ctx;
  const cls = ts.isPropertyDeclaration(fn) ? (ts.isClassLike(fn.parent) ? fn.parent : undefined) : enclosingClass(ts, fn);
  if (cls === undefined) return undefined;
  if (acquisition.kind.shape === 'server' && !listensInClass(ts, cls, field, acquisition)) return undefined;
  const verdict = judgeField(ts, cls, field, acquisition.kind, acquisition.unrefd);
  if (!verdict.leaks) return undefined;
  const resource = `this.${field}`;
  const by = `${shortText(ts, acquisition.node, sourceFile)} at line ${lineOf(sourceFile, acquisition.node.getStart(sourceFile))}`;
  const stored = via === undefined ? `${resource} set by ${by}` : `${resource} (${via}, acquired by ${by})`;
  if (verdict.closer === undefined) {
    const exitAt = cls.getStart(sourceFile);
    return finding(ctx, acquisition, resource, 'field', exitAt, `${stored} is never cleared: the class has no close/dispose/stop method and does not unref() it`);
  }
  const closerName = memberName(ts, verdict.closer) ?? 'close';
  const exitAt = (verdict.closer.name ?? verdict.closer).getStart(sourceFile);
  return finding(ctx, acquisition, resource, 'field', exitAt, `${stored} is not ${verb(acquisition)} by ${closerName}() at line ${lineOf(sourceFile, exitAt)}`);
}

/** A server counts once it listens: `app.listen()`, `createServer(…).listen()`, or `this.server.listen()` somewhere in the class. */
function listensInClass(ts: Ts, cls: TS.ClassLikeDeclaration, field: string, acquisition: Acquisition): boolean {
  const node = acquisition.node;
  if (ts.isCallExpression(node) && skipOuter(ts, node.expression).getText().endsWith('listen')) return true;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'listen') {
      const receiver = skipOuter(ts, n.expression.expression);
      if (thisFieldName(ts, receiver) === field || ts.isIdentifier(receiver)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(cls);
  return found;
}

function droppedFinding(ctx: EngineContext, acquisition: Acquisition): DisposalFinding | undefined {
  const { ts, sourceFile } = ctx;
  const { kind, node } = acquisition;
  if (kind.shape === 'server' || (kind.shape === 'interval' && acquisition.unrefd)) return undefined;
  const what = shortText(ts, node, sourceFile);
  const line = lineOf(sourceFile, node.getStart(sourceFile));
  let message: string;
  if (kind.shape === 'interval') message = `the interval started by ${what} at line ${line} is never cleared`;
  else if (kind.shape === 'disposable') message = `${what} at line ${line} creates a Disposable that is dropped: use \`${acquisition.asyncDispose ? 'await using' : 'using'}\``;
  else message = `${what} at line ${line} acquires a resource that is dropped without being released`;
  return finding(ctx, acquisition, what, 'dropped', node.getStart(sourceFile), message);
}

function finding(ctx: EngineContext, acquisition: Acquisition, resource: string, path: LeakPath, exitAt: number, message: string): DisposalFinding {
  const { sourceFile, ts } = ctx;
  return {
    ruleId: NO_LEAKED_RESOURCE,
    start: acquisition.node.getStart(sourceFile),
    end: acquisition.node.end,
    resource,
    acquiredBy: shortText(ts, acquisition.node, sourceFile),
    path,
    exitAt,
    message,
  };
}

function verb(acquisition: Acquisition): string {
  if (acquisition.kind.shape === 'interval') return 'cleared';
  if (acquisition.kind.shape === 'server' || acquisition.kind.shape === 'fd') return 'closed';
  return 'released';
}

/** The sentence naming both ends. */
function variableMessage(ctx: EngineContext, name: string, acquisition: Acquisition, leak: Leak, body: TS.Block): string {
  const { ts, sourceFile } = ctx;
  const started = acquisition.kind.shape === 'interval' ? 'started' : 'acquired';
  const head = `${name} ${started} by ${shortText(ts, acquisition.node, sourceFile)} at line ${lineOf(sourceFile, acquisition.node.getStart(sourceFile))} is not ${verb(acquisition)}`;
  const line = (n: TS.Node): number => lineOf(sourceFile, n.getStart(sourceFile));
  const endLine = (n: TS.Node): number => lineOf(sourceFile, n.end - 1);
  switch (leak.how) {
    case 'throw':
      return ts.isThrowStatement(leak.at) ? `${head} on the throw at line ${line(leak.at)}` : `${head} when ${describeThrow(ts, leak.at, sourceFile)} at line ${line(leak.at)} throws`;
    case 'return': {
      const last = body.statements[body.statements.length - 1] === leak.at;
      return `${head} on the ${last ? '' : 'early '}return at line ${line(leak.at)}`;
    }
    case 'break':
    case 'continue':
      return `${head} on the ${leak.how} at line ${line(leak.at)}`;
    case 'end-function':
      return `${head} at the end of the function (line ${endLine(leak.at)})`;
    case 'end-iteration':
      return `${head} at the end of the loop iteration (line ${endLine(leak.at)})`;
    case 'end-block':
      return `${head} at the end of its block (line ${endLine(leak.at)})`;
    case 'reassign':
      return `${head} before ${name} is reassigned at line ${line(leak.at)}`;
  }
}

/** Methods that send a query to a database (pg, mysql2, ORMs' query runners). */
const QUERY_METHODS: ReadonlySet<string> = new Set(['query', 'execute']);

/** `the query` (for `client.query(…)`), `foo()`, `new Foo()`, `the await`, `config.timeout`. */
function describeThrow(ts: Ts, node: TS.Node, sourceFile: TS.SourceFile): string {
  let e: TS.Node = node;
  if (ts.isAwaitExpression(e)) {
    const inner = skipOuter(ts, e.expression);
    if (!ts.isCallExpression(inner) && !ts.isNewExpression(inner)) return 'the await';
    e = inner;
  }
  if (ts.isForOfStatement(e.parent) && e.parent.expression === e) return 'the iteration';
  // Database clients: `client.query('COMMIT')`, `conn.execute(sql)` read best as what they are.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && QUERY_METHODS.has(e.expression.name.text)) return 'the query';
  return shortText(ts, e, sourceFile);
}

/** Local names bound by imports: reading their properties cannot throw. */
function importedNames(ts: Ts, sourceFile: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause === undefined) continue;
    const clause = statement.importClause;
    if (clause.name !== undefined) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings !== undefined) {
      if (ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

