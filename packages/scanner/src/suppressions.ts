// Inline suppressions. A directive is recognised anywhere on a line, so it works in every
// comment syntax (`//`, `#`, `/* */`, `<!-- -->`, `--`, `;`) without knowing the file type.

/** How many lines at the top of a file may hold `leakguard-ignore-file`. */
export const FILE_DIRECTIVE_LINES = 5;

const DIRECTIVE = /(?<![\w-])leakguard-ignore-(next-line|line|file)(?![\w-])([^\r\n]*)/gu;
// Rule ids start with a letter or `@`, so the end of a comment (`-->`, `*/`) is never one.
const RULE_LIST = /^[ \t]+([A-Za-z@][\w@/.-]*(?:[ \t]*,[ \t]*[A-Za-z@][\w@/.-]*)*)/u;

/** `'all'` for a directive without rule ids (as in ESLint), else the rule ids it names. */
type RuleSelection = 'all' | ReadonlySet<string>;

/** The directives of one file. */
export interface Suppressions {
  /** Rules suppressed in the whole file. */
  readonly file: RuleSelection | undefined;
  /** Rules suppressed per 1-based line. */
  readonly lines: ReadonlyMap<number, RuleSelection>;
}

/**
 * Reads the directives in `text`:
 * - `leakguard-ignore-next-line [rule, …]` suppresses findings on the line after it;
 * - `leakguard-ignore-line [rule, …]` suppresses findings on its own line;
 * - `leakguard-ignore-file [rule, …]` in the first `FILE_DIRECTIVE_LINES` lines suppresses the file.
 * Rule ids are comma-separated, with or without the `leakguard/` prefix; without any, every
 * rule is suppressed. Text after the ids (`-- reason`, `-->`, `*\/`) is ignored.
 */
export function parseSuppressions(text: string): Suppressions {
  let file: RuleSelection | undefined;
  const lines = new Map<number, RuleSelection>();
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(DIRECTIVE)) {
    line += countLineEnds(text, counted, m.index);
    counted = m.index;
    const rules = ruleSelection(m[2] ?? '');
    const kind = m[1];
    if (kind === 'file') {
      if (line <= FILE_DIRECTIVE_LINES) file = merge(file, rules);
    } else {
      const target = kind === 'next-line' ? line + 1 : line;
      lines.set(target, merge(lines.get(target), rules));
    }
  }
  return { file, lines };
}

/** Whether a finding of `ruleId` on `line` is suppressed. */
export function isSuppressed(suppressions: Suppressions, ruleId: string, line: number): boolean {
  return selects(suppressions.file, ruleId) || selects(suppressions.lines.get(line), ruleId);
}

function selects(rules: RuleSelection | undefined, ruleId: string): boolean {
  return rules !== undefined && (rules === 'all' || rules.has(ruleId));
}

function ruleSelection(rest: string): RuleSelection {
  const list = RULE_LIST.exec(rest)?.[1];
  if (list === undefined) return 'all';
  return new Set(list.split(',').map((id) => id.trim().replace(/^leakguard\//u, '')));
}

function merge(a: RuleSelection | undefined, b: RuleSelection): RuleSelection {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

/** Line ends in `text[from, to)`: `\n`, `\r\n` and a lone `\r` each count once, as in `toFindings`. */
function countLineEnds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
