// What adding a language to the served demo does to English customers: the demo trained the way the app trains it
// (knowledge-base training; seeds 1-3 by default, summed) in each language set, answering Banking77's English test messages. Messages
// of the 33 Banking77 intents one demo intent answers (fixtures/banking77-to-demo.json, the project's reading)
// should get that answer; the rest are bank questions the demo does not cover, where in scope means a wrong answer.
// Usage: tsx bench/demo-languages.ts [--sets=en/en,zh/en,zh,es] [--seeds=1,2,3] [--shared-temperature]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase, type DemoLanguage } from '../src/kb/demo-knowledge-bases.ts';
import { trainOnKnowledgeBase } from '../src/kb/knowledge-base-training.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { auroc } from '@suite/shared/ml';
import { dataDir, flag, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { map } = JSON.parse(readFileSync(join(here, 'fixtures', 'banking77-to-demo.json'), 'utf8')) as {
  map: Record<string, string>;
};
const rows = readIntentCsv(join(dataDir(), 'banking77', 'test.csv'));
const mapped = rows.filter((r) => map[r.intent] !== undefined);
const unmapped = rows.filter((r) => map[r.intent] === undefined);
const share = (n: number, of: number) => Number((n / of).toFixed(4));

const seeds = flag('seeds', '1,2,3').split(',').map(Number);
for (const set of flag('sets', 'en/en,zh/en,zh,es').split('/')) {
  const languages = set.split(',') as DemoLanguage[];
  const kb = getDemoKnowledgeBase(languages);
  // As the service does: the message's language picks its temperature (a multilingual demo has one per language).
  const evidence = getLanguageEvidence(kb);
  const language = new Map(rows.map((r) => [r.text, detectLanguage(r.text, kb.languages, evidence)]));
  let right = 0;
  let wrong = 0;
  let top1 = 0;
  let answeredUnmapped = 0;
  let separation = 0;
  const cpu0 = process.cpuUsage();
  for (const seed of seeds) {
    const { classifier } = await trainOnKnowledgeBase(kb, [], undefined, {
      seed,
      minConfidence: DEFAULT_MIN_CONFIDENCE,
      ...(process.argv.includes('--shared-temperature') && { languageTemperatureRows: false }),
    });
    // Threshold-free: the top intent on covered questions, and how well confidence tells covered from uncovered.
    const confidences: number[] = [];
    for (const r of mapped) {
      const p = classifier.predict(r.text, undefined, language.get(r.text));
      confidences.push(p.confidence);
      if (p.intent === map[r.intent]) top1++;
      if (p.outOfScope) continue;
      if (p.intent === map[r.intent]) right++;
      else wrong++;
    }
    for (const r of unmapped) {
      const p = classifier.predict(r.text, undefined, language.get(r.text));
      confidences.push(p.confidence);
      if (!p.outOfScope) answeredUnmapped++;
    }
    separation += auroc(
      confidences,
      confidences.map((_, i) => i < mapped.length),
    );
  }
  const cpu = process.cpuUsage(cpu0);
  const notEnglish = rows.filter((r) => language.get(r.text) !== 'en').length;
  report({
    figure: 'English customers (Banking77 test.csv) on the served demo',
    demo: languages,
    mappedRows: mapped.length,
    seeds: seeds.length,
    top1OnCovered: share(top1, mapped.length * seeds.length),
    coveredVsUncoveredAuroc: Number((separation / seeds.length).toFixed(4)),
    answeredRight: share(right, mapped.length * seeds.length),
    answeredWrong: share(wrong, mapped.length * seeds.length),
    outOfScope: share(mapped.length * seeds.length - right - wrong, mapped.length * seeds.length),
    unmappedRows: unmapped.length,
    unmappedAnswered: share(answeredUnmapped, unmapped.length * seeds.length),
    notAnsweredInEnglish: notEnglish,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    cpuSecondsPerSeed: Number(((cpu.user + cpu.system) / 1e6 / seeds.length).toFixed(3)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
