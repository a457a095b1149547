import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { findLeakedResourcesAt, validateDisposalOptions } from '@leakguard/analysis';
import type { LeakPath } from '@leakguard/analysis';
import { createRule } from '../util/createRule.js';
import { typeScript } from '../util/typeScript.js';

/** A resource declared by the user: calls named `acquire` produce something released by calling `release` on it. */
export interface ResourcePairOption {
  /** The acquiring method or function, by name: `'createQueryRunner'`. */
  acquire: string;
  /** The releasing method (or methods) called on the resource: `'release'`, `['release', 'destroy']`. */
  release: string | string[];
  /** Only when the acquiring call's receiver type (or, for a plain function, its result type) has this name. Default: any type. */
  type?: string;
}

/** Options of `leakguard/no-leaked-resource`, passed to the disposal engine (`DisposalOptions` of @leakguard/analysis). */
export interface NoLeakedResourceOptions {
  /** More resources, besides Disposables and the known APIs (pg, mysql2, generic-pool, tarn, leakguard's pool, fs, intervals, servers). Default: `[]`. */
  resources?: ResourcePairOption[];
  /** More functions or methods, by name, whose calls are logging: use, not escape. Default: `[]` (`console.*` and logger-named receivers are always logging). */
  loggers?: string[];
  /** Report `child_process` handles too. Default: `false`. */
  childProcesses?: boolean;
}

/** The rule's options tuple. */
export type Options = [NoLeakedResourceOptions];

/** Message ids say what was expected, by the path on which the resource leaks. */
export type MessageIds = 'releaseOnThrow' | 'releaseOnReturn' | 'releaseBeforeEnd' | 'keepAndRelease' | 'releaseInClose';

const MESSAGE_ID_OF_PATH: Readonly<Record<LeakPath, MessageIds>> = {
  throw: 'releaseOnThrow',
  return: 'releaseOnReturn',
  end: 'releaseBeforeEnd',
  dropped: 'keepAndRelease',
  field: 'releaseInClose',
};

const NAME = { type: 'string', minLength: 1 } as const;

// The engine may prepare per options object, and ESLint gives each file a fresh copy: one object
// per distinct configuration, checked once by the engine's own validation.
const optionsCache = new Map<string, NoLeakedResourceOptions>();

function resolveOptions(options: NoLeakedResourceOptions): NoLeakedResourceOptions {
  const engine: NoLeakedResourceOptions = { resources: options.resources ?? [], loggers: options.loggers ?? [], childProcesses: options.childProcesses ?? false };
  const key = JSON.stringify(engine);
  let resolved = optionsCache.get(key);
  if (resolved === undefined) {
    const problem = validateDisposalOptions(engine);
    if (problem !== undefined) throw new Error(`leakguard/no-leaked-resource: ${problem}`);
    resolved = engine;
    optionsCache.set(key, resolved);
  }
  return resolved;
}

/** `leakguard/no-leaked-resource`: a resource acquired in a function and not released on every path (return, early return, throw). */
export default createRule<Options, MessageIds>({
  name: 'no-leaked-resource',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require resources acquired in a function to be released on every path, or handed on',
      recommended: true,
      requiresTypeChecking: true,
    },
    schema: [
      {
        type: 'object',
        description: 'More resources and logging functions for the disposal engine.',
        properties: {
          resources: {
            type: 'array',
            description: 'Resources declared by name: calls of `acquire` produce something released by calling `release` on it.',
            items: {
              type: 'object',
              properties: {
                acquire: { ...NAME, description: 'The acquiring method or function.' },
                release: {
                  description: 'The releasing method, or several.',
                  anyOf: [NAME, { type: 'array', items: NAME, minItems: 1 }],
                },
                type: { ...NAME, description: "Only when the acquiring call's receiver type (or a plain function's result type) has this name." },
              },
              required: ['acquire', 'release'],
              additionalProperties: false,
            },
          },
          loggers: { type: 'array', items: NAME, description: 'More functions or methods whose calls are logging (use, not escape).' },
          childProcesses: { type: 'boolean', description: 'Report child_process handles too.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ resources: [], loggers: [], childProcesses: false }],
    messages: {
      releaseOnThrow: '{{message}}',
      releaseOnReturn: '{{message}}',
      releaseBeforeEnd: '{{message}}',
      keepAndRelease: '{{message}}',
      releaseInClose: '{{message}}',
    },
    // typescript-eslint's parser with type information; not JSON, CSS, Markdown.
    languages: ['js/js'],
  },
  create(context, [options]) {
    const engineOptions = resolveOptions(options);
    const sourceCode = context.sourceCode;
    // ESLint walks the file anyway: the nodes where a value can be acquired are collected on its
    // walk (as TypeScript nodes), and the engine looks only at those, once, at the end.
    const services = ESLintUtils.getParserServices(context);
    const candidates: TS.Node[] = [];
    const collect = (node: TSESTree.Node): void => {
      candidates.push(services.esTreeNodeToTSNodeMap.get(node));
    };
    return {
      VariableDeclarator(node) {
        if (node.init !== null) collect(node);
      },
      AssignmentExpression(node) {
        if (node.operator === '=') collect(node);
      },
      ExpressionStatement: collect,
      PropertyDefinition(node) {
        if (node.value !== null) collect(node);
      },
      'Program:exit'(program) {
        const checker = services.program.getTypeChecker();
        for (const finding of findLeakedResourcesAt(typeScript(), checker, services.esTreeNodeToTSNodeMap.get(program), candidates, engineOptions)) {
          context.report({
            loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
            messageId: MESSAGE_ID_OF_PATH[finding.path],
            data: { message: finding.message },
          });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
