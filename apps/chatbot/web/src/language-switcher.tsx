// The staff pages' language picker in the top bar: each language named in itself, so an agent finds theirs
// whatever the page speaks now.
import { UI_LANGUAGES, type UiLanguage } from './ui-language.ts';
import { useUiLocale } from './ui-locale.ts';

/** @example <LanguageSwitcher onChange={(tag) => (saveUiLanguage(tag), setLanguage(tag))} /> */
export function LanguageSwitcher({ onChange }: { onChange(language: UiLanguage): void }) {
  const { language, t } = useUiLocale();
  return (
    <label class="ui-language">
      {t.uiLanguage}
      <select
        value={language}
        onChange={(e) => {
          const picked = UI_LANGUAGES.find((l) => l.tag === e.currentTarget.value);
          if (picked) onChange(picked.tag);
        }}
      >
        {UI_LANGUAGES.map((l) => (
          <option key={l.tag} value={l.tag} lang={l.tag}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
