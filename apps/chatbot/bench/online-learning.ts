// How far one approved correction moves the classifier when folded in online (`learn()`), with the hidden-layer
// member trained by default on Banking77 and without it. Train data only: 80% fits, the other 20% (seeded, stratified
// by nothing) gives the misclassified rows that are corrected and the rest, whose accuracy shows what the corrections
// cost. `member, linear half only` replays the behaviour before the member learned too (its weights restored).
import { createRng } from '@suite/shared/ml';
import { decodeClassifier, encodeClassifier } from '../src/nlp/classifier-artifact.ts';
import type { IntentClassifier } from '../src/nlp/intent-classifier.ts';
import { trainIntentClassifier } from '../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv, report, type IntentRow } from './intent-data.ts';

const corrections = Number(flag('corrections', '50'));
const rows = readIntentCsv(intentFilesFromArgs().train);
createRng(Number(flag('seed', '1'))).shuffle(rows);
const cut = Math.floor(rows.length * 0.8);
const fit = rows.slice(0, cut);
const held = rows.slice(cut);

const rightShare = (clf: IntentClassifier, set: IntentRow[]) =>
  set.filter((r) => clf.predict(r.text).intent === r.intent).length / Math.max(1, set.length);

function run(name: string, clf: IntentClassifier, keepMember: boolean): void {
  const wrong = held.filter((r) => clf.predict(r.text).intent !== r.intent).slice(0, corrections);
  const rest = held.filter((r) => !wrong.includes(r));
  const before = rightShare(clf, rest);
  const member = clf.data.hiddenLayer?.model;
  let confidence = 0;
  let rightAtOnce = 0;
  for (const r of wrong) {
    const saved =
      keepMember && member
        ? [member.input, member.hiddenBias, member.output, member.outputBias].map((a) => a.slice())
        : undefined;
    clf.learn(r.text, r.intent);
    if (saved && member)
      [member.input, member.hiddenBias, member.output, member.outputBias].forEach((a, i) => a.set(saved[i]!));
    const now = clf.predict(r.text);
    if (now.intent === r.intent) rightAtOnce += 1;
    confidence += now.ranked.find((s) => s.intent === r.intent)?.confidence ?? 0;
  }
  report({
    bench: 'online-learning',
    variant: name,
    corrections: wrong.length,
    correctedRightAtOnce: rightAtOnce / wrong.length,
    meanConfidenceOfCorrection: confidence / wrong.length,
    correctedRightAfterAll: rightShare(clf, wrong),
    restAccuracyBefore: before,
    restAccuracyAfter: rightShare(clf, rest),
    restRows: rest.length,
  });
}

const withMember = trainIntentClassifier(fit, { augment: false });
const bytes = encodeClassifier(withMember);
run('member (learn moves both)', withMember, false);
if (flag('only', '') !== 'member') {
  run('member, linear half only (before)', decodeClassifier(bytes), true);
  run('linear only (no member)', trainIntentClassifier(fit, { augment: false, hiddenLayer: false }), false);
}
