// The console's message catalogues: one object of words per language (English, Chinese, Spanish), picked by a
// language tag, with "{name}" placeholders filled in by the caller. The customer chat's labels and the staff pages'
// words are both catalogues of this kind.
import { primaryLanguage } from '../../src/nlp/language-detection.ts';

/** The languages every catalogue has, by primary subtag. */
export const CATALOGUE_LANGUAGES = ['en', 'zh', 'es'] as const;

export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];

/** The same words in every catalogue language. */
export type Catalogue<T> = Readonly<Record<CatalogueLanguage, T>>;

/** The catalogue language of a tag ("zh-Hans" and "zh-CN" count as "zh"), if it is one. */
export function catalogueLanguage(tag: string | undefined): CatalogueLanguage | undefined {
  const primary = tag === undefined ? undefined : primaryLanguage(tag);
  return CATALOGUE_LANGUAGES.find((l) => l === primary);
}

/**
 * A catalogue's words for a language tag; English for a language it does not have, and for none.
 *
 * @example fromCatalogue(CUSTOMER_LABELS, 'es-MX').send // "Enviar"
 */
export function fromCatalogue<T>(catalogue: Catalogue<T>, tag: string | undefined): T {
  return catalogue[catalogueLanguage(tag) ?? 'en'];
}

/** The "{name}" placeholders of a catalogue string, sorted. */
export const placeholdersOf = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

/**
 * A catalogue string with its placeholders replaced, as pieces: a value may be markup (a `<strong>`), so the
 * caller renders the array. A placeholder without a value stays as it is, so a missing one shows.
 *
 * @example fillParts('Handoff #{id}', { id: 7 }) // ["Handoff #", "7", ""]
 */
export function fillParts<V>(
  template: string,
  values: Record<string, V | string | number>,
): Array<V | string> {
  return template.split(/(\{\w+\})/).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    const value = name === undefined ? undefined : values[name];
    return value === undefined ? piece : typeof value === 'number' ? String(value) : value;
  });
}

/**
 * A catalogue string with its placeholders replaced by text.
 *
 * @example fill('claimed by {agent}', { agent: 'ann' }) // "claimed by ann"
 */
export const fill = (template: string, values: Record<string, string | number>): string =>
  fillParts<string>(template, values).join('');
