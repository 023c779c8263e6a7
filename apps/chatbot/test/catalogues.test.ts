// Every message catalogue of the console says every thing in every language: the same keys as English, no empty
// string, the same "{placeholders}"; and the UI language is the agent's choice, else the browser's, else English.
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_LANGUAGES,
  fill,
  fillParts,
  placeholdersOf,
  type Catalogue,
} from '../web/src/catalogue.ts';
import { CUSTOMER_LABELS } from '../web/src/customer-labels.ts';
import { PROBLEM_LABELS } from '../web/src/problem-labels.ts';
import { STAFF_LABELS, staffLabels, valueWord } from '../web/src/staff-labels.ts';
import { chooseUiLanguage } from '../web/src/ui-language.ts';
import { createUiLocale } from '../web/src/ui-locale-format.ts';

const CATALOGUES: Record<string, Catalogue<object>> = {
  customer: CUSTOMER_LABELS,
  staff: STAFF_LABELS,
  problem: PROBLEM_LABELS,
};

describe('the message catalogues', () => {
  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    const english = catalogue.en as Record<string, string>;
    for (const language of CATALOGUE_LANGUAGES) {
      const words = catalogue[language] as Record<string, string>;
      it(`${name}: ${language} has the same keys as English, none empty, the same placeholders`, () => {
        expect(Object.keys(words).sort()).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(words)) {
          expect(text.trim(), `${language}.${key}`).not.toBe('');
          expect(placeholdersOf(text), `${language}.${key}`).toEqual(placeholdersOf(english[key] ?? ''));
        }
      });
    }
  }

  it("has the staff pages' words in Chinese and Spanish, not English ones left in", () => {
    expect(staffLabels('zh-CN').viewAgent).toBe('坐席工作台');
    expect(staffLabels('es').claim).toBe('Atender');
    expect(staffLabels('fr')).toBe(STAFF_LABELS.en);
    // A word left untranslated reads the same as the English one: only names and codes may.
    const same = (language: 'zh' | 'es') =>
      Object.entries(STAFF_LABELS[language])
        .filter(([key, text]) => text === STAFF_LABELS.en[key as keyof typeof STAFF_LABELS.en])
        .map(([key]) => key);
    expect(same('zh')).toEqual([]);
    expect(same('es')).toEqual(['jobProgress']); // "{action}: {state} {progress}": placeholders only
  });

  it("words the API's values in the UI language and keeps one it does not know", () => {
    expect(valueWord(staffLabels('zh'), 'handoffStatus', 'claimed')).toBe('接待中');
    expect(valueWord(staffLabels('es'), 'handoffReason', 'low_confidence')).toBe('confianza baja');
    expect(valueWord(staffLabels('zh'), 'turnSource', 'something_new')).toBe('something_new');
  });
});

describe('fill', () => {
  it('puts values in their placeholders and leaves an unknown one showing', () => {
    expect(fill('Handoff #{id}', { id: 7 })).toBe('Handoff #7');
    expect(fill('{action}: {state}', { action: 'Retrained' })).toBe('Retrained: {state}');
    expect(fillParts('a {x} b', { x: { node: true } })).toEqual(['a ', { node: true }, ' b']);
  });
});

describe('chooseUiLanguage', () => {
  it("takes the agent's stored choice first, then the first browser language the console has, else English", () => {
    expect(chooseUiLanguage('es', ['zh-CN'])).toBe('es');
    expect(chooseUiLanguage(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(chooseUiLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(chooseUiLanguage(null, ['de', 'es-MX'])).toBe('es');
    expect(chooseUiLanguage(null, ['de', 'fr'])).toBe('en');
    // A stored value that is not one of the console's (an older version's, or edited by hand) is ignored.
    expect(chooseUiLanguage('klingon', ['es'])).toBe('es');
  });
});

describe('createUiLocale', () => {
  it('formats numbers, shares and dates for the chosen locale through Intl', () => {
    const zh = createUiLocale('zh-CN');
    const es = createUiLocale('es');
    const en = createUiLocale('en');
    expect(en.percent(0.874)).toBe('87%');
    expect(es.percent(0.874)).toBe('87\u00a0%');
    expect(en.count(12345)).toBe('12,345');
    expect(es.count(12345)).toBe('12.345');
    expect(zh.seconds(1.5)).toBe('1.50秒');
    expect(zh.dateTime('2026-12-01T07:05:00Z')).toMatch(/2026年12月1日/);
    expect(es.dateTime('2026-12-01T07:05:00Z')).toMatch(/dic 2026/);
    expect(en.dateTime('not a date')).toBe('not a date');
  });
});
