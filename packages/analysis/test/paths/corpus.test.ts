// The public fixture corpus: realistic files of many types with every form and every exclusion,
// labelled in test/corpus/expected.json (kept beside the files, so the labels never change what
// is scanned). Text files go through findHomePaths, JS/TS files through scanSource.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { HomePathFinding, HomePathForm } from '../../src/index.js';
import { findHomePaths, scanSource, toFindings } from '../../src/index.js';

interface Positive {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly user: string;
  readonly form: HomePathForm;
}
interface Negative {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { positives: Positive[]; negatives: Negative[] };
// JS/TS fixtures end in .txt so that the repository's ESLint and tsc leave them alone.
const SOURCE = /\.(?:[cm]?[jt]sx?)\.txt$/u;

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return corpusFiles(path);
    return entry.name === 'expected.json' ? [] : [relative(CORPUS, path).split('\\').join('/')];
  });
}

function scanFile(file: string): HomePathFinding[] {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  if (!SOURCE.test(file)) return toFindings(text, findHomePaths(text));
  const result = scanSource(ts, file.slice(0, -'.txt'.length), text);
  expect(result.parseError, file).toBeUndefined();
  return toFindings(text, result.matches);
}

const key = (p: { file: string; line: number; column: number; form: string; user: string }): string => `${p.file}:${p.line}:${p.column} ${p.form} ${JSON.stringify(p.user)}`;

// What the detector is known to get wrong on the corpus, each with the reason; the test fails when
// one of these is fixed (remove it here) or when anything else goes wrong.
/** Labelled positives it does not report. */
const KNOWN_MISSES: readonly string[] = [];
/** Reports that are not labelled positives. */
const KNOWN_FALSE_POSITIVES: readonly string[] = [
  // A vue-router route's `meta.icon` is a URL path of a static asset; `icon` is no route key, and
  // `/home/icons` reads as the home of a user `icons`.
  'web/routes.ts.txt:8:60 posix "icons"',
];

describe('the fixture corpus', () => {
  const files = corpusFiles(CORPUS).sort();
  const found = files.flatMap((file) => scanFile(file).map((f) => ({ ...f, file })));
  const lines = new Map(files.map((file) => [file, readFileSync(join(CORPUS, file), 'utf8').split(/\r\n|\r|\n/u)]));

  it('is labelled consistently: every file has labels, every negative still names its text', () => {
    const labelled = new Set([...expected.positives, ...expected.negatives].map((l) => l.file));
    expect(files.filter((f) => !labelled.has(f))).toEqual([]);
    expect([...labelled].filter((f) => !files.includes(f))).toEqual([]);
    for (const n of expected.negatives) expect(lines.get(n.file)?.[n.line - 1], `${n.file}:${n.line}`).toContain(n.text);
    expect(expected.positives.length + expected.negatives.length).toBeGreaterThanOrEqual(150);
  });

  it('reports exactly the labelled positives, but for the known misses and false positives (precision and recall printed)', () => {
    const wanted = new Map(expected.positives.map((p) => [key(p), p]));
    const got = new Map(found.map((f) => [key(f), f]));
    const truePositives = [...got.keys()].filter((k) => wanted.has(k));
    const falsePositives = [...got.values()].filter((f) => !wanted.has(key(f)));
    const falseNegatives = [...wanted.values()].filter((p) => !got.has(key(p)));

    // A finding on a labelled near miss is a false positive; say which label it broke.
    const why = (f: HomePathFinding & { file: string }): string => {
      const line = lines.get(f.file)?.[f.line - 1] ?? '';
      const label = expected.negatives.find((n) => n.file === f.file && n.line === f.line && f.column - 1 >= line.indexOf(n.text) && f.column - 1 < line.indexOf(n.text) + n.text.length);
      return label === undefined ? 'not labelled' : `labelled negative: ${label.why}`;
    };

    const forms = [...new Set([...expected.positives.map((p) => p.form), ...found.map((f) => f.form)])].sort();
    const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
    const rows = forms.map((form) => {
      const tp = truePositives.filter((k) => wanted.get(k)?.form === form).length;
      const fp = falsePositives.filter((f) => f.form === form).length;
      const fn = falseNegatives.filter((p) => p.form === form).length;
      return { form, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    });
    const tp = truePositives.length;
    const precision = tp / (tp + falsePositives.length);
    const recall = tp / (tp + falseNegatives.length);
    rows.push({ form: 'all' as HomePathForm, tp, fp: falsePositives.length, fn: falseNegatives.length, precision: ratio(tp, tp + falsePositives.length), recall: ratio(tp, tp + falseNegatives.length) });
    console.log(`corpus: ${files.length} files, ${expected.positives.length} positives, ${expected.negatives.length} labelled near misses`);
    console.table(rows);

    const report = [
      ...falseNegatives.map((p) => `missed ${key(p)}`),
      ...falsePositives.map((f) => `false positive ${key(f)} ${JSON.stringify(f.text)} (${why(f)})`),
    ].join('\n');
    console.log(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect(falseNegatives.map(key).sort(), report).toEqual([...KNOWN_MISSES].sort());
    expect(falsePositives.map(key).sort(), report).toEqual([...KNOWN_FALSE_POSITIVES].sort());
    // Every form is exercised by the corpus.
    expect(new Set(expected.positives.map((p) => p.form))).toEqual(new Set(['posix', 'macos', 'windows', 'windows-legacy', 'wsl', 'file-url', 'tilde']));
  });
});
