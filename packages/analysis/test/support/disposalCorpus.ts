// Shared by the two disposal corpus tests (disposal-corpus/ and disposal-heldout/): reading a
// corpus, building its program, checking its labels and scoring the engine against them.
//
// Layout: buggy/fixed twins under pairs/ (`NN-short-name.buggy.ts` / `.fixed.ts`; a buggy file
// marks each expected finding with `// leak: <why>` at the end of the line holding the
// acquisition) and negatives/ (`NN-short-name.ts`, no markers). The corpus has its own
// tsconfig.json and a JSON file of engine options (the resource pairs its cases declare).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import { findLeakedResources } from '@leakguard/analysis';

type Finding = ReturnType<typeof findLeakedResources>[number];
type Options = Parameters<typeof findLeakedResources>[3];

const PAIR_FILE = /^(\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\.(buggy|fixed)\.ts$/u;
const NEGATIVE_FILE = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/u;
const MARKER = /\/\/ leak: (\S.*)$/u;
const MARKER_LIKE = /\/\/\s*leak\s*:/u;

export type Group = 'pairs (buggy)' | 'pairs (fixed)' | 'negatives';

export interface CorpusFile {
  /** Relative to the corpus root, with `/`: `pairs/01-pg-commit-throws.buggy.ts`. */
  readonly file: string;
  readonly group: Group;
  /** 1-based line → the marker's reason. */
  readonly markers: ReadonlyMap<number, string>;
  /** Lines that look like a marker but do not match its form. */
  readonly malformed: readonly number[];
}

export interface Located extends Finding {
  readonly file: string;
  /** 1-based line of the finding's start (the acquisition). */
  readonly line: number;
}

/** A corpus on disk: its files and labels, its program (built on first use) and the engine's findings (run once). */
export class Corpus {
  readonly files: readonly CorpusFile[];
  #program: ts.Program | undefined;
  #findings: Located[] | undefined;

  constructor(
    readonly dir: string,
    private readonly optionsFile: string,
  ) {
    const files: CorpusFile[] = [];
    for (const folder of ['pairs', 'negatives'] as const) {
      for (const name of readdirSync(join(dir, folder)).sort()) files.push(readCorpusFile(dir, folder, name));
    }
    this.files = files;
  }

  get program(): ts.Program {
    this.#program ??= createProgram(this.dir);
    return this.#program;
  }

  /** The type errors of the corpus, formatted; '' when it type-checks. */
  typeErrors(): string {
    const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => this.dir, getNewLine: () => '\n' };
    return ts.formatDiagnostics(ts.getPreEmitDiagnostics(this.program), host);
  }

  findings(): Located[] {
    if (this.#findings !== undefined) return this.#findings;
    const checker = this.program.getTypeChecker();
    const options = JSON.parse(readFileSync(join(this.dir, this.optionsFile), 'utf8')) as Options;
    this.#findings = this.files.flatMap((entry) => {
      const sourceFile = this.program.getSourceFile(join(this.dir, entry.file));
      if (sourceFile === undefined) throw new Error(`${entry.file} is not in the corpus program (see its tsconfig's include)`);
      return findLeakedResources(ts, checker, sourceFile, options).map((finding) => ({ ...finding, file: entry.file, line: sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1 }));
    });
    return this.#findings;
  }

  /** Asserts the labels are sound: twins complete and numbered once, markers well-formed and only in buggy files, at least so many pairs and negatives. */
  expectSoundLabels(minimum: { readonly pairs: number; readonly negatives: number }): void {
    const pairs = new Map<string, Set<string>>();
    for (const entry of this.files.filter((f) => f.file.startsWith('pairs/'))) {
      const match = PAIR_FILE.exec(entry.file.slice('pairs/'.length));
      expect(match, `${entry.file} is named NN-short-name.buggy.ts or NN-short-name.fixed.ts`).not.toBeNull();
      if (match?.[1] === undefined || match[2] === undefined) continue;
      const kinds = pairs.get(match[1]) ?? new Set<string>();
      kinds.add(match[2]);
      pairs.set(match[1], kinds);
    }
    for (const [pair, kinds] of pairs) expect([...kinds].sort(), `pair ${pair}`).toEqual(['buggy', 'fixed']);
    const numbers = [...pairs.keys()].map((pair) => pair.slice(0, 2));
    expect(new Set(numbers).size, 'pair numbers are unique').toBe(numbers.length);
    const negatives = this.files.filter((f) => f.group === 'negatives');
    for (const entry of negatives) expect(entry.file.slice('negatives/'.length), `${entry.file} is named NN-short-name.ts`).toMatch(NEGATIVE_FILE);
    const negativeNumbers = negatives.map((entry) => entry.file.slice('negatives/'.length, 'negatives/'.length + 2));
    expect(new Set(negativeNumbers).size, 'negative numbers are unique').toBe(negativeNumbers.length);
    for (const entry of this.files) {
      expect(entry.malformed, `${entry.file}: lines with a malformed marker (the form is \`// leak: <why>\`)`).toEqual([]);
      if (entry.group === 'pairs (buggy)') expect(entry.markers.size, `${entry.file} marks at least one leak`).toBeGreaterThanOrEqual(1);
      else expect([...entry.markers.keys()], `${entry.file} carries no leak marker`).toEqual([]);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(minimum.pairs);
    expect(negatives.length).toBeGreaterThanOrEqual(minimum.negatives);
  }

  /** Asserts that no fixed twin is reported and that every buggy twin is. */
  expectTwinsJudged(): void {
    const found = this.findings();
    const fixed = new Set(this.files.filter((f) => f.group === 'pairs (fixed)').map((f) => f.file));
    expect(found.filter((f) => fixed.has(f.file)).map((f) => `${f.file}:${f.line}: ${f.message}`), 'fixed twins are clean').toEqual([]);
    const reported = new Set(found.map((f) => f.file));
    expect(this.files.filter((f) => f.group === 'pairs (buggy)' && !reported.has(f.file)).map((f) => f.file), 'every buggy twin is reported').toEqual([]);
  }

  /**
   * Scores the findings against the markers, by file and line (several findings on one line
   * count once), prints a table per group and every miss and false alarm with its message, and
   * returns the figures.
   */
  score(title: string): { precision: number; recall: number; report: string } {
    const found = this.findings();
    const keyOf = (file: string, line: number): string => `${file}:${line}`;
    const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
    const markers = new Map(this.files.flatMap((entry) => [...entry.markers].map(([line, why]) => [keyOf(entry.file, line), { entry, line, why }] as const)));
    const byLine = new Map<string, Located[]>();
    for (const finding of found) {
      const key = keyOf(finding.file, finding.line);
      byLine.set(key, [...(byLine.get(key) ?? []), finding]);
    }
    const truePositives = [...markers.keys()].filter((key) => byLine.has(key));
    const falseNegatives = [...markers].filter(([key]) => !byLine.has(key)).map(([, marker]) => marker);
    const falsePositives = [...byLine].filter(([key]) => !markers.has(key)).map(([, lineFindings]) => lineFindings);
    const groupOf = new Map(this.files.map((entry) => [entry.file, entry.group]));
    const rows: Array<{ group: Group | 'all'; files: number; tp: number; fp: number; fn: number; precision: string; recall: string }> = (['pairs (buggy)', 'pairs (fixed)', 'negatives'] as const).map((group) => {
      const tp = truePositives.filter((key) => markers.get(key)?.entry.group === group).length;
      const fp = falsePositives.filter((lineFindings) => groupOf.get(lineFindings[0]?.file ?? '') === group).length;
      const fn = falseNegatives.filter((marker) => marker.entry.group === group).length;
      return { group, files: this.files.filter((f) => f.group === group).length, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    });
    const [tp, fp, fn] = [truePositives.length, falsePositives.length, falseNegatives.length];
    rows.push({ group: 'all', files: this.files.length, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });
    console.log(`${title}: ${this.files.length} files, ${markers.size} marked leaks, ${found.length} findings`);
    console.table(rows);
    const misses = falseNegatives.map((m) => `missed ${keyOf(m.entry.file, m.line)} (${m.why})`);
    const falseAlarms = falsePositives.flat().map((f) => `false alarm ${keyOf(f.file, f.line)} [${f.path}]: ${f.message}`);
    const report = [...misses, ...falseAlarms].join('\n');
    if (report !== '') console.log(report);
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    console.log(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    return { precision, recall, report };
  }
}

function readCorpusFile(dir: string, folder: 'pairs' | 'negatives', name: string): CorpusFile {
  const file = `${folder}/${name}`;
  const lines = readFileSync(join(dir, folder, name), 'utf8').split(/\r\n|\r|\n/u);
  const markers = new Map<number, string>();
  const malformed: number[] = [];
  lines.forEach((text, index) => {
    const marker = MARKER.exec(text);
    if (marker?.[1] !== undefined) markers.set(index + 1, marker[1].trim());
    else if (MARKER_LIKE.test(text)) malformed.push(index + 1);
  });
  const group: Group = folder === 'negatives' ? 'negatives' : name.endsWith('.buggy.ts') ? 'pairs (buggy)' : 'pairs (fixed)';
  return { file, group, markers, malformed };
}

function createProgram(dir: string): ts.Program {
  const configPath = join(dir, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, configPath);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}
