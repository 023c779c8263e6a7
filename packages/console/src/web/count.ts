// "1 point", "2 points": a count with its noun in the right number (the consoles are written in English).

const rules = new Intl.PluralRules('en');

/** `n` followed by `singular`, or by `plural` (default: singular + "s") when English says so. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? singular : plural}`;
}
