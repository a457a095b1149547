// Resources stored in fields (`this.timer = setInterval(…)`, `this.conn = await pool.connect()`):
// the class's close/dispose/stop/… method must release them.
import type TS from 'typescript';
import type { ResourceKind } from './acquisitions.js';
import type { Ts } from './syntax.js';
import { CLOSER_NAMES, CONVENTIONAL_RELEASES, climbOuter, isFunctionLike, memberName, skipOuter, wellKnownSymbolKey } from './syntax.js';

/** The verdict on a field resource. */
export type FieldVerdict =
  | { readonly leaks: false }
  /** `closer` undefined: the class has no closing method and never clears the interval. */
  | { readonly leaks: true; readonly closer: TS.ClassElement | undefined };

/**
 * Handlers of an instance's end, by name: `onSocketClose`, `handleDisconnect`, `onEnd`. Each is
 * another way the instance ends (the peer hung up), so it must release what close() releases.
 */
const TEARDOWN_HANDLER = /^(?:on|handle)(?:[A-Z]\w*)?(?:Close|Closed|Disconnect|Disconnected|End|Ended|Exit|Stop|Stopped|Terminate|Terminated)$/u;

/** Whether a member named `name` ends an instance's life (a closing method or a handler of the end). */
function isTeardown(name: string): boolean {
  return CLOSER_NAMES.has(name) || name === '[Symbol.dispose]' || name === '[Symbol.asyncDispose]' || TEARDOWN_HANDLER.test(name);
}

/**
 * Members that end an instance's life, in declaration order: close(), dispose(), stop(),
 * [Symbol.asyncDispose]() … and handlers of the end such as onSocketClose().
 */
export function closersOf(ts: Ts, cls: TS.ClassLikeDeclaration): TS.ClassElement[] {
  return cls.members.filter((member) => {
    const name = memberName(ts, member);
    if (name === undefined || !isTeardown(name)) return false;
    // destroy(lease), onClose(fn): a method that needs an argument acts on that, not on the instance.
    if (ts.isMethodDeclaration(member) && member.parameters.some((p) => p.questionToken === undefined && p.initializer === undefined && p.dotDotDotToken === undefined)) return false;
    return ts.isMethodDeclaration(member) || (ts.isPropertyDeclaration(member) && member.initializer !== undefined && isFunctionLike(ts, skipOuter(ts, member.initializer)));
  });
}

/**
 * Judges field `field` of `cls` holding a resource of `kind`. With closing methods, every one of
 * them (itself, a method it calls on `this`, or `super`'s) must release it: each is a way the
 * instance ends, and an end that forgets the resource leaks it (disconnect() clears the heartbeat,
 * onSocketClose() does not). A closer that calls another closer counts as releasing when that one
 * does. Without any, an interval must be cleared somewhere in the class or `unref()`'d; other
 * resources are then the class's business (an escape).
 */
export function judgeField(ts: Ts, cls: TS.ClassLikeDeclaration, field: string, kind: ResourceKind, unrefd: boolean): FieldVerdict {
  const closers = closersOf(ts, cls);
  if (closers.length === 0) {
    if (kind.shape !== 'interval' || unrefd) return { leaks: false };
    const everywhere = scanMembers(ts, cls, cls.members, field, kind);
    return everywhere.released || everywhere.unrefd ? { leaks: false } : { leaks: true, closer: undefined };
  }
  const forgetting = closers.find((closer) => !scanMembers(ts, cls, [closer], field, kind).released || !releasesUnconditionally(ts, cls, closer, field, kind));
  return forgetting === undefined ? { leaks: false } : { leaks: true, closer: forgetting };
}

/**
 * Whether `closer` releases the field on every way through it: some release in its own body
 * (direct, or a call of a method of the class that releases it) sits under no condition other
 * than a test of the field itself (`if (this.timer) clearInterval(this.timer)`). A release only
 * under `if (this.closed)`, in a catch, a loop or a `&&` is conditional. A closer whose releases
 * all lie in callbacks is trusted.
 */
function releasesUnconditionally(ts: Ts, cls: TS.ClassLikeDeclaration, closer: TS.ClassElement, field: string, kind: ResourceKind): boolean {
  const releases: TS.Node[] = [];
  const visit = (node: TS.Node): void => {
    if (node !== closer && isFunctionLike(ts, node)) return;
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(ts, node.expression);
      const released =
        (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text !== field && methodReleases(ts, cls, callee.name.text, field, kind)) ||
        (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword && CLOSER_NAMES.has(callee.name.text)) ||
        callReleasesField(ts, node, field, kind);
      if (released) releases.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(closer);
  if (releases.length === 0) return true;
  return releases.some((release) => !underCondition(ts, release, closer, field));
}

function methodReleases(ts: Ts, cls: TS.ClassLikeDeclaration, name: string, field: string, kind: ResourceKind): boolean {
  const member = cls.members.find((m) => memberName(ts, m) === name);
  return member !== undefined && scanMembers(ts, cls, [member], field, kind).released;
}

/** Whether `call` releases `this.<field>` itself: `clearInterval(this.timer)`, `this.conn.release()`. */
function callReleasesField(ts: Ts, call: TS.CallExpression, field: string, kind: ResourceKind): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || isFunctionLike(ts, node)) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === field && fieldUse(ts, node, kind) === 'release') {
      // The release is this call, not one nested in its arguments.
      const e = climbOuter(ts, node).parent;
      const owner = e !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) ? climbOuter(ts, e).parent : e;
      if (owner === call) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(call);
  return found;
}

/** Whether something between `node` and `closer` makes it run only sometimes (a test of the field itself does not count). */
function underCondition(ts: Ts, node: TS.Node, closer: TS.Node, field: string): boolean {
  for (let child = node, parent = node.parent; parent !== undefined && child !== closer; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression && !mentionsField(ts, parent.expression, field) && !isNotYetClosed(ts, parent.expression, child === parent.thenStatement)) return true;
    if (ts.isConditionalExpression(parent) && child !== parent.condition && !mentionsField(ts, parent.condition, field)) return true;
    if (ts.isBinaryExpression(parent) && child === parent.right && isShortCircuit(ts, parent.operatorToken.kind) && !mentionsField(ts, parent.left, field)) return true;
    if (ts.isCatchClause(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return true;
    if ((ts.isForStatement(parent) || ts.isForOfStatement(parent) || ts.isForInStatement(parent) || ts.isWhileStatement(parent)) && child === parent.statement) return true;
  }
  return false;
}

/** Flags that say the instance has ended: `closed`, `#disposed`, `isStopped` … */
const ENDED_FLAG = /^#?_?(?:is)?(?:closed|closing|disposed|disposing|destroyed|stopped|stopping|ended|shutdown|shuttingDown|terminated)$/iu;

/**
 * Whether the branch (`then` when `inThen`) of a test runs exactly when the instance has not ended
 * yet: `if (!this.#closed) { … }`, or the else of `if (this.closed) return; else …` — the guard that
 * makes close() idempotent, which every first close passes.
 */
function isNotYetClosed(ts: Ts, condition: TS.Expression, inThen: boolean): boolean {
  let e = skipOuter(ts, condition);
  let negated = false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    negated = true;
    e = skipOuter(ts, e.operand);
  }
  const isFlag = ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ENDED_FLAG.test(e.name.text);
  return isFlag && negated === inThen;
}

function isShortCircuit(ts: Ts, op: TS.SyntaxKind): boolean {
  return op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken;
}

function mentionsField(ts: Ts, expression: TS.Node, field: string): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === field) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

function scanMembers(ts: Ts, cls: TS.ClassLikeDeclaration, start: readonly TS.ClassElement[], field: string, kind: ResourceKind): { released: boolean; unrefd: boolean } {
  const byName = new Map<string, TS.ClassElement>();
  for (const member of cls.members) {
    const name = memberName(ts, member);
    if (name !== undefined && !byName.has(name)) byName.set(name, member);
  }
  const seen = new Set<TS.ClassElement>();
  const queue = [...start];
  let released = false;
  let unrefd = false;
  const visit = (node: TS.Node): void => {
    if (released) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      if (node.name.text === field) {
        const use = fieldUse(ts, node, kind);
        if (use === 'release') released = true;
        else if (use === 'unref') unrefd = true;
      } else if (ts.isCallExpression(node.parent) && node.parent.expression === node) {
        const callee = byName.get(node.name.text);
        if (callee !== undefined && !seen.has(callee)) queue.push(callee);
      }
    }
    // super.close() may release what a base class knows of; trust it.
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && ts.isCallExpression(node.parent) && CLOSER_NAMES.has(node.name.text)) released = true;
    ts.forEachChild(node, visit);
  };
  for (let member = queue.shift(); member !== undefined && !released; member = queue.shift()) {
    if (seen.has(member)) continue;
    seen.add(member);
    visit(member);
  }
  return { released, unrefd };
}

function fieldUse(ts: Ts, access: TS.PropertyAccessExpression, kind: ResourceKind): 'release' | 'unref' | 'other' {
  const e = climbOuter(ts, access);
  const p = e.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === e) {
    const member = ts.isPropertyAccessExpression(p) ? p.name.text : wellKnownSymbolKey(ts, p.argumentExpression);
    const call = climbOuter(ts, p).parent;
    if (call !== undefined && ts.isCallExpression(call) && member !== undefined) {
      if (member === 'unref') return 'unref';
      if (kind.methods.has(member) || CONVENTIONAL_RELEASES.includes(member)) return 'release';
    }
    return 'other';
  }
  // clearInterval(this.timer), pool.release(this.conn), helper(this.conn): handed on.
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== e) return 'release';
  // const t = this.timer; [this.a, this.b].forEach(…): taken elsewhere, trusted.
  if ((ts.isVariableDeclaration(p) && p.initializer === e) || ts.isArrayLiteralExpression(p) || ts.isPropertyAssignment(p)) return 'release';
  return 'other';
}
