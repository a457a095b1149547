// The held-out disposal corpus (test/disposal-heldout/): cases written from the rule's policy and
// from how real projects leak, without looking at the engine or at the public corpus; same layout
// and labels (support/disposalCorpus.ts). The resource pairs its cases declare are in
// leakguard.heldout.json. Its README lists the labels changed after the first scoring, and why.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Corpus } from './support/disposalCorpus.js';

const corpus = new Corpus(fileURLToPath(new URL('./disposal-heldout/', import.meta.url)), 'leakguard.heldout.json');

describe('the held-out disposal corpus (rule no-leaked-resource)', () => {
  it('type-checks (one program, the held-out tsconfig)', () => {
    expect(corpus.typeErrors()).toBe('');
  });

  it('is labelled consistently: twins come in pairs, buggy files carry markers, nothing else does', () => {
    corpus.expectSoundLabels({ pairs: 10, negatives: 6 });
  });

  it('scores at least 0.85 recall and 0.9 precision on cases the engine was not built on', () => {
    const { precision, recall, report } = corpus.score('held-out disposal corpus');
    expect(recall, report).toBeGreaterThanOrEqual(0.85);
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
  });
});
