import { describe, expect, it } from 'vitest';
import { termRulesFor } from '../nlp/language-terms.ts';
import {
  ANALYSIS_PROBE_DIGEST,
  analyseForRetrieval,
  probeDigest,
  retrievalAnalysisKey,
} from './retrieval-analysis.ts';

describe('the key of the retrieval analysis', () => {
  it('is this code’s: the committed probe digest is what the analysis gives now', () => {
    const digest = probeDigest();
    // On failure: text analysis changed. Set ANALYSIS_PROBE_DIGEST (src/kb/retrieval-analysis.ts) to the digest
    // received, so that no instance serves a retrieval index of the old analysis (they rebuild and publish it).
    expect(digest, `the analysis changed: ANALYSIS_PROBE_DIGEST = '${digest}'`).toBe(ANALYSIS_PROBE_DIGEST);
  });

  it('changes with the analysis: stop words, another stemmer, no stemmer, another normalisation', () => {
    // Changes the analysis could take (bench/retrieval-stemming.ts tried stop words and other stemmers).
    const rules = termRulesFor(['en', 'zh', 'es', 'ja', 'fr', 'de']);
    const changed = [
      { ...rules, stopWords: new Set(['my', 'the', 'de', 'la']) },
      { ...rules, stem: (w: string, l?: string) => (l === 'es' ? w : rules.stem(w, l)) }, // no Snowball
      { ...rules, stem: (w: string, l?: string) => rules.stem(w, l === 'es' ? 'en' : l) }, // Porter on Spanish
      { ...rules, stem: (w: string) => w.slice(0, 6) },
      { ...rules, stem: (w: string, l?: string) => rules.stem(w.normalize('NFD'), l) }, // accents kept apart
    ];
    const digests = changed.map((terms) => probeDigest((kb) => analyseForRetrieval(kb, terms)));
    expect(new Set([ANALYSIS_PROBE_DIGEST, ...digests]).size).toBe(changed.length + 1);
    for (const digest of digests) expect(retrievalAnalysisKey(digest)).not.toBe(retrievalAnalysisKey());
  });
});
