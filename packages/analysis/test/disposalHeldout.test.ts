// The held-out disposal corpus (test/disposal-heldout/): cases written from the rule's policy and
// from how real projects leak, by someone who had not read the engine or the first corpus; same
// layout and labels (support/disposalCorpus.ts). The resource pairs its cases declare are in
// leakguard.heldout.json; its README says which labels were corrected, and why.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Corpus } from './support/disposalCorpus.js';

const corpus = new Corpus(fileURLToPath(new URL('./disposal-heldout/', import.meta.url)), 'leakguard.heldout.json');

describe('the held-out disposal corpus (rule no-leaked-resource)', () => {
  it('type-checks (one program, the held-out tsconfig)', () => {
    expect(corpus.typeErrors()).toBe('');
  });

  it('is labelled consistently: twins come in pairs, buggy files carry markers, nothing else does', () => {
    corpus.expectSoundLabels({ pairs: 17, negatives: 9 });
  });

  it('scores at least 0.85 recall and 0.9 precision on cases the engine was not built on; fixed twins are clean', () => {
    const { precision, recall, report } = corpus.score('held-out disposal corpus');
    expect(recall, report).toBeGreaterThanOrEqual(0.85);
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
    const fixed = new Set(corpus.files.filter((f) => f.group === 'pairs (fixed)').map((f) => f.file));
    expect(corpus.findings().filter((f) => fixed.has(f.file)).map((f) => `${f.file}:${f.line}: ${f.message}`), 'fixed twins are clean').toEqual([]);
  });
});
