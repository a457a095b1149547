// Builds the detector's CodeContext (@leakguard/analysis) from an ESTree node: the rule reports
// what the detector decides, and this file only says where a literal sits.
import { ASTUtils, AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import type { CodeContext, ObjectCall } from '@leakguard/analysis';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where a binding comes from: the module it was imported or required from, and the name taken from it. */
export interface ModuleOrigin {
  /** The module specifier as written: `node:fs`, `fs/promises`, `express`. */
  readonly module: string;
  /** The export taken (`readFileSync` for `import { readFileSync as read } from 'fs'`); undefined for a default or namespace import or a whole `require()`. */
  readonly importedName?: string;
}

/**
 * The CodeContext of a literal (string, template, regular expression, JSX text) given to
 * `isReportedInCode` and `isTildePathCall`: the call, `new` or `import()` it is an argument of
 * (callee as dotted text, argument index, the module the callee's first identifier comes from),
 * or the object property (with its sibling keys and the call the object goes to), assignment
 * target or JSX attribute (with the element's other attributes) it is the value of. The same
 * conventions as the detector's own TypeScript front end (scanSource), so both report alike;
 * eslint-plugin/test/parity.test.ts holds them to it.
 */
export function codeContextOf(sourceCode: SourceCode, node: TSESTree.Node, container: CodeContext['container'], literal: string | undefined): CodeContext {
  const context: Mutable<CodeContext> = { container };
  if (literal !== undefined) context.literal = literal;
  const { node: outer, rightOfPlus } = climbTransparent(node);
  if (rightOfPlus) context.rightOfPlus = true;
  const parent = outer.parent;
  if (parent === undefined) return context;

  const call = callOf(sourceCode, outer);
  if (call !== undefined) return Object.assign(context, call);
  if (parent.type === AST_NODE_TYPES.ImportExpression && parent.source === outer) {
    context.callee = 'import';
    context.argumentIndex = 0;
    return context;
  }
  return Object.assign(context, propertyOf(sourceCode, outer));
}

/**
 * The outermost expression that passes the literal's value on unchanged, as far as where it goes
 * is concerned: type assertions (`x as T`, `x!`, `<T>x`, `x satisfies T`), a branch of
 * `c ? a : b`, either side of `a ?? b` and `a || b`, either side of `+` (`'~/' + name` still
 * starts with `~/`; `API + '/feed'` still goes to the same call, but no longer starts the
 * value: `rightOfPlus`), and an element of an array literal (`navigate(['/home', id])`).
 */
function climbTransparent(node: TSESTree.Node): { node: TSESTree.Node; rightOfPlus: boolean } {
  let current = node;
  let rightOfPlus = false;
  for (let parent = current.parent; parent !== undefined; parent = current.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ArrayExpression:
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return { node: current, rightOfPlus };
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&') return { node: current, rightOfPlus };
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return { node: current, rightOfPlus };
        if (parent.right === current) rightOfPlus = true;
        break;
      default:
        return { node: current, rightOfPlus };
    }
    current = parent;
  }
  return { node: current, rightOfPlus };
}

/** The call or `new` that `node` is an argument of, as CodeContext fields. */
function callOf(sourceCode: SourceCode, node: TSESTree.Node): ObjectCall | undefined {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const argumentIndex = parent.arguments.findIndex((argument) => argument === node);
  if (argumentIndex < 0) return undefined;
  const origin = calleeOrigin(sourceCode, parent.callee);
  return {
    callee: calleeText(sourceCode, parent.callee),
    argumentIndex,
    ...(origin === undefined ? {} : { calleeModule: origin.module }),
    ...(origin?.importedName === undefined ? {} : { importedName: origin.importedName }),
  };
}

/**
 * The callee as written, dotted: `fetch`, `app.get`, `this.router.post`, `fs.promises.readFile`,
 * `require('fs').readFileSync`, `express.Router().get` (arguments of inner calls left out, but
 * the module of `require('m')` / `import('m')` kept), `handlers[]` for a computed key. Shapes
 * with no dotted form (`(a || b)`) give their source text on one line, at most 200 characters.
 */
function calleeText(sourceCode: SourceCode, callee: TSESTree.Node): string {
  return dottedText(callee) ?? sourceCode.getText(callee).replace(/\s+/gu, ' ').slice(0, 200);
}

function dottedText(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.MemberExpression: {
      const object = dottedText(node.object);
      if (object === undefined) return undefined;
      const property = memberName(node);
      return property === undefined ? `${object}[]` : `${object}.${property}`;
    }
    case AST_NODE_TYPES.CallExpression: {
      const module = requiredModule(node);
      if (module !== undefined) return `require('${module}')`;
      const callee = dottedText(node.callee);
      return callee === undefined ? undefined : `${callee}()`;
    }
    case AST_NODE_TYPES.ImportExpression: {
      const source = node.source;
      return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? `import('${source.value}')` : 'import()';
    }
    case AST_NODE_TYPES.NewExpression: {
      const callee = dottedText(node.callee);
      return callee === undefined ? undefined : `new ${callee}()`;
    }
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return dottedText(node.expression);
    case AST_NODE_TYPES.AwaitExpression:
      return dottedText(node.argument);
    default:
      return undefined;
  }
}

/** `b` for `a.b`, `a['b']` and `a.#b` (as `#b`); undefined for a computed, non-literal key. */
function memberName(node: TSESTree.MemberExpression): string | undefined {
  const property = node.property;
  if (!node.computed) return property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${property.name}` : (property as TSESTree.Identifier).name;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  return undefined;
}

/** The first identifier of a callee chain (`fs` in `fs.promises.readFile`, `express` in `express.Router().get`), or the `require('m')` / `import('m')` it starts with. */
function calleeRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.MemberExpression:
        current = current.object;
        break;
      case AST_NODE_TYPES.CallExpression:
        if (requiredModule(current) !== undefined) return current;
        current = current.callee;
        break;
      case AST_NODE_TYPES.NewExpression:
        current = current.callee;
        break;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        break;
      default:
        return current;
    }
  }
}

/** The module the callee's first identifier was imported or required from, resolved through the scope manager. */
function calleeOrigin(sourceCode: SourceCode, callee: TSESTree.Node): ModuleOrigin | undefined {
  const root = calleeRoot(callee);
  if (root.type === AST_NODE_TYPES.Identifier) return bindingOrigin(sourceCode, root);
  if (root.type === AST_NODE_TYPES.CallExpression && isGlobalRequire(sourceCode, root)) {
    const module = requiredModule(root);
    return module === undefined ? undefined : { module };
  }
  if (root.type === AST_NODE_TYPES.ImportExpression && root.source.type === AST_NODE_TYPES.Literal && typeof root.source.value === 'string') return { module: root.source.value };
  return undefined;
}

/**
 * Where the variable an identifier refers to comes from: `import x from 'm'`,
 * `import { a as x } from 'm'`, `import * as x from 'm'`, `import x = require('m')`,
 * `const x = require('m')`, `const { a: x } = require('m')`, `const x = require('m').a`,
 * `const { a } = await import('m')`. Undefined for anything else (a parameter, a local function).
 */
function bindingOrigin(sourceCode: SourceCode, identifier: TSESTree.Identifier): ModuleOrigin | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable === null ? undefined : variableOrigin(sourceCode, variable);
}

/** Where a variable comes from (see `bindingOrigin`); undefined unless it is an import or a `require()` binding. */
export function variableOrigin(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): ModuleOrigin | undefined {
  const definition = variable.defs[0];
  if (definition === undefined) return undefined;

  if (definition.type === TSESLint.Scope.DefinitionType.ImportBinding) {
    const node = definition.node;
    // A type-only import is no value: it cannot be called, nor used for os.homedir().
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      return reference.type === AST_NODE_TYPES.TSExternalModuleReference && node.importKind !== 'type' ? { module: reference.expression.value } : undefined;
    }
    const declaration = node.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    if (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type') return undefined;
    const module = declaration.source.value;
    if (node.type !== AST_NODE_TYPES.ImportSpecifier) return { module };
    const imported = node.imported;
    return { module, importedName: imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value };
  }

  if (definition.type === TSESLint.Scope.DefinitionType.Variable) {
    const declarator = definition.node;
    if (declarator.init === null) return undefined;
    const source = moduleValue(sourceCode, declarator.init);
    if (source === undefined) return undefined;
    const keys = patternPath(declarator.id, definition.name);
    if (keys === undefined) return undefined;
    // The export that ends up in the variable: `readFile` for `const { promises: { readFile } } = require('fs')`.
    const importedName = [...source.members, ...keys].at(-1);
    return importedName === undefined ? { module: source.module } : { module: source.module, importedName };
  }
  return undefined;
}

/** `require('m')`, `await import('m')`, or a member of one (`require('fs').promises`): the module and the members taken. */
function moduleValue(sourceCode: SourceCode, node: TSESTree.Node): { module: string; members: string[] } | undefined {
  const members: string[] = [];
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(current);
      if (name === undefined) return undefined;
      members.unshift(name);
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = current.argument;
    } else if (
      current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = current.expression;
    } else {
      break;
    }
  }
  if (current.type === AST_NODE_TYPES.ImportExpression) {
    const source = current.source;
    return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? { module: source.value, members } : undefined;
  }
  if (current.type === AST_NODE_TYPES.CallExpression && isGlobalRequire(sourceCode, current)) {
    const module = requiredModule(current);
    return module === undefined ? undefined : { module, members };
  }
  return undefined;
}

/** The module of `require('m')` (a string literal or a template without expressions), whatever `require` resolves to. */
function requiredModule(call: TSESTree.CallExpression): string | undefined {
  if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
  const argument = call.arguments[0];
  if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  if (argument?.type === AST_NODE_TYPES.TemplateLiteral && argument.expressions.length === 0) return argument.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Whether `require(...)` calls Node's `require`, not a local function of that name. */
function isGlobalRequire(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (requiredModule(call) === undefined) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(call), 'require');
  return variable === null || variable.defs.length === 0;
}

/** The keys leading from a destructuring pattern to `name` (`['a']` for `{ a: name }`, `['a', 'b']` for `{ a: { b: name } }`); `[]` when the pattern is `name` itself. */
function patternPath(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] | undefined {
  if (pattern === name) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKey(property.key, property.computed);
    const rest = patternPath(property.value, name);
    if (rest !== undefined) return key === undefined ? undefined : [key, ...rest];
  }
  return undefined;
}

/** The name of a non-computed key (identifier, string or number), or of a computed string-literal key. */
function staticKey(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier && !computed) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

type PropertyFields = Pick<CodeContext, 'propertyKey' | 'propertyOwner' | 'siblingKeys' | 'objectCall'>;

/**
 * The key when `node` is the value of an object property (with the object's other keys and the
 * call it is an argument of), of `obj.key = ...`, or of a JSX attribute (`href` in
 * `<a href="...">` and `<a href={'...'}>`, with the element's other attributes).
 */
function propertyOf(sourceCode: SourceCode, node: TSESTree.Node): PropertyFields | undefined {
  const parent = node.parent;
  if (parent === undefined) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.Property: {
      if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const key = staticKey(parent.key, parent.computed);
      if (key === undefined) return undefined;
      const siblingKeys = parent.parent.properties.flatMap((p) => {
        if (p === parent || p.type !== AST_NODE_TYPES.Property) return [];
        const name = staticKey(p.key, p.computed);
        return name === undefined ? [] : [name];
      });
      const objectCall = callOf(sourceCode, climbTransparent(parent.parent).node);
      return { propertyKey: key, propertyOwner: 'object', siblingKeys, ...(objectCall === undefined ? {} : { objectCall }) };
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      // `options.url = '...'`, `options['url'] = '...'`
      if (parent.operator !== '=' || parent.right !== node || parent.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const key = memberName(parent.left);
      return key === undefined ? undefined : { propertyKey: key, propertyOwner: 'assignment' };
    }
    case AST_NODE_TYPES.JSXAttribute:
      return jsxProperty(parent);
    case AST_NODE_TYPES.JSXExpressionContainer:
      return parent.parent.type === AST_NODE_TYPES.JSXAttribute ? jsxProperty(parent.parent) : undefined;
    default:
      return undefined;
  }
}

function jsxProperty(attribute: TSESTree.JSXAttribute): PropertyFields {
  const element = attribute.parent;
  const siblingKeys = element.attributes.flatMap((a) => (a === attribute || a.type !== AST_NODE_TYPES.JSXAttribute ? [] : [jsxAttributeName(a)]));
  return { propertyKey: jsxAttributeName(attribute), propertyOwner: 'jsx', siblingKeys };
}

function jsxAttributeName(attribute: TSESTree.JSXAttribute): string {
  const name = attribute.name;
  return name.type === AST_NODE_TYPES.JSXNamespacedName ? `${name.namespace.name}:${name.name.name}` : name.name;
}
