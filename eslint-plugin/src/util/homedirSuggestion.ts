// The suggestion of no-home-path: rewrite a literal that starts with a home directory (or `~/`)
// to `path.join(os.homedir(), '<rest>')`, adding the `os` / `path` bindings when they are missing.
import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { variableOrigin } from './codeContext.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How the literal being rewritten is written, which decides how its text is read and re-quoted. */
export type LiteralKind =
  /** `'...'` or `"..."`: JavaScript escapes (`\\` is one backslash). */
  | 'string'
  /** `` `...` `` without expressions: JavaScript escapes. */
  | 'template'
  /** `<a href="...">`: no escapes, a backslash is a backslash. */
  | 'jsx-attribute';

/** A literal the suggestion may replace. */
export type RewritableLiteral = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** What the suggestion does: the expression that replaces the literal and the declarations it adds. */
export interface HomedirRewrite {
  /** `path.join(os.homedir(), 'projects/app')`, or `os.homedir()` when nothing follows the home directory. */
  readonly replacement: string;
  /** Declarations added at the top of the file, e.g. `import os from 'node:os';`; empty when the bindings exist. */
  readonly declarations: readonly string[];
  readonly fix: TSESLint.ReportFixFunction;
}

const NODE_MODULES = { os: ['os', 'node:os'], path: ['path', 'node:path'] } as const;

/**
 * Whether `literal` stands where any expression could (so `path.join(...)` may replace it): not
 * a module specifier, a type, an enum value, a property key or a directive, nor the template of
 * a tagged template; and not an operand of `+`, whose other part a single path.join would not join.
 */
export function isRewritable(literal: RewritableLiteral): boolean {
  const parent = literal.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ImportAttribute:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TSEnumMember:
    case AST_NODE_TYPES.TSPropertySignature:
    case AST_NODE_TYPES.TSMethodSignature:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return false;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive === undefined;
    case AST_NODE_TYPES.BinaryExpression:
      // `'/home/<user>/' + file` would lose its separator: `os.homedir() + file`.
      return parent.operator !== '+';
    default:
      return !('key' in parent && parent.key === literal);
  }
}

/**
 * The second argument of `path.join(os.homedir(), …)`: the raw text after the home directory
 * (`/projects/app` of `/home/<user>/projects/app`, `\\projects\\app` of `C:\\Users\\<user>\\projects\\app`)
 * without its leading separators, every backslash separator turned into `/` (path.join
 * normalises `/` on every platform, and one string stays readable). A string keeps its quotes;
 * a template or a JSX attribute becomes a single-quoted string. Undefined when nothing is left.
 */
export function restArgument(rawRest: string, kind: LiteralKind, quote: string): string | undefined {
  const escapes = kind !== 'jsx-attribute';
  const rest = rawRest.replace(escapes ? /^(?:\/|\\\\)+/u : /^[/\\]+/u, '');
  if (rest === '') return undefined;
  const outQuote = kind === 'string' ? quote : "'";
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i] as string;
    if (char === '\\' && !escapes) {
      out += '/';
    } else if (char === '\\') {
      const next = rest[i + 1] ?? '';
      // An escaped backslash is a separator; any other escape (`\n`, `\'`, `\u0041`) stays as written.
      out += next === '\\' ? '/' : char + next;
      i++;
    } else if (char === outQuote) {
      out += `\\${char}`;
    } else if (char === '\n' || char === '\r') {
      out += char === '\n' ? '\\n' : '\\r';
    } else {
      out += char;
    }
  }
  return `${outQuote}${out}${outQuote}`;
}

/**
 * The rewrite of `literal` to `path.join(os.homedir(), rest)` (`os.homedir()` when `rest` is
 * undefined), or undefined when it cannot be offered safely: `os` or `path` is bound, where the
 * literal is, to something other than Node's module.
 *
 * An existing default or namespace import (or whole `require()`) of `os` / `node:os` and `path` /
 * `node:path` is used under its own name. Otherwise `os` / `path` is declared at the top: an
 * `import` in an ES module, `import x = require()` in a TypeScript file that only uses that
 * form, `const x = require()` in CommonJS (sourceType `script` or `commonjs`, or a file calling
 * `require`), placed after the leading `require` declarations that come before the literal.
 */
export function homedirRewrite(sourceCode: SourceCode, sourceType: string | undefined, literal: RewritableLiteral, rest: string | undefined): HomedirRewrite | undefined {
  const style = moduleStyle(sourceCode, sourceType);
  const os = nodeModuleBinding(sourceCode, literal, 'os', style);
  if (os === undefined) return undefined;
  const path = rest === undefined ? undefined : nodeModuleBinding(sourceCode, literal, 'path', style);
  if (rest !== undefined && path === undefined) return undefined;

  const call = path === undefined ? `${os.name}.homedir()` : `${path.name}.join(${os.name}.homedir(), ${rest})`;
  // A JSX attribute takes an expression only in braces.
  const replacement = literal.parent.type === AST_NODE_TYPES.JSXAttribute ? `{${call}}` : call;
  const declarations = [os.declaration, path?.declaration].filter((d): d is string => d !== undefined);
  const insertion = declarations.length === 0 ? undefined : insertionPoint(sourceCode, literal, style);

  return {
    replacement: call,
    declarations,
    fix(fixer) {
      const fixes = [fixer.replaceText(literal, replacement)];
      if (insertion !== undefined) {
        const text = insertion.after ? `\n${declarations.join('\n')}` : `${declarations.join('\n')}\n`;
        fixes.unshift(insertion.after ? fixer.insertTextAfter(insertion.node, text) : fixer.insertTextBefore(insertion.node, text));
      }
      return fixes;
    },
  };
}

/** How this file declares a module binding. */
type ModuleStyle = 'import' | 'import-equals' | 'require';

function moduleStyle(sourceCode: SourceCode, sourceType: string | undefined): ModuleStyle {
  const body = sourceCode.ast.body;
  const isEsm = body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
  if (isEsm) return 'import';
  if (body.some((statement) => statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration)) return 'import-equals';
  if (sourceType === 'script' || sourceType === 'commonjs' || callsGlobalRequire(sourceCode)) return 'require';
  return 'import';
}

function callsGlobalRequire(sourceCode: SourceCode): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return false;
  // Undeclared (`through`) or declared as a configured global: either way Node's require.
  return globalScope.through.some((reference) => reference.identifier.name === 'require') || (globalScope.set.get('require')?.references.length ?? 0) > 0;
}

/** The name to call `module` by where `literal` is, and the declaration to add when there is none yet. */
function nodeModuleBinding(sourceCode: SourceCode, literal: TSESTree.Node, module: keyof typeof NODE_MODULES, style: ModuleStyle): { name: string; declaration?: string } | undefined {
  const scope = sourceCode.getScope(literal);
  const specifiers: readonly string[] = NODE_MODULES[module];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration && statement.type !== AST_NODE_TYPES.VariableDeclaration && statement.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      const origin = variableOrigin(sourceCode, variable);
      const isWholeModule = origin !== undefined && origin.importedName === undefined && specifiers.includes(origin.module);
      // Usable only when no inner binding of the same name hides it at the literal.
      if (isWholeModule && ASTUtils.findVariable(scope, variable.name) === variable) return { name: variable.name };
    }
  }
  const existing = ASTUtils.findVariable(scope, module);
  if (existing !== null) {
    const origin = variableOrigin(sourceCode, existing);
    return origin !== undefined && origin.importedName === undefined && specifiers.includes(origin.module) ? { name: module } : undefined;
  }
  const specifier = `node:${module}`;
  const declaration =
    style === 'import' ? `import ${module} from '${specifier}';` : style === 'import-equals' ? `import ${module} = require('${specifier}');` : `const ${module} = require('${specifier}');`;
  return { name: module, declaration };
}

/**
 * Where added declarations go: after the last import of an ES module (imports are hoisted);
 * in CommonJS after the leading directives and `require` declarations that end before the
 * literal (a `const` declared after its use would throw); otherwise before the first statement
 * (after any header comment).
 */
function insertionPoint(sourceCode: SourceCode, literal: TSESTree.Node, style: ModuleStyle): { node: TSESTree.Node; after: boolean } | undefined {
  const body = sourceCode.ast.body;
  const first = body[0];
  if (first === undefined) return undefined;
  if (style === 'import' || style === 'import-equals') {
    const imports = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration);
    const last = imports.at(-1);
    if (last !== undefined && (style === 'import' || last.range[1] <= literal.range[0])) return { node: last, after: true };
    return { node: firstNonDirective(body) ?? first, after: false };
  }
  let after: TSESTree.Node | undefined;
  for (const statement of body) {
    if (statement.range[1] > literal.range[0] || !(isDirective(statement) || isRequireDeclaration(sourceCode, statement))) break;
    after = statement;
  }
  return after === undefined ? { node: first, after: false } : { node: after, after: true };
}

function firstNonDirective(body: readonly TSESTree.ProgramStatement[]): TSESTree.ProgramStatement | undefined {
  return body.find((statement) => !isDirective(statement));
}

function isDirective(statement: TSESTree.Node): boolean {
  return statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined;
}

function isRequireDeclaration(sourceCode: SourceCode, statement: TSESTree.Node): boolean {
  return statement.type === AST_NODE_TYPES.VariableDeclaration && sourceCode.getDeclaredVariables(statement).every((variable) => variableOrigin(sourceCode, variable) !== undefined);
}
