// The chosen UI language's words, and dates and numbers formatted by Intl for that locale: plain functions, no
// Preact, so Node's tests (and type-check, which must not take in the DOM's types) read them directly.
import { staffLabels, valueWord, type StaffLabels, type ValueKind } from './staff-labels.ts';
import type { UiLanguage } from './ui-language.ts';

/** The UI language, its words and its formats. */
export interface UiLocale {
  language: UiLanguage;
  t: StaffLabels;
  /** An ISO timestamp as a date and time ("1 Dec 2026, 07:05", "2026年12月1日 07:05"). */
  dateTime(iso: string): string;
  /** A count ("1,234", "1.234"). */
  count(n: number): string;
  /** A share as a whole percentage ("87%", "87 %"). */
  percent(share: number): string;
  /** A duration in seconds, two decimals ("1.25 sec", "1,25 s", "1.25秒"). */
  seconds(s: number): string;
  /** An API value (a status, reason, source or state) in words. */
  word(kind: ValueKind, value: string): string;
}

/**
 * @example createUiLocale('es').percent(0.87) // "87 %"
 */
export function createUiLocale(language: UiLanguage): UiLocale {
  const t = staffLabels(language);
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const count = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const seconds = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return {
    language,
    t,
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
    count: (n) => count.format(n),
    percent: (share) => percent.format(share),
    seconds: (s) => seconds.format(s),
    word: (kind, value) => valueWord(t, kind, value),
  };
}
