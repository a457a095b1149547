// The disposal corpus (test/disposal-corpus/): buggy/fixed twins modelled on real leak fixes, and
// negatives, one "not a leak" idiom of the policy per file. A buggy file marks each expected
// finding with `// leak: <why>` at the end of the line of the acquisition; fixed twins and negatives
// carry no marker and must stay clean. The corpus is one ts.Program built from its own tsconfig,
// with the resource pairs of its leakguard.corpus.json as the engine's options.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLeakedResources } from '@leakguard/analysis';

type Finding = ReturnType<typeof findLeakedResources>[number];
type Options = Parameters<typeof findLeakedResources>[3];

const CORPUS = fileURLToPath(new URL('./disposal-corpus/', import.meta.url));
const PAIR_FILE = /^(\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\.(buggy|fixed)\.ts$/u;
const NEGATIVE_FILE = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/u;
// The whole marker; anything else mentioning `leak:` after `//` is a malformed marker.
const MARKER = /\/\/ leak: (\S.*)$/u;
const MARKER_LIKE = /\/\/\s*leak\s*:/u;

/** The corpus groups the scores are split by. */
type Group = 'pairs (buggy)' | 'pairs (fixed)' | 'negatives';

interface CorpusFile {
  /** Relative to the corpus root, with `/`: `pairs/01-pg-commit-throws.buggy.ts`. */
  readonly file: string;
  readonly group: Group;
  /** 1-based line → the marker's reason. */
  readonly markers: ReadonlyMap<number, string>;
  /** Lines that look like a marker but do not match its form. */
  readonly malformed: readonly number[];
}

interface Located extends Finding {
  readonly file: string;
  /** 1-based line of the finding's start (the acquisition). */
  readonly line: number;
}

function readCorpusFile(folder: 'pairs' | 'negatives', name: string): CorpusFile {
  const file = `${folder}/${name}`;
  const lines = readFileSync(join(CORPUS, folder, name), 'utf8').split(/\r\n|\r|\n/u);
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

function listCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const folder of ['pairs', 'negatives'] as const) {
    for (const name of readdirSync(join(CORPUS, folder)).sort()) files.push(readCorpusFile(folder, name));
  }
  return files;
}

function readOptions(): Options {
  const parsed = JSON.parse(readFileSync(join(CORPUS, 'leakguard.corpus.json'), 'utf8')) as Options;
  return parsed;
}

function createCorpusProgram(): ts.Program {
  const configPath = join(CORPUS, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, CORPUS, undefined, configPath);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

const diagnosticsHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => CORPUS,
  getNewLine: () => '\n',
};

const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
const keyOf = (file: string, line: number): string => `${file}:${line}`;

describe('the disposal corpus (rule no-leaked-resource)', () => {
  const files = listCorpus();
  let program: ts.Program;
  beforeAll(() => {
    program = createCorpusProgram();
  });

  // Run by the tests that score the engine, once; the type check and the labels do not need it.
  let cached: Located[] | undefined;
  const findings = (): Located[] => {
    if (cached !== undefined) return cached;
    const checker = program.getTypeChecker();
    const options = readOptions();
    cached = files.flatMap((entry) => {
      const sourceFile = program.getSourceFile(join(CORPUS, entry.file));
      if (sourceFile === undefined) throw new Error(`${entry.file} is not in the corpus program (see its tsconfig's include)`);
      return findLeakedResources(ts, checker, sourceFile, options).map((finding) => ({
        ...finding,
        file: entry.file,
        line: sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1,
      }));
    });
    return cached;
  };

  it('type-checks (one program, the corpus tsconfig)', () => {
    const diagnostics = ts.getPreEmitDiagnostics(program);
    expect(ts.formatDiagnostics(diagnostics, diagnosticsHost)).toBe('');
    for (const entry of files) expect(program.getSourceFile(join(CORPUS, entry.file)), entry.file).toBeDefined();
  });

  it('is labelled consistently: twins come in pairs, buggy files carry markers, nothing else does', () => {
    const pairs = new Map<string, Set<string>>();
    for (const entry of files.filter((f) => f.file.startsWith('pairs/'))) {
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

    for (const entry of files.filter((f) => f.group === 'negatives')) {
      expect(entry.file.slice('negatives/'.length), `${entry.file} is named NN-short-name.ts`).toMatch(NEGATIVE_FILE);
    }
    for (const entry of files) {
      expect(entry.malformed, `${entry.file}: lines with a malformed marker (the form is \`// leak: <why>\`)`).toEqual([]);
      if (entry.group === 'pairs (buggy)') expect(entry.markers.size, `${entry.file} marks at least one leak`).toBeGreaterThanOrEqual(1);
      else expect([...entry.markers.keys()], `${entry.file} carries no leak marker`).toEqual([]);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(20);
    expect(files.filter((f) => f.group === 'negatives').length).toBeGreaterThanOrEqual(15);
  });

  it('scores at least 0.85 recall and 0.9 precision; fixed twins are clean, every buggy twin is reported', () => {
    const found = findings();
    const markers = new Map(files.flatMap((entry) => [...entry.markers].map(([line, why]) => [keyOf(entry.file, line), { entry, line, why }] as const)));
    // Several findings on one marked line (the same acquisition leaking on two paths) count once.
    const byLine = new Map<string, Located[]>();
    for (const finding of found) {
      const key = keyOf(finding.file, finding.line);
      byLine.set(key, [...(byLine.get(key) ?? []), finding]);
    }
    const truePositives = [...markers.keys()].filter((key) => byLine.has(key));
    const falseNegatives = [...markers].filter(([key]) => !byLine.has(key)).map(([, marker]) => marker);
    const falsePositives = [...byLine].filter(([key]) => !markers.has(key)).map(([, findings]) => findings);

    const groupOf = new Map(files.map((entry) => [entry.file, entry.group]));
    const groups: readonly Group[] = ['pairs (buggy)', 'pairs (fixed)', 'negatives'];
    const rows: Array<{ group: Group | 'all'; files: number; tp: number; fp: number; fn: number; precision: string; recall: string }> = groups.map((group) => {
      const tp = truePositives.filter((key) => markers.get(key)?.entry.group === group).length;
      const fp = falsePositives.filter((findings) => groupOf.get(findings[0]?.file ?? '') === group).length;
      const fn = falseNegatives.filter((marker) => marker.entry.group === group).length;
      return { group, files: files.filter((f) => f.group === group).length, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    });
    const tp = truePositives.length;
    const fp = falsePositives.length;
    const fn = falseNegatives.length;
    rows.push({ group: 'all', files: files.length, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });
    console.log(`disposal corpus: ${files.length} files, ${markers.size} marked leaks, ${found.length} findings`);
    console.table(rows);

    const misses = falseNegatives.map((m) => `missed ${keyOf(m.entry.file, m.line)} (${m.why})`);
    const falseAlarms = falsePositives.flat().map((f) => `false alarm ${keyOf(f.file, f.line)} [${f.path}]: ${f.message}`);
    const report = [...misses, ...falseAlarms].join('\n');
    if (report !== '') console.log(report);
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    console.log(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);

    expect(recall, report).toBeGreaterThanOrEqual(0.85);
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
    const fixed = files.filter((f) => f.group === 'pairs (fixed)').map((f) => f.file);
    expect(found.filter((f) => fixed.includes(f.file)).map((f) => `${keyOf(f.file, f.line)}: ${f.message}`), 'fixed twins are clean').toEqual([]);
    const reported = new Set(found.map((f) => f.file));
    expect(files.filter((f) => f.group === 'pairs (buggy)' && !reported.has(f.file)).map((f) => f.file), 'every buggy twin is reported').toEqual([]);
  });

  it('names the acquisition line in every message (`at line N`)', () => {
    const found = findings();
    const unnamed = found.filter((f) => !new RegExp(`\\bat line ${f.line}\\b`, 'u').test(f.message));
    expect(unnamed.map((f) => `${keyOf(f.file, f.line)}: ${f.message}`)).toEqual([]);
    expect(found.every((f) => f.ruleId === 'no-leaked-resource')).toBe(true);
  });
});
