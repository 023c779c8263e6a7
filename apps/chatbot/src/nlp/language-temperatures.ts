// A temperature per language of a multilingual knowledge base, each fitted on out-of-fold scores of that language's
// examples, so a language's operating point at the threshold rests on its own examples, all of them.
import type { Rng } from '@suite/shared/ml';
import { fitTemperature } from './temperature.ts';
import type { IntentClassifier } from './intent-classifier.ts';
import { scoreInto } from './linear-model.ts';
import type { TrainingExample } from './training-set.ts';

/** How a multilingual knowledge base calibrates per language (src/kb/knowledge-base-training.ts). */
export interface LanguageTemperatureOptions {
  /** The language of a text, as the service will detect it for a message (one of the declared languages). */
  languageOf: (text: string) => string;
  /** Examples a language needs for a temperature of its own; a language with fewer uses the shared one. */
  minRows: number;
  /**
   * Every example is scored by one of `folds` (2 or more) classifiers trained without its fold, so each language
   * calibrates on all of its examples (the shared temperature's held-out share holds a dozen of each).
   */
  folds: number;
}

/**
 * Defaults of the per-language calibration, chosen on validation only (`bench/language-calibration.ts`: the demo's
 * own examples in folds, Banking77 and SMP2018 train.csv; bench/RESULTS.md, 30 Nov 2026): 5 folds, and a language
 * needs 30 examples for a temperature of its own.
 */
export const DEFAULT_LANGUAGE_TEMPERATURE_ROWS = 30;
export const DEFAULT_LANGUAGE_TEMPERATURE_FOLDS = 5;

/**
 * Per-language temperatures from out-of-fold scores: each intent's examples are dealt into `options.folds` folds
 * (shuffled by `rng`), and each fold is scored by a classifier `trainFold` trains on the other folds. An intent with
 * fewer examples than folds is never held out (every fold's classifier knows every intent, in the same order).
 * Raw linear scores, as the temperature divides them; the temperature applies to the classifier trained on all.
 */
export function crossFitLanguageTemperatures(
  examples: readonly TrainingExample[],
  options: LanguageTemperatureOptions,
  rng: Rng,
  trainFold: (fit: TrainingExample[], fold: number) => IntentClassifier,
): Record<string, number> {
  const folds = Math.max(2, Math.floor(options.folds));
  const byIntent = new Map<string, TrainingExample[]>();
  for (const ex of examples) byIntent.set(ex.intent, [...(byIntent.get(ex.intent) ?? []), ex]);
  const foldOf = new Map<TrainingExample, number>();
  for (const group of byIntent.values()) {
    if (group.length < folds) continue;
    rng.shuffle(group);
    group.forEach((ex, i) => foldOf.set(ex, i % folds));
  }
  const classes = byIntent.size;
  const scores: number[] = [];
  const labels: number[] = [];
  const languages: string[] = [];
  const row = new Float64Array(classes);
  for (let k = 0; k < folds; k++) {
    const held = examples.filter((ex) => foldOf.get(ex) === k);
    if (held.length === 0) continue;
    const clf = trainFold(
      examples.filter((ex) => foldOf.get(ex) !== k),
      k,
    );
    for (const ex of held) {
      scoreInto(clf.data.model, clf.features(ex.text, ex.embedding), row);
      scores.push(...row);
      labels.push(clf.labels.indexOf(ex.intent));
      languages.push(options.languageOf(ex.text));
    }
  }
  return fitLanguageTemperatures(
    Float64Array.from(scores),
    Int32Array.from(labels),
    classes,
    languages,
    options.minRows,
  );
}

/**
 * One temperature per language with at least `minRows` held-out rows, fitted on those rows alone; languages with
 * fewer get none (they fall back to the shared temperature). `scores` is row-major rows x classes, `languages` the
 * language of each row. Deterministic: no random draw.
 *
 * @example fitLanguageTemperatures(scores, labels, 21, ['en', 'zh', ...], 10) // { en: 0.41, zh: 0.37 }
 */
export function fitLanguageTemperatures(
  scores: Float64Array,
  labels: Int32Array,
  classes: number,
  languages: readonly string[],
  minRows: number,
): Record<string, number> {
  const rowsOf = new Map<string, number[]>();
  languages.forEach((language, row) => rowsOf.set(language, [...(rowsOf.get(language) ?? []), row]));
  const out: Record<string, number> = {};
  for (const [language, rows] of [...rowsOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (rows.length < minRows) continue;
    const s = new Float64Array(rows.length * classes);
    rows.forEach((row, n) => s.set(scores.subarray(row * classes, (row + 1) * classes), n * classes));
    out[language] = fitTemperature(
      s,
      Int32Array.from(rows, (row) => labels[row] as number),
      classes,
    );
  }
  return out;
}

/** The temperature a message in `language` is calibrated with: its language's own, else the shared one. */
export function temperatureFor(
  shared: number,
  perLanguage: Readonly<Record<string, number>> | undefined,
  language: string | undefined,
): number {
  if (perLanguage === undefined || language === undefined) return shared;
  return Object.hasOwn(perLanguage, language) ? (perLanguage[language] as number) : shared;
}
