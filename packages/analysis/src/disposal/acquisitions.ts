// What counts as acquiring a resource: the classifier of `new`/call expressions (and tarn's
// `pool.acquire().promise`). Type queries are made only here, once per expression (cached).
import type TS from 'typescript';
import type { CompiledDisposalOptions } from './options.js';
import type { Ts } from './syntax.js';
import { CONVENTIONAL_RELEASES, calleeName, isFunctionLike, receiverOf, skipOuter } from './syntax.js';
import type { DisposalKnowledge } from './types.js';

/** How a resource is released. */
export interface ResourceKind {
  /** `disposable`: its type has [Symbol.dispose]/[Symbol.asyncDispose]; `api`: a known or declared API; `interval`: setInterval's id; `fd`: a file descriptor number; `pooled`: released by handing it back to its pool; `server`: a listening server (reported only when stored in a field). */
  readonly shape: 'disposable' | 'api' | 'interval' | 'fd' | 'pooled' | 'server';
  /** Methods that release it when called on it. */
  readonly methods: ReadonlySet<string>;
  /** Functions or methods that release it when it is passed to them (`clearInterval(id)`, `fs.closeSync(fd)`, `pool.release(x)`). */
  readonly releasers: ReadonlySet<string>;
}

/** An acquisition found at an expression. */
export interface Acquisition {
  readonly kind: ResourceKind;
  /** The expression reported (`pool.connect()`, `new Foo()`, `setInterval(…)`). */
  readonly node: TS.Expression;
  /** An interval whose `unref()` was called in the same expression. */
  readonly unrefd: boolean;
  /** The type has [Symbol.asyncDispose]. */
  readonly asyncDispose: boolean;
}

/** What one source file's analysis shares. */
export interface EngineContext {
  readonly ts: Ts;
  readonly checker: TS.TypeChecker;
  readonly sourceFile: TS.SourceFile;
  readonly options: CompiledDisposalOptions;
  readonly knowledge: DisposalKnowledge | undefined;
  readonly acquisitions: Map<TS.Node, Acquisition | null>;
}

const SYMBOL_RELEASES = ['[Symbol.dispose]', '[Symbol.asyncDispose]'];
const kindOf = (shape: ResourceKind['shape'], methods: readonly string[], releasers: readonly string[] = []): ResourceKind => ({
  shape,
  methods: new Set([...methods, ...SYMBOL_RELEASES]),
  releasers: new Set(releasers),
});
const DISPOSABLE = kindOf('disposable', CONVENTIONAL_RELEASES);
const API = kindOf('api', CONVENTIONAL_RELEASES);
const INTERVAL = kindOf('interval', ['close'], ['clearInterval', 'clearTimeout']);
const FD = kindOf('fd', [], ['close', 'closeSync']);
const POOLED = kindOf('pooled', CONVENTIONAL_RELEASES, ['release', 'destroy']);
const SERVER = kindOf('server', ['close', 'closeAllConnections', 'destroy']);
/** What a parameter of a possible sink may be: any of the above. */
export const ANY_RESOURCE = kindOf('api', CONVENTIONAL_RELEASES, ['clearInterval', 'clearTimeout', 'close', 'closeSync', 'release', 'destroy']);

/** Callee names the known APIs use (knownApi, knownByName): only these are resolved to their declaring module. */
const KNOWN_API_NAMES: ReadonlySet<string> = new Set(['connect', 'Client', 'getConnection', 'acquire', 'open', 'openSync', 'createServer', 'createSecureServer', 'spawn', 'fork', 'exec', 'execFile']);
/** Calls that read a stored value rather than create one. */
const READS = new Set(['get', 'at', 'pop', 'shift', 'find', 'findLast', 'peek', 'deref', 'getOrInsert', 'getOrInsertComputed', 'item', 'getStore']);
/** Calls that return their receiver; looked through to the receiver when types are unknown. */
const CHAINING = new Set(['unref', 'ref', 'listen', 'setMaxListeners', 'on', 'once']);
const NEVER = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame']);
const TIMER_HOSTS = new Set(['globalThis', 'window', 'global', 'timers', 'self']);
/** Node modules whose Disposables are streams, sockets, servers and timers: long-lived or self-closing, judged by other rules. */
const NODE_SELF_MANAGED = /^node:(stream|net|dgram|timers|http|https|http2|tls|test|events|readline|worker_threads|globals)/;

/** The acquisition `value` (an initializer, an assignment's right side, an expression statement) performs, if any. */
export function acquisitionAt(ctx: EngineContext, value: TS.Expression): Acquisition | undefined {
  const cached = ctx.acquisitions.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const found = classify(ctx, value) ?? null;
  ctx.acquisitions.set(value, found);
  return found ?? undefined;
}

/** Syntactic pre-check: is `value` (under parentheses, `await`) a call, `new` or `x.promise`? */
export function mayAcquire(ts: Ts, value: TS.Expression): boolean {
  let e = skipOuter(ts, value);
  if (ts.isConditionalExpression(e)) return mayAcquire(ts, e.whenTrue) || mayAcquire(ts, e.whenFalse);
  if (ts.isAwaitExpression(e)) e = skipOuter(ts, e.expression);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'promise') e = skipOuter(ts, e.expression);
  return ts.isCallExpression(e) || ts.isNewExpression(e);
}

function classify(ctx: EngineContext, value: TS.Expression): Acquisition | undefined {
  const { ts } = ctx;
  let e = skipOuter(ts, value);
  // `flag ? await pool.connect() : undefined`: whichever branch acquires.
  if (ts.isConditionalExpression(e)) {
    const branch = [e.whenTrue, e.whenFalse].find((b) => mayAcquire(ts, b));
    return branch === undefined ? undefined : acquisitionAt(ctx, branch);
  }
  let awaited = false;
  if (ts.isAwaitExpression(e)) {
    awaited = true;
    e = skipOuter(ts, e.expression);
  }
  // tarn: `pool.acquire().promise`.
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'promise') {
    const inner = skipOuter(ts, e.expression);
    if (ts.isCallExpression(inner) && calleeName(ts, inner.expression) === 'acquire' && moduleOf(ctx, calleeSymbol(ctx, inner.expression)) === 'tarn') {
      return { kind: POOLED, node: e, unrefd: false, asyncDispose: false };
    }
    return undefined;
  }
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
  return classifyCall(ctx, e, awaited, value);
}

function classifyCall(ctx: EngineContext, e: TS.CallExpression | TS.NewExpression, awaited: boolean, value: TS.Expression): Acquisition | undefined {
  const { ts, checker, options } = ctx;
  const name = calleeName(ts, e.expression);
  const isCall = ts.isCallExpression(e);
  const hasCallback = (e.arguments ?? []).some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  const at = (kind: ResourceKind, extra: Partial<Acquisition> = {}): Acquisition => ({ kind, node: e, unrefd: false, asyncDispose: false, ...extra });

  if (isCall && name !== undefined) {
    if (NEVER.has(name)) return undefined;
    const receiver = receiverOf(ts, e.expression);
    if (name === 'setInterval' && (receiver === undefined || (ts.isIdentifier(receiver) && TIMER_HOSTS.has(receiver.text)))) {
      const symbol = calleeSymbol(ctx, e.expression);
      const userDefined = symbol?.declarations?.some((d) => !d.getSourceFile().isDeclarationFile) === true;
      return userDefined ? undefined : at(INTERVAL);
    }
    // Chaining calls (`setInterval(…).unref()`, `http.createServer(h).listen(3000)`) are the receiver's.
    if (receiver !== undefined && CHAINING.has(name) && mayAcquire(ts, receiver)) {
      const inner = classify(ctx, receiver);
      if (inner !== undefined && (inner.kind === INTERVAL || inner.kind === SERVER || returnsReceiver(ctx, e, receiver))) {
        return { ...inner, unrefd: inner.unrefd || name === 'unref' };
      }
    }
  }

  if (ctx.knowledge !== undefined && isCall && name !== undefined && mayCallSource(ctx.ts, ctx.knowledge, name)) {
    const declaration = calleeDeclaration(ctx, e);
    const source = declaration === undefined ? undefined : ctx.knowledge.sources.get(declaration);
    if (source !== undefined && (awaited || !isAsyncFunction(ts, declaration as TS.Node))) return at(kindOf('api', source.release));
  }

  if (name !== undefined) {
    const pairs = options.pairs.get(name);
    if (pairs !== undefined) {
      for (const pair of pairs) {
        if (pair.type === undefined || typeNameMatches(ctx, e, pair.type)) return at(kindOf('api', pair.release));
      }
    }
  }

  // Resolving a callee's symbol re-checks its receiver: only names a known API uses are looked up.
  const symbol = name !== undefined && KNOWN_API_NAMES.has(name) ? calleeSymbol(ctx, e.expression) : undefined;
  const module = moduleOf(ctx, symbol);
  if (module !== undefined) {
    if (module === 'node:child_process' && !options.childProcesses) return undefined;
    const known = knownApi(ctx, module, name, isCall, hasCallback, awaited);
    // pg's Client#connect() resolves to nothing: only a pool's connect hands out a client.
    const isClientConnect = module === 'pg' && name === 'connect' && resultType(ctx, e, true, value).getProperty('release') === undefined;
    if (known !== undefined && !isClientConnect) return at(known);
  } else if (symbol === undefined && name !== undefined && KNOWN_API_NAMES.has(name)) {
    // Untyped code (`any`): fall back to the names of the known APIs.
    const known = knownByName(ctx, e, name, isCall, hasCallback);
    if (known !== undefined) return at(known);
  }
  if (isCall && name === 'listen' && isServerType(ctx, checker.getTypeAtLocation(e))) return at(SERVER);

  // A Disposable by type.
  if (isCall && name !== undefined && READS.has(name)) return undefined;
  const type = checker.getNonNullableType(resultType(ctx, e, awaited, value));
  const dispose = disposeMembers(ctx, type);
  if (dispose === undefined) return undefined;
  if (isCall) {
    const receiver = receiverOf(ts, e.expression);
    if (receiver !== undefined && returnsReceiver(ctx, e, receiver, type)) return undefined;
    // A function of the project whose returns are all reads (`return storage.getStore()`,
    // `return this.#current`) hands out something it keeps, not a fresh resource.
    const declaration = calleeDeclaration(ctx, e);
    if (declaration !== undefined && !declaration.getSourceFile().isDeclarationFile && !mayReturnFresh(ts, declaration)) return undefined;
    // `wrap(handle)` returning its argument: literals and functions cannot be that argument.
    for (const arg of e.arguments) {
      if (isFreshValueSyntax(ts, arg)) continue;
      if (checker.getNonNullableType(checker.getTypeAtLocation(arg)) === type) return undefined;
    }
  }
  return at(DISPOSABLE, { asyncDispose: dispose.async });
}

/** Per knowledge: the source names, for the number of sources they were read from (summarizeDisposal adds sources as it goes). */
const sourceNamesMemo = new WeakMap<DisposalKnowledge, { readonly count: number; readonly names: ReadonlySet<string> | null }>();

/**
 * Whether a call by `name` may invoke one of the knowledge's sources: only such calls are
 * resolved to their declaration. Every call may when some source has no name to go by.
 */
function mayCallSource(ts: Ts, knowledge: DisposalKnowledge, name: string): boolean {
  const memo = sourceNamesMemo.get(knowledge);
  let names = memo?.count === knowledge.sources.size ? memo.names : undefined;
  if (names === undefined) {
    const found = new Set<string>();
    for (const declaration of knowledge.sources.keys()) {
      const named = ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration) ? declaration.parent : declaration;
      const id = (named as { name?: TS.Node }).name;
      if (id === undefined || !(ts.isIdentifier(id) || ts.isPrivateIdentifier(id) || ts.isStringLiteral(id))) {
        names = null;
        break;
      }
      found.add(id.text);
    }
    names ??= found;
    sourceNamesMemo.set(knowledge, { count: knowledge.sources.size, names });
  }
  return names === null || names.has(name);
}

function knownApi(ctx: EngineContext, module: string, name: string | undefined, isCall: boolean, hasCallback: boolean, awaited: boolean): ResourceKind | undefined {
  switch (module) {
    case 'pg':
      if (isCall && name === 'connect' && !hasCallback) return kindOf('api', ['release', ...CONVENTIONAL_RELEASES]);
      if (!isCall && name === 'Client') return kindOf('api', ['end', ...CONVENTIONAL_RELEASES]);
      return undefined;
    case 'mysql2':
      return isCall && name === 'getConnection' && !hasCallback ? API : undefined;
    case 'generic-pool':
      return isCall && name === 'acquire' ? POOLED : undefined;
    case 'node:fs':
    case 'node:fs/promises':
      if (isCall && name === 'openSync') return FD;
      if (isCall && name === 'open' && awaited) return API;
      return undefined;
    case 'node:http':
    case 'node:https':
    case 'node:net':
    case 'node:http2':
    case 'node:tls':
      return isCall && (name === 'createServer' || name === 'createSecureServer') ? SERVER : undefined;
    case 'node:child_process':
      return isCall && name !== undefined && /^(spawn|fork|exec|execFile)$/.test(name) ? kindOf('api', ['kill', 'disconnect', ...CONVENTIONAL_RELEASES]) : undefined;
    default:
      return undefined;
  }
}

function knownByName(ctx: EngineContext, e: TS.CallExpression | TS.NewExpression, name: string, isCall: boolean, hasCallback: boolean): ResourceKind | undefined {
  const { ts } = ctx;
  if (!isCall || hasCallback) return undefined;
  const receiver = receiverOf(ts, e.expression);
  const receiverText = receiver === undefined ? '' : ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  if (/pool$/i.test(receiverText)) {
    if (name === 'connect' || name === 'getConnection') return API;
    if (name === 'acquire') return POOLED;
  }
  if (receiverText === 'fs' && name === 'openSync') return FD;
  return undefined;
}

/**
 * The type `e` evaluates to (awaited when `awaited`): from the signature the type check resolved
 * and cached, which is much cheaper than asking for the expression's type afresh; the
 * expression's own type when no signature resolves.
 */
function resultType(ctx: EngineContext, e: TS.CallExpression | TS.NewExpression, awaited: boolean, value: TS.Expression): TS.Type {
  const { checker } = ctx;
  const signature = checker.getResolvedSignature(e);
  if (signature === undefined) return checker.getTypeAtLocation(value);
  const returned = checker.getReturnTypeOfSignature(signature);
  return awaited ? (checker.getAwaitedType(returned) ?? returned) : returned;
}

/**
 * Whether some return of the function-like `declaration` may be a value it creates: a `new`, a
 * call other than a read, or a local initialised by one. False when every return is a read of
 * something kept elsewhere (a field, a parameter, a store). True when it cannot tell.
 */
function mayReturnFresh(ts: Ts, declaration: TS.Node): boolean {
  if (!isFunctionLike(ts, declaration)) return true;
  const body = (declaration as TS.FunctionLikeDeclaration).body;
  if (body === undefined) return true;
  const fresh = (expression: TS.Expression | undefined): boolean => {
    if (expression === undefined) return false;
    let e = skipOuter(ts, expression);
    if (ts.isAwaitExpression(e)) e = skipOuter(ts, e.expression);
    if (ts.isNewExpression(e)) return true;
    if (ts.isCallExpression(e)) return !READS.has(calleeName(ts, e.expression) ?? '');
    if (ts.isIdentifier(e)) {
      // A local of the function: fresh when initialised by a creation.
      const local = findLocal(ts, body, e.text);
      return local === undefined ? false : fresh(local);
    }
    return ts.isConditionalExpression(e) ? fresh(e.whenTrue) || fresh(e.whenFalse) : false;
  };
  if (!ts.isBlock(body)) return fresh(body);
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || isFunctionLike(ts, node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && fresh(node.expression)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The initializer of a variable named `name` declared in `body` (outside nested functions). */
function findLocal(ts: Ts, body: TS.Node, name: string): TS.Expression | undefined {
  let found: TS.Expression | undefined;
  const visit = (node: TS.Node): void => {
    if (found !== undefined || isFunctionLike(ts, node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer !== undefined) found = node.initializer;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Per type (types belong to one checker, so weak maps serve every file and run) and childProcesses option: its dispose members. */
const disposeMemo = [new WeakMap<TS.Type, { async: boolean; sync: boolean } | null>(), new WeakMap<TS.Type, { async: boolean; sync: boolean } | null>()] as const;

/** The dispose members of a type: undefined when it has none, or when it is an iterator or a self-managed Node object. */
export function disposeMembers(ctx: EngineContext, type: TS.Type): { async: boolean; sync: boolean } | undefined {
  const memos = disposeMemo[ctx.options.childProcesses ? 1 : 0];
  let memo = memos.get(type);
  if (memo === undefined) {
    memo = findDisposeMembers(ctx, type) ?? null;
    memos.set(type, memo);
  }
  return memo ?? undefined;
}

function findDisposeMembers(ctx: EngineContext, type: TS.Type): { async: boolean; sync: boolean } | undefined {
  const { ts } = ctx;
  if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) !== 0) return undefined;
  let sync = false;
  let async = false;
  let iterator = false;
  let next = false;
  let selfManaged = false;
  for (const property of type.getProperties()) {
    const name = property.escapedName as string;
    if (name === 'next') next = true;
    else if (name.startsWith('__@')) {
      const isAsync = /^__@asyncDispose(@|$)/.test(name);
      const isSync = /^__@dispose(@|$)/.test(name);
      if (isAsync || isSync) {
        async ||= isAsync;
        sync ||= isSync;
        const module = moduleOfDeclarations(ctx, property.declarations);
        if (module !== undefined && (NODE_SELF_MANAGED.test(module) || (module === 'node:child_process' && !ctx.options.childProcesses))) selfManaged = true;
      } else if (/^__@(asyncIterator|iterator)(@|$)/.test(name)) iterator = true;
    }
  }
  if (!sync && !async) return undefined;
  if ((iterator && next) || selfManaged) return undefined;
  return { async, sync };
}

function isServerType(ctx: EngineContext, type: TS.Type): boolean {
  const symbol = type.getSymbol();
  if (symbol === undefined || !/Server$/.test(symbol.getName())) return false;
  const module = moduleOfDeclarations(ctx, symbol.declarations);
  return module !== undefined && /^node:(http|https|net|http2|tls)$/.test(module);
}

/** Literals, functions, object and array literals, templates: values an expression creates on the spot. */
function isFreshValueSyntax(ts: Ts, arg: TS.Expression): boolean {
  const e = skipOuter(ts, arg);
  return ts.isLiteralExpression(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isTemplateExpression(e) || ts.isNoSubstitutionTemplateLiteral(e);
}

/** Whether `call` returns its receiver (`x.on(…)`, `timer.unref()`); `known` is the call's result type when already computed. */
function returnsReceiver(ctx: EngineContext, call: TS.CallExpression, receiver: TS.Expression, known?: TS.Type): boolean {
  const { checker } = ctx;
  const result = known ?? checker.getNonNullableType(checker.getTypeAtLocation(call));
  const self = checker.getNonNullableType(checker.getTypeAtLocation(receiver));
  if ((result.flags & ctx.ts.TypeFlags.Any) !== 0) return CHAINING.has(calleeName(ctx.ts, call.expression) ?? '');
  return result === self;
}

function typeNameMatches(ctx: EngineContext, e: TS.CallExpression | TS.NewExpression, typeName: string): boolean {
  const { ts, checker } = ctx;
  const receiver = ts.isCallExpression(e) ? receiverOf(ts, e.expression) : undefined;
  const type = checker.getNonNullableType(checker.getTypeAtLocation(receiver ?? e));
  const names = [type.getSymbol()?.getName(), type.aliasSymbol?.getName(), checker.typeToString(type)];
  if (names.includes(typeName)) return true;
  return checker.getBaseTypes !== undefined && type.isClassOrInterface() && checker.getBaseTypes(type).some((b) => b.getSymbol()?.getName() === typeName);
}

/** The symbol a callee names, aliases followed. */
export function calleeSymbol(ctx: EngineContext, callee: TS.Expression): TS.Symbol | undefined {
  const { ts, checker } = ctx;
  const e = skipOuter(ts, callee);
  const at = ts.isPropertyAccessExpression(e) ? e.name : e;
  let symbol = checker.getSymbolAtLocation(at);
  if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  return symbol;
}

/** The function-like a call invokes (a function, method or a variable initialised with an arrow/function expression). */
export function calleeDeclaration(ctx: EngineContext, call: TS.CallExpression | TS.NewExpression): TS.Node | undefined {
  const { ts } = ctx;
  const declaration = calleeSymbol(ctx, call.expression)?.declarations?.[0];
  if (declaration === undefined) return undefined;
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
    const init = declaration.initializer === undefined ? undefined : skipOuter(ts, declaration.initializer);
    return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
  }
  return declaration;
}

function isAsyncFunction(ts: Ts, node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** The module a symbol is declared in, when it is one the engine knows: `pg`, `mysql2`, `generic-pool`, `tarn`, `node:<module>`. */
export function moduleOf(ctx: EngineContext, symbol: TS.Symbol | undefined): string | undefined {
  return symbol === undefined ? undefined : moduleOfDeclarations(ctx, symbol.declarations);
}

function moduleOfDeclarations(_ctx: EngineContext, declarations: readonly TS.Declaration[] | undefined): string | undefined {
  const declaration = declarations?.[0];
  if (declaration === undefined) return undefined;
  const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
  const pkg = /\/node_modules\/(?:@types\/)?(pg-pool|pg|mysql2|generic-pool|tarn)\//.exec(file);
  if (pkg !== null) return pkg[1] === 'pg-pool' ? 'pg' : pkg[1];
  const node = /\/node_modules\/@types\/node\/(?:ts[\d.]+\/)?([a-z_0-9/]+?)\.d\.[cm]?ts$/.exec(file);
  if (node !== null) return `node:${node[1]}`;
  return undefined;
}
