// What both audits do to a finding once its position is known: the text of its line (cut to a
// window around it when long), its fingerprint, and whether a comment suppresses it.
import { fingerprintOf, normalizeLine } from './fingerprint.js';
import type { Suppressions } from './suppressions.js';
import { isSuppressed, parseSuppressions } from './suppressions.js';

/** Longer lines (minified bundles, source maps) are cut to a window around the finding. */
const MAX_LINE_TEXT = 400;
const LINE_TEXT_BEFORE_MATCH = 150;

/** A finding's line as reports, baselines and SARIF read it. */
export interface PlacedLine {
  /** The line without its line end, or a window of it (see `lineTextColumn`). */
  readonly lineText: string;
  /** The 1-based column of `lineText`'s first character in the line. */
  readonly lineTextColumn: number;
  readonly fingerprint: string;
}

/** Places the findings of one file, in position order. */
export class LinePlacer {
  /** Findings a comment suppressed so far. */
  suppressed = 0;
  private readonly suppressions: Suppressions | undefined;
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.suppressions = text.includes('leakguard-ignore') ? parseSuppressions(text) : undefined;
  }

  /**
   * A finding of `ruleId` at `offset`, on the 1-based `line` whose text runs from `lineStart` to
   * `lineEnd` (line end excluded); undefined, and counted in `suppressed`, when a comment
   * suppresses it. Occurrences of a line's text are counted before suppressions, so adding or
   * removing a suppression elsewhere in the file keeps every fingerprint.
   */
  place(ruleId: string, line: number, lineStart: number, lineEnd: number, offset: number): PlacedLine | undefined {
    const { lineText, lineTextColumn } = lineWindow(this.text, lineStart, lineEnd, offset);
    const normalized = normalizeLine(lineText);
    const occurrence = this.occurrences.get(normalized) ?? 0;
    this.occurrences.set(normalized, occurrence + 1);
    if (this.suppressions !== undefined && isSuppressed(this.suppressions, ruleId, line)) {
      this.suppressed++;
      return undefined;
    }
    return { lineText, lineTextColumn, fingerprint: fingerprintOf(ruleId, this.file, lineText, occurrence) };
  }
}

function lineWindow(text: string, lineStart: number, lineEnd: number, offset: number): { lineText: string; lineTextColumn: number } {
  if (lineEnd - lineStart <= MAX_LINE_TEXT) return { lineText: text.slice(lineStart, lineEnd), lineTextColumn: 1 };
  const from = Math.max(lineStart, offset - LINE_TEXT_BEFORE_MATCH);
  const to = Math.min(lineEnd, from + MAX_LINE_TEXT);
  return { lineText: text.slice(from, to), lineTextColumn: from - lineStart + 1 };
}
