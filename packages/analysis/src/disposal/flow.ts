// The path analysis: an abstract interpretation of one function's structured statements for one
// tracked variable. The state is a set of {unacquired, live, released} (a 3-bit mask); each
// statement yields its normal-completion state and its exits (throw, return, break, continue),
// merged per kind, so the work is linear in the function's size (memoised per statement and
// entry state). A leak is the variable leaving its scope while possibly live.
import type TS from 'typescript';
import type { Ts } from './syntax.js';
import { isFunctionLike, skipOuter } from './syntax.js';

export const UNACQUIRED = 1;
export const LIVE = 2;
export const RELEASED = 4;

/** How the variable is left live. */
export type LeakHow = 'throw' | 'return' | 'break' | 'continue' | 'end-function' | 'end-iteration' | 'end-block' | 'reassign';

export interface Leak {
  readonly how: LeakHow;
  /** The throwing expression, the return/break/continue, the scope's closing position node, or the reassignment. */
  readonly at: TS.Node;
}

/** What the interpreter needs to know of the variable. */
export interface TrackedVariable {
  readonly symbolName: string;
  /** The expression whose evaluation makes it live (undefined: live on entry, e.g. a parameter). */
  readonly acquisition: TS.Node | undefined;
  readonly releases: ReadonlySet<TS.Node>;
  readonly returns: ReadonlySet<TS.Node>;
  readonly assignments: ReadonlySet<TS.Node>;
  /** The node whose end is the end of the variable's life (its block, loop, or the function body). */
  readonly scope: TS.Node;
  /** Is `id` a reference to the variable? */
  readonly isVariable: (id: TS.Identifier) => boolean;
  /** Calls that cannot throw for this analysis (logging). */
  readonly isQuietCall: (call: TS.CallExpression) => boolean;
  /** Property reads that cannot throw (on `this`, imports, well-known globals). */
  readonly isSafeReceiver: (receiver: TS.Expression) => boolean;
}

interface Exit {
  mask: number;
  /** The first node where this exit leaves with the variable live. */
  live: TS.Node | undefined;
}

interface Outcome {
  readonly normal: number;
  readonly exits: ReadonlyMap<string, Exit>;
}

const NO_EXITS: ReadonlyMap<string, Exit> = new Map();
const UNREACHABLE: Outcome = { normal: 0, exits: NO_EXITS };
const release = (m: number): number => ((m & LIVE) !== 0 ? (m & ~LIVE) | RELEASED : m);
/** Out of scope: a live value is lost (reported), the rest no longer matters. */
const forget = (m: number): number => (m === 0 ? 0 : UNACQUIRED);

/** Built-in constructors that do not throw whatever their arguments (collections, errors, controllers). */
const NEVER_THROWING_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Error', 'TypeError', 'RangeError', 'AbortController', 'EventEmitter', 'Object', 'Date']);

/** Built-in functions that do not throw for any argument: `Date.now()`, `Math.max(…)`, `performance.now()` … */
const NEVER_THROWING_CALLS: ReadonlySet<string> = new Set(['Date.now', 'performance.now', 'Number.isFinite', 'Number.isInteger', 'Number.isNaN', 'Number.isSafeInteger', 'Array.isArray', 'Object.is', 'Symbol']);

/** Whether `call` is one of NEVER_THROWING_CALLS or a `Math.*` function (its arguments are evaluated, and judged, on their own). */
function isNeverThrowingCall(ts: Ts, call: TS.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return NEVER_THROWING_CALLS.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  return callee.expression.text === 'Math' || NEVER_THROWING_CALLS.has(`${callee.expression.text}.${callee.name.text}`);
}

/** Whether `node` sits in a catch block (`catchClause`: that kind's number in the TypeScript in use): a throw there is a second failure, after one already handled. */
function inCatch(node: TS.Node, catchClause: TS.SyntaxKind): boolean {
  for (let n: TS.Node | undefined = node.parent; n !== undefined; n = n.parent) if (n.kind === catchClause) return true;
  return false;
}

/**
 * Which node a leak is reported at when several paths leave the variable live: the first one,
 * unless it lies in a catch block and the other does not (`ROLLBACK` failing after a failed
 * insert is a rarer path than `COMMIT` failing, so the message names the COMMIT).
 */
function preferred(old: TS.Node | undefined, candidate: TS.Node | undefined, catchClause: TS.SyntaxKind): TS.Node | undefined {
  if (old === undefined) return candidate;
  if (candidate !== undefined && inCatch(old, catchClause) && !inCatch(candidate, catchClause)) return candidate;
  return old;
}

class Exits {
  readonly map = new Map<string, Exit>();
  constructor(private readonly catchClause: TS.SyntaxKind) {}
  add(key: string, mask: number, node: TS.Node): void {
    if (mask === 0) return;
    const old = this.map.get(key);
    const live = (mask & LIVE) !== 0 ? node : undefined;
    if (old === undefined) this.map.set(key, { mask, live });
    else {
      old.mask |= mask;
      old.live = preferred(old.live, live, this.catchClause);
    }
  }
  merge(exits: ReadonlyMap<string, Exit>, except?: (key: string) => boolean): void {
    for (const [key, exit] of exits) {
      if (except?.(key) === true) continue;
      const old = this.map.get(key);
      if (old === undefined) this.map.set(key, { ...exit });
      else {
        old.mask |= exit.mask;
        old.live = preferred(old.live, exit.live, this.catchClause);
      }
    }
  }
}

/** Runs the analysis of `body` (a function body block) for `v`; returns the leaks found, in no particular order. */
export function findLeaks(ts: Ts, body: TS.Block, v: TrackedVariable, entry: number): Leak[] {
  const catchClause = ts.SyntaxKind.CatchClause;
  const leaks = new Map<TS.Node, Leak>();
  const memo = new Map<TS.Node, Map<number, Outcome>>();
  const leak = (how: LeakHow, at: TS.Node): void => {
    if (!leaks.has(at)) leaks.set(at, { how, at });
  };

  const throwPoint = (mask: number, node: TS.Node, exits: Exits): void => exits.add('throw', mask, node);

  // Expressions: returns the state after evaluation; throw points go to `exits`.
  const ev = (node: TS.Node | undefined, m: number, exits: Exits): number => {
    if (node === undefined || m === 0) return m;
    if (isFunctionLike(ts, node) || ts.isClassLike(node)) return m;
    if (node === v.acquisition) {
      const before = evChildren(node, m, exits);
      if ((before & LIVE) !== 0) leak('reassign', node);
      return before === 0 ? 0 : LIVE;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const [t, f] = cond(node, m, exits);
        return t | f;
      }
      if (v.assignments.has(node)) {
        const after = ev(node.right, m, exits);
        if ((after & LIVE) !== 0 && skipOuter(ts, node.right) !== v.acquisition) leak('reassign', node);
        return skipOuter(ts, node.right) === v.acquisition || node.right === v.acquisition ? after : forget(after);
      }
      return ev(node.right, ev(node.left, m, exits), exits);
    }
    if (ts.isConditionalExpression(node)) {
      const [t, f] = cond(node.condition, m, exits);
      return ev(node.whenTrue, t, exits) | ev(node.whenFalse, f, exits);
    }
    if (ts.isCallExpression(node)) {
      const after = evChildren(node, m, exits);
      if (v.releases.has(node)) return release(after);
      if (!v.isQuietCall(node) && !isNeverThrowingCall(ts, node)) throwPoint(after, node, exits);
      return after;
    }
    if (ts.isNewExpression(node) || ts.isAwaitExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const after = evChildren(node, m, exits);
      // An awaited release settles after the release took effect. `new Map()` and the like
      // cannot fail (short of running out of memory).
      if (!(ts.isNewExpression(node) && ts.isIdentifier(node.expression) && NEVER_THROWING_CONSTRUCTORS.has(node.expression.text))) throwPoint(after, node, exits);
      return after;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const after = ev(node.expression, m, exits);
      const isCallee = ts.isCallExpression(node.parent) && node.parent.expression === node;
      if (!isCallee && node.questionDotToken === undefined && !v.isSafeReceiver(node.expression)) throwPoint(after, node, exits);
      return after;
    }
    return evChildren(node, m, exits);
  };

  const evChildren = (node: TS.Node, m: number, exits: Exits): number => {
    let state = m;
    ts.forEachChild(node, (child) => {
      state = ev(child, state, exits);
    });
    return state;
  };

  /** A condition's states when true and when false, with narrowing on the variable's truthiness. */
  const cond = (node: TS.Expression, m: number, exits: Exits): [number, number] => {
    const e = skipOuter(ts, node);
    if (ts.isIdentifier(e) && v.isVariable(e)) return [m, m & ~LIVE];
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      const [t, f] = cond(e.operand, m, exits);
      return [f, t];
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        const [lt, lf] = cond(e.left, m, exits);
        const [rt, rf] = cond(e.right, lt, exits);
        return [rt, lf | rf];
      }
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const [lt, lf] = cond(e.left, m, exits);
        const [rt, rf] = cond(e.right, lf, exits);
        return [lt | rt, rf];
      }
      const nullCheck = nullComparison(e);
      if (nullCheck !== undefined) return nullCheck === 'is-null' ? [m & ~LIVE, m] : [m, m & ~LIVE];
    }
    const after = ev(node, m, exits);
    return [after, after];
  };

  const nullComparison = (e: TS.BinaryExpression): 'is-null' | 'not-null' | undefined => {
    const op = e.operatorToken.kind;
    const isEq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const isNe = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!isEq && !isNe) return undefined;
    const [a, b] = [skipOuter(ts, e.left), skipOuter(ts, e.right)];
    const isNullish = (x: TS.Expression): boolean => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
    const onVariable = (ts.isIdentifier(a) && v.isVariable(a) && isNullish(b)) || (ts.isIdentifier(b) && v.isVariable(b) && isNullish(a));
    if (!onVariable) return undefined;
    return isEq ? 'is-null' : 'not-null';
  };

  // Statements.
  const exec = (node: TS.Statement | undefined, m: number): Outcome => {
    if (node === undefined) return { normal: m, exits: NO_EXITS };
    if (m === 0) return UNREACHABLE;
    let byMask = memo.get(node);
    const cached = byMask?.get(m);
    if (cached !== undefined) return cached;
    let outcome = execUncached(node, m);
    if (node === v.scope) outcome = leaveScope(node, outcome);
    if (byMask === undefined) memo.set(node, (byMask = new Map()));
    byMask.set(m, outcome);
    return outcome;
  };

  const leaveScope = (node: TS.Node, outcome: Outcome): Outcome => {
    if ((outcome.normal & LIVE) !== 0) leak(endKind(node), node);
    const exits = new Map<string, Exit>();
    for (const [key, exit] of outcome.exits) {
      if (exit.live !== undefined) leak(key.split(':')[0] as LeakHow, exit.live);
      exits.set(key, { mask: forget(exit.mask), live: undefined });
    }
    return { normal: forget(outcome.normal), exits };
  };

  const endKind = (node: TS.Node): LeakHow => {
    if (node === body) return 'end-function';
    const parent = node.parent;
    if (ts.isIterationStatement(node, false) || (parent !== undefined && ts.isIterationStatement(parent, false))) return 'end-iteration';
    return 'end-block';
  };

  const sequence = (statements: readonly TS.Statement[], m: number): Outcome => {
    const exits = new Exits(catchClause);
    let state = m;
    for (const s of statements) {
      if (state === 0) break;
      const out = exec(s, state);
      exits.merge(out.exits);
      state = out.normal;
    }
    return { normal: state, exits: exits.map };
  };

  const simple = (m: number, f: (exits: Exits) => number): Outcome => {
    const exits = new Exits(catchClause);
    const normal = f(exits);
    return { normal, exits: exits.map };
  };

  const loop = (node: TS.IterationStatement, m: number, before: (m: number, exits: Exits) => number, test: ((m: number, exits: Exits) => [number, number]) | undefined, after: ((m: number, exits: Exits) => number) | undefined, doFirst: boolean): Outcome => {
    const exits = new Exits(catchClause);
    const label = ts.isLabeledStatement(node.parent) ? node.parent.label.text : undefined;
    const own = (key: string, kind: 'break' | 'continue'): boolean => key === kind || (label !== undefined && key === `${kind}:${label}`);
    let head = before(m, exits);
    let leaving = 0;
    for (let round = 0; round < 4; round++) {
      let enter = head;
      if (!doFirst || round > 0) {
        if (test !== undefined) {
          const [t, f] = test(head, exits);
          enter = t;
          leaving |= f;
        } else if (!ts.isForStatement(node)) leaving |= head;
      }
      const out = exec(node.statement, enter);
      let next = out.normal;
      for (const [key, exit] of out.exits) {
        if (own(key, 'break')) leaving |= exit.mask;
        else if (own(key, 'continue')) next |= exit.mask;
      }
      exits.merge(out.exits, (key) => own(key, 'break') || own(key, 'continue'));
      if (after !== undefined) next = after(next, exits);
      if ((head | next) === head) break;
      head |= next;
    }
    return { normal: leaving, exits: exits.map };
  };

  const execUncached = (node: TS.Statement, m: number): Outcome => {
    if (ts.isBlock(node)) return sequence(node.statements, m);
    if (ts.isExpressionStatement(node)) return simple(m, (x) => ev(node.expression, m, x));
    if (ts.isVariableStatement(node)) {
      return simple(m, (x) => {
        let state = m;
        for (const d of node.declarationList.declarations) state = ev(d.initializer, state, x);
        return state;
      });
    }
    if (ts.isIfStatement(node)) {
      const exits = new Exits(catchClause);
      const [t, f] = cond(node.expression, m, exits);
      const a = exec(node.thenStatement, t);
      const b = node.elseStatement === undefined ? { normal: f, exits: NO_EXITS } : exec(node.elseStatement, f);
      exits.merge(a.exits);
      exits.merge(b.exits);
      let [aNormal, bNormal] = [a.normal, b.normal];
      // `if (!lease.returned) lease.release()`, `if (c.closed) return; … c.close()`: a test of
      // the resource's own state, with the release on one side, means the other side finds it
      // released already.
      if (testsOwnState(node.expression)) {
        const aReleases = (t & LIVE) !== 0 && (a.normal & LIVE) === 0;
        const bReleases = (f & LIVE) !== 0 && (b.normal & LIVE) === 0 && node.elseStatement !== undefined;
        if (aReleases && !bReleases) bNormal = release(bNormal);
        else if (bReleases && !aReleases) aNormal = release(aNormal);
      }
      return { normal: aNormal | bNormal, exits: exits.map };
    }
    if (ts.isReturnStatement(node)) {
      const exits = new Exits(catchClause);
      let state = ev(node.expression, m, exits);
      if (v.returns.has(node)) state = release(state);
      exits.add('return', state, node);
      return { normal: 0, exits: exits.map };
    }
    if (ts.isThrowStatement(node)) {
      const exits = new Exits(catchClause);
      // `throw new Error(…)`: the throw itself is the exit, not the construction.
      const thrown = skipOuter(ts, node.expression);
      const after = ts.isNewExpression(thrown) ? (thrown.arguments ?? []).reduce((acc, a) => ev(a, acc, exits), m) : ev(node.expression, m, exits);
      exits.add('throw', after, node);
      return { normal: 0, exits: exits.map };
    }
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      const kind = ts.isBreakStatement(node) ? 'break' : 'continue';
      const exits = new Exits(catchClause);
      exits.add(node.label === undefined ? kind : `${kind}:${node.label.text}`, m, node);
      return { normal: 0, exits: exits.map };
    }
    if (ts.isTryStatement(node)) return tryStatement(node, m);
    if (ts.isLabeledStatement(node)) {
      const out = exec(node.statement, m);
      const key = `break:${node.label.text}`;
      const broken = out.exits.get(key);
      if (broken === undefined) return out;
      const exits = new Map(out.exits);
      exits.delete(key);
      return { normal: out.normal | broken.mask, exits };
    }
    if (ts.isWhileStatement(node)) return loop(node, m, (s) => s, (s, x) => cond(node.expression, s, x), undefined, false);
    if (ts.isDoStatement(node)) return loop(node, m, (s) => s, (s, x) => cond(node.expression, s, x), undefined, true);
    if (ts.isForStatement(node)) {
      return loop(
        node,
        m,
        (s, x) => (node.initializer === undefined ? s : ts.isVariableDeclarationList(node.initializer) ? node.initializer.declarations.reduce((acc, d) => ev(d.initializer, acc, x), s) : ev(node.initializer, s, x)),
        node.condition === undefined ? undefined : (s, x) => cond(node.condition as TS.Expression, s, x),
        node.incrementor === undefined ? undefined : (s, x) => ev(node.incrementor, s, x),
        false,
      );
    }
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      return loop(
        node,
        m,
        (s, x) => {
          const after = ev(node.expression, s, x);
          // Iterating can throw (a rejected `for await`, a throwing iterator).
          if (ts.isForOfStatement(node)) throwPoint(after, node.expression, x);
          return after;
        },
        (s) => [s, s],
        undefined,
        false,
      );
    }
    if (ts.isSwitchStatement(node)) {
      const exits = new Exits(catchClause);
      const entry = ev(node.expression, m, exits);
      let fall = 0;
      let normal = 0;
      let hasDefault = false;
      for (const clause of node.caseBlock.clauses) {
        let enter = entry;
        if (ts.isCaseClause(clause)) enter = ev(clause.expression, entry, exits);
        else hasDefault = true;
        const out = sequence(clause.statements, enter | fall);
        fall = out.normal;
        for (const [key, exit] of out.exits) if (key === 'break') normal |= exit.mask;
        exits.merge(out.exits, (key) => key === 'break');
      }
      normal |= fall;
      if (!hasDefault) normal |= entry;
      return { normal, exits: exits.map };
    }
    // Declarations (functions, classes, types), empty statements, debugger.
    return { normal: m, exits: NO_EXITS };
  };

  /** Whether `condition` reads a property of the variable or calls a method on it (`lease.returned`, `!c.isOpen()`). */
  const testsOwnState = (condition: TS.Expression): boolean => {
    let found = false;
    const visit = (n: TS.Node): void => {
      if (found || isFunctionLike(ts, n)) return;
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isIdentifier(skipOuter(ts, n.expression)) && v.isVariable(skipOuter(ts, n.expression) as TS.Identifier)) {
        found = true;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(condition);
    return found;
  };

  const tryStatement = (node: TS.TryStatement, m: number): Outcome => {
    const body = exec(node.tryBlock, m);
    let normal = body.normal;
    const exits = new Exits(catchClause);
    const thrown = body.exits.get('throw');
    if (node.catchClause !== undefined) {
      exits.merge(body.exits, (key) => key === 'throw');
      if (thrown !== undefined) {
        const handled = exec(node.catchClause.block, thrown.mask);
        normal |= handled.normal;
        const rethrown = handled.exits.get('throw');
        // A catch that never releases and rethrows names where the first throw came from; one that
        // releases but can fail before it (its ROLLBACK throws) names that failure.
        const catchClause = node.catchClause;
        const catchReleases = [...v.releases].some((r) => r.pos >= catchClause.pos && r.end <= catchClause.end);
        if (rethrown?.live !== undefined && thrown.live !== undefined && (!catchReleases || ts.isThrowStatement(rethrown.live))) {
          exits.merge(new Map([...handled.exits, ['throw', { mask: rethrown.mask, live: thrown.live }]]));
        } else exits.merge(handled.exits);
      }
    } else exits.merge(body.exits);
    if (node.finallyBlock === undefined) return { normal, exits: exits.map };
    const finallyBlock = node.finallyBlock;
    const out = new Exits(catchClause);
    const through = (mask: number): number => {
      const f = exec(finallyBlock, mask);
      out.merge(f.exits);
      return f.normal;
    };
    const after = normal === 0 ? 0 : through(normal);
    for (const [key, exit] of exits.map) {
      const mask = through(exit.mask);
      if (mask === 0) continue;
      const old = out.map.get(key);
      const live = (mask & LIVE) !== 0 ? exit.live ?? finallyBlock : undefined;
      if (old === undefined) out.map.set(key, { mask, live });
      else {
        old.mask |= mask;
        old.live = preferred(old.live, live, catchClause);
      }
    }
    return { normal: after, exits: out.map };
  };

  // Leaks are recorded where the variable leaves its scope (the body itself for a parameter).
  exec(body, entry);
  return [...leaks.values()];
}
