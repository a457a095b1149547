import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findHomePaths, homePathMessage, isReportedInCode, isTildePathCall, mayContainHomePath, tildePathMatch } from '@leakguard/analysis';
import type { CodeContext, HomePathMatch, HomePathOptions } from '@leakguard/analysis';
import { codeContextOf } from '../util/codeContext.js';
import { createRule } from '../util/createRule.js';
import { homedirRewrite, isRewritable, restArgument } from '../util/homedirSuggestion.js';
import type { LiteralKind, RewritableLiteral } from '../util/homedirSuggestion.js';

/** Options of `leakguard/no-home-path`, passed to the detector (`HomePathOptions` of @leakguard/analysis). */
export interface NoHomePathOptions {
  /** More user names that are not reported, besides the CI and container accounts (`runner`, `node`, ...). Case-insensitive. Default: `[]`. */
  allowUsers?: string[];
  /** Regular-expression sources (`u` flag); a path (home directory and what follows it) matching one is not reported. Default: `[]`. */
  allowPatterns?: string[];
  /** More home-directory forms to report: regular-expression sources (`u` flag) with a named group `user`. Default: `[]`. */
  extraForms?: string[];
}

/** The rule's options tuple. */
export type Options = [NoHomePathOptions];

/** Message ids: the two findings and the two wordings of the suggestion. */
export type MessageIds = 'homePath' | 'tildePath' | 'useHomedir' | 'useHomedirAndDeclare';

const stringArray = (description: string) => ({ type: 'array', items: { type: 'string' }, description }) as const;

/** A literal the rule may offer to rewrite, and how its text reads. */
interface Rewritable {
  readonly node: RewritableLiteral;
  readonly kind: LiteralKind;
  /** The literal's text between its delimiters, as written. */
  readonly raw: string;
  /** Where `raw` starts in the text given to the detector (1 for a template, whose text starts at its backtick). */
  readonly offset: number;
  readonly quote: string;
}

// The detector compiles options once per options object, but ESLint gives each file a fresh
// copy: one object per distinct configuration keeps that compilation to once per run.
const optionsCache = new Map<string, HomePathOptions>();

function resolveOptions(options: NoHomePathOptions): HomePathOptions {
  const detector: HomePathOptions = { allowUsers: options.allowUsers ?? [], allowPatterns: options.allowPatterns ?? [], extraForms: options.extraForms ?? [] };
  const key = JSON.stringify(detector);
  let resolved = optionsCache.get(key);
  if (resolved === undefined) {
    resolved = detector;
    optionsCache.set(key, resolved);
  }
  return resolved;
}

/** `leakguard/no-home-path`: hard-coded home-directory paths, and `~/` strings given to Node path APIs. */
export default createRule<Options, MessageIds>({
  name: 'no-home-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow hard-coded home-directory paths, and "~/" paths passed to Node.js file APIs',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        description: 'What the detector allows or adds to its default forms.',
        properties: {
          allowUsers: stringArray('More user names never reported (case-insensitive), besides the CI and container accounts.'),
          allowPatterns: stringArray('Regular expressions (u flag); a path matching one is not reported.'),
          extraForms: stringArray('More forms to report: regular expressions (u flag) with a named group "user".'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowUsers: [], allowPatterns: [], extraForms: [] }],
    messages: {
      homePath: '{{message}}',
      tildePath: '{{message}}',
      useHomedir: 'Replace with {{replacement}}',
      useHomedirAndDeclare: 'Replace with {{replacement}} and add {{declarations}}',
    },
    // JavaScript and TypeScript (ESLint's default parser or typescript-eslint's); not JSON, CSS, Markdown.
    languages: ['js/js'],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const detectorOptions = resolveOptions(options);
    // The detector's cheap look at the whole file (when it says no, only `~/` strings are left to
    // check); it also checks the options, so a bad pattern fails here with the detector's message.
    const scanForHomePaths = mayContainHomePath(sourceCode.text, detectorOptions);

    function report(match: HomePathMatch, base: number, rewritable: Rewritable | undefined): void {
      const rewrite = rewritable === undefined ? undefined : suggestionFor(match, rewritable);
      context.report({
        loc: { start: sourceCode.getLocFromIndex(base + match.start), end: sourceCode.getLocFromIndex(base + match.end) },
        messageId: match.form === 'tilde' ? 'tildePath' : 'homePath',
        data: { message: homePathMessage(match) },
        suggest:
          rewrite === undefined
            ? null
            : [
                rewrite.declarations.length === 0
                  ? { messageId: 'useHomedir', data: { replacement: rewrite.replacement }, fix: rewrite.fix }
                  : { messageId: 'useHomedirAndDeclare', data: { replacement: rewrite.replacement, declarations: rewrite.declarations.join(' ') }, fix: rewrite.fix },
              ],
      });
    }

    /**
     * Offered only when the literal is exactly one path that begins with the match (`'/home/<user>/x'`,
     * not `'cd /home/<user>'`, `'/home/<user>/x /tmp/y'` or `'/home/<user>:/home/<other>'`), in a
     * place where an expression may stand.
     */
    function suggestionFor(match: HomePathMatch, { node, kind, raw, offset, quote }: Rewritable): ReturnType<typeof homedirRewrite> {
      // A file: URL is a URL, not a path: os.homedir() would not replace it.
      if (match.start !== offset || match.pathEnd !== offset + raw.length || match.form === 'file-url' || !isRewritable(node)) return undefined;
      const restStart = (match.form === 'tilde' ? match.start + 2 : match.end) - offset;
      return homedirRewrite(sourceCode, context.languageOptions.sourceType, node, restArgument(raw.slice(restStart), kind, quote));
    }

    /**
     * Runs the detector over `text` (source text starting at offset `base`) and reports what it
     * keeps in this context; only matches that end by `contentEnd`, with pathEnd cut there.
     */
    function checkText(text: string, base: number, codeContext: () => CodeContext, rewritable?: Rewritable, contentEnd = text.length): void {
      if (!scanForHomePaths) return;
      const matches = findHomePaths(text, detectorOptions)
        .filter((match) => match.end <= contentEnd)
        .map((match) => (match.pathEnd > contentEnd ? { ...match, pathEnd: contentEnd } : match));
      if (matches.length === 0) return;
      const where = codeContext();
      for (const match of matches) {
        // Several paths in one literal (a PATH list, a command line): none of them is the literal.
        if (isReportedInCode(match, where)) report(match, base, matches.length === 1 ? rewritable : undefined);
      }
    }

    /**
     * A literal whose value (in `text`, from `start` to `end`; `text` starts at `base` in the
     * source) starts with `~/`: reported when it goes to a Node path API, unless allowPatterns
     * matches its path. The detector's tildePathMatch cuts the path, as scanSource does.
     */
    function checkTilde(text: string, start: number, end: number, base: number, codeContext: () => CodeContext, rewritable?: Rewritable): void {
      if (!text.startsWith('~/', start)) return;
      const match = tildePathMatch(text, start, end, detectorOptions);
      if (match !== undefined && isTildePathCall(codeContext())) report(match, base, rewritable);
    }

    function checkTemplate(node: TSESTree.TemplateLiteral | TSESTree.TSTemplateLiteralType): void {
      const isExpression = node.type === AST_NODE_TYPES.TemplateLiteral;
      // As in the detector's own front end, a template's `literal` is the whole template as written.
      const whole = sourceCode.text.slice(node.range[0] + 1, node.range[1] - 1);
      const contextOf = () => codeContextOf(sourceCode, node, 'template', whole);
      node.quasis.forEach((quasi, index) => {
        // A quasi's range runs from the backtick or the `}` closing the expression before it, to
        // the backtick or `${` after it. The detector sees those characters too, as in a text
        // file: a path right after an expression (`${root}/home/ana`) does not start at `/home`,
        // and a name running into one (`/home/ana-${id}`) is not finished. Matches past the
        // quasi's own text are dropped. The text comes from the source, not `value.raw`, whose
        // line ends are normalised.
        const base = quasi.range[0];
        const text = sourceCode.text.slice(base, quasi.range[1]);
        const contentEnd = text.length - (quasi.tail ? 1 : 2);
        const raw = text.slice(1, contentEnd);
        const rewritable: Rewritable | undefined =
          isExpression && node.expressions.length === 0 ? { node, kind: 'template', raw, offset: 1, quote: '`' } : undefined;
        checkText(text, base, contextOf, rewritable, contentEnd);
        if (index === 0 && isExpression) checkTilde(text, 1, contentEnd, base, contextOf, rewritable);
      });
    }

    return {
      Program() {
        for (const comment of sourceCode.getAllComments()) {
          // `//`, `/*` and ESLint's shebang comment (`#!`) all open with two characters.
          checkText(comment.value, comment.range[0] + 2, () => ({ container: 'comment' }));
        }
      },
      Literal(node) {
        if (typeof node.value === 'string') {
          const raw = node.raw.slice(1, -1);
          const base = node.range[0] + 1;
          const contextOf = () => codeContextOf(sourceCode, node, 'string', raw);
          const kind: LiteralKind = node.parent.type === AST_NODE_TYPES.JSXAttribute ? 'jsx-attribute' : 'string';
          const rewritable: Rewritable = { node: node as TSESTree.StringLiteral, kind, raw, offset: 0, quote: node.raw.charAt(0) };
          checkText(raw, base, contextOf, rewritable);
          checkTilde(raw, 0, raw.length, base, contextOf, rewritable);
        } else if ('regex' in node) {
          const pattern = node.regex.pattern;
          checkText(pattern, node.range[0] + 1, () => codeContextOf(sourceCode, node, 'regexp', pattern));
        }
      },
      TemplateLiteral: checkTemplate,
      TSTemplateLiteralType: checkTemplate,
      JSXText(node) {
        const text = sourceCode.text.slice(node.range[0], node.range[1]);
        checkText(text, node.range[0], () => codeContextOf(sourceCode, node, 'jsx-text', text));
      },
    } satisfies TSESLint.RuleListener;
  },
});
