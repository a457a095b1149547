// Building a CodeContext from a TypeScript syntax tree: what holds a literal (call argument,
// object property, JSX attribute) and where the callee's first identifier was imported from.
// The default import is the module object itself (`export =`): both `import ts from 'typescript'`
// and `import * as ts` are assignable to `typeof TS`, unlike the namespace type, which adds `default`.
import type TS from 'typescript';
import type { CodeContext, ObjectCall } from './types.js';

/** What a file-level name was imported or required from. */
export interface ModuleBinding {
  readonly module: string;
  /** The exported name, for `import { a as b }`, `const { a: b } = require(m)` or `require(m).a`. */
  readonly importedName?: string;
}

type Ts = typeof TS;

/**
 * Every name the file binds to a module, wherever the binding sits (scopes are not tracked; a
 * shadowing local of the same name is rare): `import x from`, `import * as x`, `import { a as x }`,
 * `import x = require()`, `const x = require()`, `const { a: x } = require()`, `require().a`,
 * and the same with `await import()`.
 */
export function collectModuleBindings(ts: Ts, sourceFile: TS.SourceFile): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause !== undefined) {
      const module = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause.name !== undefined) bindings.set(clause.name.text, { module });
      const named = clause.namedBindings;
      if (named !== undefined && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module });
      if (named !== undefined && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          bindings.set(element.name.text, { module, importedName: (element.propertyName ?? element.name).text });
        }
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      bindings.set(node.name.text, { module: node.moduleReference.expression.text });
    } else if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      const required = requiredModule(ts, node.initializer);
      if (required !== undefined) bindDeclaration(ts, node.name, required, bindings);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return bindings;
}

function bindDeclaration(ts: Ts, name: TS.BindingName, required: ModuleBinding, bindings: Map<string, ModuleBinding>): void {
  if (ts.isIdentifier(name)) {
    bindings.set(name.text, required);
    return;
  }
  // `const { a: b } = require('m')`; `require('m').x` destructured is rare and left out.
  if (!ts.isObjectBindingPattern(name) || required.importedName !== undefined) return;
  for (const element of name.elements) {
    if (element.dotDotDotToken !== undefined || !ts.isIdentifier(element.name)) continue;
    const imported = element.propertyName === undefined ? element.name.text : propertyNameText(ts, element.propertyName);
    bindings.set(element.name.text, { module: required.module, ...(imported === undefined ? {} : { importedName: imported }) });
  }
}

/** `require('m')`, `await import('m')`, `require('m').x` → the module (and `x`). */
function requiredModule(ts: Ts, expression: TS.Expression): ModuleBinding | undefined {
  const e = skipWrappers(ts, expression);
  if (ts.isPropertyAccessExpression(e)) {
    const inner = requiredModule(ts, e.expression);
    return inner !== undefined && inner.importedName === undefined ? { module: inner.module, importedName: e.name.text } : undefined;
  }
  if (ts.isCallExpression(e) && e.arguments.length >= 1) {
    const first = e.arguments[0];
    const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require';
    const isImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((isRequire || isImport) && first !== undefined && ts.isStringLiteralLike(first)) return { module: first.text };
  }
  return undefined;
}

function skipWrappers(ts: Ts, expression: TS.Expression): TS.Expression {
  let e = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/**
 * The CodeContext of a literal token (string, template part, regular expression, JSX text).
 * `literal` is the raw text between its delimiters: for a template part, the whole template.
 */
export function literalContext(ts: Ts, sourceFile: TS.SourceFile, token: TS.Node, container: CodeContext['container'], bindings: () => ReadonlyMap<string, ModuleBinding>): CodeContext {
  const text = sourceFile.text;
  if (container === 'jsx-text') return { container, literal: text.slice(token.pos, token.end) };
  if (container === 'regexp') {
    const raw = text.slice(token.getStart(sourceFile), token.end);
    return { container, literal: raw.slice(1, raw.lastIndexOf('/')) };
  }
  // The expression the literal is: the whole template for its parts.
  let node: TS.Node = token;
  if (ts.isTemplateHead(token)) node = token.parent;
  else if (ts.isTemplateMiddle(token) || ts.isTemplateTail(token)) node = token.parent.parent;
  const literal = text.slice(node.getStart(sourceFile) + 1, node.end - 1);

  const climbed = climbTransparent(ts, node);
  const parent = climbed.node.parent;
  const base: CodeContext = climbed.rightOfPlus ? { container, literal, rightOfPlus: true } : { container, literal };
  if (parent === undefined) return base;

  const call = callOf(ts, sourceFile, parent, climbed.node, bindings);
  if (call !== undefined) return { ...base, ...call };
  const property = propertyOf(ts, sourceFile, parent, climbed.node, bindings);
  return property === undefined ? base : { ...base, ...property };
}

/**
 * Climbs through what does not change where the value goes: parentheses, type assertions,
 * `cond ? a : b`, `a ?? b`, `a || b`, either side of `+` (`'~/' + name` still starts with ~/;
 * `API + '/home/feed'` still goes to the same call, but no longer starts the value), and an
 * array literal (`navigate(['/home', id])`, `spawn('node', ['/home/ana/x.js'])`).
 */
function climbTransparent(ts: Ts, start: TS.Node): { node: TS.Node; rightOfPlus: boolean } {
  let node = start;
  let rightOfPlus = false;
  let parent = node.parent;
  while (parent !== undefined) {
    let transparent =
      ts.isArrayLiteralExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== node);
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        transparent = true;
        if (parent.right === node) rightOfPlus = true;
      } else {
        transparent = op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
      }
    }
    if (!transparent) break;
    node = parent;
    parent = parent.parent;
  }
  return { node, rightOfPlus };
}

/** The call or `new` that `node` is an argument of, as CodeContext fields. */
function callOf(ts: Ts, sourceFile: TS.SourceFile, parent: TS.Node, node: TS.Node, bindings: () => ReadonlyMap<string, ModuleBinding>): ObjectCall | undefined {
  if (!(ts.isCallExpression(parent) || ts.isNewExpression(parent)) || parent.arguments === undefined) return undefined;
  const argumentIndex = parent.arguments.indexOf(node as TS.Expression);
  if (argumentIndex === -1) return undefined;
  const callee = parent.expression;
  const origin = calleeOrigin(ts, callee, bindings);
  return {
    callee: calleeText(ts, sourceFile, callee),
    argumentIndex,
    ...(origin?.module === undefined ? {} : { calleeModule: origin.module }),
    ...(origin?.importedName === undefined ? {} : { importedName: origin.importedName }),
  };
}

type PropertyFields = Pick<CodeContext, 'propertyKey' | 'propertyOwner' | 'siblingKeys' | 'objectCall'>;

/** The key when `node` is the value of an object property, a JSX attribute or `obj.key = value`, with its siblings and the call its object goes to. */
function propertyOf(ts: Ts, sourceFile: TS.SourceFile, parent: TS.Node, node: TS.Node, bindings: () => ReadonlyMap<string, ModuleBinding>): PropertyFields | undefined {
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const key = propertyNameText(ts, parent.name);
    if (key === undefined) return undefined;
    const object = parent.parent;
    const siblingKeys = object.properties.filter((p) => p !== parent).flatMap((p) => {
      if (ts.isSpreadAssignment(p) || p.name === undefined) return [];
      const name = propertyNameText(ts, p.name);
      return name === undefined ? [] : [name];
    });
    const argument = climbTransparent(ts, object).node;
    const objectCall = argument.parent === undefined ? undefined : callOf(ts, sourceFile, argument.parent, argument, bindings);
    return { propertyKey: key, propertyOwner: 'object', siblingKeys, ...(objectCall === undefined ? {} : { objectCall }) };
  }
  const attribute = ts.isJsxExpression(parent) ? parent.parent : parent;
  if (ts.isJsxAttribute(attribute)) {
    const siblingKeys = attribute.parent.properties.filter((p) => p !== attribute && ts.isJsxAttribute(p)).map((p) => jsxAttributeName(ts, p as TS.JsxAttribute));
    return { propertyKey: jsxAttributeName(ts, attribute), propertyOwner: 'jsx', siblingKeys };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const target = parent.left;
    if (ts.isPropertyAccessExpression(target)) return { propertyKey: target.name.text, propertyOwner: 'assignment' };
    if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) return { propertyKey: target.argumentExpression.text, propertyOwner: 'assignment' };
  }
  return undefined;
}

function jsxAttributeName(ts: Ts, attribute: TS.JsxAttribute): string {
  const name = attribute.name;
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

function propertyNameText(ts: Ts, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * The callee as written, dotted: `fetch`, `app.get`, `this.router.post`, `fs.promises.readFile`,
 * `require('fs').readFileSync`, `request().get` (arguments of inner calls left out).
 */
export function calleeText(ts: Ts, sourceFile: TS.SourceFile, callee: TS.Expression): string {
  const e = callee;
  if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) return e.text;
  switch (e.kind) {
    case ts.SyntaxKind.ThisKeyword:
      return 'this';
    case ts.SyntaxKind.SuperKeyword:
      return 'super';
    case ts.SyntaxKind.ImportKeyword:
      return 'import';
  }
  if (ts.isPropertyAccessExpression(e)) return `${calleeText(ts, sourceFile, e.expression)}.${e.name.text}`;
  if (ts.isElementAccessExpression(e)) {
    const key = e.argumentExpression;
    return ts.isStringLiteralLike(key) ? `${calleeText(ts, sourceFile, e.expression)}.${key.text}` : `${calleeText(ts, sourceFile, e.expression)}[]`;
  }
  if (ts.isCallExpression(e)) {
    const inner = calleeText(ts, sourceFile, e.expression);
    const first = e.arguments[0];
    if ((inner === 'require' || inner === 'import') && first !== undefined && ts.isStringLiteralLike(first)) return `${inner}('${first.text}')`;
    return `${inner}()`;
  }
  if (ts.isNewExpression(e)) return `new ${calleeText(ts, sourceFile, e.expression)}()`;
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e) || ts.isTypeAssertionExpression(e)) {
    return calleeText(ts, sourceFile, e.expression);
  }
  // Anything else (`(a || b)(x)`, a function expression): its text on one line, bounded.
  return e.getText(sourceFile).replace(/\s+/gu, ' ').slice(0, 200);
}

/** Where the callee's first identifier comes from: an import/require binding, or `require('m')` itself. */
function calleeOrigin(ts: Ts, callee: TS.Expression, bindings: () => ReadonlyMap<string, ModuleBinding>): ModuleBinding | undefined {
  let e: TS.Expression = callee;
  for (;;) {
    if (ts.isIdentifier(e)) return bindings().get(e.text);
    if (ts.isCallExpression(e)) {
      const required = requiredModule(ts, e);
      if (required !== undefined) return required;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNewExpression(e)) {
      e = e.expression;
    } else if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else {
      return undefined;
    }
  }
}
