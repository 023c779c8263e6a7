// The staff pages' language: the one the agent picked in the switcher (kept in localStorage, a UI preference, not
// a secret), else the first of the browser's languages the console has, else English.
import { catalogueLanguage } from './catalogue.ts';

/** The console's UI languages: the tag set on <html lang> and the name the switcher shows (in that language). */
export const UI_LANGUAGES = [
  { tag: 'zh-CN', name: '简体中文' },
  { tag: 'es', name: 'Español' },
  { tag: 'en', name: 'English' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['tag'];

/** The localStorage key of the agent's choice. */
export const UI_LANGUAGE_KEY = 'chatbot.uiLanguage';

const isUiLanguage = (tag: string | null | undefined): tag is UiLanguage =>
  UI_LANGUAGES.some((l) => l.tag === tag);

/**
 * The UI language for a stored choice and the browser's preferred languages (navigator.languages, best first):
 * any Chinese tag gets the Simplified Chinese pages, the only Chinese the console has.
 *
 * @example chooseUiLanguage(null, ['fr-FR', 'zh-TW', 'en']) // "zh-CN"
 */
export function chooseUiLanguage(stored: string | null, preferred: readonly string[]): UiLanguage {
  if (isUiLanguage(stored)) return stored;
  for (const tag of preferred) {
    const language = catalogueLanguage(tag);
    if (language) return language === 'zh' ? 'zh-CN' : language;
  }
  return 'en';
}
