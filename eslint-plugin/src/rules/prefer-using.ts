import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findPreferUsing } from '@leakguard/analysis';
import type { PreferUsingFinding } from '@leakguard/analysis';
import { createRule } from '../util/createRule.js';
import { typedSourceFile } from '../util/typedSourceFile.js';
import { typeScript } from '../util/typeScript.js';

/** The rule takes no options. */
export type Options = [];

/** Message ids: the finding and its suggestion. */
export type MessageIds = 'preferUsing' | 'declareWithUsing';

type Fix = TSESLint.ReportFixFunction;

/**
 * The statement of a `finally` block that holds the release at `[start, end)` and nothing else
 * (`x.close();`, `await x[Symbol.asyncDispose]();`), if there is one. The range may be the
 * statement's or the call's.
 */
function releaseStatement(sourceCode: Readonly<TSESLint.SourceCode>, start: number, end: number): TSESTree.ExpressionStatement | undefined {
  let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(start);
  while (node !== null && node.type !== AST_NODE_TYPES.ExpressionStatement) node = node.parent ?? null;
  if (node === null) return undefined;
  const block = node.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement || block.parent.type !== AST_NODE_TYPES.TryStatement || block.parent.finalizer !== block) return undefined;
  if (node.range[0] === start && node.range[1] === end) return node;
  // The statement holds the release and nothing else: `await`, `void` or `?.` around it at most.
  let expression: TSESTree.Expression = node.expression;
  for (;;) {
    if (expression.range[0] === start && expression.range[1] === end) return node;
    if (expression.type === AST_NODE_TYPES.AwaitExpression || (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')) expression = expression.argument;
    else if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
    else return undefined;
  }
}

/** Leading whitespace of the line `index` is on, when only whitespace precedes `index` there. */
function indentationAt(text: string, index: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, index);
  return /^[ \t]*$/u.test(before) ? before : undefined;
}

/** `leakguard/prefer-using`: a disposable released in `finally` that `using` / `await using` would release. */
export default createRule<Options, MessageIds>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce `using` or `await using` for a disposable released in a `finally` block',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      preferUsing: '{{message}}',
      declareWithUsing: 'Declare {{name}} with `{{keyword}}` and remove its release from the finally block',
    },
    // typescript-eslint's parser with type information; not JSON, CSS, Markdown.
    languages: ['js/js'],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;

    /** Removes `statement` from its block with the line break and indentation before it. */
    function removeStatement(fixer: TSESLint.RuleFixer, statement: TSESTree.Statement): TSESLint.RuleFix {
      const before = sourceCode.getTokenBefore(statement, { includeComments: true });
      return fixer.removeRange([before === null ? statement.range[0] : before.range[1], statement.range[1]]);
    }

    /**
     * `try { body } finally { }` once the release is gone: the body takes the try statement's
     * place, one level less indented, when its declarations cannot clash with or shadow any name
     * around it; otherwise it stays a block of its own, `{ body }`.
     */
    function unwrapTry(fixer: TSESLint.RuleFixer, tryStatement: TSESTree.TryStatement): TSESLint.RuleFix {
      const block = tryStatement.block;
      const open = sourceCode.getFirstToken(block);
      const close = sourceCode.getLastToken(block);
      const first = open === null ? null : sourceCode.getTokenAfter(open, { includeComments: true });
      const last = close === null ? null : sourceCode.getTokenBefore(close, { includeComments: true });
      if (first === null || last === null || first === close) return fixer.replaceText(tryStatement, sourceCode.getText(block));
      const blockScope = sourceCode.getScope(block);
      const clashes = blockScope.variables.some((variable) => {
        for (let scope = blockScope.upper; scope !== null; scope = scope.upper) {
          if (scope.set.has(variable.name) || scope.through.some((reference) => reference.identifier.name === variable.name)) return true;
        }
        return false;
      });
      if (clashes) return fixer.replaceText(tryStatement, sourceCode.getText(block));
      let body = text.slice(first.range[0], last.range[1]);
      const outer = indentationAt(text, tryStatement.range[0]);
      const inner = indentationAt(text, first.range[0]);
      // Re-indenting would change a string or template that spans lines: those keep their text.
      const multiLineLiteral = sourceCode
        .getTokens(block)
        .some((token) => (token.type === AST_TOKEN_TYPES.Template || token.type === AST_TOKEN_TYPES.String) && token.loc.start.line !== token.loc.end.line);
      if (outer !== undefined && inner !== undefined && inner.startsWith(outer) && inner.length > outer.length && !multiLineLiteral) {
        body = body
          .split('\n')
          .map((line, index) => (index > 0 && line.startsWith(inner) ? outer + line.slice(inner.length) : line))
          .join('\n');
      }
      return fixer.replaceText(tryStatement, body);
    }

    function suggestionFor(finding: PreferUsingFinding): Fix | undefined {
      let declaration: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(finding.start);
      while (declaration !== null && declaration.type !== AST_NODE_TYPES.VariableDeclaration) declaration = declaration.parent ?? null;
      // `using` takes one plain name per declaration, with an initializer.
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
      const [declarator] = declaration.declarations;
      if (declarator?.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) return undefined;
      const keyword = sourceCode.getFirstToken(declaration);
      const statement = releaseStatement(sourceCode, finding.releaseStart, finding.releaseEnd);
      if (keyword === null || statement === undefined) return undefined;
      const finalizer = statement.parent as TSESTree.BlockStatement;
      const tryStatement = finalizer.parent as TSESTree.TryStatement;
      const finallyIsEmpty = finalizer.body.length === 1 && sourceCode.getCommentsInside(finalizer).length === 0;
      return (fixer) => {
        const fixes = [fixer.replaceText(keyword, finding.keyword)];
        if (!finallyIsEmpty) fixes.push(removeStatement(fixer, statement));
        else if (tryStatement.handler !== null) fixes.push(fixer.removeRange([tryStatement.handler.range[1], finalizer.range[1]]));
        else fixes.push(unwrapTry(fixer, tryStatement));
        return fixes;
      };
    }

    return {
      Program(program) {
        const { checker, sourceFile } = typedSourceFile(context, program);
        for (const finding of findPreferUsing(typeScript(), checker, sourceFile)) {
          const fix = suggestionFor(finding);
          context.report({
            loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
            messageId: 'preferUsing',
            data: { message: finding.message },
            suggest: fix === undefined ? null : [{ messageId: 'declareWithUsing', data: { name: finding.name, keyword: finding.keyword }, fix }],
          });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
