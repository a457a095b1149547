// The held-out path corpus (test/paths-heldout/): realistic files written from the rule's policy
// alone, in two rounds (the second, code/, on JS/TS source), by someone who had read neither the
// detector nor the public corpus; same layout and labels (support/pathsCorpus.ts), except that
// Documents and Settings is labelled `windows`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../support/pathsCorpus.js';

const corpus = new Corpus(fileURLToPath(new URL('../paths-heldout/', import.meta.url)), (form) => (form === 'windows-legacy' ? 'windows' : form));

describe('the held-out path corpus (rule no-home-path)', () => {
  it('is labelled consistently: every file has labels, every negative still names its text', () => {
    corpus.expectSoundLabels(250);
  });

  it('scores high on cases the detector was not built on (precision and recall printed)', () => {
    const { precision, recall, report } = corpus.score('held-out path corpus');
    expect(recall, report).toBeGreaterThanOrEqual(0.95);
    expect(precision, report).toBeGreaterThanOrEqual(0.95);
  });
});
