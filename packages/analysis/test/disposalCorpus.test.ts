// The disposal corpus (test/disposal-corpus/): buggy/fixed twins modelled on real leak fixes, and
// negatives, one "not a leak" idiom of the policy per file (layout and labels: support/disposalCorpus.ts).
// The resource pairs its cases declare are in leakguard.corpus.json.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Corpus } from './support/disposalCorpus.js';

const corpus = new Corpus(fileURLToPath(new URL('./disposal-corpus/', import.meta.url)), 'leakguard.corpus.json');

describe('the disposal corpus (rule no-leaked-resource)', () => {
  it('type-checks (one program, the corpus tsconfig)', () => {
    expect(corpus.typeErrors()).toBe('');
  });

  it('is labelled consistently: twins come in pairs, buggy files carry markers, nothing else does', () => {
    corpus.expectSoundLabels({ pairs: 22, negatives: 19 });
  });

  it('scores at least 0.85 recall and 0.9 precision; fixed twins are clean, every buggy twin is reported', () => {
    const { precision, recall, report } = corpus.score('disposal corpus');
    expect(recall, report).toBeGreaterThanOrEqual(0.85);
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
    corpus.expectTwinsJudged();
  });

  it('names the acquisition line in every message (`at line N`)', () => {
    const found = corpus.findings();
    const unnamed = found.filter((f) => !new RegExp(`\\bat line ${f.line}\\b`, 'u').test(f.message));
    expect(unnamed.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([]);
    expect(found.every((f) => f.ruleId === 'no-leaked-resource')).toBe(true);
  });
});
