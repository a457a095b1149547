import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';

/** What a type-aware rule hands to the disposal engine for one file. */
export interface TypedSourceFile {
  readonly checker: TS.TypeChecker;
  readonly sourceFile: TS.SourceFile;
}

/**
 * The type checker and TypeScript's tree of the file being linted, from typescript-eslint's parser
 * services. Throws typescript-eslint's own error (naming `parserOptions.projectService`) when the
 * file was parsed without type information.
 */
export function typedSourceFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, program: TSESTree.Program): TypedSourceFile {
  const services = ESLintUtils.getParserServices(context);
  return { checker: services.program.getTypeChecker(), sourceFile: services.esTreeNodeToTSNodeMap.get(program) };
}
