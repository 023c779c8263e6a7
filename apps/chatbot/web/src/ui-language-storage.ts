// The browser side of the UI language: the agent's stored choice and the browser's languages. Apart from
// ui-language.ts so Node's tests and type-check read the choice rule without the DOM's globals.
import { chooseUiLanguage, UI_LANGUAGE_KEY, type UiLanguage } from './ui-language.ts';

/** The language this page opens in. */
export function loadUiLanguage(): UiLanguage {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(UI_LANGUAGE_KEY);
  } catch {
    // Storage blocked (a privacy setting): the browser's languages decide.
  }
  return chooseUiLanguage(stored, navigator.languages ?? [navigator.language]);
}

/** Remembers the agent's choice for the next visit; a blocked storage only forgets it. */
export function saveUiLanguage(tag: UiLanguage): void {
  try {
    localStorage.setItem(UI_LANGUAGE_KEY, tag);
  } catch {
    // Nothing to remember it in: this visit still uses it.
  }
}
