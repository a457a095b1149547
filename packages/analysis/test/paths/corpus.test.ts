// The public fixture corpus: realistic files of many types with every form and every exclusion,
// labelled in test/corpus/expected.json (kept beside the files, so the labels never change what
// is scanned). Read and scored by support/pathsCorpus.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../support/pathsCorpus.js';

const corpus = new Corpus(fileURLToPath(new URL('../corpus/', import.meta.url)));

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
  it('is labelled consistently: every file has labels, every negative still names its text', () => {
    corpus.expectSoundLabels(150);
  });

  it('reports exactly the labelled positives, but for the known misses and false positives (precision and recall printed)', () => {
    const { misses, falsePositives, report } = corpus.score('corpus');
    expect(misses, report).toEqual([...KNOWN_MISSES].sort());
    expect(falsePositives, report).toEqual([...KNOWN_FALSE_POSITIVES].sort());
    // Every form is exercised by the corpus.
    expect(new Set(corpus.expected.positives.map((p) => p.form))).toEqual(new Set(['posix', 'macos', 'windows', 'windows-legacy', 'wsl', 'file-url', 'tilde']));
  });
});
