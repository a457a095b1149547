// Turning matches into reports: the sentence and the line/column of each.
import type { HomePathFinding, HomePathMatch } from './types.js';
import { NO_HOME_PATH } from './types.js';

/**
 * The sentence a report shows for a match: the user and path found and what to use instead;
 * for `tilde`, that Node.js does not expand `~`.
 */
export function homePathMessage(match: HomePathMatch): string {
  if (match.form === 'tilde') return `"~/" is not expanded by Node.js; use path.join(os.homedir(), ...) instead`;
  return `hard-coded home directory of user "${match.user}" (${match.text}); use os.homedir(), a configured path or a path relative to the project`;
}

const LINE_END = /\r\n|\r|\n/gu;

/**
 * Places matches in `text` (1-based lines and columns in UTF-16 code units; `\n`, `\r\n` and
 * `\r` end lines) with their rule id and message, in the order given.
 */
export function toFindings(text: string, matches: readonly HomePathMatch[]): HomePathFinding[] {
  if (matches.length === 0) return [];
  const lineStarts = [0];
  LINE_END.lastIndex = 0;
  for (let m = LINE_END.exec(text); m !== null; m = LINE_END.exec(text)) lineStarts.push(m.index + m[0].length);
  const locate = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - (lineStarts[lo] as number) + 1];
  };
  return matches.map((m) => {
    const [line, column] = locate(m.start);
    const [endLine, endColumn] = locate(m.end);
    return { ...m, ruleId: NO_HOME_PATH, line, column, endLine, endColumn, message: homePathMessage(m) };
  });
}
