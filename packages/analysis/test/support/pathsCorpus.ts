// Shared by the two path corpus tests (corpus/ and paths-heldout/): reading a corpus, checking its
// labels and scoring the detector against them. A corpus is a folder of realistic files with an
// expected.json of labels: positives (1-based line and column of a match's start, user, form)
// and near misses (the text on that line, and why it is not a home path). JS/TS files carry a
// .txt suffix so the repository's ESLint and tsc skip them; they are scanned as the extension
// before .txt (through scanSource), every other file as text (findHomePaths). A README.md at the
// corpus root describes the corpus and is not part of it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import type { HomePathFinding, HomePathForm } from '../../src/index.js';
import { findHomePaths, scanSource, toFindings } from '../../src/index.js';

export interface Positive {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly user: string;
  readonly form: HomePathForm;
}

export interface Negative {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

export interface Located extends HomePathFinding {
  readonly file: string;
}

/** What the detector got right and wrong on a corpus. */
export interface Score {
  readonly precision: number;
  readonly recall: number;
  /** Keys (see `Corpus.key`) of labelled positives it did not report. */
  readonly misses: readonly string[];
  /** Keys of reports that are not labelled positives. */
  readonly falsePositives: readonly string[];
  /** Every miss and false positive on a line, the latter with the label it broke. */
  readonly report: string;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)\.txt$/u;

export class Corpus {
  readonly files: readonly string[];
  readonly expected: { readonly positives: readonly Positive[]; readonly negatives: readonly Negative[] };
  readonly found: readonly Located[];
  private readonly lines: ReadonlyMap<string, readonly string[]>;

  /**
   * `dir` is the corpus folder. `sameForm` maps a form to the one labels use, for a corpus
   * labelled with fewer forms than the detector reports.
   */
  constructor(
    private readonly dir: string,
    private readonly sameForm: (form: HomePathForm) => HomePathForm = (form) => form,
  ) {
    this.expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Corpus['expected'];
    this.files = corpusFiles(dir, dir).sort();
    this.found = this.files.flatMap((file) => this.scanFile(file).map((f) => ({ ...f, file })));
    this.lines = new Map(this.files.map((file) => [file, readFileSync(join(dir, file), 'utf8').split(/\r\n|\r|\n/u)]));
  }

  key(p: { file: string; line: number; column: number; form: HomePathForm; user: string }): string {
    return `${p.file}:${p.line}:${p.column} ${this.sameForm(p.form)} ${JSON.stringify(p.user)}`;
  }

  /** Every file has labels and every label a file; every negative still names its line's text. */
  expectSoundLabels(minimumLabels: number): void {
    const labelled = new Set([...this.expected.positives, ...this.expected.negatives].map((l) => l.file));
    expect(this.files.filter((f) => !labelled.has(f))).toEqual([]);
    expect([...labelled].filter((f) => !this.files.includes(f))).toEqual([]);
    for (const n of this.expected.negatives) expect(this.lines.get(n.file)?.[n.line - 1], `${n.file}:${n.line}`).toContain(n.text);
    expect(this.expected.positives.length + this.expected.negatives.length).toBeGreaterThanOrEqual(minimumLabels);
  }

  /** Scores the detector, printing precision and recall per form under `title`. */
  score(title: string): Score {
    const wanted = new Map(this.expected.positives.map((p) => [this.key(p), p]));
    const got = new Map(this.found.map((f) => [this.key(f), f]));
    const truePositives = [...got.keys()].filter((k) => wanted.has(k));
    const falsePositives = [...got.values()].filter((f) => !wanted.has(this.key(f)));
    const misses = [...wanted.values()].filter((p) => !got.has(this.key(p)));

    const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
    const forms = [...new Set([...this.expected.positives.map((p) => this.sameForm(p.form)), ...this.found.map((f) => this.sameForm(f.form))])].sort();
    const rows = forms.map((form) => {
      const tp = truePositives.filter((k) => wanted.get(k) !== undefined && this.sameForm((wanted.get(k) as Positive).form) === form).length;
      const fp = falsePositives.filter((f) => this.sameForm(f.form) === form).length;
      const fn = misses.filter((p) => this.sameForm(p.form) === form).length;
      return { form, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    });
    const tp = truePositives.length;
    rows.push({ form: 'all' as HomePathForm, tp, fp: falsePositives.length, fn: misses.length, precision: ratio(tp, tp + falsePositives.length), recall: ratio(tp, tp + misses.length) });
    const precision = tp / (tp + falsePositives.length);
    const recall = tp / (tp + misses.length);
    console.log(`${title}: ${this.files.length} files, ${this.expected.positives.length} positives, ${this.expected.negatives.length} labelled near misses`);
    console.table(rows);
    console.log(`${title}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    const report = [
      ...misses.map((p) => `missed ${this.key(p)}`),
      ...falsePositives.map((f) => `false positive ${this.key(f)} ${JSON.stringify(f.text)} (${this.brokenLabel(f)})`),
    ].join('\n');
    return { precision, recall, misses: misses.map((p) => this.key(p)).sort(), falsePositives: falsePositives.map((f) => this.key(f)).sort(), report };
  }

  /** A finding on a labelled near miss is a false positive; which label it broke. */
  private brokenLabel(f: Located): string {
    const line = this.lines.get(f.file)?.[f.line - 1] ?? '';
    const label = this.expected.negatives.find((n) => n.file === f.file && n.line === f.line && f.column - 1 >= line.indexOf(n.text) && f.column - 1 < line.indexOf(n.text) + n.text.length);
    return label === undefined ? 'not labelled' : `labelled negative: ${label.why}`;
  }

  private scanFile(file: string): HomePathFinding[] {
    const text = readFileSync(join(this.dir, file), 'utf8');
    if (!SOURCE.test(file)) return toFindings(text, findHomePaths(text));
    const result = scanSource(ts, file.slice(0, -'.txt'.length), text);
    expect(result.parseError, file).toBeUndefined();
    return toFindings(text, result.matches);
  }
}

function corpusFiles(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return corpusFiles(root, path);
    return entry.name === 'expected.json' || (dir === root && entry.name === 'README.md') ? [] : [relative(root, path).split('\\').join('/')];
  });
}
