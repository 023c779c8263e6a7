// What a staff page needs to speak the chosen UI language: its words, and dates and numbers formatted by Intl for
// that locale. Components read it from a context the console's root provides.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createUiLocale, type UiLocale } from './ui-locale-format.ts';

export { createUiLocale, type UiLocale } from './ui-locale-format.ts';

const UiLocaleContext = createContext<UiLocale>(createUiLocale('en'));

/** Provides the chosen locale to the pages below it. */
export const UiLocaleProvider = UiLocaleContext.Provider;

/** The staff page's locale (English outside a provider). */
export const useUiLocale = (): UiLocale => useContext(UiLocaleContext);
