import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createIntentClassifier } from './intent-classifier.ts';
import {
  crossFitLanguageTemperatures,
  fitLanguageTemperatures,
  temperatureFor,
  type LanguageTemperatureOptions,
} from './language-temperatures.ts';
import { fitTemperature } from './temperature.ts';
import { trainIntentClassifier, type TrainingExample } from './train-intent-classifier.ts';

// Two classes; English rows are separated by a wide margin (some wrong), Spanish rows by a narrow one.
const rows: { language: string; scores: [number, number]; label: number }[] = [
  ...[0, 1, 2, 3, 4, 5].map((i) => ({
    language: 'en',
    scores: [i === 5 ? -4 : 4, i === 5 ? 4 : -4] as [number, number],
    label: 0,
  })),
  ...[0, 1, 2, 3].map((i) => ({
    language: 'es',
    scores: [0.5, -0.5] as [number, number],
    label: i % 4 === 3 ? 1 : 0,
  })),
  { language: 'zh', scores: [1, 0], label: 0 },
];
const scores = Float64Array.from(rows.flatMap((r) => r.scores));
const labels = Int32Array.from(rows.map((r) => r.label));
const languages = rows.map((r) => r.language);

describe('fitLanguageTemperatures', () => {
  it('fits each language on its own rows alone and leaves out a language with fewer than minRows', () => {
    const t = fitLanguageTemperatures(scores, labels, 2, languages, 4);
    expect(Object.keys(t)).toEqual(['en', 'es']);
    expect(t.en).toBe(fitTemperature(scores.subarray(0, 12), labels.subarray(0, 6), 2));
    expect(t.es).toBe(fitTemperature(scores.subarray(12, 20), labels.subarray(6, 10), 2));
    expect(t.en).not.toBeCloseTo(t.es as number, 2);
  });
});

describe('temperatureFor', () => {
  it('gives a language its own temperature and anything else the shared one', () => {
    expect(temperatureFor(0.3, { en: 0.2 }, 'en')).toBe(0.2);
    expect(temperatureFor(0.3, { en: 0.2 }, 'es')).toBe(0.3);
    expect(temperatureFor(0.3, { en: 0.2 }, undefined)).toBe(0.3);
    expect(temperatureFor(0.3, undefined, 'en')).toBe(0.3);
    expect(temperatureFor(0.3, { en: 0.2 }, 'toString')).toBe(0.3);
  });
});

const bilingual: TrainingExample[] = [
  ...['where is my card', 'my card has not arrived', 'card still not here', 'has my card been sent'].map(
    (text) => ({ text, intent: 'card_arrival' }),
  ),
  ...['cancel my transfer', 'undo my transfer please', 'can i cancel a transfer', 'stop that transfer'].map(
    (text) => ({ text, intent: 'cancel_transfer' }),
  ),
  ...[
    'donde esta mi tarjeta',
    'mi tarjeta no ha llegado',
    'aun no tengo la tarjeta',
    'enviaron mi tarjeta',
  ].map((text) => ({ text, intent: 'card_arrival' })),
  ...[
    'cancelar mi transferencia',
    'anular la transferencia',
    'puedo cancelar una transferencia',
    'parar el envio',
  ].map((text) => ({ text, intent: 'cancel_transfer' })),
];
const SPANISH = /tarjeta|transferencia|cancelar|anular|envio/;
const byWords: LanguageTemperatureOptions = {
  languageOf: (text) => (SPANISH.test(text) ? 'es' : 'en'),
  minRows: 8,
  folds: 3,
};

describe('crossFitLanguageTemperatures', () => {
  it('scores every example exactly once by a classifier trained without it, and repeats with the same seed', () => {
    const seen: TrainingExample[] = [];
    const trainFold = (fit: TrainingExample[], fold: number) => {
      const clf = trainIntentClassifier(fit, { seed: fold + 1 });
      return {
        ...clf,
        features(text: string) {
          const held = bilingual.find((ex) => ex.text === text) as TrainingExample;
          expect(fit).not.toContain(held);
          seen.push(held);
          return clf.features(text);
        },
      };
    };
    const t = crossFitLanguageTemperatures(bilingual, byWords, createRng(3), trainFold);
    expect(new Set(seen)).toEqual(new Set(bilingual));
    expect(seen).toHaveLength(bilingual.length);
    expect(Object.keys(t)).toEqual(['en', 'es']);
    expect(crossFitLanguageTemperatures(bilingual, byWords, createRng(3), trainFold)).toEqual(t);
  });

  it('never holds out an intent with fewer examples than folds (every fold knows every intent)', () => {
    const rare = [...bilingual, { text: 'close my account', intent: 'close_account' }];
    const labels: string[][] = [];
    crossFitLanguageTemperatures(rare, { ...byWords, minRows: 1 }, createRng(3), (fit, fold) => {
      const clf = trainIntentClassifier(fit, { seed: fold + 1 });
      labels.push([...clf.labels]);
      return clf;
    });
    expect(labels).toHaveLength(3);
    for (const l of labels) expect(l).toEqual(['cancel_transfer', 'card_arrival', 'close_account']);
  });
});

describe('per-language temperatures in prediction', () => {
  it("calibrate a message with its language's temperature, the shared one without a language or its own", () => {
    const trained = trainIntentClassifier(bilingual, { seed: 2 });
    const clf = createIntentClassifier({ ...trained.data, languageTemperatures: { es: 50 } });
    const message = 'mi tarjeta no ha llegado';
    const shared = clf.predict(message);
    expect(clf.predict(message, undefined, 'en')).toEqual(shared);
    const spanish = clf.predict(message, undefined, 'es');
    expect(spanish.intent).toBe(shared.intent);
    // A hotter temperature flattens the softmax: two intents, so toward 0.5.
    expect(spanish.confidence).toBeLessThan(shared.confidence);
    expect(spanish.confidence).toBeGreaterThan(0.5);
  });
});
