// The dev demo's catalogue: the synthetic world of synthetic.ts with made-up film titles, so the console shows
// something readable on a first run without any licensed data.
import { createSyntheticData, type SyntheticData } from './synthetic.ts';

const ADJECTIVES = [
  'Silent',
  'Crimson',
  'Last',
  'Hidden',
  'Golden',
  'Broken',
  'Midnight',
  'Distant',
  'Wild',
  'Frozen',
];
const NOUNS = [
  'Harbor',
  'Orchard',
  'Signal',
  'Garden',
  'Frontier',
  'Lantern',
  'Canyon',
  'Archive',
  'Circus',
  'Tide',
];

/** `nItems` titled items, rated by `nUsers` users (`perUser` each), the same for a given seed. */
export function createDemoCatalogue(
  options: { nUsers?: number; nItems?: number; perUser?: number } = {},
): SyntheticData {
  const data = createSyntheticData({ nUsers: 150, nItems: 100, perUser: 20, seed: 13, ...options });
  for (const item of data.items) {
    const i = item.id - 1;
    const adjective = ADJECTIVES[i % ADJECTIVES.length] as string;
    const noun = NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length] as string;
    item.title = `The ${adjective} ${noun} (${1970 + ((i * 7) % 50)})`;
  }
  return data;
}
