import type { ReportFinding } from '../types.js';
import { sanitize } from './summary.js';

/** A finding's source line split around the match, ready to print. */
export interface LineExcerpt {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** How many characters of a line the text report shows at most. */
const MAX_WIDTH = 160;
/** How much of the line before the match stays visible when a long line is cut. */
const CONTEXT_BEFORE = 40;

/** The finding's line without its indentation, cut to 160 characters around the match (`…` marks a cut), made safe to print. */
export function lineExcerpt(finding: ReportFinding): LineExcerpt {
  const line = finding.lineText;
  const start = clamp(finding.column - finding.lineTextColumn, 0, line.length);
  const end = finding.endLine === finding.line ? clamp(start + (finding.endColumn - finding.column), start, line.length) : line.length;
  const indentation = line.length - line.trimStart().length;
  let from = Math.min(indentation, start);
  let to = line.length;
  if (to - from > MAX_WIDTH) {
    from = Math.max(from, start - CONTEXT_BEFORE);
    to = Math.min(line.length, Math.max(from + MAX_WIDTH, end));
  }
  const cutBefore = from > indentation || finding.lineTextColumn > 1;
  const cutAfter = to < line.length;
  return {
    before: (cutBefore ? '…' : '') + sanitize(line.slice(from, start)),
    match: sanitize(line.slice(start, end)),
    after: sanitize(line.slice(end, to)) + (cutAfter ? '…' : ''),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
