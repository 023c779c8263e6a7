// The messages both Latin-script language benches read: English customers (Banking77 train.csv; test.csv is not
// read), the English and Spanish demos' examples, the Spanish smoke set, and the project-written messages in
// languages the demo does not declare (fixtures/latin-undeclared.json: fr de it pt nl; latin-undeclared-more.json:
// the other Latin-script languages eld knows, Indonesian and more Portuguese), each split into `tune` and `heldOut`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { dataDir, readIntentCsv } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, 'fixtures', name), 'utf8'));
type Parts = Record<'tune' | 'heldOut', Record<string, string[]>>;

const es = fixture('es-smoke.json') as { heldOut: Record<string, string[]>; outOfDomain: string[] };

/** Banking77 train.csv's 10,003 messages. */
export const english = readIntentCsv(join(dataDir(), 'banking77', 'train.csv')).map((r) => r.text);

/** es-smoke.json's held-out phrasings and out-of-domain messages. */
export const spanishSmoke = [...Object.values(es.heldOut).flat(), ...es.outOfDomain];

/** A demo knowledge base's examples in one language. */
export const examples = (language: 'en' | 'es') =>
  getDemoKnowledgeBase([language]).intents.flatMap((i) => i.examples);

/**
 * Per part, per language, the project's messages written at 19:55 on 1 Dec to name languages better
 * (fixtures/undeclared-names.json: Norwegian, Danish, Swedish, Catalan, Czech, Slovak, short Italian; Cyrillic and
 * Arabic-script languages), kept apart from `undeclaredSets` so each set's totals stay comparable.
 */
export function namingSets(): Parts {
  return fixture('undeclared-names.json') as Parts;
}

/** Per part, per language, the project's messages in languages the demo does not declare (both fixtures). */
export function undeclaredSets(): Parts {
  const first = fixture('latin-undeclared.json') as Parts;
  const more = fixture('latin-undeclared-more.json') as Parts;
  const merge = (a: Record<string, string[]>, b: Record<string, string[]>) => {
    const out: Record<string, string[]> = { ...a };
    for (const [l, texts] of Object.entries(b)) out[l] = [...(out[l] ?? []), ...texts];
    return out;
  };
  return { tune: merge(first.tune, more.tune), heldOut: merge(first.heldOut, more.heldOut) };
}

/**
 * Per part, per language, the Latin-script messages written at 23:00 on 1 Dec (fixtures/undeclared-names-2.json:
 * Norwegian, Danish, Swedish, Czech, Slovak) for naming Scandinavian and Czech/Slovak messages better.
 */
export function namingSets2(): Parts {
  const all = fixture('undeclared-names-2.json') as Record<
    'tune' | 'heldOut',
    { latin: Record<string, string[]> }
  >;
  return { tune: all.tune.latin, heldOut: all.heldOut.latin };
}
